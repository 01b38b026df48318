"""Quiet hours in a member's own zone: spans over midnight, within a day, and across clock
changes; and held DMs split into messages Discord takes."""

from __future__ import annotations

from datetime import UTC, datetime, time

import discord

from bot.domain.reminders import Delivery, DeliveryStatus, Target
from bot.domain.subscriptions import QuietHours
from bot.reminders.delivery import _HeldDm, _messages_of

NIGHT = QuietHours(time(23, 0), time(8, 0), "Europe/Berlin")
AFTERNOON = QuietHours(time(13, 0), time(15, 30), "America/New_York")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_a_span_over_midnight_covers_both_sides_of_it() -> None:
    assert NIGHT.covers(utc(2026, 12, 1, 22, 30))  # 23:30 in Berlin
    assert NIGHT.covers(utc(2026, 12, 2, 6, 59))  # 07:59
    assert not NIGHT.covers(utc(2026, 12, 2, 7, 0))  # 08:00: over
    assert not NIGHT.covers(utc(2026, 12, 1, 21, 59))  # 22:59: not yet
    assert NIGHT.ends_after(utc(2026, 12, 1, 22, 30)) == utc(2026, 12, 2, 7, 0)


def test_a_span_within_a_day() -> None:
    assert AFTERNOON.covers(utc(2026, 12, 1, 18, 0))  # 13:00 in New York
    assert not AFTERNOON.covers(utc(2026, 12, 1, 20, 30))  # 15:30
    assert AFTERNOON.ends_after(utc(2026, 12, 1, 19, 0)) == utc(2026, 12, 1, 20, 30)


def test_the_end_follows_the_clock_change() -> None:
    # Berlin moves to summer time on 29 March 2026: 08:00 is 06:00 UTC that morning.
    assert NIGHT.ends_after(utc(2026, 3, 28, 23, 0)) == utc(2026, 3, 29, 6, 0)
    assert NIGHT.ends_after(utc(2026, 3, 27, 23, 0)) == utc(2026, 3, 28, 7, 0)


def delivery(n: int) -> Delivery:
    return Delivery(
        n, n, Target.DM, None, 9, 0, None, (), None, DeliveryStatus.PENDING, 0, None, None
    )


def test_held_dms_make_messages_of_ten_embeds_and_six_thousand_characters_at_most() -> None:
    small = [_HeldDm(discord.Embed(title=f"Show {n}"), delivery=delivery(n)) for n in range(23)]
    assert [len(m) for m in _messages_of(small)] == [10, 10, 3]
    big = [_HeldDm(discord.Embed(title="x", description="y" * 2500), news_id=n) for n in range(5)]
    assert [len(m) for m in _messages_of(big)] == [2, 2, 1]
