"""/feed add|remove|list: the news feeds this server follows (Manage Server)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import InvalidInput, MissingPermission
from bot.render import feeds as render
from bot.render.settings import permission_names
from cogs._checks import missing_in
from cogs._typing import Interaction

if TYPE_CHECKING:
    from bot.app import PremiereBot

FeedLink = app_commands.Range[str, 8, 2000]


async def feed_choices(interaction: Interaction, current: str) -> list[app_commands.Choice[str]]:
    if interaction.guild_id is None:
        return []
    feeds = await interaction.client.services.feeds.suggest(interaction.guild_id, current)
    return [app_commands.Choice(name=f.title[:100], value=str(f.id)) for f in feeds]


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class Feeds(
    commands.GroupCog, group_name="feed", group_description="News feeds this server follows"
):
    """Hidden from non-managers by default; a server can override that, so every command checks
    Manage Server itself too."""

    def __init__(self, bot: PremiereBot) -> None:
        self.bot = bot

    @app_commands.command(name="add")
    @app_commands.describe(
        url="The feed's link (RSS or Atom), e.g. https://example.com/tv/feed",
        channel="Where to post its news (default: this channel)",
        only_tracked="Only post stories about shows this server tracks (default: no)",
    )
    @app_commands.checks.has_permissions(manage_guild=True)
    async def add(
        self,
        interaction: Interaction,
        url: FeedLink,
        channel: discord.TextChannel | None = None,
        only_tracked: bool = False,
    ) -> None:
        """Follow a news feed: new premiere stories are summarised here as they appear."""
        assert interaction.guild_id is not None
        if not url.strip().lower().startswith(("http://", "https://")):
            raise InvalidInput("That isn't a web link. Give the feed's link, starting https://.")
        target = channel or interaction.channel
        if (
            isinstance(target, discord.abc.GuildChannel)
            and interaction.guild is not None
            and (missing := missing_in(target, interaction.guild.me))
        ):
            raise MissingPermission(
                f"I can't post in {target.mention}: I'm missing "
                f"{permission_names(missing)} there. Grant it, or pick another channel."
            )
        # Reading the feed can take seconds: answer Discord now, privately.
        await interaction.response.defer(ephemeral=True, thinking=True)
        added = await self.bot.services.feeds.add(
            interaction.guild_id,
            url,
            channel_id=target.id if target else interaction.channel_id or 0,
            only_tracked=only_tracked,
            added_by=interaction.user.id,
        )
        await interaction.edit_original_response(
            content=render.feed_added(added.feed, resumed=added.resumed, entries=added.entries)
        )

    @app_commands.command(name="remove")
    @app_commands.describe(feed="The feed to stop following")
    @app_commands.autocomplete(feed=feed_choices)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def remove(
        self, interaction: Interaction, feed: app_commands.Range[str, 1, 2000]
    ) -> None:
        """Stop following a news feed."""
        assert interaction.guild_id is not None
        service = self.bot.services.feeds
        target = await service.resolve(interaction.guild_id, feed)
        removed = await service.remove(interaction.guild_id, target.id)
        await interaction.response.send_message(render.feed_removed(removed), ephemeral=True)

    @app_commands.command(name="list")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def list_(self, interaction: Interaction) -> None:
        """The feeds this server follows, and how each is doing."""
        assert interaction.guild_id is not None
        feeds = await self.bot.services.feeds.in_guild(interaction.guild_id)
        await interaction.response.send_message(embed=render.feed_list(feeds), ephemeral=True)


async def setup(bot: PremiereBot) -> None:
    await bot.add_cog(Feeds(bot))
