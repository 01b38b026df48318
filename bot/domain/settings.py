"""A server's settings and the reminder offsets grammar ("7d,1d,1h,0")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time, timedelta
from enum import StrEnum

MAX_OFFSETS = 6
MAX_OFFSET = timedelta(days=60)
DEFAULT_OFFSETS = (timedelta(days=7), timedelta(days=1), timedelta(hours=1), timedelta(0))
OFFSETS_EXAMPLE = '"7d,1d,1h,0" (0 means at the premiere itself)'

_UNITS = {"w": 7 * 86400, "d": 86400, "h": 3600, "m": 60}
_PART = re.compile(r"^(\d{1,4})\s*(w|d|h|m)?$")


# Discord's choices for a thread's auto-archive, in minutes, by what people type.
THREAD_ARCHIVE_CHOICES = {"1h": 60, "1d": 1440, "3d": 4320, "1w": 10080}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class ArticlesWho(StrEnum):
    EVERYONE = "everyone"  # any member may post an article summary in the channel
    MANAGERS = "managers"  # others get a private preview


class OffsetsError(ValueError):
    """The offsets text can't be used; the message says why and shows an example."""


@dataclass(frozen=True, slots=True)
class ServerSettings:
    guild_id: int
    announce_channel_id: int | None = None
    mention_role_id: int | None = None
    timezone: str = "UTC"
    reminder_offsets: tuple[timedelta, ...] = DEFAULT_OFFSETS
    scheduled_events: bool = True  # a Discord event for each dated premiere
    episode_delay: timedelta = timedelta(0)  # episode posts wait this long after the airtime
    episode_names_hidden: bool = False  # episode names in spoiler tags
    threads_enabled: bool = False  # a discussion thread on each premiere and episode post
    thread_archive: timedelta = timedelta(days=1)  # threads archive after this long quiet
    digest_enabled: bool = False  # a weekly "what's airing" message
    digest_weekday: int = 0  # Monday = 0, as Python counts
    digest_time: time = time(10, 0)  # in the server's timezone
    articles_who: ArticlesWho = ArticlesWho.EVERYONE  # who may post articles publicly


def parse_offsets(text: str) -> tuple[timedelta, ...]:
    """ "7d, 1d, 1h, 0" → offsets, largest first, duplicates merged."""
    parts = [p.strip().lower() for p in re.split(r"[,\s]+", text.strip()) if p.strip()]
    if not parts:
        raise OffsetsError(f"Give at least one offset, e.g. {OFFSETS_EXAMPLE}.")
    offsets = set()
    for part in parts:
        match = _PART.match(part)
        if match is None:
            raise OffsetsError(
                f'"{part[:20]}" is not an offset. Use numbers with w, d, h or m, '
                f"e.g. {OFFSETS_EXAMPLE}."
            )
        amount, unit = int(match[1]), match[2]
        if unit is None and amount != 0:
            raise OffsetsError(f'"{part}" needs a unit (d, h or m), e.g. {OFFSETS_EXAMPLE}.')
        offset = timedelta(seconds=amount * _UNITS.get(unit or "m", 60))
        if offset > MAX_OFFSET:
            raise OffsetsError(f'"{part}" is more than 60 days before the premiere.')
        offsets.add(offset)
    if len(offsets) > MAX_OFFSETS:
        raise OffsetsError(f"At most {MAX_OFFSETS} offsets; you gave {len(offsets)}.")
    return tuple(sorted(offsets, reverse=True))


def format_offset(offset: timedelta) -> str:
    """The shortest way to write an offset: "7d", "36h", "90m", "0"."""
    seconds = int(offset.total_seconds())
    if seconds == 0:
        return "0"
    for unit in ("d", "h", "m"):  # "w" is accepted, but people read "7d" more easily
        if seconds % _UNITS[unit] == 0:
            return f"{seconds // _UNITS[unit]}{unit}"
    return f"{seconds // 60}m"


def describe_offset(offset: timedelta) -> str:
    """For people: "7 days before", "1 hour before", "at the premiere"."""
    seconds = int(offset.total_seconds())
    if seconds == 0:
        return "at the premiere"
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''} before"
    return f"{seconds // 60} minutes before"


_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")


def parse_clock_time(text: str) -> time:
    """ "21:30", "9:05" → a time of day; ValueError with an example otherwise."""
    match = _CLOCK.match(text.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(
            f'"{text.strip()[:20]}" is not a time of day. Use 24-hour HH:MM, e.g. "09:00" or '
            '"21:30".'
        )
    return time(int(match[1]), int(match[2]))
