"""Calendars end to end: /calendar link through the Discord double gives links whose feed (read
over HTTP from the bot's own web server, parsed back with icalendar) and page show the server's
premieres, and only its own; a reset kills the old links."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import aiohttp
import pytest
from icalendar import Calendar
from multidict import CIMultiDict

from bot.app import PremiereBot
from bot.sandbox.double import Perm
from tests.conftest import ON_BOTH_ENGINES, StartBot, World

pytestmark = ON_BOTH_ENGINES

PUBLIC = "https://premieres.example.org"
LINK = re.compile(r"<(https://premieres\.example\.org(/c/[A-Za-z0-9_-]+))>")


@pytest.fixture
async def cal_bot(start_bot: StartBot, at_t0: Any) -> PremiereBot:
    return await start_bot(public_url=PUBLIC, web_host="127.0.0.1", web_port=0)


async def links(world: World, bot: PremiereBot, command: str = "calendar link") -> str:
    """The page path from the private answer, checked for the three links it must give."""
    answer = await world.slash(world.member, command)
    assert answer.ephemeral, answer.content
    [(page, path)] = LINK.findall(answer.content)
    assert f"<{page}.ics>" in answer.content
    assert f"<webcal://premieres.example.org{path}.ics>" in answer.content
    return path


async def get(bot: PremiereBot, path: str, **headers: str) -> tuple[int, CIMultiDict[str], bytes]:
    assert bot.calendar_site is not None
    async with (
        aiohttp.ClientSession() as http,
        http.get(bot.calendar_site.base_url + path, headers=headers) as response,
    ):
        return response.status, CIMultiDict(response.headers), await response.read()


def events(body: bytes) -> dict[str, Any]:
    calendar = Calendar.from_ical(body)
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


async def track(world: World, title: str, premiere: str, **options: Any) -> None:
    reply = await world.slash(world.admin, "show add", title=title, premiere=premiere, **options)
    assert not reply.ephemeral, reply.content


async def test_the_feed_has_one_event_per_dated_premiere_at_the_right_instant(
    world: World, cal_bot: PremiereBot
) -> None:
    await track(world, "Jessica Jones", "2026-12-10 21:00", season=2)
    await track(world, "Severance", "2027-01-17", timezone="America/New_York")
    await track(world, "The Long Summer", "March 2027")  # no day yet: no event
    path = await links(world, cal_bot)

    status, headers, body = await get(cal_bot, path + ".ics")

    assert status == 200 and headers["Content-Type"].startswith("text/calendar")
    found = events(body)
    assert set(found) == {"Jessica Jones · Season 2 premiere", "Severance premiere"}
    timed = found["Jessica Jones · Season 2 premiere"]
    assert timed["dtstart"].dt == datetime(2026, 12, 10, 21, 0, tzinfo=UTC)
    assert found["Severance premiere"]["dtstart"].dt == date(2027, 1, 17)  # all-day
    assert timed["sequence"] == 0 and timed["uid"].endswith("@premiere-bot")
    calendar = Calendar.from_ical(body)
    assert str(calendar["x-wr-calname"]) == "Premiere Club · Premieres"
    assert b"\r\nX-PUBLISHED-TTL:PT1H\r\n" in body
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in body

    all_day = events((await get(cal_bot, path + ".ics?all_day=1"))[2])
    assert all_day["Jessica Jones · Season 2 premiere"]["dtstart"].dt == date(2026, 12, 10)


async def test_a_moved_premiere_raises_the_sequence_and_keeps_its_uid(
    world: World, cal_bot: PremiereBot
) -> None:
    await track(world, "Jessica Jones", "2026-12-10 21:00")
    path = await links(world, cal_bot)
    [before] = events((await get(cal_bot, path + ".ics"))[2]).values()

    await world.slash(world.admin, "show edit", show="Jessica Jones", premiere="2026-12-17 21:00")
    [after] = events((await get(cal_bot, path + ".ics"))[2]).values()

    assert after["uid"] == before["uid"]
    assert (before["sequence"], after["sequence"]) == (0, 1)
    assert after["dtstart"].dt == datetime(2026, 12, 17, 21, 0, tzinfo=UTC)


async def test_polls_cost_nothing_when_nothing_changed_and_shows_narrow_the_feed(
    world: World, cal_bot: PremiereBot
) -> None:
    await track(world, "Jessica Jones", "2026-12-10 21:00")
    await track(world, "Severance", "2027-01-17")
    path = await links(world, cal_bot)
    _, headers, _ = await get(cal_bot, path + ".ics")

    status, again, body = await get(cal_bot, path + ".ics", **{"If-None-Match": headers["ETag"]})
    assert (status, body, again["ETag"]) == (304, b"", headers["ETag"])

    shows = await cal_bot.services.shows.upcoming(world.guild.id)
    severance = next(s for s in shows if s.title == "Severance")
    narrowed = events((await get(cal_bot, f"{path}.ics?shows={severance.id}"))[2])
    assert list(narrowed) == ["Severance premiere"]
    status, _, body = await get(cal_bot, f"{path}.ics?shows=one,two")
    assert status == 400 and b"show ids" in body


async def test_a_reset_kills_the_old_links_and_only_managers_may_reset(
    world: World, cal_bot: PremiereBot
) -> None:
    await track(world, "Jessica Jones", "2026-12-10 21:00")
    old = await links(world, cal_bot)
    refused = await world.slash(world.member, "calendar reset")
    assert refused.ephemeral and "Manage Server" in refused.content
    assert (await get(cal_bot, old + ".ics"))[0] == 200

    answer = await world.slash(world.admin, "calendar reset")
    assert answer.ephemeral and "old ones no longer work" in answer.content
    new = LINK.findall(answer.content)[0][1]

    unknown_status, unknown_headers, unknown_body = await get(cal_bot, "/c/" + "x" * 32 + ".ics")
    assert unknown_headers["X-Content-Type-Options"] == "nosniff"
    for path in (old + ".ics", old):
        status, _, body = await get(cal_bot, path)
        assert (status, body) == (unknown_status, unknown_body) == (404, b"Not found.\n")
    assert (await get(cal_bot, new + ".ics"))[0] == 200
    assert await links(world, cal_bot) == new  # /calendar link now gives the new one


async def test_another_servers_secret_never_shows_this_servers_shows(
    world: World, cal_bot: PremiereBot
) -> None:
    await track(world, "Jessica Jones", "2026-12-10 21:00")
    other = world.double.add_guild(
        "Other Club", bot_permissions=int(Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES)
    )
    await cal_bot.services.shows.add(
        other.id, title="Severance", premiere="2027-01-17", added_by=other.owner_id
    )
    theirs = await cal_bot.services.calendars.link(other.id, "Other Club")
    mine = await links(world, cal_bot)

    their_path = theirs.feed.removeprefix(PUBLIC)
    assert list(events((await get(cal_bot, their_path))[2])) == ["Severance premiere"]
    assert list(events((await get(cal_bot, mine + ".ics"))[2])) == ["Jessica Jones premiere"]
    # Naming the other server's show by id in this server's feed shows nothing of it.
    severance = (await cal_bot.services.shows.upcoming(other.id))[0]
    assert events((await get(cal_bot, f"{mine}.ics?shows={severance.id}"))[2]) == {}


async def test_the_page_lists_what_is_coming_with_safe_headers(
    world: World, cal_bot: PremiereBot, at_t0: Any
) -> None:
    await track(world, "Jessica Jones", "2026-12-10 21:00", season=2)
    await track(world, "<b>Severance</b>", "2027-01-17")
    await track(world, "Old News", "2026-11-25 10:00")
    at_t0.shift(timedelta(days=2))  # Old News has premiered: the page lists what is coming
    path = await links(world, cal_bot)

    status, headers, body = await get(cal_bot, path)

    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "<h1>Premiere Club</h1>" in page
    assert page.index("Jessica Jones · Season 2 premiere") < page.index("Severance")
    assert "&lt;b&gt;Severance&lt;/b&gt;" in page and "<b>Severance" not in page
    assert "Old News" not in page
    assert '<time datetime="2026-12-10T21:00:00Z" data-local>' in page
    assert f'href="webcal://premieres.example.org{path}.ics"' in page
    assert "<script src" not in page and "http://" not in page  # nothing third-party


async def test_without_a_public_url_calendars_are_off_and_say_how_to_turn_them_on(
    world: World, bot: PremiereBot
) -> None:
    answer = await world.slash(world.member, "calendar link")
    assert answer.ephemeral and "PUBLIC_URL" in answer.content
    assert bot.calendar_site is None


async def test_each_client_is_rate_limited_by_its_own_address_even_behind_a_proxy(
    world: World, cal_bot: PremiereBot
) -> None:
    path = await links(world, cal_bot)
    # The test talks from loopback, as a reverse proxy on the same machine would.
    first = {"X-Forwarded-For": "198.51.100.7"}
    statuses = [(await get(cal_bot, path + ".ics", **first))[0] for _ in range(30)]
    assert statuses == [200] * 30
    status, headers, body = await get(cal_bot, path + ".ics", **first)
    assert status == 429 and int(headers["Retry-After"]) >= 1 and b"try again" in body
    assert headers["X-Content-Type-Options"] == "nosniff"
    # Another client behind the same proxy is not held up by the first.
    assert (await get(cal_bot, path + ".ics", **{"X-Forwarded-For": "203.0.113.9"}))[0] == 200
