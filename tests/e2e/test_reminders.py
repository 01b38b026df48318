"""Countdown reminders end to end: the real bot, the double, a real SQLite file, and time moved
with time-machine (the bot's clock and APScheduler both read it)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.conftest import ON_BOTH_ENGINES, T0, StartBot
from tests.e2e.reminder_support import PREMIERE, Ladder, just_after, settle, titles

pytestmark = ON_BOTH_ENGINES


async def test_the_full_ladder_posts_in_order_with_exact_mentions(ladder: Ladder, bot) -> None:
    await ladder.configure(bot)
    await ladder.track(network="Netflix", season=2)
    await ladder.subscribe_fans()
    rungs = [
        PREMIERE - timedelta(days=7),
        PREMIERE - timedelta(days=1),
        PREMIERE - timedelta(hours=1),
        PREMIERE,
    ]

    await ladder.advance_to(bot, rungs[0] - timedelta(minutes=1))
    assert ladder.posts() == []
    for rung in rungs:
        await ladder.advance_to(bot, rung + timedelta(seconds=1))

    posts = ladder.posts()
    assert titles(posts) == [
        "⏰ Premieres in 7 days",
        "⏰ Premieres in 1 day",
        "⏰ Premieres in 1 hour",
        "🎬 Premiering now",
    ]
    for post in posts:
        assert post.pings.users == {ladder.fan.id}
        assert post.pings.roles == {ladder.role.id}
        assert not post.pings.everyone
        assert "Jessica Jones" in post.text() and "Netflix" in post.text()
        assert f"<t:{int(PREMIERE.timestamp())}:R>" in post.text()
        assert [b["label"] for b in post.buttons()] == ["Subscribe", "Unsubscribe"]
        assert post.nonce is not None
    dms = ladder.double.dms_to(ladder.dm_fan)
    assert titles(dms) == titles(posts)
    assert ladder.double.dms_to(ladder.fan) == []


async def test_a_show_added_two_days_out_skips_the_7_day_reminder(ladder: Ladder, bot) -> None:
    await ladder.configure(bot, role=False)
    await ladder.track(premiere="2026-11-26 15:00")

    for when in (
        datetime(2026, 11, 25, 15, 0, 1, tzinfo=UTC),
        datetime(2026, 11, 26, 14, 0, 1, tzinfo=UTC),
        datetime(2026, 11, 26, 15, 0, 1, tzinfo=UTC),
    ):
        await ladder.advance_to(bot, when)

    assert titles(ladder.posts()) == [
        "⏰ Premieres in 1 day",
        "⏰ Premieres in 1 hour",
        "🎬 Premiering now",
    ]


async def test_month_precision_gets_no_countdown_until_a_day_is_known(ladder: Ladder, bot) -> None:
    await ladder.configure(bot, role=False)
    await ladder.track(premiere="December 2026")
    await ladder.advance_to(bot, datetime(2026, 12, 31, tzinfo=UTC))
    assert ladder.posts() == []
    assert await bot.reminders.store.count_pending() == 0


async def test_restart_mid_ladder_continues_without_repeats(
    ladder: Ladder, start_bot: StartBot
) -> None:
    first = await start_bot()
    await ladder.configure(first, role=False)
    await ladder.track()
    await ladder.advance_to(first, just_after(days=7))
    await first.close()

    second = await start_bot()
    await ladder.advance_to(second, just_after(days=1))

    assert titles(ladder.posts()) == ["⏰ Premieres in 7 days", "⏰ Premieres in 1 day"]


async def test_downtime_across_the_premiere_gives_one_offline_post(
    ladder: Ladder, start_bot: StartBot
) -> None:
    first = await start_bot()
    await ladder.configure(first, role=False)
    await ladder.track()
    await ladder.advance_to(first, just_after(days=7))
    await ladder.advance_to(first, just_after(days=1))
    await first.close()

    # Down from before the 1-hour reminder until 5 hours after the premiere.
    ladder.traveller.move_to(PREMIERE + timedelta(hours=5))
    second = await start_bot()
    await settle(second)

    assert titles(ladder.posts()) == [
        "⏰ Premieres in 7 days",
        "⏰ Premieres in 1 day",
        "Premiered while the bot was offline",
    ]


async def test_downtime_past_six_hours_posts_nothing_stale(
    ladder: Ladder, start_bot: StartBot
) -> None:
    first = await start_bot()
    await ladder.configure(first, role=False)
    await ladder.track()
    await first.close()

    ladder.traveller.move_to(PREMIERE + timedelta(hours=7))
    second = await start_bot()
    await settle(second)

    assert ladder.posts() == []
    statuses = await second.db.fetch_all("SELECT status, outcome FROM reminders")
    assert {r["status"] for r in statuses} == {"skipped"}


async def test_downtime_before_the_premiere_sends_only_the_latest_missed_marked_late(
    ladder: Ladder, start_bot: StartBot
) -> None:
    first = await start_bot()
    await ladder.configure(first, role=False)
    await ladder.track()
    await first.close()

    ladder.traveller.move_to(PREMIERE - timedelta(minutes=30))  # missed 7d, 1d and 1h
    second = await start_bot()
    await settle(second)

    [post] = ladder.posts()
    assert post.embeds[0]["title"] == "⏰ Premieres in 1 hour"
    assert "late" in post.embeds[0]["footer"]["text"]


async def test_date_moved_twice_announces_each_move_and_follows_the_new_date(
    ladder: Ladder, bot
) -> None:
    await ladder.configure(bot, role=False)
    await ladder.track()
    await ladder.world.slash(
        ladder.world.admin, "show edit", show="Jessica Jones", premiere="2026-12-20 21:00"
    )
    await ladder.advance_to(bot, T0 + timedelta(minutes=1))
    await ladder.world.slash(
        ladder.world.admin, "show edit", show="Jessica Jones", premiere="2026-12-30 21:00"
    )
    await ladder.advance_to(bot, T0 + timedelta(minutes=2))

    # The old date's 7-day reminder (Dec 3) must not fire; the new one's (Dec 23) must.
    await ladder.advance_to(bot, datetime(2026, 12, 3, 21, 0, 1, tzinfo=UTC))
    await ladder.advance_to(bot, datetime(2026, 12, 23, 21, 0, 1, tzinfo=UTC))

    posts = ladder.posts()
    assert titles(posts) == ["📅 Premiere moved", "📅 Premiere moved", "⏰ Premieres in 7 days"]
    first_move, second_move = posts[0].text(), posts[1].text()
    assert f"<t:{int(PREMIERE.timestamp())}:F>" in first_move
    assert f"<t:{int(datetime(2026, 12, 20, 21, tzinfo=UTC).timestamp())}:F>" in second_move
    assert f"<t:{int(datetime(2026, 12, 30, 21, tzinfo=UTC).timestamp())}:F>" in second_move


async def test_a_removed_show_sends_nothing_more(ladder: Ladder, bot) -> None:
    await ladder.configure(bot, role=False)
    await ladder.track()
    await ladder.world.slash(ladder.world.admin, "show remove", show="Jessica Jones")

    await ladder.advance_to(bot, just_after())

    assert ladder.posts() == []
    assert await bot.reminders.store.count_pending() == 0


async def test_changing_the_channel_moves_pending_reminders(ladder: Ladder, bot) -> None:
    await ladder.configure(bot, role=False)
    await ladder.track()
    elsewhere = ladder.double.add_channel(ladder.world.guild, "elsewhere")
    await ladder.double.wait_for(lambda: bot.get_channel(elsewhere.id))
    await ladder.world.slash(ladder.world.admin, "settings channel", channel=elsewhere)

    await ladder.advance_to(bot, just_after(days=7))

    assert ladder.posts() == []
    assert titles(ladder.double.channel_messages(elsewhere)) == ["⏰ Premieres in 7 days"]


async def test_new_offsets_replan_the_ladder(ladder: Ladder, bot) -> None:
    await ladder.configure(bot, role=False)
    await ladder.track()
    await ladder.world.slash(ladder.world.admin, "settings reminders", offsets="2d")

    for when in (PREMIERE - timedelta(days=7), PREMIERE - timedelta(days=2), PREMIERE):
        await ladder.advance_to(bot, when + timedelta(seconds=1))

    assert titles(ladder.posts()) == ["⏰ Premieres in 2 days"]


async def test_closed_dms_fall_back_to_a_mention_once(ladder: Ladder, bot) -> None:
    closed = ladder.double.add_member(ladder.world.guild, "private", dms_closed=True)
    await ladder.configure(bot, role=False)
    await ladder.track()
    await ladder.world.slash(closed, "subscribe", show="Jessica Jones", delivery="dm")

    await ladder.advance_to(bot, just_after(days=7))
    await ladder.advance_to(bot, just_after(days=1))

    seven_days, fallback_note, one_day = ladder.posts()
    assert closed.id in fallback_note.pings.users
    assert "couldn't send you a direct message" in fallback_note.content
    assert closed.id not in seven_days.pings.users
    assert closed.id in one_day.pings.users and "direct message" not in one_day.content
    dm_attempts = [r for r in ladder.double.refusals if r[2] == 50007]
    assert len(dm_attempts) == 1  # not retried on every reminder


async def test_many_subscribers_are_split_over_messages_within_limits(ladder: Ladder, bot) -> None:
    await ladder.configure(bot)
    await ladder.track()
    fans = [ladder.double.add_member(ladder.world.guild, f"fan {n}") for n in range(150)]
    for fan in fans:
        await ladder.world.slash(fan, "subscribe", show="Jessica Jones")

    await ladder.advance_to(bot, just_after(days=7))

    posts = ladder.posts()
    assert len(posts) == 2
    assert len(posts[0].embeds) == 1 and posts[1].embeds == []
    pinged = set().union(*(p.pings.users for p in posts))
    assert pinged == {f.id for f in fans}
    assert sum(len(p.pings.users) for p in posts) == 150  # nobody twice
    assert all(len(p.content) <= 2000 and len(p.pings.users) <= 100 for p in posts)
    assert posts[0].pings.roles == {ladder.role.id} and posts[1].pings.roles == frozenset()


async def test_subscribing_again_after_opening_dms_switches_back_to_dms(
    ladder: Ladder, bot
) -> None:
    closed = ladder.double.add_member(ladder.world.guild, "private", dms_closed=True)
    await ladder.configure(bot, role=False)
    await ladder.track()
    await ladder.world.slash(closed, "subscribe", show="Jessica Jones", delivery="dm")
    await ladder.advance_to(bot, just_after(days=7))
    listing = await ladder.world.slash(closed, "subscriptions list")
    assert "your DMs were closed" in listing.text()

    closed.user.dms_closed = False
    again = await ladder.world.slash(closed, "subscribe", show="Jessica Jones", delivery="dm")
    await ladder.advance_to(bot, just_after(days=1))

    assert again.content.startswith("Updated")
    assert titles(ladder.double.dms_to(closed)) == ["⏰ Premieres in 1 day"]
    assert closed.id not in ladder.posts()[-1].pings.users


async def test_the_buttons_on_a_reminder_in_dms_act_on_the_shows_server(
    ladder: Ladder, bot
) -> None:
    await ladder.configure(bot, role=False)
    await ladder.track()
    await ladder.subscribe_fans()
    await ladder.advance_to(bot, just_after(days=7))
    [dm] = ladder.double.dms_to(ladder.dm_fan)

    clicked = await ladder.double.click(ladder.dm_fan, dm, "Unsubscribe")
    reply = await ladder.double.reply(clicked)

    assert reply.ephemeral and "went wrong" not in reply.content
    assert "Jessica Jones" in reply.content
    [show] = await bot.services.shows.upcoming(ladder.world.guild.id)
    details = await bot.services.shows.details(ladder.world.guild.id, show.id, ladder.dm_fan.id)
    assert details.viewer_subscription is None

    clicked = await ladder.double.click(ladder.dm_fan, dm, "Subscribe")
    reply = await ladder.double.reply(clicked)

    assert "went wrong" not in reply.content
    details = await bot.services.shows.details(ladder.world.guild.id, show.id, ladder.dm_fan.id)
    assert details.viewer_subscription is not None
