"""Discussion threads end to end: with /settings threads on, a "premiering now" post (and each
episode post of a show announcing episodes) opens exactly one thread with the right name,
through a failure and a restart between the post and the thread; without Create Public Threads
the post goes out alone and /status names the permission."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.app import PremiereBot
from bot.sandbox.double import Perm
from bot.sandbox.tvmaze import TvmazeDouble
from tests.conftest import ON_BOTH_ENGINES, StartBot
from tests.e2e.reminder_support import PREMIERE, Ladder, just_after, settle, titles
from tests.e2e.test_episodes import airs, follow, through_premiere, tvmaze  # noqa: F401

pytestmark = ON_BOTH_ENGINES

THREADS = "/channels/{channel_id}/messages/{message_id}/threads"


async def threads_on(ladder: Ladder, bot: PremiereBot, **options: Any) -> None:
    await ladder.configure(bot, role=False)
    answer = await ladder.world.slash(
        ladder.world.admin, "settings threads", enabled=True, **options
    )
    assert answer.ephemeral and answer.content.startswith("On:"), answer.content


def threads_in(ladder: Ladder) -> list[tuple[str, str, int]]:
    """(post title, thread name, archive minutes) for every thread on the channel's posts."""
    found = []
    for message in ladder.posts():
        thread = ladder.double.thread_of(message)
        if thread is not None:
            found.append((message.embed["title"], thread.name, thread.auto_archive_duration))
    return found


async def test_the_premiere_post_opens_one_thread_and_the_countdown_none(
    ladder: Ladder, bot: PremiereBot
) -> None:
    await threads_on(ladder, bot, archive="3d")
    await ladder.track(season=2)
    for rung in (just_after(days=7), just_after(days=1), just_after(hours=1), just_after()):
        await ladder.advance_to(bot, rung)

    assert titles(ladder.posts())[-1] == "🎬 Premiering now"
    assert threads_in(ladder) == [
        ("🎬 Premiering now", "Jessica Jones S2 · premiere discussion", 4320)
    ]
    await ladder.advance_to(bot, PREMIERE + timedelta(days=2))
    assert len(ladder.double.requests_to("POST", THREADS)) == 1


async def test_a_failure_and_a_restart_between_post_and_thread_still_make_exactly_one(
    ladder: Ladder, start_bot: StartBot
) -> None:
    first = await start_bot()
    await threads_on(ladder, first)
    await ladder.track()
    # Discord makes the thread, but its answer never reaches the bot; then the bot stops.
    ladder.double.inject_fault("POST", THREADS, status=503, after_commit=True, times=1)
    await ladder.advance_to(first, just_after())
    [post] = ladder.posts()
    assert ladder.double.thread_of(post) is not None
    unrecorded = await first.db.scalar("SELECT count(*) FROM deliveries WHERE thread_id IS NULL")
    await first.close()
    assert unrecorded == 1

    second = await start_bot()
    await settle(second)
    await second.reminders.idle()

    assert threads_in(ladder) == [
        ("🎬 Premiering now", "Jessica Jones · premiere discussion", 1440)
    ]
    assert await second.db.scalar("SELECT thread_id FROM deliveries") == post.id
    assert len(ladder.posts()) == 1  # the post itself was never repeated


async def test_a_thread_refused_before_it_was_made_is_made_after_the_restart(
    ladder: Ladder, start_bot: StartBot
) -> None:
    first = await start_bot()
    await threads_on(ladder, first)
    await ladder.track()
    ladder.double.inject_fault("POST", THREADS, status=503, times=1)  # Discord is struggling
    await ladder.advance_to(first, just_after())
    assert ladder.double.thread_of(ladder.posts()[0]) is None
    await first.close()

    second = await start_bot()
    await settle(second)
    await second.reminders.idle()
    assert [name for _, name, _ in threads_in(ladder)] == ["Jessica Jones · premiere discussion"]


async def test_without_create_public_threads_the_post_goes_alone_and_status_says_why(
    ladder: Ladder, bot: PremiereBot
) -> None:
    ladder.double.deny_bot(ladder.channel, Perm.CREATE_PUBLIC_THREADS)
    await ladder.configure(bot, role=False)
    answer = await ladder.world.slash(ladder.world.admin, "settings threads", enabled=True)
    assert "Create Public Threads" in answer.content
    await ladder.track()
    await ladder.advance_to(bot, just_after())

    assert titles(ladder.posts()) == ["🎬 Premiering now"] and threads_in(ladder) == []
    status = await ladder.world.slash(ladder.world.admin, "status")
    assert "Create Public Threads" in status.text()
    assert await bot.db.scalar("SELECT thread_id FROM deliveries") == 0  # not tried again


async def test_threads_off_by_default_make_none(ladder: Ladder, bot: PremiereBot) -> None:
    await ladder.configure(bot, role=False)
    await ladder.track()
    await ladder.advance_to(bot, just_after())
    assert titles(ladder.posts()) == ["🎬 Premiering now"] and threads_in(ladder) == []


async def test_each_episode_post_of_a_show_announcing_episodes_opens_its_thread(
    ladder: Ladder,
    start_bot: StartBot,
    tvmaze: TvmazeDouble,  # noqa: F811
) -> None:
    bot = await start_bot(tvmaze_api_base=tvmaze.base_url, tvmaze_refresh_hours=0)
    await threads_on(ladder, bot)
    await follow(ladder, bot)
    await through_premiere(ladder, bot)
    await ladder.advance_to(bot, airs(2) + timedelta(seconds=1))

    assert [name for _, name, _ in threads_in(ladder)] == [
        "Quiet Valley S4 · premiere discussion",
        "Quiet Valley S4E2 · episode discussion",
    ]


async def test_a_thread_refused_for_a_moment_is_made_minutes_later_without_a_restart(
    ladder: Ladder, bot: PremiereBot
) -> None:
    await threads_on(ladder, bot)
    await ladder.track()
    ladder.double.inject_fault("POST", THREADS, status=503, times=1)
    await ladder.advance_to(bot, just_after())
    assert threads_in(ladder) == []

    ladder.traveller.shift(timedelta(minutes=3))
    bot.scheduler.wakeup()
    await ladder.double.wait_for(lambda: threads_in(ladder))
    assert [name for _, name, _ in threads_in(ladder)] == ["Jessica Jones · premiere discussion"]
