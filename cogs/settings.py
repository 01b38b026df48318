"""/settings: where and how the bot speaks in this server (Manage Server)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.settings import WEEKDAYS, ArticlesWho
from bot.errors import InvalidInput, MissingPermission
from bot.render import settings as render
from bot.render.text import safe
from cogs._autocomplete import timezone_choices
from cogs._checks import missing_in, require_manager
from cogs._typing import Interaction

if TYPE_CHECKING:
    from bot.app import PremiereBot


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class Settings(
    commands.GroupCog, group_name="settings", group_description="Where and how the bot speaks here"
):
    def __init__(self, bot: PremiereBot) -> None:
        self.bot = bot

    async def interaction_check(self, interaction: discord.Interaction[discord.Client]) -> bool:
        # Discord hides these commands from non-managers by default; a server can override
        # that, so the bot checks for itself too.
        require_manager(interaction)
        return True

    @app_commands.command(name="channel")
    @app_commands.describe(channel="The channel for premiere announcements and reminders")
    async def channel(self, interaction: Interaction, channel: discord.TextChannel) -> None:
        """Choose the channel for announcements; the bot checks it can post there."""
        assert interaction.guild is not None
        assert interaction.guild_id is not None
        missing = missing_in(channel, interaction.guild.me)
        if missing:
            raise MissingPermission(
                f"I can't post in {channel.mention}: I'm missing {render.permission_names(missing)}"
                f" there. Grant it in the channel's permissions, or pick another channel."
            )
        await self.bot.services.settings.set_channel(interaction.guild_id, channel.id)
        await interaction.response.send_message(
            f"Announcements and reminders will go to {channel.mention}.", ephemeral=True
        )

    @app_commands.command(name="role")
    @app_commands.describe(role="A role to mention on every announcement; leave empty for none")
    async def role(self, interaction: Interaction, role: discord.Role | None = None) -> None:
        """Mention a role on every announcement, or stop mentioning one."""
        assert interaction.guild is not None
        assert interaction.guild_id is not None
        if role is not None and (role.is_default() or role.managed):
            raise InvalidInput("Pick a role members can join, not @everyone or a bot's own role.")
        await self.bot.services.settings.set_role(interaction.guild_id, role.id if role else None)
        if role is None:
            await interaction.response.send_message(
                "Announcements won't mention a role any more.", ephemeral=True
            )
            return
        text = f"Announcements will mention {role.mention}."
        me = interaction.guild.me
        if not role.mentionable and not me.guild_permissions.mention_everyone:
            text += (
                f"\n⚠️ {safe(role.name)} isn't mentionable and I lack **Mention Everyone**, so "
                "Discord won't notify its members. Make the role mentionable, or grant me that "
                "permission."
            )
        await interaction.response.send_message(text, ephemeral=True)

    @app_commands.command(name="timezone")
    @app_commands.describe(timezone="e.g. Europe/London, America/New_York, ET, UTC")
    @app_commands.autocomplete(timezone=timezone_choices)
    async def timezone(
        self, interaction: Interaction, timezone: app_commands.Range[str, 1, 64]
    ) -> None:
        """Set the timezone premiere dates are read in."""
        assert interaction.guild_id is not None
        settings = await self.bot.services.settings.set_timezone(interaction.guild_id, timezone)
        await interaction.response.send_message(
            f"Premiere dates are now read in `{settings.timezone}`.", ephemeral=True
        )

    @app_commands.command(name="reminders")
    @app_commands.describe(offsets='When to remind, before the premiere: e.g. "7d,1d,1h,0"')
    async def reminders(
        self, interaction: Interaction, offsets: app_commands.Range[str, 1, 100]
    ) -> None:
        """Choose when reminders go out before each premiere (0 = at the premiere)."""
        assert interaction.guild_id is not None
        settings = await self.bot.services.settings.set_offsets(interaction.guild_id, offsets)
        await interaction.response.send_message(
            f"Reminders: {render.offsets_text(settings)}.", ephemeral=True
        )

    @app_commands.command(name="episodes")
    @app_commands.describe(
        delay='How long after an episode airs to post it, e.g. "0", "30m", "2h" (at most 24h)',
        names="Show episode names, or hide them in spoiler tags",
    )
    @app_commands.choices(
        names=[
            app_commands.Choice(name="shown", value="shown"),
            app_commands.Choice(name="hidden (spoiler tags)", value="hidden"),
        ]
    )
    async def episodes(
        self,
        interaction: Interaction,
        delay: app_commands.Range[str, 1, 20] | None = None,
        names: app_commands.Choice[str] | None = None,
    ) -> None:
        """How episode posts go out, for shows that announce finales or every episode."""
        assert interaction.guild_id is not None
        settings = await self.bot.services.settings.set_episodes(
            interaction.guild_id,
            delay=delay,
            names_hidden=None if names is None else names.value == "hidden",
        )
        await interaction.response.send_message(
            f"Episode posts: {render.episodes_text(settings)}", ephemeral=True
        )

    @app_commands.command(name="threads")
    @app_commands.describe(
        enabled="Open a discussion thread on each premiere post (and episode post)",
        archive="When a quiet thread is archived",
    )
    @app_commands.choices(
        archive=[
            app_commands.Choice(name="after 1 hour", value="1h"),
            app_commands.Choice(name="after 1 day", value="1d"),
            app_commands.Choice(name="after 3 days", value="3d"),
            app_commands.Choice(name="after 1 week", value="1w"),
        ]
    )
    async def threads(
        self,
        interaction: Interaction,
        enabled: bool | None = None,
        archive: app_commands.Choice[str] | None = None,
    ) -> None:
        """Discussion threads on premiere and episode posts, so spoilers stay out of the channel."""
        assert interaction.guild is not None
        settings = await self.bot.services.settings.set_threads(
            interaction.guild.id, enabled=enabled, archive=archive.value if archive else None
        )
        text = render.threads_text(settings)
        if settings.threads_enabled and settings.announce_channel_id is not None:
            channel = interaction.guild.get_channel(settings.announce_channel_id)
            if (
                channel is not None
                and not channel.permissions_for(interaction.guild.me).create_public_threads
            ):
                text += (
                    f"\n⚠️ I lack **Create Public Threads** in {channel.mention}, so posts go out "
                    "without their thread until it is granted."
                )
        await interaction.response.send_message(text, ephemeral=True)

    @app_commands.command(name="digest")
    @app_commands.describe(
        enabled="Post a weekly digest (false stops it)",
        day="The day it goes out, e.g. Monday",
        time="The time it goes out, 24-hour HH:MM in the server's timezone, e.g. 09:00",
    )
    @app_commands.choices(day=[app_commands.Choice(name=d.capitalize(), value=d) for d in WEEKDAYS])
    async def digest(
        self,
        interaction: Interaction,
        enabled: bool | None = None,
        day: app_commands.Choice[str] | None = None,
        time: app_commands.Range[str, 1, 10] | None = None,
    ) -> None:
        """A weekly message of the coming seven days' premieres, kept current as they change."""
        assert interaction.guild_id is not None
        settings = await self.bot.services.settings.set_digest(
            interaction.guild_id, enabled=enabled, day=day.value if day else None, at=time
        )
        text = render.digest_text(settings)
        if settings.digest_enabled and settings.announce_channel_id is None:
            text += (
                "\n⚠️ There is no announcement channel yet, so nothing can be posted. "
                "Run /settings channel."
            )
        await interaction.response.send_message(text, ephemeral=True)

    @app_commands.command(name="articles")
    @app_commands.describe(who="Who may post article summaries in the channel")
    @app_commands.choices(
        who=[
            app_commands.Choice(name="everyone", value=ArticlesWho.EVERYONE.value),
            app_commands.Choice(
                name="managers (others get a private preview)", value=ArticlesWho.MANAGERS.value
            ),
        ]
    )
    async def articles(self, interaction: Interaction, who: app_commands.Choice[str]) -> None:
        """Who may make the bot post news publicly with /article post."""
        assert interaction.guild_id is not None
        settings = await self.bot.services.settings.set_articles_who(
            interaction.guild_id, ArticlesWho(who.value)
        )
        await interaction.response.send_message(render.articles_text(settings), ephemeral=True)

    @app_commands.command(name="events")
    @app_commands.describe(enabled="Make a Discord event for each premiere with a known day")
    async def events(self, interaction: Interaction, enabled: bool) -> None:
        """Turn Discord events for premieres on or off (off deletes the bot's events)."""
        assert interaction.guild is not None
        assert interaction.guild_id is not None
        # The events themselves change in the background: a server may track many shows.
        await self.bot.services.settings.set_events(interaction.guild_id, enabled)
        if not enabled:
            text = "Premieres won't get Discord events any more; I'm deleting the ones I made."
        else:
            text = (
                "Each premiere with a known day gets a Discord event; members who mark it "
                "Interested are mentioned in its reminders."
            )
            if not interaction.guild.me.guild_permissions.manage_events:
                text += (
                    "\n⚠️ I lack **Manage Events** in this server, so I can't make them yet. "
                    "Grant it, then run this again."
                )
        await interaction.response.send_message(text, ephemeral=True)

    @app_commands.command(name="show")
    async def show(self, interaction: Interaction) -> None:
        """See every setting, and what still needs doing."""
        assert interaction.guild is not None
        assert interaction.guild_id is not None
        settings = await self.bot.services.settings.get(interaction.guild_id)
        problem = None
        if settings.announce_channel_id is not None:
            channel = interaction.guild.get_channel(settings.announce_channel_id)
            if channel is None:
                problem = "That channel no longer exists. Run /settings channel again."
            elif missing := missing_in(channel, interaction.guild.me):
                problem = f"I'm missing {render.permission_names(missing)} there."
        await interaction.response.send_message(
            embed=render.settings_overview(
                settings,
                channel_problem=problem,
                can_manage_events=interaction.guild.me.guild_permissions.manage_events,
            ),
            ephemeral=True,
        )


async def setup(bot: PremiereBot) -> None:
    await bot.add_cog(Settings(bot))
