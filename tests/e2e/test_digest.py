"""The weekly digest through the Discord double: posted once at its time, edited (never posted
again) as the week's shows change, stopped by enabled:false, and exactly once through a crash
and through downtime."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.app import PremiereBot
from bot.db.connection import Database
from bot.render.digest import NOTHING_THIS_WEEK, TITLE
from bot.sandbox.double import Message, Perm
from tests.conftest import ON_BOTH_ENGINES, StartBot
from tests.e2e.reminder_support import SETTLE_POLL, SETTLE_TIMEOUT, Ladder

pytestmark = ON_BOTH_ENGINES

MESSAGES = "/channels/{channel_id}/messages"
MESSAGE = "/channels/{channel_id}/messages/{message_id}"
# T0 is Tuesday 24 November 2026, 15:00 UTC: the server's digest goes out on Wednesdays.
DIGEST_AT = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
JUST_AFTER = DIGEST_AT + timedelta(seconds=1)


async def settle_digest(bot: PremiereBot) -> None:
    """Wait until the digest has done everything due by the bot's clock, edits included."""
    digest = bot.digest
    async with asyncio.timeout(SETTLE_TIMEOUT):
        while True:
            due = await digest.store.next_wake()
            await digest.idle()
            if not digest.timer.running.locked() and (due is None or due > bot.clock.now()):
                return
            await asyncio.sleep(SETTLE_POLL)


async def advance_to(ladder: Ladder, bot: PremiereBot, when: datetime) -> None:
    await bot.events.idle()  # see Ladder.events_done
    ladder.traveller.move_to(when)
    bot.digest.timer.wakeup()
    await settle_digest(bot)


def digests(ladder: Ladder) -> list[Message]:
    return [m for m in ladder.posts() if m.embeds and m.embeds[0].get("title") == TITLE]


async def digest_on_wednesdays(ladder: Ladder, bot: PremiereBot) -> None:
    await ladder.configure(bot, role=False)
    reply = await ladder.world.slash(
        ladder.world.admin, "settings digest", day="wednesday", time="10:00"
    )
    assert reply.ephemeral


async def test_posted_once_at_its_time_listing_the_week_by_day(
    ladder: Ladder, bot: PremiereBot
) -> None:
    await digest_on_wednesdays(ladder, bot)
    await ladder.track("Jessica Jones", "2026-11-27 21:00")  # Friday
    await ladder.track("Severance", "2026-11-30 09:00", season=2)  # next Monday
    await ladder.track("Andor", "2026-12-10 21:00")  # after the week

    await advance_to(ladder, bot, DIGEST_AT - timedelta(minutes=1))
    assert digests(ladder) == []  # not before its time

    await advance_to(ladder, bot, JUST_AFTER)
    [digest] = digests(ladder)
    text = digest.embeds[0]["description"]
    assert text.index("**Friday 27 November**") < text.index("Jessica Jones")
    assert text.index("Jessica Jones") < text.index("**Monday 30 November**")
    assert text.index("**Monday 30 November**") < text.index("Severance")
    assert "Season 2 premiere" in text
    assert f"<t:{int(datetime(2026, 11, 27, 21, 0, tzinfo=UTC).timestamp())}:f>" in text
    assert "Andor" not in text
    assert "Late" not in text
    assert digest.pings.everyone is False and not digest.pings.roles and not digest.pings.users

    await advance_to(ladder, bot, JUST_AFTER + timedelta(days=1))
    assert len(digests(ladder)) == 1  # once a week
    await advance_to(ladder, bot, JUST_AFTER + timedelta(days=7))
    assert len(digests(ladder)) == 2  # and the next week's, at its time


async def test_a_show_added_that_week_edits_the_same_message(
    ladder: Ladder, bot: PremiereBot
) -> None:
    await digest_on_wednesdays(ladder, bot)
    await ladder.track("Jessica Jones", "2026-11-27 21:00")
    await advance_to(ladder, bot, JUST_AFTER)
    [digest] = digests(ladder)
    assert "Dune: Prophecy" not in digest.embeds[0]["description"]

    await ladder.track("Dune: Prophecy", "2026-11-29 20:00")
    await ladder.double.wait_for(lambda: "Dune: Prophecy" in digest.embeds[0]["description"])
    await settle_digest(bot)

    assert digests(ladder) == [digest]  # edited, not posted again
    assert "**Sunday 29 November**" in digest.embeds[0]["description"]
    edits = len(ladder.double.requests_to("PATCH", MESSAGE))
    assert edits == 1

    # A show outside the week changes nothing the message shows: no edit.
    await ladder.track("Andor", "2026-12-10 21:00")
    await settle_digest(bot)
    assert len(ladder.double.requests_to("PATCH", MESSAGE)) == edits

    # Moved out of the week, then removed: each edit leaves the one message current.
    await ladder.world.slash(
        ladder.world.admin, "show edit", show="Jessica Jones", premiere="2026-12-20 21:00"
    )
    await ladder.double.wait_for(lambda: "Jessica Jones" not in digest.embeds[0]["description"])
    await ladder.world.slash(ladder.world.admin, "show remove", show="Dune: Prophecy")
    await ladder.double.wait_for(lambda: NOTHING_THIS_WEEK in digest.embeds[0]["description"])
    await settle_digest(bot)
    assert digests(ladder) == [digest]


async def test_a_week_with_nothing_says_so_in_one_line(ladder: Ladder, bot: PremiereBot) -> None:
    await digest_on_wednesdays(ladder, bot)
    await ladder.track("Andor", "2026-12-10 21:00")

    await advance_to(ladder, bot, JUST_AFTER)

    [digest] = digests(ladder)
    assert digest.embeds[0]["description"].splitlines()[-1] == NOTHING_THIS_WEEK
    assert "Andor" not in digest.embeds[0]["description"]


async def test_enabled_false_stops_it(ladder: Ladder, bot: PremiereBot) -> None:
    await digest_on_wednesdays(ladder, bot)
    await ladder.track("Jessica Jones", "2026-11-27 21:00")
    reply = await ladder.world.slash(ladder.world.admin, "settings digest", enabled=False)
    assert reply.ephemeral

    await advance_to(ladder, bot, JUST_AFTER + timedelta(days=7))

    assert digests(ladder) == []
    assert await bot.digest.store.plan_of(ladder.world.guild.id) is None


async def test_a_digest_that_cannot_be_posted_is_named_in_status(
    ladder: Ladder, bot: PremiereBot
) -> None:
    await digest_on_wednesdays(ladder, bot)
    await ladder.track("Jessica Jones", "2026-11-27 21:00")
    ladder.double.deny_bot(ladder.channel, Perm.SEND_MESSAGES)

    await advance_to(ladder, bot, JUST_AFTER)

    assert digests(ladder) == []
    status = await ladder.world.slash(ladder.world.admin, "status")
    assert status.ephemeral
    [failures] = [f for f in status.embed["fields"] if f["name"] == "Recent failures"]
    assert "Weekly digest" in failures["value"]
    assert f"<t:{int(DIGEST_AT.timestamp())}:f>" in failures["value"]
    assert "missing permission to post" in failures["value"]


async def test_a_deleted_digest_is_not_posted_again(ladder: Ladder, bot: PremiereBot) -> None:
    await digest_on_wednesdays(ladder, bot)
    await advance_to(ladder, bot, JUST_AFTER)
    [digest] = digests(ladder)
    digest.deleted = True  # a moderator deleted it

    await ladder.track("Jessica Jones", "2026-11-27 21:00")
    await settle_digest(bot)
    await ladder.double.wait_for(lambda: ladder.double.requests_to("PATCH", MESSAGE))
    await settle_digest(bot)

    [row] = await bot.digest.store.of_guild(ladder.world.guild.id)
    assert row.status == "stopped"
    await ladder.track("Severance", "2026-11-28 21:00")
    await settle_digest(bot)
    assert len(ladder.double.requests_to("PATCH", MESSAGE)) == 1  # no more tries
    assert [m for m in digests(ladder) if not m.deleted] == []  # and never a second post


async def test_a_crash_between_post_and_record_posts_once(
    ladder: Ladder, start_bot: StartBot
) -> None:
    first = await start_bot()
    await digest_on_wednesdays(ladder, first)
    await ladder.track("Jessica Jones", "2026-11-27 21:00")
    # Discord takes the message, but the answer never reaches the bot before it dies.
    ladder.double.inject_fault("POST", MESSAGES, status=500, after_commit=True, delay=2.0)
    ladder.traveller.move_to(JUST_AFTER)
    first.digest.timer.wakeup()
    await ladder.double.wait_for(lambda: digests(ladder))
    await first.close()
    db = await Database.open(first.settings.database)
    try:
        unrecorded = [tuple(r) for r in await db.fetch_all("SELECT status FROM digests")]
    finally:
        await db.close()
    assert unrecorded == [("pending",)]

    second = await start_bot()
    await settle_digest(second)

    [digest] = digests(ladder)
    [row] = await second.digest.store.of_guild(ladder.world.guild.id)
    assert row.status == "posted" and row.message_id == digest.id
    nonces = [
        r.body["nonce"]
        for r in ladder.double.requests_to("POST", MESSAGES)
        if r.body and r.body.get("embeds") and r.body["embeds"][0].get("title") == TITLE
    ]
    assert nonces == [row.nonce, row.nonce]  # the re-send was the same message to Discord
    # The restarted bot edits that message, not a new one.
    await ladder.track("Dune: Prophecy", "2026-11-29 20:00")
    await ladder.double.wait_for(lambda: "Dune: Prophecy" in digest.embeds[0]["description"])
    assert digests(ladder) == [digest]


async def test_a_digest_missed_by_hours_goes_out_late_and_says_so(
    ladder: Ladder, start_bot: StartBot
) -> None:
    first = await start_bot()
    await digest_on_wednesdays(ladder, first)
    await first.close()  # down over Wednesday morning

    ladder.traveller.move_to(DIGEST_AT + timedelta(hours=3))
    second = await start_bot()
    await settle_digest(second)

    [digest] = digests(ladder)
    assert digest.embeds[0]["description"].startswith("⏰ Late: this was due")


async def test_a_whole_missed_week_is_skipped_not_posted_late(
    ladder: Ladder, start_bot: StartBot
) -> None:
    first = await start_bot()
    await digest_on_wednesdays(ladder, first)
    await first.close()

    ladder.traveller.move_to(DIGEST_AT + timedelta(days=8))  # Thursday of the week after
    second = await start_bot()
    await settle_digest(second)

    assert digests(ladder) == []
    next_at = await second.digest.store.plan_of(ladder.world.guild.id)
    assert next_at == DIGEST_AT + timedelta(days=14)
    await advance_to(ladder, second, next_at + timedelta(seconds=1))
    [digest] = digests(ladder)
    assert "Late" not in digest.embeds[0]["description"]


async def test_a_bad_time_or_day_is_refused_privately(ladder: Ladder, bot: PremiereBot) -> None:
    await ladder.configure(bot, role=False)
    admin = ladder.world.admin

    reply = await ladder.world.slash(admin, "settings digest", day="friday", time="25:00")

    assert reply.ephemeral
    assert '"25:00" is not a time of day' in reply.content
    # Discord's client offers the seven days only; another client may send anything.
    for definition in ladder.double.commands_for(ladder.world.guild).values():
        for option in _options(definition):
            if option["name"] == "day":
                option.pop("choices", None)
    reply = await ladder.world.slash(admin, "settings digest", day="funday")
    assert reply.ephemeral
    assert "funday" in reply.content.lower()
    settings = await bot.services.settings.get(ladder.world.guild.id)
    assert settings.digest_enabled is False  # nothing stored by either
    assert await bot.digest.store.plan_of(ladder.world.guild.id) is None


def _options(definition: dict[str, object]) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for option in definition.get("options") or []:  # type: ignore[attr-defined]
        found.append(option)
        found += _options(option)
    return found


async def test_turning_it_on_without_a_channel_says_nothing_can_be_posted(
    ladder: Ladder, bot: PremiereBot
) -> None:
    reply = await ladder.world.slash(
        ladder.world.admin, "settings digest", day="wednesday", time="10:00"
    )
    assert reply.ephemeral and "no announcement channel" in reply.content
