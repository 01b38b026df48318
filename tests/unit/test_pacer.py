"""The pacer spaces requests evenly and never bursts to catch up after the loop fell behind."""

from __future__ import annotations

import asyncio
import bisect
import random
from types import SimpleNamespace

import pytest

from bot.outbox import sender
from bot.outbox.sender import Pacer


@pytest.mark.parametrize("seed", range(5))
async def test_no_second_ever_holds_more_than_the_rate_and_one(
    monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """Whatever the loop's lag (here up to half a second, now and then), the requests of any
    one second number at most rate + 1: two processes at 24.5 a second stay within Discord's 50."""
    rng = random.Random(seed)
    now = [100.0]
    sent: list[float] = []

    async def sleep(seconds: float) -> None:
        late = 0.5 if rng.random() < 0.05 else rng.random() * 0.003
        now[0] += seconds + late

    monkeypatch.setattr(sender, "time", SimpleNamespace(monotonic=lambda: now[0]))
    monkeypatch.setattr(sender, "asyncio", SimpleNamespace(sleep=sleep, Lock=asyncio.Lock))
    pacer = Pacer(rate=24.5)

    for _ in range(600):
        await pacer.wait()
        sent.append(now[0])

    busiest = max(bisect.bisect_left(sent, start + 1.0) - i for i, start in enumerate(sent))
    assert busiest <= 25


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
    assert 9.9 <= now[0] - 100.0 <= 10.01
