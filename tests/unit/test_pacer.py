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

    # The first goes at once; each later one waits at least nine tenths of the pace after the
    # one before really went, however late that was: never zero, never a burst.
    assert len(late_loop) == 3
    assert all(sleep >= 0.9 * 0.1 - 1e-9 for sleep in late_loop)


async def test_a_small_lag_costs_no_time_over_many_requests(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = [100.0]

    async def sleep(seconds: float) -> None:
        now[0] += seconds + 0.001  # every wake a millisecond late

    monkeypatch.setattr(sender, "time", SimpleNamespace(monotonic=lambda: now[0]))
    monkeypatch.setattr(sender, "asyncio", SimpleNamespace(sleep=sleep, Lock=asyncio.Lock))
    pacer = Pacer(rate=10)

    for _ in range(101):
        await pacer.wait()

    # A hundred gaps at ten a second: ten seconds, not ten plus a hundred lags.
    assert now[0] - 100.0 == pytest.approx(10.0, abs=0.01)
