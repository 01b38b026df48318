"""Every episode, end to end: a TVmaze-linked show announcing its episodes or finales posts
through the Discord double at each airtime (plus the server's delay), exactly once, through
drops, moves, removals, crashes and downtime."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import pytest
from icalendar import Calendar

from bot.app import PremiereBot
from bot.db.shows import ShowRepository
from bot.domain.episodes import Announce
from bot.sandbox.double import Message, Perm
from bot.sandbox.tvmaze import TvmazeDouble
from tests.conftest import ON_BOTH_ENGINES, StartBot
from tests.e2e.reminder_support import Ladder, settle, titles

pytestmark = ON_BOTH_ENGINES

QUIET_VALLEY = 301
POSTER = "https://static.tvmaze.com/uploads/images/medium_portrait/1/3001.jpg"
NAMES = ["The Thaw", "Old Roads", "Ferryman", "Salt", "High Water", "The Long Night"]
# Season 4: six weekly episodes, Sundays 9 pm in New York, from 10 January 2027.
FIRST = datetime(2027, 1, 11, 2, 0, tzinfo=UTC)
WEEK = timedelta(weeks=1)
COUNTDOWN = ["⏰ Premieres in 7 days", "⏰ Premieres in 1 day", "⏰ Premieres in 1 hour"]


def airs(number: int) -> datetime:
    return FIRST + (number - 1) * WEEK


@pytest.fixture
async def tvmaze() -> AsyncIterator[TvmazeDouble]:
    async with TvmazeDouble() as site:
        site.add_show(
            id=QUIET_VALLEY,
            name="Quiet Valley",
            premiered="2021-09-05",
            network="HBO",
            timezone="America/New_York",
            next_episode={"season": 4, "number": 1, "airdate": "2027-01-10", "airtime": "21:00"},
            image={"medium": POSTER, "original": POSTER.replace("medium", "original")},
        )
        site.weekly_episodes(
            QUIET_VALLEY, 4, first_airdate="2027-01-10", count=6, airtime="21:00", names=NAMES
        )
        site.set_season(QUIET_VALLEY, 4, episode_order=6)
        yield site


@pytest.fixture
async def tv_bot(start_bot: StartBot, tvmaze: TvmazeDouble, at_t0: Any) -> PremiereBot:
    # The tests run TVmaze's refresh themselves, when they mean to.
    return await start_bot(tvmaze_api_base=tvmaze.base_url, tvmaze_refresh_hours=0)


async def follow(ladder: Ladder, bot: PremiereBot, announce: str = "episodes") -> None:
    await ladder.configure(bot, role=False)
    answer = await ladder.world.slash(
        ladder.world.admin, "show add", title=f"tvmaze:{QUIET_VALLEY}", announce=announce
    )
    assert answer.ephemeral and "Added" in answer.content, answer.content


async def through_premiere(ladder: Ladder, bot: PremiereBot) -> None:
    """Every rung of the countdown, then the premiere itself."""
    for before in (timedelta(days=7), timedelta(days=1), timedelta(hours=1), timedelta(0)):
        await ladder.advance_to(bot, FIRST - before + timedelta(seconds=1))


async def start_with_calendars(start_bot: StartBot, tvmaze: TvmazeDouble) -> PremiereBot:
    return await start_bot(
        tvmaze_api_base=tvmaze.base_url,
        tvmaze_refresh_hours=0,
        public_url="https://premieres.example.org",
        web_port=0,
    )


def show_announcements(ladder: Ladder) -> list[Message]:
    """What /show add posted where it was run (the general channel, not the premieres one)."""
    world = ladder.world
    return [m for m in world.double.channel_messages(world.channel) if m.embeds]


def episode_posts(ladder: Ladder) -> list[Message]:
    return [m for m in ladder.posts() if m.embeds and not m.embed["title"].startswith("⏰")]


def episode_id(tvmaze: TvmazeDouble, number: int) -> int:
    [found] = [e for e in tvmaze._episodes[QUIET_VALLEY] if e["number"] == number]
    return int(found["id"])


async def test_every_episode_gets_one_post_at_its_airtime_and_the_premiere_names_the_first(
    ladder: Ladder, tv_bot: PremiereBot
) -> None:
    await follow(ladder, tv_bot)
    world = ladder.world
    await world.slash(ladder.fan, "subscribe", show="Quiet Valley", episodes=True)
    await world.slash(world.member, "subscribe", show="Quiet Valley")  # premieres only

    await through_premiere(ladder, tv_bot)
    premiere = ladder.posts()[-1]
    assert premiere.embed["title"] == "🎬 Premiering now"
    assert "S4·E1 — The Thaw" in premiere.text()

    await ladder.advance_to(tv_bot, airs(2) - timedelta(seconds=1))
    assert titles(ladder.posts()) == [*COUNTDOWN, "🎬 Premiering now"]  # never before it airs
    await ladder.advance_to(tv_bot, airs(2) + timedelta(seconds=1))
    second = ladder.posts()[-1]
    assert second.embed["title"] == "📺 New episode"
    assert "S4·E2 — Old Roads" in second.text() and "Quiet Valley" in second.text()
    assert second.pings.users == {ladder.fan.id}  # the member without episodes:true is not
    assert [b["label"] for b in second.buttons()] == ["Subscribe", "Unsubscribe"]

    for number in range(3, 7):
        await ladder.advance_to(tv_bot, airs(number) + timedelta(seconds=1))
    assert titles(ladder.posts()) == [
        *COUNTDOWN,
        "🎬 Premiering now",
        *["📺 New episode"] * 4,
        "🏁 Season finale",
    ]
    assert "S4·E6 — The Long Night" in ladder.posts()[-1].text()
    await ladder.advance_to(tv_bot, airs(6) + 3 * WEEK)
    assert len(ladder.posts()) == 9  # exactly one post per episode, and nothing after


async def test_a_season_already_airing_is_followed_from_its_next_episode(
    ladder: Ladder, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    ladder.traveller.move_to(airs(3) + timedelta(hours=3))  # episodes 1–3 have aired
    tvmaze.advance_next_episode(QUIET_VALLEY)  # so TVmaze's next episode is episode 4
    await ladder.configure(tv_bot, role=False)
    world = ladder.world
    pick = f"tvmaze:{QUIET_VALLEY}"
    refused = await world.slash(world.admin, "show add", title=pick)
    assert refused.ephemeral and "already airing (episode 4 is next)" in refused.content
    assert "announce: episodes" in refused.content  # and says how to follow it
    assert await ShowRepository(tv_bot.db).all_in_guild(world.guild.id) == []

    answer = await world.slash(world.admin, "show add", title=pick, announce="episodes")
    assert answer.ephemeral and "Added" in answer.content, answer.content
    [added] = show_announcements(ladder)
    assert added.embed["title"] == "Now following"
    assert "Each episode still to come" in added.text()
    [show] = await ShowRepository(tv_bot.db).all_in_guild(world.guild.id)
    assert (show.season, show.premiere) == (4, FIRST)  # the season's own premiere
    await world.slash(ladder.fan, "subscribe", show="Quiet Valley", episodes=True)
    await ladder.events_done()
    await settle(tv_bot)
    assert ladder.posts() == []  # no countdown to a premiere gone by, no episode already aired
    listed = await world.slash(ladder.fan, "show list")
    [airing] = [f for f in listed.embed["fields"] if f["name"] == "Airing now"]
    assert "Quiet Valley" in airing["value"] and "next S4·E4" in airing["value"]
    assert "🔔" in airing["value"]  # the fan is subscribed

    for number in (4, 5, 6):
        await ladder.advance_to(tv_bot, airs(number) + timedelta(seconds=1))
    assert titles(ladder.posts()) == ["📺 New episode", "📺 New episode", "🏁 Season finale"]
    assert "S4·E4 — Salt" in ladder.posts()[0].text()
    listed = await world.slash(ladder.fan, "show list")  # the season is over: nothing airs
    assert "Airing now" not in [f["name"] for f in listed.embed.get("fields", [])]
    assert all(post.pings.users == {ladder.fan.id} for post in ladder.posts())
    assert ladder.double.problems == []  # nor a Discord event for a premiere in the past


async def test_a_season_already_airing_in_finales_mode_posts_only_its_finale(
    ladder: Ladder, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    ladder.traveller.move_to(airs(5) - timedelta(days=2))
    tvmaze.advance_next_episode(QUIET_VALLEY)
    await follow(ladder, tv_bot, announce="finales")
    [added] = show_announcements(ladder)
    assert "The season finale, when it airs" in added.text()
    listed = await ladder.world.slash(ladder.world.member, "show list")
    [airing] = [f for f in listed.embed["fields"] if f["name"] == "Airing now"]
    assert "next S4·E6 (season finale)" in airing["value"]  # finales mode: the finale is next

    await ladder.advance_to(tv_bot, airs(6) + timedelta(seconds=1))
    assert titles(ladder.posts()) == ["🏁 Season finale"]


async def test_finales_mode_with_a_delay_and_hidden_names_posts_only_the_finale_late(
    ladder: Ladder, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    tvmaze.set_status(QUIET_VALLEY, "Ended")
    await follow(ladder, tv_bot, announce="finales")
    world = ladder.world
    answer = await world.slash(world.admin, "settings episodes", delay="2h", names="hidden")
    assert answer.ephemeral and "2h after each airs" in answer.content

    await through_premiere(ladder, tv_bot)
    await ladder.advance_to(tv_bot, airs(6) + timedelta(hours=1, minutes=59))
    assert titles(episode_posts(ladder)) == ["🎬 Premiering now"]
    await ladder.advance_to(tv_bot, airs(6) + timedelta(hours=2, seconds=1))
    finale = ladder.posts()[-1]
    assert finale.embed["title"] == "🏁 Series finale"  # TVmaze lists the show as ended
    assert "||The Long Night||" in finale.text()
    assert titles(episode_posts(ladder)) == ["🎬 Premiering now", "🏁 Series finale"]


async def test_a_drop_of_episodes_is_one_post(
    ladder: Ladder, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    # Episodes 2–6 all drop together a week after the premiere.
    for number in range(2, 7):
        tvmaze.move_episode(
            QUIET_VALLEY, episode_id(tvmaze, number), airdate="2027-01-17", airtime="21:00"
        )
    await follow(ladder, tv_bot)

    await through_premiere(ladder, tv_bot)
    await ladder.advance_to(tv_bot, airs(2) - timedelta(seconds=1))
    assert titles(episode_posts(ladder)) == ["🎬 Premiering now"]
    await ladder.advance_to(tv_bot, airs(2) + timedelta(seconds=1))
    await ladder.advance_to(tv_bot, airs(2) + WEEK)

    drop = ladder.posts()[-1]
    assert titles(episode_posts(ladder)) == ["🎬 Premiering now", "📺 5 episodes are out"]
    for number in range(2, 7):
        assert f"S4·E{number} — {NAMES[number - 1]}" in drop.text()
    assert "The Long Night · season finale" in drop.text()


async def test_a_moved_episode_posts_at_its_new_time_only_and_a_removed_one_never(
    ladder: Ladder, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    await follow(ladder, tv_bot)
    await ladder.advance_to(tv_bot, airs(2) + timedelta(seconds=1))
    assert ladder.posts()[-1].embed["title"] == "📺 New episode"

    # TVmaze moves episode 3 three days later and drops episode 4 from the schedule.
    tvmaze.move_episode(QUIET_VALLEY, episode_id(tvmaze, 3), airdate="2027-01-27")
    tvmaze.remove_episode(QUIET_VALLEY, episode_id(tvmaze, 4))
    tvmaze.touch(QUIET_VALLEY)
    ladder.traveller.shift(timedelta(days=1, hours=1))  # the show may be checked again
    await tv_bot.services.tvmaze.refresh()

    await ladder.advance_to(tv_bot, airs(3) + timedelta(minutes=1))
    assert "S4·E3" not in ladder.posts()[-1].text()  # not at the old time
    await ladder.advance_to(tv_bot, airs(3) + timedelta(days=3, minutes=1))
    assert "S4·E3 — Ferryman" in ladder.posts()[-1].text()
    for number in (4, 5, 6):
        await ladder.advance_to(tv_bot, airs(number) + timedelta(minutes=1))
    text = "\n".join(m.text() for m in episode_posts(ladder))
    assert "S4·E4" not in text
    assert [text.count(f"S4·E{n} ") for n in (2, 3, 5, 6)] == [1, 1, 1, 1]


async def test_a_crash_between_episodes_and_downtime_lose_and_repeat_nothing(
    ladder: Ladder, start_bot: StartBot, tvmaze: TvmazeDouble, at_t0: Any
) -> None:
    # Episode 5 airs the same night as episode 4, two hours later.
    tvmaze.move_episode(QUIET_VALLEY, episode_id(tvmaze, 5), airdate="2027-01-31", airtime="23:00")
    fifth = airs(4) + timedelta(hours=2)
    first = await start_bot(tvmaze_api_base=tvmaze.base_url, tvmaze_refresh_hours=0)
    await follow(ladder, first)
    await ladder.advance_to(first, airs(2) + timedelta(seconds=1))
    await first.close()

    second = await start_bot(tvmaze_api_base=tvmaze.base_url, tvmaze_refresh_hours=0)
    await settle(second)
    assert sum(m.text().count("S4·E2 ") for m in episode_posts(ladder)) == 1
    await second.close()

    # Down from before episode 3 until half an hour after episode 5: episode 3 aired days
    # before, so it is skipped; 4 and 5 are one "while I was offline" post.
    ladder.traveller.move_to(fifth + timedelta(minutes=30))
    third = await start_bot(tvmaze_api_base=tvmaze.base_url, tvmaze_refresh_hours=0)
    await settle(third)
    await ladder.advance_to(third, airs(6) + timedelta(seconds=1))

    texts = [m.text() for m in episode_posts(ladder)]
    assert titles(episode_posts(ladder))[-2:] == [
        "📺 Aired while the bot was offline",
        "🏁 Season finale",
    ]
    assert "S4·E4 — Salt" in texts[-2] and "S4·E5 — High Water" in texts[-2]
    assert not any("S4·E3 " in t for t in texts)
    assert sum(t.count("S4·E2 ") for t in texts) == 1
    nonces = [m.nonce for m in ladder.posts()]
    assert len(nonces) == len(set(nonces))
    outcomes = await third.db.fetch_all(
        "SELECT outcome FROM reminders WHERE kind = 'episode' AND status = 'skipped'"
    )
    assert sorted(r["outcome"] for r in outcomes) == [
        "the episode aired over 24 hours before the bot got to it",
        "told in one post after the bot was offline",
    ]


async def test_an_episode_subscriber_by_dm_is_sent_each_episode(
    ladder: Ladder, tv_bot: PremiereBot
) -> None:
    await follow(ladder, tv_bot)
    await ladder.world.slash(
        ladder.dm_fan, "subscribe", show="Quiet Valley", delivery="dm", episodes=True
    )
    await ladder.advance_to(tv_bot, airs(2) + timedelta(seconds=1))
    dms = ladder.double.dms_to(ladder.dm_fan)
    assert [m.embed["title"] for m in dms][-1] == "📺 New episode"
    assert "S4·E2" in dms[-1].text()
    assert ladder.dm_fan.id not in ladder.posts()[-1].pings.users


async def test_a_show_tracked_by_hand_refuses_episodes_with_the_reason(
    ladder: Ladder, tv_bot: PremiereBot
) -> None:
    await ladder.configure(tv_bot, role=False)
    world = ladder.world
    refused = await world.slash(
        world.admin, "show add", title="Jessica Jones", premiere="2026-12-10", announce="episodes"
    )
    assert refused.ephemeral and "TVmaze" in refused.content and "by hand" in refused.content
    assert await tv_bot.services.shows.upcoming(world.guild.id) == []

    await ladder.track()
    refused = await world.slash(world.admin, "show edit", show="Jessica Jones", announce="finales")
    assert refused.ephemeral and "by hand" in refused.content
    [show] = await tv_bot.services.shows.upcoming(world.guild.id)
    assert show.announce == "premieres"


async def test_announce_is_shown_and_changed_back_to_premieres_plans_nothing_more(
    ladder: Ladder, tv_bot: PremiereBot
) -> None:
    await follow(ladder, tv_bot)
    world = ladder.world
    info = await world.slash(world.member, "show info", show="Quiet Valley")
    assert "Every episode" in info.text()
    listing = await world.slash(world.member, "show list")
    assert "every episode" in listing.text()
    pending = "SELECT count(*) FROM reminders WHERE kind = 'episode' AND status = 'pending'"
    assert await tv_bot.db.scalar(pending) == 5

    changed = await world.slash(world.admin, "show edit", show="Quiet Valley", announce="premieres")
    assert "Season premieres" in changed.text()
    assert await tv_bot.db.scalar(pending) == 0
    await through_premiere(ladder, tv_bot)
    for number in (2, 3):
        await ladder.advance_to(tv_bot, airs(number) + timedelta(seconds=1))
    assert titles(episode_posts(ladder)) == ["🎬 Premiering now"]
    assert "S4·E1" not in ladder.posts()[-1].text()  # episodes are not kept for it any more


async def test_switching_to_episodes_after_one_aired_announces_only_the_next(
    ladder: Ladder, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    await follow(ladder, tv_bot, announce="premieres")
    await through_premiere(ladder, tv_bot)
    await ladder.advance_to(tv_bot, airs(2) + timedelta(hours=3))  # episode 2 aired
    world = ladder.world
    changed = await world.slash(world.admin, "show edit", show="Quiet Valley", announce="episodes")
    assert "Every episode" in changed.text()
    await settle(tv_bot)
    # Not news to this server before, not news now: no "aired while the bot was offline".
    assert titles(episode_posts(ladder)) == ["🎬 Premiering now"]

    tvmaze.touch(QUIET_VALLEY)  # TVmaze changes something: the episodes are re-planned
    ladder.traveller.shift(timedelta(hours=2))
    await tv_bot.services.tvmaze.refresh()
    await settle(tv_bot)
    assert titles(episode_posts(ladder)) == ["🎬 Premiering now"]

    await ladder.advance_to(tv_bot, airs(3) + timedelta(seconds=1))
    assert titles(episode_posts(ladder)) == ["🎬 Premiering now", "📺 New episode"]
    assert "S4·E3 — Ferryman" in ladder.posts()[-1].text()
    skipped = await tv_bot.db.fetch_all(
        "SELECT outcome FROM reminders WHERE kind = 'episode' AND status = 'skipped'"
    )
    assert [r["outcome"] for r in skipped] == ["due before the server followed these episodes"]


async def test_the_refresh_reads_each_tvmaze_show_once_and_plans_new_episodes_everywhere(
    ladder: Ladder, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    await follow(ladder, tv_bot)
    other = ladder.double.add_guild(
        "Second Server", bot_permissions=int(Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES)
    )
    await tv_bot.services.tvmaze.add(
        other.id, f"tvmaze:{QUIET_VALLEY}", added_by=other.owner_id, announce=Announce.EPISODES
    )
    pending = "SELECT count(*) FROM reminders WHERE kind = 'episode' AND status = 'pending'"
    assert await tv_bot.db.scalar(pending) == 2 * 5

    # TVmaze lists a seventh episode: the season is longer than announced.
    tvmaze.add_episodes(
        QUIET_VALLEY,
        {
            "season": 4,
            "number": 7,
            "name": "Thaw Again",
            "airdate": "2027-02-21",
            "airtime": "21:00",
        },
    )
    tvmaze.set_season(QUIET_VALLEY, 4, episode_order=7)
    tvmaze.touch(QUIET_VALLEY)
    tvmaze.forget_requests()
    ladder.traveller.shift(timedelta(days=1, hours=1))
    await tv_bot.services.tvmaze.refresh()

    assert tvmaze.count(f"/shows/{QUIET_VALLEY}/episodes") == 1  # however many servers
    assert tvmaze.count(f"/shows/{QUIET_VALLEY}/seasons") == 1
    assert await tv_bot.db.scalar(pending) == 2 * 6
    finales = await tv_bot.db.fetch_all(
        "SELECT number FROM tvmaze_episodes WHERE finale = 'season'"
    )
    assert [r["number"] for r in finales] == [7]  # the old last episode is no finale now


async def test_a_show_with_an_episode_within_two_days_is_read_daily_without_an_update(
    ladder: Ladder, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    await follow(ladder, tv_bot)
    tvmaze.forget_requests()
    # Nothing tells the bot episode 2 moved: TVmaze's updates list does not name the show.
    tvmaze.move_episode(QUIET_VALLEY, episode_id(tvmaze, 2), airdate="2027-01-18")
    ladder.traveller.move_to(airs(2) - timedelta(days=3))
    await tv_bot.services.tvmaze.refresh()
    assert tvmaze.count(f"/shows/{QUIET_VALLEY}") == 0  # not yet within two days

    ladder.traveller.move_to(airs(2) - timedelta(hours=30))
    await tv_bot.services.tvmaze.refresh()
    assert tvmaze.count(f"/shows/{QUIET_VALLEY}/episodes") == 1
    ladder.traveller.shift(timedelta(hours=2))
    await tv_bot.services.tvmaze.refresh()
    assert tvmaze.count(f"/shows/{QUIET_VALLEY}/episodes") == 1  # at most once a day

    await ladder.advance_to(tv_bot, airs(2) + timedelta(minutes=1))
    assert not any("S4·E2" in m.text() for m in ladder.posts())  # not at the old time
    await ladder.advance_to(tv_bot, airs(2) + timedelta(days=1, minutes=1))
    assert "S4·E2 — Old Roads" in ladder.posts()[-1].text()


async def test_the_tvmaze_poster_is_on_the_posts_show_info_and_the_calendar_page(
    ladder: Ladder, start_bot: StartBot, tvmaze: TvmazeDouble, at_t0: Any
) -> None:
    bot = await start_with_calendars(start_bot, tvmaze)
    await follow(ladder, bot)
    world = ladder.world
    [announced] = show_announcements(ladder)
    assert announced.embed["thumbnail"]["url"] == POSTER
    info = await world.slash(world.member, "show info", show="Quiet Valley")
    assert info.embed["image"]["url"] == POSTER

    await through_premiere(ladder, bot)
    await ladder.advance_to(bot, airs(2) + timedelta(seconds=1))
    assert all(m.embed["thumbnail"]["url"] == POSTER for m in ladder.posts())

    calendar = await bot.services.calendars.link(world.guild.id, "Premiere Club")
    assert bot.calendar_site is not None
    async with (
        aiohttp.ClientSession() as http,
        http.get(bot.calendar_site.base_url + calendar.page.split(".org", 1)[1]) as page,
    ):
        html = await page.text()
    assert f'<img src="{POSTER}"' in html and "S4·E3 Ferryman" in html


async def test_after_a_restart_the_offline_post_names_only_what_was_not_posted(
    ladder: Ladder, start_bot: StartBot, tvmaze: TvmazeDouble, at_t0: Any
) -> None:
    # Episode 5 airs the same night as episode 4, two hours later.
    tvmaze.move_episode(QUIET_VALLEY, episode_id(tvmaze, 5), airdate="2027-01-31", airtime="23:00")
    first = await start_bot(tvmaze_api_base=tvmaze.base_url, tvmaze_refresh_hours=0)
    await follow(ladder, first)
    ladder.traveller.move_to(airs(4) - timedelta(minutes=1))
    await ladder.advance_to(first, airs(4) + timedelta(seconds=1))
    assert "S4·E4 — Salt" in ladder.posts()[-1].text()
    await first.close()

    ladder.traveller.move_to(airs(4) + timedelta(hours=2, minutes=30))  # episode 5 missed
    second = await start_bot(tvmaze_api_base=tvmaze.base_url, tvmaze_refresh_hours=0)
    await settle(second)

    offline = ladder.posts()[-1]
    assert offline.embed["title"] == "📺 Aired while the bot was offline"
    assert "S4·E5 — High Water" in offline.text() and "S4·E4" not in offline.text()
    assert sum(m.text().count("S4·E4 ") for m in episode_posts(ladder)) == 1


async def test_an_episode_moved_earlier_into_the_past_is_posted_not_lost(
    ladder: Ladder, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    await follow(ladder, tv_bot)
    ladder.traveller.move_to(airs(3) - timedelta(minutes=30))
    # TVmaze now says episode 3 aired an hour ago (it was brought forward).
    tvmaze.move_episode(QUIET_VALLEY, episode_id(tvmaze, 3), airdate="2027-01-24", airtime="20:00")
    tvmaze.touch(QUIET_VALLEY)
    await tv_bot.services.tvmaze.refresh()
    await ladder.advance_to(tv_bot, airs(3) - timedelta(minutes=29))

    assert "S4·E3 — Ferryman" in ladder.posts()[-1].text()
    await ladder.advance_to(tv_bot, airs(3) + timedelta(hours=1))
    assert sum(m.text().count("S4·E3 ") for m in episode_posts(ladder)) == 1


async def test_the_calendar_feed_has_each_announced_episode_and_follows_its_moves(
    ladder: Ladder, start_bot: StartBot, tvmaze: TvmazeDouble, at_t0: Any
) -> None:
    bot = await start_with_calendars(start_bot, tvmaze)
    await follow(ladder, bot)
    await ladder.world.slash(ladder.world.admin, "settings episodes", names="hidden")
    calendar = await bot.services.calendars.link(ladder.world.guild.id, "Premiere Club")
    site = bot.calendar_site
    assert site is not None

    async def events() -> dict[str, Any]:
        path = calendar.feed.split(".org", 1)[1]
        async with (
            aiohttp.ClientSession() as http,
            http.get(site.base_url + path) as response,
        ):
            body = await response.read()
        return {str(e["summary"]): e for e in Calendar.from_ical(body).walk("VEVENT")}

    found = await events()
    assert list(found) == [
        "Quiet Valley · Season 4 premiere",
        *(f"Quiet Valley · S4·E{n}" for n in range(2, 6)),
        "Quiet Valley · S4·E6 (season finale)",
    ]  # names hidden, as the server chose; the first episode is the premiere's event
    third = found["Quiet Valley · S4·E3"]
    assert third["dtstart"].dt == airs(3) and third["sequence"] == 0

    tvmaze.move_episode(QUIET_VALLEY, episode_id(tvmaze, 3), airdate="2027-01-27")
    tvmaze.touch(QUIET_VALLEY)
    ladder.traveller.shift(timedelta(days=1, hours=1))
    await bot.services.tvmaze.refresh()
    moved = (await events())["Quiet Valley · S4·E3"]
    assert (moved["uid"], moved["sequence"]) == (third["uid"], 1)
    assert moved["dtstart"].dt == airs(3) + timedelta(days=3)


async def test_an_announce_edit_tvmaze_cannot_serve_changes_nothing(
    ladder: Ladder, tv_bot: PremiereBot, tvmaze: TvmazeDouble
) -> None:
    await follow(ladder, tv_bot, announce="premieres")
    ladder.traveller.shift(timedelta(hours=2))  # past the client's cache of the show
    tvmaze.remove_show(QUIET_VALLEY)
    refused = await ladder.world.slash(
        ladder.world.admin,
        "show edit",
        show="Quiet Valley",
        title="Quiet Valley (US)",
        announce="finales",
    )
    assert refused.ephemeral and "TVmaze" in refused.content
    [show] = await tv_bot.services.shows.upcoming(ladder.world.guild.id)
    assert (show.title, show.announce) == ("Quiet Valley", "premieres")  # neither changed


async def test_an_episode_post_cut_off_between_send_and_record_goes_out_once(
    ladder: Ladder, start_bot: StartBot, tvmaze: TvmazeDouble, at_t0: Any
) -> None:
    first = await start_bot(tvmaze_api_base=tvmaze.base_url, tvmaze_refresh_hours=0)
    await follow(ladder, first)
    ladder.traveller.move_to(airs(2) - timedelta(minutes=1))
    # Discord takes the episode post, but its answer never reaches the bot before it dies.
    ladder.double.inject_fault(
        "POST", "/channels/{channel_id}/messages", status=500, after_commit=True, delay=2.0
    )
    ladder.traveller.move_to(airs(2) + timedelta(seconds=1))
    first.reminders.timer.wakeup()
    await ladder.double.wait_for(lambda: episode_posts(ladder))
    await first.close()

    second = await start_bot(tvmaze_api_base=tvmaze.base_url, tvmaze_refresh_hours=0)
    await settle(second)

    [post] = episode_posts(ladder)
    assert "S4·E2 — Old Roads" in post.text()
    nonces = [
        r.body["nonce"]
        for r in ladder.double.requests_to("POST", "/channels/{channel_id}/messages")
        if r.body and r.body.get("embeds") and "Old Roads" in str(r.body["embeds"])
    ]
    assert len(nonces) == 2 and len(set(nonces)) == 1  # the re-send reused the nonce
    [recorded] = await second.db.fetch_all(
        "SELECT d.status, d.message_id FROM deliveries d JOIN reminders r ON r.id = d.reminder_id"
        " WHERE r.kind = 'episode'"
    )
    assert (recorded["status"], recorded["message_id"]) == ("sent", post.id)
