"""A premiere's Discord event, as plain values: what went wrong keeping it in step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class EventProblem:
    show_id: int
    label: str
    problem: str
    at: datetime
