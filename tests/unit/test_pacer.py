"""The pacer spaces requests evenly and never bursts to catch up after the loop fell behind."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from bot.outbox import sender
from bot.outbox.sender import Pacer


@pytest.fixture
def late_loop(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """A clock the test owns, and a sleep that wakes half a second late; returns the sleeps."""
    now = [100.0]
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds + 0.5

    monkeypatch.setattr(sender, "time", SimpleNamespace(monotonic=lambda: now[0]))
    monkeypatch.setattr(sender, "asyncio", SimpleNamespace(sleep=sleep, Lock=asyncio.Lock))
    return slept


async def test_after_a_late_wake_up_the_next_request_still_waits_its_full_gap(
    late_loop: list[float],
) -> None:
    pacer = Pacer(rate=10)

    for _ in range(4):
        await pacer.wait()

    # The first goes at once; each later one waits a full tenth of a second after the one
    # before really went, however late that was: never zero, never a burst.
    assert late_loop == [pytest.approx(0.1)] * 3
