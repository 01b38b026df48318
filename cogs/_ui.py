"""Pieces the cogs share: persistent buttons and autocompletes."""

from __future__ import annotations

import re
from typing import Any, Self

import discord
from discord import app_commands

from bot.domain.dates import timezone_suggestions
from bot.tree import describe_error, reply_ephemeral


class PersistentButton(discord.ui.DynamicItem[discord.ui.Button], template=r"(?!)"):
    """A button handled by its custom_id alone, so it keeps working after a restart.

    discord.py only logs exceptions raised by dynamic items; this routes them through the same
    ephemeral replies as slash commands, so a refused click says why."""

    def __init__(self, button: discord.ui.Button, **values: Any) -> None:
        super().__init__(button)
        self.values = values

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str]
    ) -> Self:
        return cls(item, **{k: int(v) for k, v in match.groupdict().items()})

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await self.clicked(interaction, **self.values)
        except Exception as error:  # every error gets an answer, as in slash commands
            await reply_ephemeral(interaction, describe_error(error))

    async def clicked(self, interaction: discord.Interaction, **values: int) -> None:
        raise NotImplementedError


def require_manager(interaction: discord.Interaction) -> None:
    """Manage Server, checked by the bot itself: buttons and forms have no default permissions,
    and a server can override a command's."""
    if not interaction.permissions.manage_guild:
        raise app_commands.MissingPermissions(["manage_guild"])


async def show_choices(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Autocomplete for any option that names one of this server's shows."""
    if interaction.guild_id is None:
        return []
    matches = await interaction.client.services.shows.suggest(interaction.guild_id, current)
    return [app_commands.Choice(name=s.label[:100], value=str(s.id)) for s in matches]


async def timezone_choices(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=z, value=z) for z in timezone_suggestions(current)]
