"""Which episodes get their own post, when, and how missed ones are told after downtime."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.episodes import (
    Announce,
    Episode,
    Finale,
    SeasonFacts,
    episode_slots,
    finale_of,
    format_delay,
    opening_episodes,
    parse_delay,
)
from bot.domain.reminders import Kind, Style, triage

AIR = datetime(2027, 1, 10, 2, 0, tzinfo=UTC)


def weekly(season: int = 2, count: int = 4, *, finale_at: int | None = None) -> list[Episode]:
    return [
        Episode(
            77,
            1000 + n,
            season,
            n,
            f"Chapter {n}",
            AIR + timedelta(weeks=n - 1),
            True,
            Finale.SEASON if n == finale_at else None,
        )
        for n in range(1, count + 1)
    ]


def test_every_episode_but_the_premiere_gets_a_post_at_its_airtime_plus_the_delay() -> None:
    slots = episode_slots(weekly(), 2, Announce.EPISODES, timedelta(minutes=30))
    assert [s.airs_at for s in slots] == [AIR + timedelta(weeks=w) for w in (1, 2, 3)]
    assert all(s.due == s.airs_at + timedelta(minutes=30) for s in slots)


def test_premieres_only_and_unknown_seasons_plan_no_episode_posts() -> None:
    assert episode_slots(weekly(), 2, Announce.PREMIERES, timedelta(0)) == []
    assert episode_slots(weekly(), None, Announce.EPISODES, timedelta(0)) == []
    assert episode_slots(weekly(season=3), 2, Announce.EPISODES, timedelta(0)) == []


def test_finales_mode_posts_only_the_finale() -> None:
    slots = episode_slots(weekly(finale_at=4), 2, Announce.FINALES, timedelta(0))
    assert [s.airs_at for s in slots] == [AIR + timedelta(weeks=3)]
    assert episode_slots(weekly(), 2, Announce.FINALES, timedelta(0)) == []


def test_a_drop_is_one_post_and_a_drop_with_the_premiere_is_the_premiere_post() -> None:
    dropped = [Episode(77, 2000 + n, 3, n, f"Part {n}", AIR, False, None) for n in range(1, 9)]
    assert episode_slots(dropped, 3, Announce.EPISODES, timedelta(0)) == []
    assert [e.number for e in opening_episodes(dropped, 3)] == list(range(1, 9))
    later_drop = [
        *weekly(season=3, count=1),
        *(Episode(77, 3000 + n, 3, n, "", AIR + timedelta(days=7), True, None) for n in (2, 3, 4)),
    ]
    slots = episode_slots(later_drop, 3, Announce.EPISODES, timedelta(0))
    assert [s.airs_at for s in slots] == [AIR + timedelta(days=7)]


def test_a_finale_needs_the_season_order_and_the_series_ends_only_with_its_last_season() -> None:
    seasons = [SeasonFacts(1, 8), SeasonFacts(2, 10), SeasonFacts(3, None)]
    assert finale_of(2, 10, seasons, show_ended=False) is Finale.SEASON
    assert finale_of(2, 9, seasons, show_ended=False) is None
    assert finale_of(3, 6, seasons, show_ended=True) is None  # order unknown: no guess
    assert finale_of(2, 10, seasons, show_ended=True) is Finale.SEASON  # a later season exists
    assert finale_of(2, 10, seasons[:2], show_ended=True) is Finale.SERIES


@pytest.mark.parametrize(
    ("text", "delay"),
    [
        ("0", timedelta(0)),
        ("30m", timedelta(minutes=30)),
        ("2h", timedelta(hours=2)),
        ("1h 30m", timedelta(hours=1, minutes=30)),
        ("24h", timedelta(hours=24)),
    ],
)
def test_delays_read_as_people_write_them(text: str, delay: timedelta) -> None:
    assert parse_delay(text) == delay


@pytest.mark.parametrize("text", ["25h", "soon", "5", "h", "1h1h", "-2h", "2d"])
def test_bad_delays_are_refused_with_an_example(text: str) -> None:
    with pytest.raises(ValueError, match=r"24 hours|e\.g\."):
        parse_delay(text)


def test_delays_are_written_back_briefly() -> None:
    assert [format_delay(timedelta(minutes=m)) for m in (0, 45, 120, 90)] == [
        "none",
        "45m",
        "2h",
        "1h 30m",
    ]


@dataclass(frozen=True)
class Due:
    id: int
    premiere: datetime
    due: datetime
    guild_id: int = 1
    show_id: int = 5
    kind: Kind = Kind.EPISODE


def test_missed_episodes_are_one_offline_post_per_show_and_old_ones_are_skipped() -> None:
    now = AIR + timedelta(days=10)
    old = Due(1, now - timedelta(days=3), now - timedelta(days=3))
    yesterday = Due(2, now - timedelta(hours=20), now - timedelta(hours=20))
    tonight = Due(3, now - timedelta(hours=2), now - timedelta(hours=2))
    on_time = Due(4, now - timedelta(minutes=1), now - timedelta(minutes=1), show_id=6)

    verdict = triage([old, yesterday, tonight, on_time], now)

    assert sorted((r.id, style) for r, style in verdict.send) == [
        (3, Style.OFFLINE),
        (4, Style.ON_TIME),
    ]
    assert sorted(r.id for r, _ in verdict.skip) == [1, 2]
