"""/show add|edit|info|list|remove: parse the interaction, call the service, render the reply."""

from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING, Any, Self

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.episodes import Announce
from bot.domain.shows import NETWORK_MAX, SEASON_MAX, TITLE_MAX
from bot.render import components
from bot.render import shows as render
from bot.services.tvmaze import PICK as TVMAZE_PICK
from bot.services.tvmaze import pick_value
from cogs._autocomplete import show_choices, timezone_choices
from cogs._checks import require_manager
from cogs._typing import Interaction
from cogs._ui import Button, IdButton, PersistentButton, button_of

if TYPE_CHECKING:
    from bot.app import PremiereBot

ANNOUNCE_CHOICES = [
    app_commands.Choice(name="season premieres (default)", value=Announce.PREMIERES.value),
    app_commands.Choice(name="season premieres and finales", value=Announce.FINALES.value),
    app_commands.Choice(name="every episode", value=Announce.EPISODES.value),
]
Title = app_commands.Range[str, 1, TITLE_MAX]
Network = app_commands.Range[str, 1, NETWORK_MAX]
Season = app_commands.Range[int, 0, SEASON_MAX]
PremiereText = app_commands.Range[str, 1, 100]
TimezoneName = app_commands.Range[str, 1, 64]
MAX_DAYS = 3650
MAX_PAGE = 10_000  # far beyond any server's list; larger asks show the last page


class ListPageButton(PersistentButton, template=components.LIST_PAGE_PATTERN):
    def __init__(self, item: Button, page: int, days: int | None) -> None:
        super().__init__(item)
        self.page = page
        self.days = days

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[discord.Client],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        # Only the bot writes these ids, but a mangled one must still land on a real page.
        page = min(int(match["page"]), MAX_PAGE)
        days = min(int(match["days"]), MAX_DAYS)
        return cls(button_of(item), page, days or None)

    async def clicked(self, interaction: Interaction) -> None:
        embed, view = await list_page(interaction, self.page, self.days)
        await interaction.response.edit_message(embed=embed, view=view)


async def list_page(
    interaction: Interaction, page: int, days: int | None
) -> tuple[discord.Embed, discord.ui.View]:
    assert interaction.guild_id is not None
    services = interaction.client.services
    shows = await services.shows.upcoming(interaction.guild_id, within_days=days)
    mine = await services.subscriptions.subscribed_show_ids(
        interaction.guild_id, interaction.user.id
    )
    pages = render.page_count(len(shows))
    page = min(page, pages - 1)
    view = components.StaticView()
    if pages > 1:
        # Disabled ends still need distinct, valid ids: they point at the page itself.
        view.add_item(
            components.list_page_button(
                max(page - 1, 0), days, label="◀ Previous", disabled=page == 0
            )
        )
        view.add_item(
            components.list_page_button(
                min(page + 1, pages - 1), days, label="Next ▶", disabled=page >= pages - 1
            )
        )
    now = interaction.client.clock.now()
    # Only the first page of the whole list shows the seasons under way.
    first_of_all = days is None and page == 0
    airing = await services.tvmaze.airing(interaction.guild_id) if first_of_all else []
    embed = render.show_list(shows, page=page, now=now, days=days, subscribed=mine, airing=airing)
    return embed, view


async def tvmaze_choices(interaction: Interaction, current: str) -> list[app_commands.Choice[str]]:
    """TVmaze's shows for what is typed. Discord waits 3 seconds for choices at most: after 2,
    none is better than a failed box."""
    try:
        async with asyncio.timeout(2.0):
            found = await interaction.client.services.tvmaze.suggest(current)
    except TimeoutError:
        return []
    return [app_commands.Choice(name=s.label, value=pick_value(s)) for s in found[:25]]


async def add_from_tvmaze(
    interaction: Interaction,
    title: str,
    *,
    premiere: str | None,
    season: int | None,
    network: str | None,
    timezone: str | None,
    announce: Announce,
) -> None:
    """/show add by TVmaze: answered privately first (TVmaze may take seconds, and a refusal
    stays private), then the show is announced in the channel."""
    assert interaction.guild_id is not None
    await interaction.response.defer(ephemeral=True, thinking=True)
    show = await interaction.client.services.tvmaze.add(
        interaction.guild_id,
        title,
        added_by=interaction.user.id,
        season=season,
        network=network,
        premiere=premiere,
        timezone=timezone,
        announce=announce,
    )
    channel = interaction.channel
    try:
        # An ordinary post, not a followup: the first followup would fill the private answer.
        assert isinstance(channel, discord.abc.Messageable)
        message = await channel.send(
            embed=render.show_added_from_tvmaze(show, now=interaction.client.clock.now()),
            view=components.subscription_buttons(show.id),
        )
    except discord.Forbidden:
        await interaction.edit_original_response(
            content=f"Added {render.show_line(show)} from TVmaze. I can't post in this channel, "
            "so it wasn't announced here; see /show info."
        )
        return
    await interaction.edit_original_response(
        content=f"Added {render.show_line(show)} from TVmaze: {message.jump_url}"
    )


class SeasonOfferButton(IdButton, template=components.OFFER_PATTERN):
    async def clicked(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        require_manager(interaction)
        show = await interaction.client.services.tvmaze.accept_offer(
            interaction.guild_id, self.target_id, interaction.user.id
        )
        await interaction.response.send_message(
            embed=render.show_added_from_tvmaze(show, now=interaction.client.clock.now()),
            view=components.subscription_buttons(show.id),
        )


@app_commands.guild_only()
class Shows(
    commands.GroupCog, group_name="show", group_description="The premieres this server tracks"
):
    """Shows are managed by members with Manage Server and visible to everyone. Discord sets
    default permissions per top-level command only, so the managers' subcommands are checked by
    the bot itself."""

    def __init__(self, bot: PremiereBot) -> None:
        self.bot = bot

    @app_commands.command(name="add")
    @app_commands.describe(
        title="The show's name; pick a suggestion to look it up on TVmaze",
        premiere='When: "March 8 2027", "2027-03-08 21:00", "next friday 9pm ET", "March 2027". '
        "Leave empty to take it from TVmaze",
        season="Which season premieres (leave empty for a new show)",
        network="Where it airs or streams, e.g. Netflix",
        timezone="The timezone the premiere is given in (default: the server's)",
        announce="What to post: season premieres (default), finales too, or every episode "
        "(TVmaze shows only)",
    )
    @app_commands.autocomplete(title=tvmaze_choices, timezone=timezone_choices)
    @app_commands.choices(announce=ANNOUNCE_CHOICES)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def add(
        self,
        interaction: Interaction,
        title: Title,
        premiere: PremiereText | None = None,
        season: Season | None = None,
        network: Network | None = None,
        timezone: TimezoneName | None = None,
        announce: app_commands.Choice[str] | None = None,
    ) -> None:
        """Track a show's premiere in this server (needs Manage Server)."""
        assert interaction.guild_id is not None
        announces = Announce(announce.value) if announce else Announce.PREMIERES
        if premiere is None or TVMAZE_PICK.match(title.strip()):
            await add_from_tvmaze(
                interaction,
                title,
                premiere=premiere,
                season=season,
                network=network,
                timezone=timezone,
                announce=announces,
            )
            return
        show = await self.bot.services.shows.add(
            interaction.guild_id,
            title=title,
            premiere=premiere,
            season=season,
            network=network,
            timezone=timezone,
            added_by=interaction.user.id,
            announce=announces,
        )
        await interaction.response.send_message(
            embed=render.show_added(show), view=components.subscription_buttons(show.id)
        )

    @app_commands.command(name="edit")
    @app_commands.describe(
        show="The show to change",
        title="A new title",
        season="A new season number",
        network="A new network",
        premiere="A new premiere date; reminders follow it",
        timezone="The timezone the premiere is in",
        announce="What to post: season premieres, finales too, or every episode (TVmaze shows "
        "only)",
    )
    @app_commands.autocomplete(show=show_choices, timezone=timezone_choices)
    @app_commands.choices(announce=ANNOUNCE_CHOICES)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def edit(
        self,
        interaction: Interaction,
        show: str,
        title: Title | None = None,
        season: Season | None = None,
        network: Network | None = None,
        premiere: PremiereText | None = None,
        timezone: TimezoneName | None = None,
        announce: app_commands.Choice[str] | None = None,
    ) -> None:
        """Change a tracked show; only what you give changes (needs Manage Server)."""
        assert interaction.guild_id is not None
        services = self.bot.services
        # A change acts only on the show the member picked or named exactly, never a guess.
        target = await services.shows.pick(interaction.guild_id, show)
        changes: dict[str, Any] = {
            "title": title,
            "season": season,
            "network": network,
            "premiere": premiere,
            "timezone": timezone,
        }
        if announce is None:
            edit = await services.shows.edit(
                interaction.guild_id,
                target.id,
                title=title,
                season=season,
                network=network,
                premiere=premiere,
                timezone=timezone,
            )
            await interaction.response.send_message(
                embed=render.show_edited(edit.before, edit.after)
            )
            return
        announces = Announce(announce.value)
        if announces is not Announce.PREMIERES and target.tvmaze_id is None:
            # Refused at once, privately, with the reason (a show tracked by hand).
            await services.shows.edit(interaction.guild_id, target.id, announce=announces)
        # Finales and episodes are read from TVmaze first, which may take seconds; the reply
        # is private, as a refusal after waiting must be.
        await interaction.response.defer(ephemeral=True, thinking=True)
        edit = await services.tvmaze.set_announce(
            interaction.guild_id, target.id, announces, **changes
        )
        await interaction.edit_original_response(embed=render.show_edited(edit.before, edit.after))

    @app_commands.command(name="info")
    @app_commands.describe(show="The show to look at")
    @app_commands.autocomplete(show=show_choices)
    async def info(self, interaction: Interaction, show: str) -> None:
        """Everything about one tracked show, with Subscribe buttons."""
        assert interaction.guild_id is not None
        target = await self.bot.services.shows.resolve(interaction.guild_id, show)
        details = await self.bot.services.shows.details(
            interaction.guild_id, target.id, interaction.user.id
        )
        await interaction.response.send_message(
            embed=render.show_info(details), view=components.subscription_buttons(target.id)
        )

    @app_commands.command(name="list")
    @app_commands.describe(days="Only premieres in the next this many days")
    async def list_(
        self, interaction: Interaction, days: app_commands.Range[int, 1, MAX_DAYS] | None = None
    ) -> None:
        """The premieres this server tracks, soonest first; yours are marked 🔔."""
        embed, view = await list_page(interaction, 0, days)
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True)

    @app_commands.command(name="remove")
    @app_commands.describe(show="The show to stop tracking")
    @app_commands.autocomplete(show=show_choices)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def remove(self, interaction: Interaction, show: str) -> None:
        """Stop tracking a show, and drop its subscriptions (needs Manage Server)."""
        assert interaction.guild_id is not None
        target = await self.bot.services.shows.pick(interaction.guild_id, show)
        removed = await self.bot.services.shows.remove(interaction.guild_id, target.id)
        await interaction.response.send_message(embed=render.show_removed(removed))


async def setup(bot: PremiereBot) -> None:
    bot.add_dynamic_items(ListPageButton, SeasonOfferButton)
    await bot.add_cog(Shows(bot))
