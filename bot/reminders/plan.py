"""What to send, and when: pure rules, no I/O.

- ladder: a premiere's reminders at the server's offsets, skipping those already past.
- triage: what to do with reminders that are due, including after downtime: while the premiere
  is ahead only the latest missed reminder goes out (marked late); within six hours after it,
  one "premiered while the bot was offline" post; later than that, nothing.
- mention_batches: who to mention, split so each message stays within Discord's limits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

from bot.domain.dates import Precision

LATE_AFTER = timedelta(minutes=5)  # later than this after its due time, a reminder says so
OFFLINE_WINDOW = timedelta(hours=6)  # after a premiere, how long an "it premiered" post is news
CONTENT_LIMIT = 2000
USERS_PER_MESSAGE = 100  # allowed_mentions.users takes at most 100 ids
COUNTDOWN_PRECISIONS = (Precision.DAY, Precision.TIME)


class Kind(StrEnum):
    COUNTDOWN = "countdown"
    MOVED = "moved"


class Style(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"  # the premiere is still ahead, but this reminder is overdue
    OFFLINE = "offline"  # the premiere happened while the bot was away


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
    for reminder in due:
        groups[(reminder.guild_id, reminder.show_id, reminder.premiere)].append(reminder)
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


@dataclass(frozen=True, slots=True)
class MentionBatch:
    role_id: int | None
    user_ids: tuple[int, ...]

    @property
    def content(self) -> str:
        parts = [f"<@&{self.role_id}>"] if self.role_id else []
        return " ".join(parts + [f"<@{u}>" for u in self.user_ids])


def mention_batches(role_id: int | None, user_ids: Sequence[int]) -> list[MentionBatch]:
    """Split the mentions over messages: at most 2000 characters and 100 users each. There is
    always at least one batch (possibly empty): it carries the reminder itself."""
    batches: list[MentionBatch] = []
    current: list[int] = []
    length = len(f"<@&{role_id}>") if role_id else 0
    role = role_id
    for user_id in user_ids:
        piece = len(f"<@{user_id}>") + (1 if length else 0)
        if current and (length + piece > CONTENT_LIMIT or len(current) == USERS_PER_MESSAGE):
            batches.append(MentionBatch(role, tuple(current)))
            current, length, role = [], 0, None
            piece -= 1
        current.append(user_id)
        length += piece
    batches.append(MentionBatch(role, tuple(current)))
    return batches
