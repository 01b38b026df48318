"""The interaction type every cog handles: discord.py's, with this bot as its client."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias, cast

import discord

if TYPE_CHECKING:
    from bot.app import PremiereBot

Interaction: TypeAlias = discord.Interaction["PremiereBot"]


def ours(interaction: discord.Interaction[discord.Client]) -> Interaction:
    """discord.py types component and form callbacks for any client; this bot runs only as
    PremiereBot, so they get its services and clock like slash commands do."""
    return cast("Interaction", interaction)
