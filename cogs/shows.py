"""/show add, /show list, /show remove: parse the interaction, call the service, render."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.shows import NETWORK_MAX, SEASON_MAX, TITLE_MAX
from bot.render import shows as render

if TYPE_CHECKING:
    from bot.app import PremiereBot


class ShowListPage(discord.ui.DynamicItem[discord.ui.Button], template=r"shows:page:(?P<page>\d+)"):
    """A page-turn button that needs no memory: the page it leads to is in its custom_id, so it
    keeps working after a restart."""

    def __init__(self, page: int, *, label: str, disabled: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                custom_id=f"shows:page:{page}",
                disabled=disabled,
                style=discord.ButtonStyle.secondary,
            )
        )
        self.page = page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str]
    ) -> ShowListPage:
        return cls(int(match["page"]), label=item.label or "")

    async def callback(self, interaction: discord.Interaction[PremiereBot]) -> None:
        assert interaction.guild_id is not None
        embed, view = await list_page(interaction.client, interaction.guild_id, self.page)
        await interaction.response.edit_message(embed=embed, view=view)


async def list_page(
    bot: PremiereBot, guild_id: int, page: int
) -> tuple[discord.Embed, discord.ui.View]:
    shows = await bot.shows.upcoming(guild_id)
    pages = render.page_count(len(shows))
    page = min(page, pages - 1)
    view = discord.ui.View(timeout=None)
    if pages > 1:
        # Disabled ends still need distinct, valid ids: they point at the page itself.
        view.add_item(ShowListPage(max(page - 1, 0), label="◀ Previous", disabled=page == 0))
        view.add_item(
            ShowListPage(min(page + 1, pages - 1), label="Next ▶", disabled=page >= pages - 1)
        )
    return render.show_list(shows, page=page, now=bot.clock.now()), view


@app_commands.guild_only()
class Shows(
    commands.GroupCog, group_name="show", group_description="The premieres this server tracks"
):
    def __init__(self, bot: PremiereBot) -> None:
        self.bot = bot

    @app_commands.command(name="add")
    @app_commands.describe(
        title="The show's name, e.g. Jessica Jones",
        premiere='When it premieres: "March 8 2027", "2027-03-08 21:00", "next friday 9pm"',
        season="Which season premieres (leave empty for a new show)",
        network="Where it airs or streams, e.g. Netflix",
    )
    @app_commands.checks.has_permissions(manage_guild=True)
    async def add(
        self,
        interaction: discord.Interaction[PremiereBot],
        title: app_commands.Range[str, 1, TITLE_MAX],
        premiere: app_commands.Range[str, 1, 100],
        season: app_commands.Range[int, 0, SEASON_MAX] | None = None,
        network: app_commands.Range[str, 1, NETWORK_MAX] | None = None,
    ) -> None:
        """Track a show's premiere in this server (needs Manage Server)."""
        assert interaction.guild_id is not None
        show = await self.bot.shows.add(
            interaction.guild_id,
            title=title,
            premiere=premiere,
            season=season,
            network=network,
            added_by=interaction.user.id,
        )
        await interaction.response.send_message(embed=render.show_added(show))

    @app_commands.command(name="list")
    async def list_(self, interaction: discord.Interaction[PremiereBot]) -> None:
        """The premieres this server tracks, soonest first."""
        assert interaction.guild_id is not None
        embed, view = await list_page(self.bot, interaction.guild_id, 0)
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True)

    @app_commands.command(name="remove")
    @app_commands.describe(show="The show to stop tracking")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def remove(self, interaction: discord.Interaction[PremiereBot], show: str) -> None:
        """Stop tracking a show in this server (needs Manage Server)."""
        assert interaction.guild_id is not None
        target = await self.bot.shows.resolve(interaction.guild_id, show)
        removed = await self.bot.shows.remove(interaction.guild_id, target.id)
        await interaction.response.send_message(embed=render.show_removed(removed))

    @remove.autocomplete("show")
    async def show_autocomplete(
        self, interaction: discord.Interaction[PremiereBot], current: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        matches = await self.bot.shows.suggest(interaction.guild_id, current)
        return [app_commands.Choice(name=s.label[:100], value=str(s.id)) for s in matches]


async def setup(bot: PremiereBot) -> None:
    bot.add_dynamic_items(ShowListPage)
    await bot.add_cog(Shows(bot))
