"""/calendar link|reset: this server's premieres as a calendar feed and a web page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord import app_commands
from discord.ext import commands

from bot.render import calendars as render
from cogs._checks import require_manager
from cogs._typing import Interaction

if TYPE_CHECKING:
    from bot.app import PremiereBot


@app_commands.guild_only()
class Calendar(
    commands.GroupCog, group_name="calendar", group_description="This server's premiere calendar"
):
    """Everyone may see the links (they show only what /show list shows); only managers may
    change the secret."""

    def __init__(self, bot: PremiereBot) -> None:
        self.bot = bot

    @app_commands.command(name="link")
    async def link(self, interaction: Interaction) -> None:
        """This server's calendar: a page, and a feed for your own calendar app."""
        assert interaction.guild is not None
        links = await self.bot.services.calendars.link(interaction.guild.id, interaction.guild.name)
        await interaction.response.send_message(render.calendar_links(links), ephemeral=True)

    @app_commands.command(name="reset")
    async def reset(self, interaction: Interaction) -> None:
        """A new secret link: the old links stop working at once (needs Manage Server)."""
        assert interaction.guild is not None
        require_manager(interaction)
        links = await self.bot.services.calendars.reset(
            interaction.guild.id, interaction.guild.name
        )
        await interaction.response.send_message(
            render.calendar_links(links, reset=True), ephemeral=True
        )


async def setup(bot: PremiereBot) -> None:
    await bot.add_cog(Calendar(bot))
