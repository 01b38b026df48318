"""A tracked show and the pure rules about it: names, validity, when its premiere window ends."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.dates import Precision, zone_for
from bot.domain.episodes import Announce

TITLE_MAX = 100
NETWORK_MAX = 50
SEASON_MAX = 200

_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Show:
    id: int
    guild_id: int
    title: str
    season: int | None
    network: str | None
    premiere: datetime  # aware, UTC: the start of the announced window
    precision: Precision
    timezone: str  # the IANA zone the premiere was given in
    added_by: int
    added_at: datetime
    tvmaze_id: int | None = None  # set when the show was looked up there: its dates follow TVmaze
    announce: Announce = Announce.PREMIERES  # more than premieres only for TVmaze-linked shows
    premiere_sequence: int = 0  # grows each time the premiere moves (calendars follow it)
    poster_url: str | None = None  # TVmaze's image of a linked show

    @property
    def label(self) -> str:
        """ "Jessica Jones — Season 2", the way people name a show and season."""
        return f"{self.title} — Season {self.season}" if self.season else self.title

    @property
    def premiere_ends(self) -> datetime:
        return window_end(self.premiere, self.precision, self.timezone)

    def is_upcoming(self, now: datetime) -> bool:
        """Still to come, or under way: a day-precision premiere is upcoming all that day."""
        return self.premiere_ends > now


@dataclass(frozen=True, slots=True)
class SeasonOffer:
    id: int
    guild_id: int
    show_id: int  # the tracked show (an earlier season)
    title: str
    season: int
    premiere: datetime
    precision: Precision
    timezone: str
    network: str | None
    tvmaze_id: int | None
    accepted_show_id: int | None

    @property
    def label(self) -> str:
        return f"{self.title} — Season {self.season}"


def window_end(start: datetime, precision: Precision, timezone: str) -> datetime:
    """The end of the period a premiere names: the instant itself, or its day, month or year."""
    if precision is Precision.TIME:
        return start + timedelta(minutes=1)
    local = start.astimezone(zone_for(timezone))
    if precision is Precision.DAY:
        end = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    elif precision is Precision.MONTH:
        year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
        end = local.replace(year=year, month=month, day=1)
    else:
        end = local.replace(year=local.year + 1, month=1, day=1)
    return end.astimezone(start.tzinfo)


def clean_text(text: str) -> str:
    """User text as we store it: control and format characters gone, whitespace collapsed."""
    kept = "".join(
        " " if ch in "\t\r\n" else ch
        for ch in unicodedata.normalize("NFC", text)
        if unicodedata.category(ch) not in ("Cc", "Cf") or ch in "\t\r\n"
    )
    return _WHITESPACE.sub(" ", kept).strip()


def title_key(title: str) -> str:
    """What makes two titles the same show: case and spacing do not."""
    return clean_text(title).casefold()
