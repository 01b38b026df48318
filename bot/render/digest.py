"""How the weekly digest looks: the week's premieres and episodes, by day, with Discord
timestamps (each reader sees their own time)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import discord

from bot.domain.calendar import CalendarEntry
from bot.render.shows import BRAND
from bot.render.text import safe

DESCRIPTION_LIMIT = 4096  # Discord's limit for an embed's description
TITLE = "📅 This week's premieres"
NOTHING_THIS_WEEK = "Nothing premieres or airs this week."
# Room kept at the end of a cut list for the line that says how many were left out.
_MORE_ROOM = 40

DigestDay = tuple[date, Sequence[CalendarEntry]]


def digest_embed(
    days: Sequence[DigestDay], *, week_start: datetime, timezone: str, late: bool = False
) -> discord.Embed:
    """The digest of the week from `week_start`: one heading per day (in the server's
    timezone, `timezone`), one line per premiere or episode."""
    head = []
    if late:
        head.append(
            f"⏰ Late: this was due {discord.utils.format_dt(week_start, 'f')}, "
            "while the bot was offline."
        )
    head.append(f"The week from {discord.utils.format_dt(week_start, 'D')}:")
    body = [[_day_heading(day), *(_entry_line(e) for e in entries)] for day, entries in days]
    description = _fitted(head, body) if body else "\n".join([*head, NOTHING_THIS_WEEK])
    embed = discord.Embed(title=TITLE, description=description, colour=BRAND)
    embed.set_footer(text=f"Days in {timezone}. This message is updated as shows change.")
    return embed


def _day_heading(day: date) -> str:
    return f"\n**{day.strftime('%A')} {day.day} {day.strftime('%B')}**"


def _entry_line(entry: CalendarEntry) -> str:
    # The summary starts with the show's title: the title is written safe and bold, and what
    # follows it (the season, or the episode's code and name) safe too.
    rest = entry.summary[len(entry.show_title) :].lstrip(" ·")
    parts = [f"**{safe(entry.show_title, limit=100)}**", safe(rest, limit=150)]
    if entry.network:
        parts.append(safe(entry.network, limit=60))
    parts.append(discord.utils.format_dt(entry.starts, "f") if entry.has_time else "all day")
    return "• " + " · ".join(p for p in parts if p)


def _fitted(head: list[str], days: list[list[str]]) -> str:
    """The lines, cut to fit the description with "…and N more" (N: the entries left out)."""
    lines = list(head)
    entries_left = sum(len(day) - 1 for day in days)
    size = len("\n".join(lines))
    for day in days:
        for index, line in enumerate(day):
            room = DESCRIPTION_LIMIT - (_MORE_ROOM if entries_left else 0)
            if size + 1 + len(line) > room:
                lines.append(f"…and {entries_left} more")
                return "\n".join(lines)
            lines.append(line)
            size += 1 + len(line)
            if index > 0:
                entries_left -= 1
    return "\n".join(lines)
