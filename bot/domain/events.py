"""A premiere's Discord event, as plain values: who marked it Interested, what went wrong."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class InterestChange:
    """A member marked (or unmarked) an event Interested."""

    guild_id: int
    event_id: int
    user_id: int
    interested: bool


@dataclass(frozen=True, slots=True)
class EventProblem:
    show_id: int
    label: str
    problem: str
    at: datetime
