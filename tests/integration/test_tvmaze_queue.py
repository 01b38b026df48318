"""Under a burst, the bot's own queue of TVmaze requests is told apart from TVmaze itself: the
member hears the bot is busy, the logs say it was the queue, and TVmaze is not asked."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import pytest

from bot.sandbox.tvmaze import TvmazeDouble
from bot.tvmaze import TvmazeClient, TvmazeQueueFull, TvmazeUnavailable
from bot.tvmaze.errors import BUSY, QUEUED, UNAVAILABLE


@pytest.fixture
async def site() -> AsyncIterator[TvmazeDouble]:
    async with TvmazeDouble() as running:
        for show_id in (1, 2, 3):
            running.add_show(id=show_id, name=f"Show {show_id}")
        yield running


async def test_a_caller_left_waiting_in_the_queue_is_told_the_bot_is_busy(
    site: TvmazeDouble, caplog: pytest.LogCaptureFixture
) -> None:
    # One request a second, and callers wait a tenth of that: the second and third can't go.
    async with TvmazeClient(site.base_url, requests_per_second=1.0, queue_seconds=0.1) as client:
        with caplog.at_level(logging.WARNING, logger="bot.tvmaze.client"):
            results = await asyncio.gather(
                client.show(1), client.show(2), client.show(3), return_exceptions=True
            )

    first, *waited = results
    assert not isinstance(first, BaseException) and first.name == "Show 1"
    for refusal in waited:
        assert isinstance(refusal, TvmazeQueueFull)
        assert str(refusal) == QUEUED
        assert str(refusal) != UNAVAILABLE and "TVmaze isn't answering" not in str(refusal)
    # TVmaze was asked once: the others never left the bot.
    assert site.count("/shows") == 1
    assert "own pacing" in caplog.text


async def test_a_queue_refusal_is_still_a_tvmaze_refusal_for_callers_that_catch_those(
    site: TvmazeDouble,
) -> None:
    async with TvmazeClient(site.base_url, requests_per_second=1.0, queue_seconds=0.1) as client:
        await client.show(1)
        with pytest.raises(TvmazeUnavailable):
            await client.show(2)


async def test_waiting_out_tvmazes_own_slow_down_is_told_as_tvmaze_being_busy(
    site: TvmazeDouble, caplog: pytest.LogCaptureFixture
) -> None:
    site.fail_next(1, status=429, retry_after=1)
    async with TvmazeClient(
        site.base_url, requests_per_second=100.0, queue_seconds=0.1, backoff_cap=16.0
    ) as client:
        with (
            caplog.at_level(logging.WARNING, logger="bot.tvmaze.client"),
            pytest.raises(TvmazeUnavailable) as refused,
        ):
            await client.show(1)

    assert not isinstance(refused.value, TvmazeQueueFull)
    assert str(refused.value) == BUSY
    assert "429" in caplog.text


async def test_callers_within_their_patience_all_get_their_answer(site: TvmazeDouble) -> None:
    async with TvmazeClient(site.base_url, requests_per_second=100.0, queue_seconds=5.0) as client:
        shows = await asyncio.gather(client.show(1), client.show(2), client.show(3))
    assert [show.name for show in shows] == ["Show 1", "Show 2", "Show 3"]
