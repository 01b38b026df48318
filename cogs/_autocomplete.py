"""Autocompletes the cogs share."""

from __future__ import annotations

from discord import app_commands

from bot.domain.dates import timezone_suggestions
from cogs._typing import Interaction


async def show_choices(interaction: Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Any option that names one of this server's shows: the value is the show's id, so a pick
    names exactly one show."""
    if interaction.guild_id is None:
        return []
    matches = await interaction.client.services.shows.suggest(interaction.guild_id, current)
    return [app_commands.Choice(name=s.label[:100], value=str(s.id)) for s in matches]


async def timezone_choices(
    interaction: Interaction, current: str
) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=z, value=z) for z in timezone_suggestions(current)]
