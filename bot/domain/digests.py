"""The weekly digest, as /status reports on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class DigestFailure:
    """A week's digest that could not be posted, and why."""

    week_start: datetime
    outcome: str
