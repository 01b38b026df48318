"""Reminders as plain values, and the rules of what to send and when: no I/O.

- Reminder, Delivery: a planned post and each message it sends, with their states.
- ladder: a premiere's reminders at the server's offsets, skipping those already past.
- triage: what to do with reminders that are due, including after downtime: while the premiere
  is ahead only the latest missed reminder goes out (marked late); within six hours after it,
  one "premiered while the bot was offline" post; later than that, nothing. Episodes missed
  within a day are one "while I was offline" post per show; older ones, nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

from bot.domain.dates import Precision
from bot.domain.episodes import EPISODE_OFFLINE_WINDOW
from bot.domain.shows import Show

LATE_AFTER = timedelta(minutes=5)  # later than this after its due time, a reminder says so
OFFLINE_WINDOW = timedelta(hours=6)  # after a premiere, how long an "it premiered" post is news
COUNTDOWN_PRECISIONS = (Precision.DAY, Precision.TIME)


class Kind(StrEnum):
    COUNTDOWN = "countdown"
    MOVED = "moved"
    EPISODE = "episode"  # `premiere` is the episode's airstamp; `due` adds the server's delay


class Style(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"  # the premiere is still ahead, but this reminder is overdue
    OFFLINE = "offline"  # the premiere happened while the bot was away


class ReminderStatus(StrEnum):
    PENDING = "pending"  # planned, not yet due
    SENDING = "sending"  # claimed: its deliveries are being sent
    SENT = "sent"
    SKIPPED = "skipped"  # superseded, stale, or its premiere moved
    FAILED = "failed"
    CANCELLED = "cancelled"  # its show was removed (never stored: the row goes with the show)


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


class Target(StrEnum):
    CHANNEL = "channel"
    DM = "dm"


@dataclass(frozen=True, slots=True)
class Reminder:
    id: int
    guild_id: int
    show_id: int
    kind: Kind
    offset: timedelta
    premiere: datetime
    previous_premiere: datetime | None
    previous_precision: Precision | None
    due: datetime
    status: ReminderStatus
    style: Style | None
    outcome: str | None


@dataclass(frozen=True, slots=True)
class Delivery:
    """One message a reminder sends: a channel post (one part per batch of mentions) or a DM."""

    id: int
    reminder_id: int
    target: Target
    channel_id: int | None
    user_id: int | None
    part: int
    mention_role_id: int | None
    mention_user_ids: tuple[int, ...]
    note: str | None
    status: DeliveryStatus
    attempts: int
    message_id: int | None
    error: str | None
    thread_name: str | None = None  # a channel post that opens a discussion thread
    thread_id: int | None = None  # the thread once made (0: it could not be)
    held_until: datetime | None = None  # a DM waiting for the end of the member's quiet hours

    @property
    def wants_thread(self) -> bool:
        return self.thread_name is not None and self.thread_id is None

    @property
    def nonce(self) -> str:
        """Deterministic, so a re-send after a crash is recognised by Discord as the same."""
        return f"pb{self.id}"


@dataclass(frozen=True, slots=True)
class Recipients:
    """Who hears about a show: mentioned in the channel, or sent a DM."""

    channel_user_ids: tuple[int, ...]
    dm_user_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class StatusReport:
    """What /status tells of a server's reminders."""

    upcoming: list[tuple[Reminder, Show]]
    failures: list[tuple[Reminder, Show | None, str]]


@dataclass(frozen=True, slots=True)
class Rung:
    offset: timedelta
    due: datetime


class Due(Protocol):
    """What triage needs to know of a due reminder (the store's Reminder has it all)."""

    @property
    def id(self) -> int: ...
    @property
    def guild_id(self) -> int: ...
    @property
    def show_id(self) -> int: ...
    @property
    def kind(self) -> Kind: ...
    @property
    def premiere(self) -> datetime: ...
    @property
    def due(self) -> datetime: ...


R = TypeVar("R", bound=Due)


@dataclass(frozen=True, slots=True)
class Triage(Generic[R]):
    send: list[tuple[R, Style]]
    skip: list[tuple[R, str]]


def ladder(
    premiere: datetime, precision: Precision, offsets: Iterable[timedelta], now: datetime
) -> list[Rung]:
    """The reminders still to come for a premiere. Month or year precision: none yet."""
    if precision not in COUNTDOWN_PRECISIONS:
        return []
    return [Rung(o, premiere - o) for o in sorted(offsets, reverse=True) if premiere - o > now]


def triage(due: Sequence[R], now: datetime) -> Triage[R]:
    send: list[tuple[R, Style]] = []
    skip: list[tuple[R, str]] = []
    groups: dict[tuple[int, int, datetime], list[R]] = defaultdict(list)
    missed_episodes: dict[tuple[int, int], list[R]] = defaultdict(list)
    for reminder in due:
        if reminder.kind is not Kind.EPISODE:
            groups[(reminder.guild_id, reminder.show_id, reminder.premiere)].append(reminder)
        elif now - reminder.premiere > EPISODE_OFFLINE_WINDOW:
            skip.append((reminder, "the episode aired over 24 hours before the bot got to it"))
        elif now - reminder.due <= LATE_AFTER:
            send.append((reminder, Style.ON_TIME))
        else:
            missed_episodes[(reminder.guild_id, reminder.show_id)].append(reminder)
    for missed in missed_episodes.values():
        # One "while I was offline" post per show names every episode it missed.
        latest = max(missed, key=lambda r: (r.premiere, r.id))
        send.append((latest, Style.OFFLINE))
        skip += [
            (r, "told in one post after the bot was offline") for r in missed if r is not latest
        ]
    for (_, _, premiere), group in groups.items():
        if now - premiere >= OFFLINE_WINDOW:
            skip += [(r, "the premiere was over 6 hours ago when the bot got to it") for r in group]
            continue
        for kind in (Kind.MOVED, Kind.COUNTDOWN):
            candidates = [r for r in group if r.kind is kind]
            if not candidates:
                continue
            # The latest rung (smallest offset; for notices, the newest) speaks for the rest.
            chosen = max(candidates, key=lambda r: (r.due, r.id))
            send.append((chosen, _style(chosen, premiere, now)))
            skip += [(r, "superseded by a later reminder") for r in candidates if r is not chosen]
    return Triage(send, skip)


def _style(reminder: Due, premiere: datetime, now: datetime) -> Style:
    if now - reminder.due <= LATE_AFTER:
        return Style.ON_TIME
    return Style.OFFLINE if premiere <= now else Style.LATE
