"""Episodes as plain values, and the rules of which ones a server announces and when: no I/O.

- Announce: per show, what its server hears of: season premieres (the countdown), premieres and
  finales, or every episode. Only shows linked to TVmaze can ask for more than premieres.
- Episode: one of TVmaze's regular, dated episodes, as the bot keeps it.
- episode_slots: the posts a show's season needs. Episodes sharing an airstamp (a streaming
  season dropped at once) are one post; the episodes that open the season belong to the
  premiere's own post, never a second one.
- finale_of: whether an episode ends its season, or the whole series.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

MAX_EPISODE_DELAY = timedelta(hours=24)
# After downtime, episodes that aired within this window get one "while I was offline" post
# per show; older ones are recorded as skipped.
EPISODE_OFFLINE_WINDOW = timedelta(hours=24)


class Announce(StrEnum):
    PREMIERES = "premieres"  # the season premiere's countdown only
    FINALES = "finales"  # and each season's finale
    EPISODES = "episodes"  # and every episode

    @property
    def description(self) -> str:
        return {
            Announce.PREMIERES: "season premieres",
            Announce.FINALES: "season premieres and finales",
            Announce.EPISODES: "every episode",
        }[self]


class Finale(StrEnum):
    SEASON = "season"
    SERIES = "series"  # the show has ended, and this is its last episode


@dataclass(frozen=True, slots=True)
class Episode:
    tvmaze_show_id: int
    id: int
    season: int
    number: int
    name: str
    airs_at: datetime  # aware UTC; an untimed one at the start of its day in the show's zone
    has_time: bool
    finale: Finale | None = None
    sequence: int = 0  # grows each time the episode moves (calendars follow it)

    @property
    def code(self) -> str:
        """ "S2·E3", the way episode lists name an episode."""
        return f"S{self.season}·E{self.number}"


@dataclass(frozen=True, slots=True)
class SeasonFacts:
    """What TVmaze says of a season as a whole: how many episodes it will have, if known."""

    number: int
    episode_order: int | None


@dataclass(frozen=True, slots=True)
class EpisodeSlot:
    """One episode post: the episodes airing at `airs_at`, announced at `due`."""

    airs_at: datetime
    due: datetime


def finale_of(
    season: int,
    number: int,
    seasons: Sequence[SeasonFacts],
    *,
    show_ended: bool,
) -> Finale | None:
    """A season's finale is its last episode by TVmaze's episode order; unknown order, no
    finale (the last episode listed so far may only be the last one announced). It ends the
    series when the show has ended and no later season exists."""
    facts = next((s for s in seasons if s.number == season), None)
    if facts is None or facts.episode_order is None or number != facts.episode_order:
        return None
    last_season = max((s.number for s in seasons), default=season)
    return Finale.SERIES if show_ended and season >= last_season else Finale.SEASON


def announced(episodes: Iterable[Episode], season: int | None, announce: Announce) -> list[Episode]:
    """The episodes of a tracked season that get their own post, in airing order: all of them
    (or only finales) except the ones airing with the season's first, which the premiere's
    post announces."""
    if announce is Announce.PREMIERES or season is None:
        return []
    of_season = sorted(
        (e for e in episodes if e.season == season), key=lambda e: (e.airs_at, e.number)
    )
    if not of_season:
        return []
    opening = min(of_season, key=lambda e: e.number)
    kept = [e for e in of_season if e.airs_at != opening.airs_at]
    if announce is Announce.FINALES:
        kept = [e for e in kept if e.finale is not None]
    return kept


def episode_slots(
    episodes: Iterable[Episode], season: int | None, announce: Announce, delay: timedelta
) -> list[EpisodeSlot]:
    """One post per airstamp among the announced episodes, `delay` after it airs."""
    airstamps = sorted({e.airs_at for e in announced(episodes, season, announce)})
    return [EpisodeSlot(at, at + delay) for at in airstamps]


def opening_episodes(episodes: Iterable[Episode], season: int | None) -> list[Episode]:
    """The episodes the season premiere's post names: the first, and any dropped with it."""
    of_season = [e for e in episodes if e.season == season]
    if not of_season:
        return []
    opening = min(of_season, key=lambda e: e.number)
    return sorted((e for e in of_season if e.airs_at == opening.airs_at), key=lambda e: e.number)


def parse_delay(text: str) -> timedelta:
    """ "0", "30m", "2h", "1h30m" → a delay of at most MAX_EPISODE_DELAY; ValueError with a
    sentence otherwise."""
    cleaned = text.strip().lower().replace(" ", "")
    if cleaned in ("0", "none", "off"):
        return timedelta(0)
    total = timedelta(0)
    number = ""
    units = {"h": timedelta(hours=1), "m": timedelta(minutes=1)}
    seen: set[str] = set()
    for char in cleaned:
        if char.isdigit() and char.isascii():
            number += char
        elif char in units and number and char not in seen:
            seen.add(char)
            total += int(number[:6]) * units[char]
            number = ""
        else:
            number = "bad"
            break
    if number or not cleaned:
        raise ValueError(
            f'"{text.strip()[:20]}" is not a delay. Use hours and minutes, e.g. "30m", "2h" or '
            '"1h30m", or "0" for none.'
        )
    if total > MAX_EPISODE_DELAY:
        raise ValueError("The delay can be at most 24 hours (24h).")
    return total


def format_delay(delay: timedelta) -> str:
    minutes = int(delay.total_seconds()) // 60
    if minutes == 0:
        return "none"
    hours, minutes = divmod(minutes, 60)
    return " ".join(
        part for part in (f"{hours}h" if hours else "", f"{minutes}m" if minutes else "") if part
    )
