"""How server settings look."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.domain.episodes import format_delay
from bot.domain.settings import (
    WEEKDAYS,
    ArticlesWho,
    ServerSettings,
    describe_offset,
    format_offset,
)
from bot.render.shows import BRAND

PERMISSION_NAMES = {
    "view_channel": "View Channel",
    "send_messages": "Send Messages",
    "embed_links": "Embed Links",
    "manage_events": "Manage Events",
    "mention_everyone": "Mention Everyone",
    "create_public_threads": "Create Public Threads",
}


def permission_names(missing: Sequence[str]) -> str:
    return ", ".join(f"**{PERMISSION_NAMES.get(p, p)}**" for p in missing)


def offsets_text(settings: ServerSettings) -> str:
    described = [describe_offset(o) for o in settings.reminder_offsets]
    short = ",".join(format_offset(o) for o in settings.reminder_offsets)
    return f"{', '.join(described)} (`{short}`)"


def episodes_text(settings: ServerSettings) -> str:
    """For shows announcing finales or every episode (/show edit announce:)."""
    delay = settings.episode_delay
    when = "as each airs" if not delay else f"{format_delay(delay)} after each airs"
    names = "hidden in spoiler tags" if settings.episode_names_hidden else "shown"
    return f"Posted {when}; episode names {names}."


def threads_text(settings: ServerSettings) -> str:
    if not settings.threads_enabled:
        return "Off. Turn on with /settings threads enabled:true."
    hours = int(settings.thread_archive.total_seconds()) // 3600
    after = {1: "an hour", 24: "a day", 72: "3 days", 168: "a week"}.get(hours, f"{hours} hours")
    return (
        "On: each premiere post (and episode post) opens a discussion thread, archived after "
        f"{after} without messages."
    )


def digest_text(settings: ServerSettings) -> str:
    if not settings.digest_enabled:
        return "Off. Turn on with /settings digest day:… time:…."
    day = WEEKDAYS[settings.digest_weekday].capitalize()
    return (
        f"Every {day} at {settings.digest_time:%H:%M} ({settings.timezone}): one message with "
        "the coming seven days' premieres and episodes, kept current through the week."
    )


def articles_text(settings: ServerSettings) -> str:
    if settings.articles_who is ArticlesWho.MANAGERS:
        return (
            "Only members with Manage Server post article summaries in the channel; others get "
            "a private preview."
        )
    return "Everyone may post article summaries in the channel (each post names who shared it)."


def events_text(settings: ServerSettings, *, can_manage_events: bool) -> str:
    if not settings.scheduled_events:
        return "Off. Turn on with /settings events enabled:true."
    text = "On: each premiere with a known day gets a Discord event members can mark Interested."
    if not can_manage_events:
        text += (
            "\n⚠️ I lack **Manage Events**, so no events are made. Grant it, then run "
            "/settings events enabled:true to make the missing ones."
        )
    return text


def settings_overview(
    settings: ServerSettings, *, channel_problem: str | None, can_manage_events: bool = True
) -> discord.Embed:
    embed = discord.Embed(title="Premiere settings for this server", colour=BRAND)
    if settings.announce_channel_id is None:
        channel = "Not set. Run /settings channel to choose where premieres are posted."
    else:
        channel = f"<#{settings.announce_channel_id}>"
        if channel_problem:
            channel += f"\n⚠️ {channel_problem}"
    embed.add_field(name="Announcement channel", value=channel, inline=False)
    role = f"<@&{settings.mention_role_id}>" if settings.mention_role_id else "None"
    embed.add_field(name="Role mentioned on announcements", value=role, inline=False)
    embed.add_field(name="Timezone", value=f"`{settings.timezone}`", inline=False)
    embed.add_field(name="Reminders", value=offsets_text(settings), inline=False)
    embed.add_field(name="Episode posts", value=episodes_text(settings), inline=False)
    embed.add_field(name="Discussion threads", value=threads_text(settings), inline=False)
    embed.add_field(name="Weekly digest", value=digest_text(settings), inline=False)
    embed.add_field(name="Article posts", value=articles_text(settings), inline=False)
    embed.add_field(
        name="Discord events",
        value=events_text(settings, can_manage_events=can_manage_events),
        inline=False,
    )
    return embed
