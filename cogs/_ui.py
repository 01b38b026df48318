"""Buttons that keep working after a restart: each is handled by its custom_id alone."""

from __future__ import annotations

import re
from typing import Any, Self

import discord

from bot.errors import NotFound
from bot.tree import describe_error, reply_ephemeral
from cogs._typing import Interaction, ours

# Ids in custom_ids become database keys; SQLite integers stop below 2**63.
_LARGEST_ID = 2**63 - 1

Button = discord.ui.Button[discord.ui.View]


class PersistentButton(discord.ui.DynamicItem[Button], template=r"(?!)"):
    """A button whose custom_id carries everything needed to handle a click.

    Each subclass reads its own values from the custom_id in `from_custom_id` and acts in
    `clicked`. discord.py only logs exceptions raised by dynamic items; `callback` routes them
    through the same private replies as slash commands, so a refused click says why."""

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[discord.Client],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        raise NotImplementedError

    async def callback(self, interaction: discord.Interaction[discord.Client]) -> None:
        try:
            await self.clicked(ours(interaction))
        except Exception as error:  # every error gets an answer, as in slash commands
            await reply_ephemeral(interaction, describe_error(error))

    async def clicked(self, interaction: Interaction) -> None:
        raise NotImplementedError


def id_in(match: re.Match[str], name: str) -> int:
    """A number from a custom_id (its pattern allows digits only). A forged or mangled one too
    large for the database names nothing here."""
    value = int(match[name])
    if value > _LARGEST_ID:
        raise NotFound("That button no longer points at anything here.")
    return value


def button_of(item: discord.ui.Item[Any]) -> Button:
    """The clicked item as the button it is: the patterns only ever go on buttons."""
    if isinstance(item, discord.ui.Button):
        return item
    return discord.ui.Button(custom_id=getattr(item, "custom_id", None))


class IdButton(PersistentButton, template=r"(?!)"):
    """A button about one stored thing (a show, an article, an offer): its pattern's only group
    is that thing's id."""

    def __init__(self, item: Button, target_id: int) -> None:
        super().__init__(item)
        self.target_id = target_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[discord.Client],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        [name] = match.groupdict()
        return cls(button_of(item), id_in(match, name))
