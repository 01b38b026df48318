"""TVmaze end to end: /show add without a premiere looks the show up on a TVmaze double on
127.0.0.1, and the refresh job moves premieres and offers new seasons through Discord."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.app import PremiereBot
from bot.sandbox.double import Message
from bot.sandbox.tvmaze import TvmazeDouble
from tests.conftest import ON_BOTH_ENGINES, StartBot, World
from tests.e2e.reminder_support import Ladder, settle, titles

pytestmark = ON_BOTH_ENGINES

# Quiet Valley's season 4 premiere: Sunday 10 January 2027, 9 pm in New York.
QUIET_VALLEY_S4 = datetime(2027, 1, 11, 2, 0, tzinfo=UTC)
QUIET_VALLEY = 102
# Iron Crown's season 2, in the shape of a real TVmaze answer: its next episode is a preview
# special (number null) on Sunday 17 January 2027, a week before episode 1, 9 pm in New York.
IRON_CROWN = 105
IRON_CROWN_PREVIEW = datetime(2027, 1, 18, 2, 0, tzinfo=UTC)
IRON_CROWN_S2 = datetime(2027, 1, 25, 2, 0, tzinfo=UTC)
# Last Keep's season 8 ended on 8 November 2026; a documentary special follows on 29 November.
LAST_KEEP = 106


def stamp(instant: datetime) -> str:
    return f"<t:{int(instant.timestamp())}:F>"


@pytest.fixture
async def tvmaze() -> AsyncIterator[TvmazeDouble]:
    async with TvmazeDouble() as site:
        site.add_show(
            id=101,
            name="Harbor Lights",
            premiered="2024-03-01",
            web_channel="Netflix",
            next_episode={"season": 3, "number": 1, "airdate": "2027-03-12", "airtime": ""},
        )
        site.add_show(
            id=QUIET_VALLEY,
            name="Quiet Valley",
            premiered="2021-09-05",
            network="HBO",
            timezone="America/New_York",
            next_episode={"season": 4, "number": 1, "airdate": "2027-01-10", "airtime": "21:00"},
        )
        site.add_show(id=103, name="Quiet Valley Confidential", premiered="2019-01-01")
        site.add_show(
            id=104,
            name="Night Shift",
            premiered="2025-01-01",
            network="NBC",
            next_episode={"season": 2, "number": 5, "airdate": "2026-11-30", "airtime": "22:00"},
        )
        yield site


def add_iron_crown(site: TvmazeDouble) -> None:
    site.add_show(
        id=IRON_CROWN,
        name="Iron Crown",
        premiered="2025-04-13",
        network="HBO",
        timezone="America/New_York",
        next_episode={
            "season": 2,
            "number": None,
            "type": "significant_special",
            "name": "Iron Crown: The Road Back",
            "airdate": "2027-01-17",
            "airtime": "21:00",
            "runtime": 30,
        },
    )
    site.add_episodes(
        IRON_CROWN,
        {"season": 1, "number": 1, "airdate": "2025-04-13", "airtime": "21:00"},
        {"season": 1, "number": 2, "airdate": "2025-04-20", "airtime": "21:00"},
        {"season": 2, "number": 1, "airdate": "2027-01-24", "airtime": "21:00"},
        {"season": 2, "number": 2, "airdate": "2027-01-31", "airtime": "21:00"},
    )


def add_last_keep(site: TvmazeDouble) -> None:
    site.add_show(
        id=LAST_KEEP,
        name="Last Keep",
        premiered="2019-04-07",
        network="HBO",
        timezone="America/New_York",
        next_episode={
            "season": 8,
            "number": None,
            "type": "significant_special",
            "name": "Last Keep: The Long Watch",
            "airdate": "2026-11-29",
            "airtime": "21:00",
            "runtime": 120,
        },
    )
    site.add_episodes(
        LAST_KEEP,
        *(
            {"season": 8, "number": n, "airdate": f"2026-{day}", "airtime": "21:00"}
            for n, day in enumerate(["10-04", "10-11", "10-18", "10-25", "11-01", "11-08"], 1)
        ),
    )


@pytest.fixture
async def tv_bot(start_bot: StartBot, tvmaze: TvmazeDouble, at_t0: Any) -> PremiereBot:
    # These tests run the refresh themselves and read its report: the periodic one is off, or
    # it would run as soon as a test moves the clock and take the report's work away.
    return await start_bot(tvmaze_api_base=tvmaze.base_url, tvmaze_refresh_hours=0)


async def add_from_tvmaze(world: World, title: str, **options: Any) -> tuple[Message, Message]:
    """/show add without a premiere: the private answer and the channel announcement."""
    before = set(world.double.messages)
    answer = await world.slash(world.admin, "show add", title=title, **options)
    announced = [
        m
        for i, m in world.double.messages.items()
        if i not in before and not m.ephemeral and m.embeds
    ]
    assert answer.ephemeral and announced, answer.content
    return answer, announced[0]


async def test_title_suggests_tvmaze_shows_with_year_and_network(
    world: World, tv_bot: PremiereBot
) -> None:
    choices = await world.double.autocomplete(
        world.admin, world.channel, "show add", focused="title", value="quiet valley"
    )

    assert choices[0] == {"name": "Quiet Valley (2021, HBO)", "value": "tvmaze:102"}
    assert {"name": "Quiet Valley Confidential (2019)", "value": "tvmaze:103"} in choices


async def test_a_picked_show_takes_its_next_premiere_from_tvmaze(
    world: World, tv_bot: PremiereBot
) -> None:
    answer, announced = await add_from_tvmaze(world, "tvmaze:102")

    assert "Added **Quiet Valley** · Season 4 · HBO from TVmaze" in answer.content
    jump = f"https://discord.com/channels/{world.guild.id}/{world.channel.id}/{announced.id}"
    assert answer.content.endswith(jump)
    assert announced.embed["title"] == "Now tracking"
    assert stamp(QUIET_VALLEY_S4) in announced.text()
    assert [b["label"] for b in announced.buttons()] == ["Subscribe", "Unsubscribe"]
    [show] = await tv_bot.services.shows.upcoming(world.guild.id)
    assert (show.title, show.season, show.network, show.tvmaze_id) == (
        "Quiet Valley",
        4,
        "HBO",
        QUIET_VALLEY,
    )
    assert show.premiere == QUIET_VALLEY_S4 and show.precision.value == "time"


async def test_a_streaming_drop_without_a_time_is_tracked_by_its_day(
    world: World, tv_bot: PremiereBot
) -> None:
    _, announced = await add_from_tvmaze(world, "tvmaze:101")

    [show] = await tv_bot.services.shows.upcoming(world.guild.id)
    assert show.precision.value == "day" and show.network == "Netflix"
    assert show.premiere == datetime(2027, 3, 12, tzinfo=UTC)  # the service gives no zone: UTC
    assert "Harbor Lights" in announced.text()


async def test_a_typed_name_finds_the_best_match(world: World, tv_bot: PremiereBot) -> None:
    await add_from_tvmaze(world, "quiet valley")

    [show] = await tv_bot.services.shows.upcoming(world.guild.id)
    assert show.title == "Quiet Valley" and show.tvmaze_id == QUIET_VALLEY


async def test_a_premiere_given_by_hand_is_kept_and_tvmaze_only_names_the_show(
    world: World, tv_bot: PremiereBot
) -> None:
    _, announced = await add_from_tvmaze(world, "tvmaze:102", premiere="2027-02-01 20:00", season=4)

    assert announced.embed["title"] == "Now tracking"
    [show] = await tv_bot.services.shows.upcoming(world.guild.id)
    assert (show.title, show.network) == ("Quiet Valley", "HBO")
    assert show.premiere == datetime(2027, 2, 1, 20, 0, tzinfo=UTC)  # the server's zone: UTC
    assert show.tvmaze_id is None  # a refresh never overrides a date given by hand


@pytest.mark.parametrize(
    ("title", "refusal"),
    [
        ("tvmaze:104", "already airing"),
        ("tvmaze:103", "no upcoming episode"),
        ("tvmaze:999", "no longer has that show"),
        ("Nothing Like This Exists", "knows no show called"),
    ],
)
async def test_shows_tvmaze_cannot_date_are_refused_with_what_to_do(
    world: World, tv_bot: PremiereBot, title: str, refusal: str
) -> None:
    answer = await world.slash(world.admin, "show add", title=title)

    assert answer.ephemeral and refusal in answer.content and "premiere" in answer.content
    assert await tv_bot.services.shows.upcoming(world.guild.id) == []


async def test_tvmaze_down_gives_a_clear_message_and_autocomplete_stays_quiet(
    world: World, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    tvmaze.down = True

    answer = await world.slash(world.admin, "show add", title="Quiet Valley")
    choices = await world.double.autocomplete(
        world.admin, world.channel, "show add", focused="title", value="harbor"
    )

    assert answer.ephemeral and "TVmaze isn't answering" in answer.content
    assert choices == []
    assert await tv_bot.services.shows.upcoming(world.guild.id) == []


async def test_a_429_is_waited_out(world: World, tv_bot: PremiereBot, tvmaze: TvmazeDouble) -> None:
    tvmaze.fail_next(1, status=429, retry_after=0)

    await add_from_tvmaze(world, "tvmaze:102")

    assert [r.status for r in tvmaze.requests][:2] == [429, 200]


async def test_a_moved_premiere_is_found_by_the_refresh_and_announced(
    ladder: Ladder, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    await ladder.configure(tv_bot, role=False)
    await add_from_tvmaze(ladder.world, "tvmaze:102")
    await ladder.world.slash(ladder.fan, "subscribe", show="Quiet Valley")

    ladder.traveller.shift(timedelta(days=1, hours=1))
    moved_to = datetime(2027, 1, 18, 2, 0, tzinfo=UTC)
    tvmaze.set_next_episode(QUIET_VALLEY, season=4, number=1, airdate="2027-01-17", airtime="21:00")
    tvmaze.touch(QUIET_VALLEY)
    report = await tv_bot.services.tvmaze.refresh()
    await settle(tv_bot)

    assert [e.after.premiere for e in report.moved] == [moved_to]
    moved = [m for m in ladder.posts() if m.embeds and "moved" in m.embed["title"]]
    assert len(moved) == 1 and stamp(moved_to) in moved[0].text()
    assert ladder.fan.id in moved[0].pings.users
    [show] = await tv_bot.services.shows.upcoming(ladder.world.guild.id)
    assert show.premiere == moved_to

    # Checked at most once a day: another change today waits for tomorrow's refresh.
    tvmaze.set_next_episode(QUIET_VALLEY, season=4, number=1, airdate="2027-01-24", airtime="21:00")
    tvmaze.touch(QUIET_VALLEY)
    tvmaze.forget_requests()
    again = await tv_bot.services.tvmaze.refresh()
    assert again.moved == [] and tvmaze.count("/shows/") == 0


async def test_the_periodic_refresh_runs_on_its_own_and_again_after_its_interval(
    ladder: Ladder, start_bot: StartBot, tvmaze: TvmazeDouble
) -> None:
    bot = await start_bot(tvmaze_api_base=tvmaze.base_url, tvmaze_refresh_hours=6)
    world = ladder.world
    await ladder.configure(bot, role=False)
    await add_from_tvmaze(world, "tvmaze:102")

    def moved_posts() -> list[Message]:
        return [m for m in ladder.posts() if m.embeds and "moved" in m.embed["title"]]

    # Nothing runs before the first refresh is due, two minutes after the start.
    tvmaze.set_next_episode(QUIET_VALLEY, season=4, number=1, airdate="2027-01-17", airtime="21:00")
    tvmaze.touch(QUIET_VALLEY)
    ladder.traveller.shift(timedelta(minutes=1))
    bot.scheduler.wakeup()
    await asyncio.sleep(0.2)
    assert moved_posts() == []

    ladder.traveller.shift(timedelta(days=1, minutes=2))  # a day on: the show may be checked
    bot.scheduler.wakeup()
    [first] = await world.double.wait_for(moved_posts)
    assert stamp(datetime(2027, 1, 18, 2, 0, tzinfo=UTC)) in first.text()

    # The next run comes an interval after that one, not before.
    tvmaze.set_next_episode(QUIET_VALLEY, season=4, number=1, airdate="2027-01-24", airtime="21:00")
    tvmaze.touch(QUIET_VALLEY)
    ladder.traveller.shift(timedelta(hours=5))
    bot.scheduler.wakeup()
    await asyncio.sleep(0.2)
    assert len(moved_posts()) == 1
    ladder.traveller.shift(timedelta(days=1))
    bot.scheduler.wakeup()
    await world.double.wait_for(lambda: len(moved_posts()) == 2)
    assert stamp(datetime(2027, 1, 25, 2, 0, tzinfo=UTC)) in moved_posts()[1].text()


async def test_a_refresh_interval_of_zero_schedules_no_refresh(tv_bot: PremiereBot) -> None:
    assert tv_bot.scheduler.apscheduler.get_job("tvmaze:refresh") is None
    assert tv_bot.scheduler.apscheduler.get_job("lease:work of no server") is not None


async def test_an_unchanged_show_is_not_asked_for_again(
    world: World, tv_bot: PremiereBot, tvmaze: TvmazeDouble, at_t0: Any
) -> None:
    await add_from_tvmaze(world, "tvmaze:102")
    at_t0.shift(timedelta(days=2))
    tvmaze.forget_requests()

    report = await tv_bot.services.tvmaze.refresh()

    assert report.checked == 0 and tvmaze.count("/shows/") == 0  # not in TVmaze's updates


async def test_a_newly_announced_season_is_offered_not_added(
    ladder: Ladder, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    world = ladder.world
    await ladder.configure(tv_bot, role=False)
    await add_from_tvmaze(world, "tvmaze:102")
    await world.slash(ladder.fan, "subscribe", show="Quiet Valley", news=True)

    ladder.traveller.move_to(QUIET_VALLEY_S4 + timedelta(days=3))  # season 4 has premiered
    tvmaze.set_next_episode(QUIET_VALLEY, season=5, number=1, airdate="2028-01-09", airtime="21:00")
    tvmaze.touch(QUIET_VALLEY)
    report = await tv_bot.services.tvmaze.refresh()

    assert [o.season for o in report.offered] == [5]
    [offer] = [m for m in ladder.posts() if m.embeds and m.embed["title"] == "Track season 5?"]
    assert "Quiet Valley" in offer.text() and [b["label"] for b in offer.buttons()] == [
        "Track season 5"
    ]
    assert len(await tv_bot.services.shows.upcoming(world.guild.id)) == 0  # not added unasked

    refused = await world.double.reply(
        await world.double.click(world.member, offer, "Track season 5")
    )
    assert refused.ephemeral and "Manage Server" in refused.content

    tracked = await world.double.reply(
        await world.double.click(world.admin, offer, "Track season 5")
    )
    assert tracked.embed["title"] == "Now tracking" and "Season 5" in tracked.text()
    [show] = await tv_bot.services.shows.upcoming(world.guild.id)
    assert (show.season, show.tvmaze_id) == (5, QUIET_VALLEY)
    mine = await world.slash(ladder.fan, "subscriptions list")
    assert "Season 5" in mine.text() and "news too" in mine.text()

    again = await world.double.reply(await world.double.click(world.admin, offer, "Track season 5"))
    assert again.ephemeral and "Already" in again.content

    ladder.traveller.shift(timedelta(days=2))
    tvmaze.touch(QUIET_VALLEY)
    later = await tv_bot.services.tvmaze.refresh()
    assert later.offered == []
    assert titles(ladder.posts()).count("Track season 5?") == 1


async def test_a_server_tracking_several_seasons_is_offered_the_next_one_once(
    ladder: Ladder, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    world = ladder.world
    await ladder.configure(tv_bot, role=False)
    await add_from_tvmaze(world, "tvmaze:102")  # season 4
    ladder.traveller.move_to(QUIET_VALLEY_S4 + timedelta(days=3))
    tvmaze.set_next_episode(QUIET_VALLEY, season=5, number=1, airdate="2028-01-09", airtime="21:00")
    tvmaze.touch(QUIET_VALLEY)
    await tv_bot.services.tvmaze.refresh()
    [offer] = [m for m in ladder.posts() if m.embeds and m.embed["title"] == "Track season 5?"]
    await world.double.reply(await world.double.click(world.admin, offer, "Track season 5"))
    # Season 5's Discord event is made in the background: let it finish before a year passes.
    await tv_bot.events.idle()

    # Now seasons 4 and 5 are tracked; TVmaze announces season 6.
    ladder.traveller.move_to(datetime(2028, 1, 12, tzinfo=UTC))
    tvmaze.set_next_episode(QUIET_VALLEY, season=6, number=1, airdate="2029-01-07", airtime="21:00")
    tvmaze.touch(QUIET_VALLEY)
    report = await tv_bot.services.tvmaze.refresh()

    assert [(o.season, o.show_id) for o in report.offered] == [(6, report.offered[0].show_id)]
    assert titles(ladder.posts()).count("Track season 6?") == 1


# --- specials, and episodes TVmaze dates oddly ----------------------------------------------


async def test_a_special_before_the_premiere_is_not_taken_for_it(
    world: World, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    add_iron_crown(tvmaze)

    answer, announced = await add_from_tvmaze(world, f"tvmaze:{IRON_CROWN}")

    assert "Added **Iron Crown** · Season 2 · HBO from TVmaze" in answer.content
    assert stamp(IRON_CROWN_S2) in announced.text()
    assert stamp(IRON_CROWN_PREVIEW) not in announced.text()
    [show] = await tv_bot.services.shows.upcoming(world.guild.id)
    assert (show.season, show.premiere, show.precision.value) == (2, IRON_CROWN_S2, "time")
    assert tvmaze.count(f"/shows/{IRON_CROWN}/episodes") == 1


async def test_a_documentary_after_the_finale_is_no_premiere(
    world: World, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    add_last_keep(tvmaze)

    answer = await world.slash(world.admin, "show add", title=f"tvmaze:{LAST_KEEP}")

    assert answer.ephemeral and "special" in answer.content and "premiere" in answer.content
    assert await tv_bot.services.shows.upcoming(world.guild.id) == []


async def test_the_refresh_corrects_a_premiere_taken_from_a_special(
    ladder: Ladder, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    world = ladder.world
    add_iron_crown(tvmaze)
    await ladder.configure(tv_bot, role=False)
    # As an earlier version tracked it: dated from the preview special, linked to TVmaze.
    tracked = await tv_bot.services.shows.add(
        world.guild.id,
        title="Iron Crown",
        premiere="2027-01-17 21:00",
        season=2,
        network="HBO",
        timezone="America/New_York",
        added_by=world.admin.id,
        tvmaze_id=IRON_CROWN,
    )
    assert tracked.premiere == IRON_CROWN_PREVIEW
    await world.slash(ladder.fan, "subscribe", show="Iron Crown")

    ladder.traveller.shift(timedelta(days=1, hours=1))
    tvmaze.touch(IRON_CROWN)
    report = await tv_bot.services.tvmaze.refresh()
    await settle(tv_bot)

    assert [(e.before.premiere, e.after.premiere) for e in report.moved] == [
        (IRON_CROWN_PREVIEW, IRON_CROWN_S2)
    ]
    moved = [m for m in ladder.posts() if m.embeds and "moved" in m.embed["title"]]
    assert len(moved) == 1 and stamp(IRON_CROWN_S2) in moved[0].text()
    assert ladder.fan.id in moved[0].pings.users
    [show] = await tv_bot.services.shows.upcoming(world.guild.id)
    assert show.premiere == IRON_CROWN_S2

    # Corrected once: later refreshes leave it where the regular episode 1 is.
    ladder.traveller.shift(timedelta(days=1, hours=1))
    tvmaze.touch(IRON_CROWN)
    again = await tv_bot.services.tvmaze.refresh()
    assert again.checked == 1 and again.moved == []


async def test_a_next_season_opened_by_a_special_is_offered_at_its_premiere(
    ladder: Ladder, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    await ladder.configure(tv_bot, role=False)
    await add_from_tvmaze(ladder.world, "tvmaze:102")  # season 4

    ladder.traveller.move_to(QUIET_VALLEY_S4 + timedelta(days=3))
    tvmaze.set_next_episode(
        QUIET_VALLEY,
        season=5,
        number=None,
        type="insignificant_special",
        name="Quiet Valley: A Look Ahead",
        airdate="2027-12-26",
        airtime="",
    )
    tvmaze.add_episodes(
        QUIET_VALLEY, {"season": 5, "number": 1, "airdate": "2028-01-09", "airtime": "21:00"}
    )
    tvmaze.touch(QUIET_VALLEY)
    report = await tv_bot.services.tvmaze.refresh()

    assert [(o.season, o.premiere) for o in report.offered] == [
        (5, datetime(2028, 1, 10, 2, 0, tzinfo=UTC))
    ]


async def test_an_airstamp_with_a_local_offset_is_read_in_utc(
    world: World, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    tvmaze.local_airstamps = True  # "2027-02-07T21:00:00-08:00", as older TVmaze answers
    tvmaze.add_show(
        id=107,
        name="Coastline",
        network="FOX",
        timezone="America/Los_Angeles",
        next_episode={"season": 3, "number": 1, "airdate": "2027-02-07", "airtime": "21:00"},
    )

    _, announced = await add_from_tvmaze(world, "tvmaze:107")

    premiere = datetime(2027, 2, 8, 5, 0, tzinfo=UTC)
    assert stamp(premiere) in announced.text()
    [show] = await tv_bot.services.shows.upcoming(world.guild.id)
    assert (show.premiere, show.precision.value) == (premiere, "time")


async def test_an_episode_without_airtime_or_airstamp_is_tracked_by_its_day(
    world: World, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    tvmaze.add_show(
        id=108,
        name="Coldwater",
        network="AMC",
        timezone="America/New_York",
        next_episode={
            "season": 2,
            "number": 1,
            "airdate": "2027-02-14",
            "airtime": "",
            "airstamp": None,
        },
    )

    await add_from_tvmaze(world, "tvmaze:108")

    [show] = await tv_bot.services.shows.upcoming(world.guild.id)
    assert show.precision.value == "day"
    assert show.premiere == datetime(2027, 2, 14, 5, 0, tzinfo=UTC)  # the day in New York


async def test_an_episode_with_no_date_at_all_is_refused(
    world: World, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    tvmaze.add_show(
        id=109,
        name="Undated",
        web_channel="Netflix",
        next_episode={"season": 4, "number": 1, "airdate": "", "airtime": "", "airstamp": None},
    )

    answer = await world.slash(world.admin, "show add", title="tvmaze:109")

    assert answer.ephemeral and "without a date yet" in answer.content
    assert await tv_bot.services.shows.upcoming(world.guild.id) == []
