"""TvmazeClient.seasons() and episodes() against the TVmaze double as a season airs: orders
announced late, weekly and dropped seasons, episodes moved or taken off the schedule, and the
made-up shows of the sandbox."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import aiohttp
import pytest

from bot.sandbox.tvmaze import TvmazeDouble, add_sample_shows
from bot.tvmaze import TvmazeClient, TvmazeNotFound, TvmazeUnavailable, TvSeason
from bot.tvmaze.errors import UNREADABLE

MakeClient = Callable[..., TvmazeClient]
VALLEY = 30  # a network show on New York time
HARBOR = 31  # a streaming show without a timezone: its drops are stamped noon UTC
# An instant the double's updates and next episode are measured from: 1 Dec 2026, 12:00 UTC.
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
async def site() -> AsyncIterator[TvmazeDouble]:
    async with TvmazeDouble(now=NOW.timestamp) as running:
        running.add_show(id=VALLEY, name="Quiet Valley", network="HBO", timezone="America/New_York")
        running.add_show(id=HARBOR, name="Harbor Lights", web_channel="Netflix")
        yield running


@pytest.fixture
async def make_client(site: TvmazeDouble) -> AsyncIterator[MakeClient]:
    made: list[TvmazeClient] = []

    def make(**options: Any) -> TvmazeClient:
        client = TvmazeClient(site.base_url, requests_per_second=1000.0, **options)
        made.append(client)
        return client

    yield make
    for client in made:
        await client.close()


async def raw(site: TvmazeDouble, path: str) -> Any:
    """The double's JSON as sent, for checking its shapes."""
    async with (
        aiohttp.ClientSession() as session,
        session.get(site.base_url + path) as response,
    ):
        assert response.status == 200
        return await response.json()


# --- seasons ------------------------------------------------------------------------------


async def test_seasons_are_served_by_number_and_parsed(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.weekly_episodes(VALLEY, 4, first_airdate="2027-01-10", count=3)
    site.set_season(VALLEY, 4, episode_order=3)
    site.weekly_episodes(VALLEY, 2, first_airdate="2024-01-07", count=2)  # order never announced
    site.set_season(VALLEY, 5)  # renewed: listed before it has any episode
    site.add_episodes(VALLEY, {"season": 3, "number": None, "airdate": "2025-06-01"})

    seasons = await make_client().seasons(VALLEY)

    assert seasons == (
        TvSeason(seasons[0].id, 2, None, None, None),
        TvSeason(seasons[1].id, 3, None, None, None),  # only a special, still a season
        TvSeason(seasons[2].id, 4, 3, date(2027, 1, 10), date(2027, 1, 24)),
        TvSeason(seasons[3].id, 5, None, None, None),
    )
    assert len({season.id for season in seasons}) == 4
    assert site.requests[-1].path == f"/shows/{VALLEY}/seasons"


async def test_the_double_sends_tvmaze_s_season_shape(site: TvmazeDouble) -> None:
    site.weekly_episodes(VALLEY, 4, first_airdate="2027-01-10", count=2)

    first = await raw(site, f"/shows/{VALLEY}/seasons")
    again = await raw(site, f"/shows/{VALLEY}/seasons")

    (season,) = first
    assert set(season) == {
        "id",
        "url",
        "number",
        "name",
        "episodeOrder",
        "premiereDate",
        "endDate",
        "network",
        "webChannel",
        "image",
        "summary",
        "_links",
    }
    assert (season["episodeOrder"], season["premiereDate"], season["endDate"]) == (None, None, None)
    assert season["network"]["name"] == "HBO" and season["webChannel"] is None
    assert again == first  # the same id every time


async def test_dates_come_only_once_every_ordered_episode_is_dated(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.weekly_episodes(VALLEY, 4, first_airdate="2027-01-10", count=3)
    (undated,) = site.add_episodes(VALLEY, {"season": 4, "number": 4, "airdate": ""})
    site.set_season(VALLEY, 4, episode_order=4)
    client = make_client()

    (airing,) = await client.seasons(VALLEY, updated=1)
    site.move_episode(VALLEY, undated["id"], airdate="2027-01-31", airtime="21:00")
    (cached,) = await client.seasons(VALLEY, updated=1)
    (complete,) = await client.seasons(VALLEY, updated=site.touch(VALLEY))

    assert (airing.episode_order, airing.premiere_date, airing.end_date) == (4, None, None)
    assert cached == airing  # the same `updated` is answered from memory
    assert (complete.premiere_date, complete.end_date) == (date(2027, 1, 10), date(2027, 1, 31))
    assert site.count(f"/shows/{VALLEY}/seasons") == 2


async def test_an_order_cut_short_closes_the_season_with_the_episodes_it_has(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.weekly_episodes(VALLEY, 4, first_airdate="2027-01-10", count=3)
    site.set_season(VALLEY, 4, episode_order=10)
    client = make_client()

    (open_ended,) = await client.seasons(VALLEY, updated=1)
    site.set_season(VALLEY, 4, episode_order=3)
    (cut,) = await client.seasons(VALLEY, updated=2)

    assert (open_ended.episode_order, open_ended.end_date) == (10, None)
    assert (cut.episode_order, cut.end_date) == (3, date(2027, 1, 24))


async def test_seasons_of_an_unknown_or_impossible_show_are_not_found(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    client = make_client()

    with pytest.raises(TvmazeNotFound):
        await client.seasons(404)
    for impossible in (0, -1, True):
        with pytest.raises(TvmazeNotFound):
            await client.seasons(impossible)
    assert site.count("/shows/") == 1  # only the real id was asked


async def test_seasons_skip_junk_and_refuse_a_wrong_shape(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.answer_next(
        [
            {"id": 12, "number": 2, "episodeOrder": "eight"},
            "junk",
            {"number": 3},
            {"id": 11, "number": 1, "episodeOrder": 6, "premiereDate": "2026-02-30"},
        ]
    )
    site.answer_next({"not": "a list"})
    client = make_client()

    assert await client.seasons(VALLEY) == (
        TvSeason(11, 1, 6, None, None),
        TvSeason(12, 2, None, None, None),
    )
    with pytest.raises(TvmazeUnavailable) as caught:
        await client.seasons(HARBOR)
    assert str(caught.value) == UNREADABLE


# --- episodes as the schedule changes -------------------------------------------------------


async def test_weekly_episodes_are_a_week_apart_at_the_same_time(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.weekly_episodes(
        VALLEY, 4, first_airdate=date(2027, 3, 7), count=3, names=["The Thaw"], start_number=2
    )

    episodes = await make_client().episodes(VALLEY)

    assert [(e.number, e.name) for e in episodes] == [
        (2, "The Thaw"),
        (3, "Episode 3"),
        (4, "Episode 4"),
    ]
    # 9 pm in New York across the change to summer time: 02:00 UTC, then 01:00 UTC.
    assert [e.airstamp for e in episodes] == [
        datetime(2027, 3, 8, 2, 0, tzinfo=UTC),
        datetime(2027, 3, 15, 1, 0, tzinfo=UTC),
        datetime(2027, 3, 22, 1, 0, tzinfo=UTC),
    ]
    assert all(e.has_time and e.is_regular for e in episodes)


def test_more_names_than_episodes_is_a_mistake(site: TvmazeDouble) -> None:
    with pytest.raises(ValueError):
        site.weekly_episodes(VALLEY, 1, first_airdate="2027-01-10", count=1, names=["A", "B"])


async def test_a_dropped_season_shares_one_airstamp(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.weekly_episodes(HARBOR, 3, first_airdate="2026-12-24", count=8, airtime="", drop=True)
    site.set_season(HARBOR, 3, episode_order=8)
    client = make_client()

    episodes = await client.episodes(HARBOR)
    (season,) = await client.seasons(HARBOR)

    assert [e.number for e in episodes] == list(range(1, 9))
    assert {e.airstamp for e in episodes} == {datetime(2026, 12, 24, 12, 0, tzinfo=UTC)}
    assert not any(e.has_time for e in episodes)  # TVmaze's noon is a placeholder
    assert (season.premiere_date, season.end_date) == (date(2026, 12, 24), date(2026, 12, 24))


async def test_moved_and_removed_episodes_are_seen_once_the_show_changes(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    first, second, third = site.weekly_episodes(VALLEY, 4, first_airdate="2027-01-10", count=3)
    client = make_client()
    before = await client.episodes(VALLEY, updated=1)

    site.move_episode(VALLEY, second["id"], airdate="2027-01-20")  # keeps its 21:00
    site.move_episode(VALLEY, third["id"], airdate=date(2027, 1, 27), airtime="22:30")
    site.remove_episode(VALLEY, first["id"])
    unchanged = await client.episodes(VALLEY, updated=1)
    after = await client.episodes(VALLEY, updated=site.touch(VALLEY))

    assert unchanged == before and len(before) == 3
    assert [(e.id, e.number, e.name, e.airdate, e.airstamp) for e in after] == [
        (second["id"], 2, "Episode 2", date(2027, 1, 20), datetime(2027, 1, 21, 2, 0, tzinfo=UTC)),
        (third["id"], 3, "Episode 3", date(2027, 1, 27), datetime(2027, 1, 28, 3, 30, tzinfo=UTC)),
    ]


async def test_an_episode_moved_off_the_schedule_loses_its_airstamp(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    (episode,) = site.weekly_episodes(VALLEY, 4, first_airdate="2027-01-10", count=1)

    site.move_episode(VALLEY, episode["id"], airdate="", airtime="")
    (undated,) = await make_client().episodes(VALLEY)

    assert (undated.airdate, undated.airstamp, undated.has_time) == (None, None, False)


def test_moving_or_removing_an_unknown_episode_is_a_mistake(site: TvmazeDouble) -> None:
    with pytest.raises(KeyError):
        site.move_episode(VALLEY, 999, airdate="2027-01-10")
    with pytest.raises(KeyError):
        site.remove_episode(VALLEY, 999)


# --- the next episode ---------------------------------------------------------------------


async def test_weekly_episodes_take_over_the_next_episode_and_it_is_listed_once(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.set_next_episode(VALLEY, season=4, number=1, airdate="2027-01-10", airtime="21:00")
    client = make_client()
    announced = (await client.show(VALLEY)).next_episode

    added = site.weekly_episodes(VALLEY, 4, first_airdate="2027-01-10", count=2, names=["Thaw"])
    episodes = await client.episodes(VALLEY)
    site.touch(VALLEY)
    upcoming = (await make_client().show(VALLEY)).next_episode

    assert announced is not None and upcoming is not None
    assert [e.id for e in episodes] == [announced.id, added[1]["id"]]
    assert (upcoming.id, upcoming.name) == (announced.id, "Thaw")


async def test_the_next_episode_follows_its_move_and_its_removal(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    first, _ = site.weekly_episodes(VALLEY, 4, first_airdate="2027-01-10", count=2)
    site.set_next_episode(VALLEY, first)

    site.move_episode(VALLEY, first["id"], airdate="2027-01-03")
    moved = (await make_client().show(VALLEY)).next_episode
    site.remove_episode(VALLEY, first["id"])
    removed = (await make_client().show(VALLEY)).next_episode
    listed = await make_client().episodes(VALLEY)

    assert moved is not None and moved.airdate == date(2027, 1, 3)
    assert removed is None
    assert first["id"] not in {e.id for e in listed}


async def test_advancing_names_the_first_episode_still_to_air(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    # 9 pm New York on 30 Nov is 02:00 UTC on 1 Dec, before NOW; a week later is after it.
    aired, coming, last = site.weekly_episodes(VALLEY, 4, first_airdate="2026-11-30", count=3)
    site.set_next_episode(VALLEY, aired)

    named = site.advance_next_episode(VALLEY)
    upcoming = (await make_client().show(VALLEY)).next_episode
    site.remove_episode(VALLEY, coming["id"])
    site.move_episode(VALLEY, last["id"], airdate="2026-11-01")

    assert named is not None and named["id"] == coming["id"]
    assert upcoming is not None and upcoming.id == coming["id"]
    assert site.advance_next_episode(VALLEY) is None  # everything left has aired


async def test_a_show_can_end(site: TvmazeDouble, make_client: MakeClient) -> None:
    site.set_status(VALLEY, "Ended")

    assert (await make_client().show(VALLEY)).status == "Ended"


# --- the sandbox's made-up shows ----------------------------------------------------------


async def test_the_made_up_shows_have_whole_seasons_and_a_consistent_next_episode() -> None:
    today = date(2026, 11, 24)
    async with TvmazeDouble() as sandbox:
        add_sample_shows(sandbox, today)
        client = TvmazeClient(sandbox.base_url, requests_per_second=1000.0)
        try:
            by_name = {show.name: show for show in [await client.show(i) for i in range(1, 6)]}
            seasons = {name: await client.seasons(show.id) for name, show in by_name.items()}
            episodes = {name: await client.episodes(show.id) for name, show in by_name.items()}
        finally:
            await client.close()

    def on(days: int) -> date:
        return today + timedelta(days=days)

    valley, harbor, night = (
        seasons["Quiet Valley"],
        seasons["Harbor Lights"],
        seasons["Night Shift"],
    )
    assert [(s.number, s.episode_order, s.premiere_date, s.end_date) for s in valley] == [
        (4, 10, on(12), on(12 + 63))
    ]
    assert [(s.number, s.episode_order, s.premiere_date, s.end_date) for s in harbor] == [
        (3, 8, on(30), on(30))
    ]
    assert [(s.number, s.episode_order, s.premiere_date, s.end_date) for s in night] == [
        (2, 10, on(3 - 28), on(3 + 35))
    ]
    assert [e.name for e in episodes["Quiet Valley"]][:2] == ["The Thaw", "Old Roads"]
    night_airdates = [e.airdate for e in episodes["Night Shift"]]
    assert night_airdates == [on(3 - 28) + timedelta(weeks=week) for week in range(10)]
    assert len({e.airstamp for e in episodes["Harbor Lights"]}) == 1
    assert not any(e.has_time for e in episodes["Harbor Lights"])
    for name in ("Quiet Valley", "Harbor Lights", "Night Shift"):
        upcoming = by_name[name].next_episode
        still_to_air = [e for e in episodes[name] if e.airdate and e.airdate >= today]
        assert upcoming is not None and still_to_air
        assert upcoming == still_to_air[0], name  # the same episode, id and all
    assert [e.number for e in episodes["Night Shift"] if e.airdate and e.airdate < today] == [
        1,
        2,
        3,
        4,
    ]
