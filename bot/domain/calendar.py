"""A server's calendar as plain values: one entry per premiere with a known day and per announced
episode, each with a stable id and a sequence that grows when its date moves. No I/O."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.domain.dates import Precision, zone_for
from bot.domain.episodes import Announce, Episode, announced
from bot.domain.shows import Show

# How far back a calendar reaches: a premiere last week is still worth seeing.
CALENDAR_PAST = timedelta(days=30)
UID_DOMAIN = "premiere-bot"
TVMAZE_SHOW_PAGE = "https://www.tvmaze.com/shows/{id}"


class EntryKind(StrEnum):
    PREMIERE = "premiere"
    EPISODE = "episode"


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    uid: str  # stable: the same premiere or episode keeps it through every move
    sequence: int  # grows each time the date moves
    kind: EntryKind
    show_id: int
    show_title: str
    summary: str  # "Severance · Season 2 premiere", "Severance · S2·E3 Woe's Hollow"
    starts: datetime  # aware UTC; for a day alone, the start of that day in the show's zone
    has_time: bool  # False: only the day is known (an all-day event)
    local_day: date  # the day it falls on where the show airs
    network: str | None
    url: str | None  # the show's TVmaze page, when linked
    poster_url: str | None
    stamp: datetime  # when the entry was first known (iCalendar's DTSTAMP, stable)


def calendar_entries(
    shows: Iterable[Show],
    episodes: Mapping[tuple[int, int], Sequence[Episode]],
    *,
    now: datetime,
    names_hidden: bool = False,
) -> list[CalendarEntry]:
    """The entries of a server's calendar from `now` - CALENDAR_PAST on, soonest first.
    `episodes` maps (TVmaze show id, season) to its kept episodes."""
    since = now - CALENDAR_PAST
    entries: list[CalendarEntry] = []
    for show in shows:
        page = TVMAZE_SHOW_PAGE.format(id=show.tvmaze_id) if show.tvmaze_id else None
        zone = zone_for(show.timezone)  # once per show: a season may hold dozens of episodes
        if show.precision in (Precision.DAY, Precision.TIME) and show.premiere_ends >= since:
            entries.append(
                CalendarEntry(
                    uid=f"premiere-{show.id}@{UID_DOMAIN}",
                    sequence=show.premiere_sequence,
                    kind=EntryKind.PREMIERE,
                    show_id=show.id,
                    show_title=show.title,
                    summary=_premiere_summary(show),
                    starts=show.premiere,
                    has_time=show.precision is Precision.TIME,
                    local_day=show.premiere.astimezone(zone).date(),
                    network=show.network,
                    url=page,
                    poster_url=show.poster_url,
                    stamp=show.added_at,
                )
            )
        if show.tvmaze_id is None or show.announce is Announce.PREMIERES:
            continue
        of_season = episodes.get((show.tvmaze_id, show.season or 0), ())
        for episode in announced(of_season, show.season, show.announce):
            if episode.airs_at < since:
                continue
            entries.append(
                CalendarEntry(
                    uid=f"episode-{show.id}-{episode.id}@{UID_DOMAIN}",
                    sequence=episode.sequence,
                    kind=EntryKind.EPISODE,
                    show_id=show.id,
                    show_title=show.title,
                    summary=_episode_summary(show, episode, names_hidden=names_hidden),
                    starts=episode.airs_at,
                    has_time=episode.has_time,
                    local_day=episode.airs_at.astimezone(zone).date(),
                    network=show.network,
                    url=page,
                    poster_url=show.poster_url,
                    stamp=show.added_at,
                )
            )
    return sorted(entries, key=lambda e: (e.starts, e.show_title.casefold(), e.uid))


def _premiere_summary(show: Show) -> str:
    return (
        f"{show.title} · Season {show.season} premiere" if show.season else f"{show.title} premiere"
    )


def _episode_summary(show: Show, episode: Episode, *, names_hidden: bool) -> str:
    summary = f"{show.title} · {episode.code}"
    if episode.name and not names_hidden:
        summary += f" {episode.name}"
    if episode.finale is not None:
        summary += f" ({episode.finale.value} finale)"
    return summary
