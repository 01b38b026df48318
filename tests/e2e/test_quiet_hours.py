"""Quiet hours end to end: a member's direct messages due inside their quiet hours wait until
the hours end and arrive as one message; channel posts are not affected."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app import PremiereBot
from tests.conftest import ON_BOTH_ENGINES, StartBot
from tests.e2e.reminder_support import Ladder, settle

pytestmark = ON_BOTH_ENGINES


def at(hour: int, minute: int = 0, *, day: int = 10) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC)


async def three_premieres(ladder: Ladder, bot: PremiereBot) -> None:
    """Reminders only at the premiere; the DM fan follows three shows by DM."""
    await ladder.configure(bot, role=False)
    world = ladder.world
    await world.slash(world.admin, "settings reminders", offsets="0")
    for title, when in (
        ("Jessica Jones", "2026-12-10 21:00"),
        ("Severance", "2026-12-10 22:30"),
        ("Quiet Valley", "2026-12-10 23:30"),
    ):
        await ladder.track(title=title, premiere=when)
        await world.slash(ladder.dm_fan, "subscribe", show=title, delivery="dm")


async def test_dms_due_in_quiet_hours_wait_and_arrive_together_at_their_end(
    ladder: Ladder, bot: PremiereBot
) -> None:
    await three_premieres(ladder, bot)
    answer = await ladder.world.slash(
        ladder.dm_fan, "subscriptions quiet", start="22:00", end="08:00", timezone="UTC"
    )
    assert answer.ephemeral and "22:00–08:00 (UTC)" in answer.content

    for moment in (at(21, 0, day=10), at(22, 30), at(23, 30)):
        await ladder.advance_to(bot, moment.replace(second=1))
    dms = ladder.double.dms_to(ladder.dm_fan)
    assert [m.embed["description"].split(" · ")[0] for m in dms] == ["**Jessica Jones**"]
    assert len(ladder.posts()) == 3  # the channel heard of all three on time

    await ladder.advance_to(bot, at(7, 59, day=11))
    assert len(ladder.double.dms_to(ladder.dm_fan)) == 1
    await ladder.advance_to(bot, at(8, 0, day=11).replace(second=1))

    dms = ladder.double.dms_to(ladder.dm_fan)
    assert len(dms) == 2
    together = dms[-1]
    assert [e["description"].split(" · ")[0] for e in together.embeds] == [
        "**Severance**",
        "**Quiet Valley**",
    ]
    assert [e["footer"]["text"] for e in together.embeds] == [
        "Held for your quiet hours: this was due 10 Dec 2026, 22:30 UTC",
        "Held for your quiet hours: this was due 10 Dec 2026, 23:30 UTC",
    ]
    statuses = await bot.db.fetch_all("SELECT DISTINCT status FROM reminders")
    assert [r["status"] for r in statuses] == ["sent"]


async def test_held_dms_survive_a_restart(ladder: Ladder, start_bot: StartBot) -> None:
    first = await start_bot()
    await three_premieres(ladder, first)
    await ladder.world.slash(
        ladder.dm_fan, "subscriptions quiet", start="22:00", end="08:00", timezone="UTC"
    )
    await ladder.advance_to(first, at(22, 30, day=10).replace(second=1))
    await first.close()

    ladder.traveller.move_to(at(8, 0, day=11).replace(second=1))
    second = await start_bot()
    await settle(second)
    second.reminders.timer.wakeup()
    await settle(second)

    dms = ladder.double.dms_to(ladder.dm_fan)
    assert [len(m.embeds) for m in dms] == [2]  # Severance, and Quiet Valley's due meanwhile
    nonces = [m.nonce for m in ladder.double.dms_to(ladder.dm_fan)]
    assert len(nonces) == len(set(nonces))


async def test_quiet_hours_are_checked_and_can_be_turned_off(
    ladder: Ladder, bot: PremiereBot
) -> None:
    world = ladder.world
    refused = await world.slash(ladder.fan, "subscriptions quiet", start="22:00")
    assert refused.ephemeral and "both start and end" in refused.content
    refused = await world.slash(ladder.fan, "subscriptions quiet", start="25:00", end="08:00")
    assert refused.ephemeral and "HH:MM" in refused.content
    refused = await world.slash(ladder.fan, "subscriptions quiet", start="08:00", end="08:00")
    assert refused.ephemeral and "the same time" in refused.content

    await world.slash(ladder.fan, "subscriptions quiet", start="23:00", end="07:30")
    listing = await world.slash(ladder.fan, "subscriptions list")
    assert "Quiet hours 23:00–07:30 (UTC)" in listing.text()
    off = await world.slash(ladder.fan, "subscriptions quiet")
    assert "off" in off.content
    listing = await world.slash(ladder.fan, "subscriptions list")
    assert "Quiet hours" not in listing.text()
