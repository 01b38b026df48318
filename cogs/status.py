"""/status: the next reminders, what went wrong lately, what the bot lacks, and its shards
(Manage Server)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.settings import ServerSettings
from bot.outbox.discord_sender import DEFAULT_SEND_RATE
from bot.render import status as render
from cogs._checks import missing_in
from cogs._typing import Interaction

if TYPE_CHECKING:
    from bot.app import PremiereBot


def permission_gaps(guild: discord.Guild, settings: ServerSettings) -> render.PermissionGaps:
    """Every permission the bot lacks for what this server asked of it."""
    me = guild.me
    in_server = (
        ("manage_events",)
        if settings.scheduled_events and not me.guild_permissions.manage_events
        else ()
    )
    channel_id = settings.announce_channel_id
    channel = guild.get_channel(channel_id) if channel_id is not None else None
    in_channel: list[str] = []
    if channel is not None:
        in_channel = missing_in(channel, me)
        role = guild.get_role(settings.mention_role_id) if settings.mention_role_id else None
        # Discord pings an unmentionable role only for senders with Mention Everyone there.
        if (
            role is not None
            and not role.mentionable
            and not channel.permissions_for(me).mention_everyone
        ):
            in_channel.append("mention_everyone")
        if settings.threads_enabled and not channel.permissions_for(me).create_public_threads:
            in_channel.append("create_public_threads")
    return render.PermissionGaps(channel_id, channel is not None, tuple(in_channel), in_server)


async def shard_report(bot: PremiereBot, guild: discord.Guild) -> render.ShardReport:
    """This server's shard, the shards this process runs (the bot may be split across
    processes, each running some shards), and how it shares the work with the others."""
    holder = await bot.sole_runner.current_holder()
    return render.ShardReport(
        server_shard=guild.shard_id,
        shard_count=bot.shard_count or 1,
        process_shards=bot.process_shard_ids,
        latencies=tuple(sorted(bot.latencies)),
        send_rate=bot.send_rate,
        send_budget=DEFAULT_SEND_RATE,
        shared_work_here=holder == bot.sole_runner.holder,
        shared_work_holder=holder,
    )


class Status(commands.Cog):
    def __init__(self, bot: PremiereBot) -> None:
        self.bot = bot

    @app_commands.command(name="status")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    # Discord hides it from non-managers by default; a server can override that, so the bot
    # checks for itself too.
    @app_commands.checks.has_permissions(manage_guild=True)
    async def status(self, interaction: Interaction) -> None:
        """The next reminders, recent failures and missing permissions here."""
        assert interaction.guild is not None
        guild_id = interaction.guild.id
        report = await self.bot.reminders.status(guild_id)
        problems = await self.bot.events.problems(guild_id)
        settings = await self.bot.services.settings.get(guild_id)
        gaps = permission_gaps(interaction.guild, settings)
        feeds = await self.bot.services.feeds.in_guild(guild_id)
        await interaction.response.send_message(
            embed=render.status(
                report,
                problems,
                gaps,
                feeds=feeds,
                shards=await shard_report(self.bot, interaction.guild),
                digest_failures=await self.bot.digest.failures(guild_id),
            ),
            ephemeral=True,
        )


async def setup(bot: PremiereBot) -> None:
    await bot.add_cog(Status(bot))
