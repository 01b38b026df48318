"""TvmazeClient against the TVmaze double (bot/sandbox/tvmaze.py) on 127.0.0.1: parsing, caching,
pacing, and what members are told when TVmaze refuses, fails or goes quiet.

Backoff and timeouts are shrunk to milliseconds so nothing sleeps for real seconds.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, date, datetime
from itertools import pairwise
from typing import Any

import aiohttp
import pytest

from bot.sandbox.tvmaze import TvmazeDouble
from bot.tvmaze import TvEpisode, TvmazeClient, TvmazeNotFound, TvmazeUnavailable

MakeClient = Callable[..., TvmazeClient]


@pytest.fixture
async def site() -> AsyncIterator[TvmazeDouble]:
    async with TvmazeDouble() as running:
        yield running


@pytest.fixture
async def make_client(site: TvmazeDouble) -> AsyncIterator[MakeClient]:
    """Clients on the fake, fast by default (no pacing to speak of, millisecond backoff)."""
    made: list[TvmazeClient] = []

    def make(**options: Any) -> TvmazeClient:
        options = {"requests_per_second": 1000.0, "backoff_base": 0.01, **options}
        client = TvmazeClient(site.base_url, **options)
        made.append(client)
        return client

    yield make
    for client in made:
        await client.close()


async def wait_until(condition: Callable[[], bool]) -> None:
    """Yield to the event loop until `condition` holds (the timeout only stops a hang)."""
    async with asyncio.timeout(10):
        while not condition():  # noqa: ASYNC110 - the client has no event to wait on
            await asyncio.sleep(0.001)


def assert_readable(error: BaseException) -> None:
    """A sentence a member can read: no status codes, paths or exception names."""
    text = str(error)
    assert text.startswith("TVmaze ")
    assert text.endswith(".")
    for jargon in ("HTTP", "429", "503", "/shows", "Error", "json"):
        assert jargon not in text


# --- search -------------------------------------------------------------------------------


async def test_search_returns_parsed_shows_best_first(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.add_show(id=3, name="Severance Pay", premiered="2010-05-01", network="BBC One")
    site.add_show(id=2, name="The Severance", premiered=None, network=None)
    site.add_show(id=1, name="Severance", premiered="2022-02-18", web_channel="Apple TV+")
    site.add_show(id=4, name="Succession", premiered="2018-06-03", network="HBO")

    shows = await make_client().search("  SEVERANCE ")

    assert [show.id for show in shows] == [1, 3, 2]
    severance = shows[0]
    assert severance.name == "Severance"
    assert severance.premiered == date(2022, 2, 18)
    assert severance.network == "Apple TV+"
    assert severance.streaming is True
    assert severance.next_episode is None
    assert [show.label for show in shows] == [
        "Severance (2022, Apple TV+)",
        "Severance Pay (2010, BBC One)",
        "The Severance",
    ]
    assert site.requests[0].query == {"q": "SEVERANCE"}


async def test_search_orders_by_score_and_skips_junk(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.answer_next(
        [
            {"score": 0.2, "show": {"id": 1, "name": "Low"}},
            {"score": 0.9, "show": {"id": 2, "name": "High"}},
            {"score": 0.5, "show": {"name": "No id"}},
            "junk",
            {"score": 0.8, "show": {"id": 2, "name": "High again"}},
            {"show": {"id": 3, "name": "Unscored"}},
        ]
    )
    shows = await make_client().search("anything")
    assert [(show.id, show.name) for show in shows] == [(2, "High"), (1, "Low"), (3, "Unscored")]


async def test_search_without_matches_is_empty(site: TvmazeDouble, make_client: MakeClient) -> None:
    site.add_show(id=1, name="Severance")
    assert await make_client().search("zzz") == []
    assert site.count("/search/shows") == 1


@pytest.mark.parametrize("query", ["", "   ", "\n\t"])
async def test_blank_query_makes_no_request(
    site: TvmazeDouble, make_client: MakeClient, query: str
) -> None:
    client = make_client()
    assert await client.search(query) == []
    assert site.count() == 0
    assert client.stats.requests_sent == 0


# --- show ---------------------------------------------------------------------------------


async def test_show_has_its_next_episode_in_utc(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.add_show(
        id=5,
        name="Night Shift",
        premiered="2025-10-02",
        network="NBC",
        timezone="America/New_York",
        status="Running",
        updated=1_780_000_000,
    )
    site.set_next_episode(
        5, season=3, number=1, name="Return", airdate="2027-03-08", airtime="21:00", id=77
    )

    show = await make_client().show(5)

    assert show.network == "NBC"
    assert show.streaming is False
    assert show.timezone == "America/New_York"
    assert show.status == "Running"
    assert show.updated == 1_780_000_000
    assert show.year == 2025
    assert show.next_episode == TvEpisode(
        id=77,
        season=3,
        number=1,
        name="Return",
        airdate=date(2027, 3, 8),
        airstamp=datetime(2027, 3, 9, 2, 0, tzinfo=UTC),  # 21:00 EST is 02:00 UTC next day
        has_time=True,
    )
    assert show.next_episode.airstamp is not None
    assert show.next_episode.airstamp.utcoffset() is not None
    assert site.requests[0].path == "/shows/5"
    assert site.requests[0].query == {"embed": "nextepisode"}


async def test_streaming_drop_without_airtime(site: TvmazeDouble, make_client: MakeClient) -> None:
    site.add_show(
        id=6,
        name="Severance",
        premiered="2022-02-18",
        web_channel="Apple TV+",
        next_episode={"season": 3, "number": 1, "airdate": "2027-01-15", "airtime": ""},
    )

    show = await make_client().show(6)

    assert show.network == "Apple TV+"
    assert show.streaming is True
    assert show.timezone == "UTC"  # the web channel has no country
    assert show.next_episode is not None
    assert show.next_episode.has_time is False
    assert show.next_episode.airdate == date(2027, 1, 15)


async def test_show_without_next_episode(site: TvmazeDouble, make_client: MakeClient) -> None:
    site.add_show(id=8, name="Over", status="Ended", network="AMC")
    show = await make_client().show(8)
    assert show.next_episode is None
    assert show.status == "Ended"


async def test_missing_and_broken_fields_never_crash(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.add_raw_show({"id": 7})
    site.add_raw_show(
        {
            "id": 9,
            "name": "Odd",
            "premiered": "soon",
            "network": None,
            "webChannel": {"name": "Web", "country": None},
            "updated": "yesterday",
            "_embedded": {
                "nextepisode": {
                    "id": 90,
                    "season": 1,
                    "number": None,
                    "name": None,
                    "airdate": "",
                    "airtime": "",
                    "airstamp": "not a time",
                }
            },
        }
    )
    site.add_raw_show(
        {"id": 10, "name": "Nowhere", "network": {"name": "Mystery", "country": {"timezone": "x"}}}
    )
    client = make_client()

    bare = await client.show(7)
    assert (bare.name, bare.network, bare.streaming, bare.timezone) == (
        "Untitled show",
        None,
        False,
        "UTC",
    )
    assert (bare.premiered, bare.year, bare.status, bare.updated) == (None, None, "", 0)
    assert bare.next_episode is None

    odd = await client.show(9)
    assert odd.premiered is None
    assert odd.updated == 0
    assert odd.label == "Odd (Web)"
    assert odd.next_episode == TvEpisode(
        id=90, season=1, number=None, name="", airdate=None, airstamp=None, has_time=False
    )

    nowhere = await client.show(10)
    assert nowhere.timezone == "UTC"  # "x" is no zone zoneinfo knows


async def test_show_that_is_not_a_show_is_unavailable(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.answer_next({"name": "No id inside"})
    with pytest.raises(TvmazeUnavailable) as caught:
        await make_client().show(11)
    assert_readable(caught.value)


async def test_local_offset_airstamps_are_read_as_utc(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    # Older TVmaze answers write airstamps in the network's own offset.
    site.local_airstamps = True
    site.add_show(
        id=12,
        name="Iron Crown",
        network="HBO",
        timezone="America/New_York",
        next_episode={"season": 2, "number": 1, "airdate": "2027-04-11", "airtime": "21:00"},
    )
    site.add_show(
        id=13,
        name="Southern Lights",
        network="ABC",
        timezone="Australia/Sydney",
        next_episode={"season": 1, "number": 1, "airdate": "2027-10-03", "airtime": "20:30"},
    )
    client = make_client()

    raw = await _raw(site, "/shows/12", embed="nextepisode")
    iron_crown, southern = await client.show(12), await client.show(13)

    assert raw["_embedded"]["nextepisode"]["airstamp"] == "2027-04-11T21:00:00-04:00"
    assert iron_crown.next_episode is not None and southern.next_episode is not None
    assert iron_crown.next_episode.airstamp == datetime(2027, 4, 12, 1, 0, tzinfo=UTC)
    assert southern.next_episode.airstamp == datetime(2027, 10, 3, 9, 30, tzinfo=UTC)  # +11:00
    assert iron_crown.next_episode.airstamp.tzinfo is UTC


async def test_an_episode_with_no_airtime_and_no_airstamp(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.add_show(
        id=14,
        name="Harbor Lights",
        web_channel="Netflix",
        next_episode={
            "season": 3,
            "number": 1,
            "airdate": "2027-05-01",
            "airtime": "",
            "airstamp": None,
            "runtime": None,
        },
    )

    raw = (await _raw(site, "/shows/14", embed="nextepisode"))["_embedded"]["nextepisode"]
    show = await make_client().show(14)

    assert (raw["airtime"], raw["airstamp"], raw["runtime"]) == ("", None, None)
    assert show.next_episode is not None
    assert show.next_episode.airdate == date(2027, 5, 1)
    assert (show.next_episode.airstamp, show.next_episode.has_time) == (None, False)


async def test_without_airtime_the_double_stamps_noon_in_the_network_zone(
    site: TvmazeDouble,
) -> None:
    # TVmaze's placeholder: a streaming drop's airstamp is noon that day where the channel is.
    site.add_show(id=15, name="Drop", network="HBO", timezone="America/New_York")
    site.set_next_episode(15, season=1, number=1, airdate="2027-05-01", airtime="")

    raw = (await _raw(site, "/shows/15", embed="nextepisode"))["_embedded"]["nextepisode"]

    assert raw["airstamp"] == "2027-05-01T16:00:00+00:00"


# --- episodes -----------------------------------------------------------------------------


def add_iron_crown(site: TvmazeDouble) -> None:
    """A season 2 whose next episode is a preview special a week before episode 1."""
    site.add_show(
        id=20,
        name="Iron Crown",
        network="HBO",
        timezone="America/New_York",
        updated=1_790_000_000,
        next_episode={
            "id": 2090,
            "season": 2,
            "number": None,
            "type": "significant_special",
            "name": "Iron Crown: The Road Back",
            "airdate": "2027-03-28",
            "airtime": "21:00",
        },
    )
    site.add_episodes(
        20,
        {"id": 2001, "season": 1, "number": 1, "airdate": "2026-04-12", "airtime": "21:00"},
        {"id": 2002, "season": 2, "number": 1, "airdate": "2027-04-04", "airtime": "21:00"},
        {"id": 2003, "season": 2, "number": 2, "airdate": "2027-04-11", "airtime": "21:00"},
        {
            "id": 2091,
            "season": 2,
            "number": None,
            "type": "insignificant_special",
            "name": "Inside the Episode",
            "airdate": "",
            "airtime": "",
            "airstamp": None,
            "runtime": None,
        },
    )


async def test_episodes_are_the_regular_ones_as_tvmaze_lists_them(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    add_iron_crown(site)
    client = make_client()

    show = await client.show(20)
    episodes = await client.episodes(20, updated=show.updated)

    assert show.next_episode is not None and show.next_episode.kind == "significant_special"
    assert show.next_episode.number is None and not show.next_episode.is_regular
    assert [(e.id, e.season, e.number, e.kind) for e in episodes] == [
        (2001, 1, 1, "regular"),
        (2002, 2, 1, "regular"),
        (2003, 2, 2, "regular"),
    ]
    assert episodes[1].airstamp == datetime(2027, 4, 5, 1, 0, tzinfo=UTC)
    assert site.requests[-1].path == "/shows/20/episodes"
    assert site.requests[-1].query == {}


async def test_the_double_lists_specials_when_asked_like_tvmaze(site: TvmazeDouble) -> None:
    add_iron_crown(site)

    listed = await _raw(site, "/shows/20/episodes", specials="1")

    # Season by season, a season's specials after its regular episodes, whenever they air.
    assert [(e["id"], e["number"], e["type"]) for e in listed] == [
        (2001, 1, "regular"),
        (2002, 1, "regular"),
        (2003, 2, "regular"),
        (2090, None, "significant_special"),  # the next episode, airing before episode 1
        (2091, None, "insignificant_special"),
    ]
    undated = listed[-1]
    assert (undated["airdate"], undated["airtime"], undated["airstamp"]) == ("", "", None)
    assert undated["runtime"] is None


async def test_episodes_are_cached_until_the_show_changes(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    add_iron_crown(site)
    client = make_client()

    await client.episodes(20, updated=1)
    await client.episodes(20, updated=1)
    site.add_episodes(20, {"id": 2004, "season": 2, "number": 3, "airdate": "2027-04-18"})
    changed = await client.episodes(20, updated=2)

    assert site.count("/shows/20/episodes") == 2
    assert [e.id for e in changed][-1] == 2004


async def test_episodes_of_an_unknown_show_are_not_found(make_client: MakeClient) -> None:
    with pytest.raises(TvmazeNotFound):
        await make_client().episodes(404)
    with pytest.raises(TvmazeNotFound):
        await make_client().episodes(0)


async def test_episodes_skip_junk_and_refuse_a_wrong_shape(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.answer_next([{"id": 1, "season": 1, "number": 1}, "junk", {"name": "no id"}])
    site.answer_next({"not": "a list"})
    client = make_client()

    assert [e.id for e in await client.episodes(1)] == [1]
    with pytest.raises(TvmazeUnavailable) as caught:
        await client.episodes(2)
    assert_readable(caught.value)


async def _raw(site: TvmazeDouble, path: str, **query: str) -> Any:
    """The double's JSON as sent, for checking its shapes."""
    async with (
        aiohttp.ClientSession() as session,
        session.get(site.base_url + path, params=query) as response,
    ):
        assert response.status == 200
        return await response.json()


# --- updates ------------------------------------------------------------------------------


async def test_updated_since_reports_touched_shows(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.add_show(id=1, name="Quiet")
    site.add_show(id=2, name="Busy")
    last_week = site.add_show(id=3, name="Last week", updated=int(time.time()) - 3 * 86_400)
    stamp = site.touch(2)
    client = make_client()

    assert await client.updated_since("day") == {2: stamp}
    assert await client.updated_since("week") == {2: stamp, 3: last_week["updated"]}
    assert [seen.query for seen in site.requests] == [{"since": "day"}, {"since": "week"}]


async def test_updated_since_refuses_unknown_periods(make_client: MakeClient) -> None:
    with pytest.raises(ValueError):
        await make_client().updated_since("year")


async def test_updates_make_the_cached_show_stale(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.add_show(id=1, name="Moved", network="FX")
    site.add_show(id=2, name="Unchanged", network="FX")
    client = make_client()
    assert (await client.show(1)).next_episode is None
    await client.show(2)

    site.set_next_episode(1, season=2, number=1, airdate="2027-05-01", airtime="22:00")
    site.touch(1)
    await client.updated_since("day")
    moved = await client.show(1)
    await client.show(2)

    assert moved.next_episode is not None
    assert moved.next_episode.airdate == date(2027, 5, 1)
    assert site.count("/shows/1") == 2
    assert site.count("/shows/2") == 1


# --- cache --------------------------------------------------------------------------------


async def test_identical_calls_are_answered_from_the_cache(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.add_show(id=1, name="Severance", web_channel="Apple TV+")
    client = make_client()

    first = await client.search("Severance")
    again = await client.search("  severance")
    shown = await client.show(1)
    shown_again = await client.show(1)

    assert first == again
    assert shown == shown_again
    assert site.count() == 2
    assert client.stats.requests_sent == 2
    assert client.stats.cache_hits == 2


async def test_cache_expires(site: TvmazeDouble, make_client: MakeClient) -> None:
    site.add_show(id=1, name="Severance")
    now = [1000.0]
    client = make_client(cache_seconds=60, clock=lambda: now[0])

    await client.show(1)
    now[0] += 59
    await client.show(1)
    assert site.count() == 1
    now[0] += 2
    await client.show(1)
    assert site.count() == 2


async def test_cache_is_bounded(site: TvmazeDouble, make_client: MakeClient) -> None:
    for show_id in (1, 2, 3):
        site.add_show(id=show_id, name=f"Show {show_id}")
    client = make_client(cache_size=2)

    for show_id in (1, 2, 3, 1):
        await client.show(show_id)

    assert site.count("/shows/1") == 2  # pushed out by 2 and 3


async def test_errors_are_not_cached(site: TvmazeDouble, make_client: MakeClient) -> None:
    site.add_show(id=1, name="Severance")
    client = make_client(server_retries=0)
    site.fail_next(1, status=503)
    with pytest.raises(TvmazeUnavailable):
        await client.show(1)
    assert (await client.show(1)).name == "Severance"


async def test_concurrent_identical_calls_share_one_request(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.add_show(id=1, name="Severance")
    site.delay = 0.05
    client = make_client()

    shows = await asyncio.gather(*(client.show(1) for _ in range(4)))

    assert len(set(shows)) == 1
    assert site.count() == 1
    assert client.stats.shared == 3


# --- pacing -------------------------------------------------------------------------------


async def test_request_starts_are_evenly_spaced(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    for show_id in range(1, 6):
        site.add_show(id=show_id, name=f"Show {show_id}")
    client = make_client(requests_per_second=20)
    # Open the connection first: a first request's connect time would blur the first gap.
    await client.updated_since("day")
    site.forget_requests()

    await asyncio.gather(*(client.show(show_id) for show_id in range(1, 6)))

    starts = site.starts("/shows/")
    assert len(starts) == 5
    gaps = [later - earlier for earlier, later in pairwise(starts)]
    assert min(gaps) >= 0.045, gaps


async def test_concurrent_callers_go_in_the_order_they_asked(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    for show_id in range(1, 5):
        site.add_show(id=show_id, name=f"Show {show_id}")
    client = make_client(requests_per_second=50)

    await asyncio.gather(*(client.show(show_id) for show_id in (4, 2, 3, 1)))

    assert [seen.path for seen in site.requests] == ["/shows/4", "/shows/2", "/shows/3", "/shows/1"]


async def test_cache_hits_do_not_wait_for_a_slot(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.add_show(id=1, name="Severance")
    client = make_client(requests_per_second=1 / 3600)
    await client.show(1)  # the next slot is now an hour away

    again = asyncio.ensure_future(client.show(1))
    for _ in range(5):  # a few turns of the event loop, nowhere near an hour
        await asyncio.sleep(0)

    assert again.done()
    assert again.result().name == "Severance"
    assert client.stats.cache_hits == 1
    assert site.count() == 1


# --- refusals and failures ----------------------------------------------------------------


async def test_429_then_success(site: TvmazeDouble, make_client: MakeClient) -> None:
    site.add_show(id=1, name="Severance")
    site.fail_next(1, status=429, retry_after=0)
    client = make_client()

    show = await client.show(1)

    assert show.name == "Severance"
    assert [seen.status for seen in site.requests] == [429, 200]
    assert client.stats.rate_limited == 1
    assert client.stats.requests_sent == 2


async def test_429_honours_retry_after(site: TvmazeDouble, make_client: MakeClient) -> None:
    site.add_show(id=1, name="Severance")
    site.fail_next(1, status=429, retry_after=0.2)

    await make_client(backoff_base=0.001).show(1)

    first, second = site.starts()
    assert second - first >= 0.19


async def test_429_without_retry_after_backs_off_exponentially(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.add_show(id=1, name="Severance")
    site.fail_next(2, status=429)

    await make_client(backoff_base=0.05, max_retries=3).show(1)

    starts = site.starts()
    assert len(starts) == 3
    assert starts[1] - starts[0] >= 0.045
    assert starts[2] - starts[1] >= 0.095


async def test_429_holds_back_other_callers_too(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.add_show(id=1, name="One")
    site.add_show(id=2, name="Two")
    client = make_client()
    site.fail_next(1, status=429, retry_after=0.2)

    first = asyncio.ensure_future(client.show(1))
    # The client holds back in the same step in which it counts the 429.
    await wait_until(lambda: client.stats.rate_limited == 1)
    await client.show(2)
    await first

    assert [seen.status for seen in site.requests] == [429, 200, 200]
    refused_at = site.requests[0].at
    assert all(seen.at - refused_at >= 0.19 for seen in site.requests[1:])


async def test_429_forever_is_busy_after_max_retries(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.add_show(id=1, name="Severance")
    site.fail_next(100, status=429, retry_after=0)
    client = make_client(max_retries=2)

    with pytest.raises(TvmazeUnavailable) as caught:
        await client.show(1)

    assert "busy" in str(caught.value)
    assert_readable(caught.value)
    assert site.count() == 3
    assert client.stats.rate_limited == 3


async def test_retry_after_beyond_the_cap_gives_up_at_once(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.add_show(id=1, name="Severance")
    site.fail_next(1, status=429, retry_after=120)

    with pytest.raises(TvmazeUnavailable) as caught:
        await make_client(backoff_cap=5).show(1)

    assert "busy" in str(caught.value)
    assert site.count() == 1


async def test_site_down_is_unavailable(site: TvmazeDouble, make_client: MakeClient) -> None:
    site.add_show(id=1, name="Severance")
    site.down = True
    client = make_client(server_retries=1)

    with pytest.raises(TvmazeUnavailable) as caught:
        await client.search("Severance")

    assert str(caught.value) == (
        "TVmaze isn't answering right now. Try again in a few minutes, "
        "or give the premiere date yourself."
    )
    assert_readable(caught.value)
    assert "503" in caught.value.detail
    assert site.count() == 2  # one retry


async def test_one_server_error_is_retried(site: TvmazeDouble, make_client: MakeClient) -> None:
    site.add_show(id=1, name="Severance")
    site.fail_next(1, status=502)
    assert (await make_client().show(1)).name == "Severance"
    assert [seen.status for seen in site.requests] == [502, 200]


async def test_unknown_show_is_not_found(site: TvmazeDouble, make_client: MakeClient) -> None:
    client = make_client()
    with pytest.raises(TvmazeNotFound) as caught:
        await client.show(404)
    assert str(caught.value) == "TVmaze has no show with that id."
    assert site.count() == 1
    with pytest.raises(TvmazeNotFound):
        await client.show(0)
    assert site.count() == 1  # no request for an id that cannot exist


async def test_timeout_is_unavailable(site: TvmazeDouble, make_client: MakeClient) -> None:
    site.add_show(id=1, name="Severance")
    site.delay = 30  # far beyond the client's timeout; stopping the site cuts it short
    client = make_client(timeout=0.1)

    with pytest.raises(TvmazeUnavailable) as caught:
        await client.show(1)

    # The client gave up on its own: the site had not answered yet.
    [seen] = site.requests
    assert seen.status == 0
    assert_readable(caught.value)
    assert site.count() == 1  # a timeout already cost its wait; no retry


async def test_malformed_json_is_unavailable(site: TvmazeDouble, make_client: MakeClient) -> None:
    site.add_show(id=1, name="Severance")
    site.malformed_next(1)
    with pytest.raises(TvmazeUnavailable) as caught:
        await make_client().show(1)
    assert "couldn't read" in str(caught.value)
    assert_readable(caught.value)


async def test_wrong_shape_is_unavailable(site: TvmazeDouble, make_client: MakeClient) -> None:
    site.answer_next({"not": "a list"})
    with pytest.raises(TvmazeUnavailable):
        await make_client().search("Severance")


async def test_nobody_listening_is_unavailable() -> None:
    async with TvmazeDouble() as gone:
        base_url = gone.base_url
    client = TvmazeClient(base_url, requests_per_second=1000, backoff_base=0.01)
    try:
        with pytest.raises(TvmazeUnavailable) as caught:
            await client.show(1)
        assert_readable(caught.value)
        assert client.stats.requests_sent == 2  # one retry
    finally:
        await client.close()


# --- manners and lifecycle ----------------------------------------------------------------


async def test_requests_say_who_is_asking(site: TvmazeDouble, make_client: MakeClient) -> None:
    site.add_show(id=1, name="Severance")
    await make_client(user_agent="premiere-bot/test").show(1)
    assert site.requests[0].user_agent == "premiere-bot/test"


async def test_close_leaves_a_borrowed_session_open(
    site: TvmazeDouble, make_client: MakeClient
) -> None:
    site.add_show(id=1, name="Severance")
    async with aiohttp.ClientSession() as session:
        client = make_client(session=session)
        await client.show(1)
        await client.close()
        assert not session.closed
        with pytest.raises(TvmazeUnavailable):
            await client.show(2)
