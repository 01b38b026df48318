"""Reminders when Discord misbehaves: crashes mid-send, 429 storms, 5xx, a dropped gateway.
Deliveries are delayed, never lost, and never doubled."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.app import PremiereBot
from bot.db.connection import Database
from bot.sandbox.double import Channel, DiscordDouble, Perm
from tests.conftest import ON_BOTH_ENGINES, StartBot
from tests.e2e.reminder_support import Ladder, just_after, settle, titles

pytestmark = ON_BOTH_ENGINES

MESSAGES = "/channels/{channel_id}/messages"
SEVEN_DAYS = just_after(days=7)


async def tracked_servers(double: DiscordDouble, bot: PremiereBot, count: int) -> list[Channel]:
    """`count` servers, each with an announcement channel and the same premiere tracked."""
    channels = []
    for n in range(count):
        guild = double.add_guild(
            f"Fan Server {n}",
            bot_permissions=int(Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES | Perm.EMBED_LINKS),
        )
        channel = double.add_channel(guild, "premieres")
        await bot.services.settings.set_channel(guild.id, channel.id)
        await bot.services.shows.add(
            guild.id, title="Jessica Jones", premiere="2026-12-10 21:00", added_by=guild.owner_id
        )
        channels.append(channel)
    return channels


def counts(double: DiscordDouble, channels: list[Channel]) -> list[int]:
    return [len(double.channel_messages(c)) for c in channels]


async def test_a_crash_between_send_and_record_posts_exactly_once(
    ladder: Ladder, start_bot: StartBot, tmp_path: Path
) -> None:
    first = await start_bot()
    await ladder.configure(first, role=False)
    await ladder.track()
    # Discord takes the message, but the answer never reaches the bot before it dies.
    ladder.double.inject_fault("POST", MESSAGES, status=500, after_commit=True, delay=2.0)
    ladder.traveller.move_to(SEVEN_DAYS)
    first.reminders.timer.wakeup()
    await ladder.double.wait_for(lambda: ladder.posts())
    await first.close()
    ledger = await Database.open(first.settings.database)
    try:
        unrecorded = [tuple(r) for r in await ledger.fetch_all("SELECT status FROM deliveries")]
    finally:
        await ledger.close()

    assert unrecorded == [("pending",)]  # the ledger never heard back
    second = await start_bot()
    await settle(second)

    [post] = ladder.posts()
    [recorded] = await second.db.fetch_all("SELECT status, message_id FROM deliveries")
    assert recorded["status"] == "sent" and recorded["message_id"] == post.id
    nonces = [
        r.body["nonce"]
        for r in ladder.double.requests_to("POST", MESSAGES)
        if r.body and r.body.get("embeds")
    ]
    assert len(nonces) == 2 and len(set(nonces)) == 1  # the re-send reused the nonce


async def test_429_storm_and_5xx_during_a_fan_out_lose_nothing(
    double: DiscordDouble, bot: PremiereBot, at_t0: Any
) -> None:
    channels = await tracked_servers(double, bot, 50)
    double.inject_fault("POST", MESSAGES, status=429, retry_after=0.05, times=20)
    double.inject_fault("POST", MESSAGES, status=429, retry_after=0.05, times=1, is_global=True)

    at_t0.move_to(SEVEN_DAYS)
    bot.reminders.timer.wakeup()
    await settle(bot)
    assert counts(double, channels) == [1] * 50
    assert double.rate_limited == 21

    # 503s are not retried by discord.py: the engine retries them itself, later.
    double.inject_fault("POST", MESSAGES, status=503, times=10)
    at_t0.move_to(just_after(days=1))
    bot.reminders.timer.wakeup()
    await settle(bot)
    assert 40 <= sum(counts(double, channels)) - 50 < 50
    at_t0.shift(timedelta(seconds=20))
    bot.reminders.timer.wakeup()
    await settle(bot)

    assert counts(double, channels) == [2] * 50
    for channel in channels:
        assert titles(double.channel_messages(channel)) == [
            "⏰ Premieres in 7 days",
            "⏰ Premieres in 1 day",
        ]
    failed = await bot.db.scalar("SELECT count(*) FROM deliveries WHERE status != 'sent'")
    assert failed == 0


async def test_the_fan_out_paces_itself_under_discords_global_limit(
    double: DiscordDouble, bot: PremiereBot, at_t0: Any
) -> None:
    channels = await tracked_servers(double, bot, 70)  # more than 50 posts in a second

    at_t0.move_to(SEVEN_DAYS)
    bot.reminders.timer.wakeup()
    await settle(bot)

    assert counts(double, channels) == [1] * 70
    assert double.rate_limited == 0


async def test_a_dropped_gateway_mid_fan_out_resumes_and_loses_nothing(
    double: DiscordDouble, bot: PremiereBot, at_t0: Any
) -> None:
    channels = await tracked_servers(double, bot, 30)
    bot.reminders.sender.pacer.rate = 15  # a slower fan-out, so the drop lands in the middle

    at_t0.move_to(SEVEN_DAYS)
    bot.reminders.timer.wakeup()
    await double.wait_for(lambda: sum(counts(double, channels)) >= 3)
    await double.drop_connection()
    await settle(bot)

    assert counts(double, channels) == [1] * 30
    await double.wait_for(lambda: double.gateway.resumes == 1 and double.gateway.connected)
    assert double.gateway.identifies == 1  # resumed, not a new session


async def slow_dm_fan_out(ladder: Ladder, bot: PremiereBot, fans: int = 30) -> list[Any]:
    """A reminder going out to many DM subscribers, slowly: returns the subscribers."""
    await ladder.configure(bot, role=False)
    await ladder.track()
    members = [ladder.double.add_member(ladder.world.guild, f"dm fan {n}") for n in range(fans)]
    for member in members:
        await ladder.world.slash(member, "subscribe", show="Jessica Jones", delivery="dm")
    bot.reminders.sender.pacer.rate = 10
    ladder.traveller.move_to(SEVEN_DAYS)
    bot.reminders.timer.wakeup()
    await ladder.double.wait_for(lambda: sum(bool(ladder.double.dms_to(m)) for m in members) >= 3)
    return members


def sevens(ladder: Ladder, members: list[Any]) -> int:
    return sum(titles(ladder.double.dms_to(m)).count("⏰ Premieres in 7 days") for m in members)


async def test_a_date_moved_mid_fan_out_stops_the_old_dates_reminder(ladder: Ladder, bot) -> None:
    members = await slow_dm_fan_out(ladder, bot)

    await ladder.world.slash(
        ladder.world.admin, "show edit", show="Jessica Jones", premiere="2027-01-20 21:00"
    )
    sent_when_moved = sevens(ladder, members)
    await settle(bot)

    assert sevens(ladder, members) <= sent_when_moved + 1  # at most the one already on its way
    assert sevens(ladder, members) < len(members)
    moved = [m for m in members if "📅 Premiere moved" in titles(ladder.double.dms_to(m))]
    assert len(moved) == len(members)  # everyone hears of the move once


async def test_a_show_removed_mid_fan_out_stops_sending(ladder: Ladder, bot) -> None:
    members = await slow_dm_fan_out(ladder, bot)

    await ladder.world.slash(ladder.world.admin, "show remove", show="Jessica Jones")
    sent_when_removed = sevens(ladder, members)
    await settle(bot)

    assert sevens(ladder, members) <= sent_when_removed + 1
    assert sevens(ladder, members) < len(members)
