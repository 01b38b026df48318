"""Discord's shard rules: which shard a server is on, when each shard may identify, and how
/status tells about shards."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.shards import IDENTIFY_INTERVAL, IdentifyBuckets, describe_shard_ids, shard_of
from bot.render.status import ShardReport, shard_lines

# A snowflake's top bits are its creation time; the low 22 bits never pick the shard.
TIMESTAMP_SHIFT = 22


@pytest.mark.parametrize(
    ("guild_id", "shard_count", "expected"),
    [
        (0, 1, 0),
        (41771983423143937, 1, 0),
        (41771983423143937, 2, 0),  # 41771983423143937 >> 22 == 9959216934
        (41771983423143937, 3, 0),
        (41771983423143937, 16, 6),
        ((7 << TIMESTAMP_SHIFT), 3, 1),
        ((10 << TIMESTAMP_SHIFT) | 0x3FFFFF, 4, 2),  # the low bits change nothing
    ],
)
def test_shard_of_follows_discords_formula(guild_id: int, shard_count: int, expected: int) -> None:
    assert shard_of(guild_id, shard_count) == expected


@given(st.integers(min_value=0, max_value=2**63 - 1), st.integers(min_value=1, max_value=5000))
def test_every_server_is_on_exactly_one_existing_shard(guild_id: int, shard_count: int) -> None:
    shard = shard_of(guild_id, shard_count)
    assert 0 <= shard < shard_count
    assert shard == shard_of(guild_id ^ (guild_id & 0x3FFFFF), shard_count)


def test_no_shards_is_no_bot() -> None:
    with pytest.raises(ValueError, match="at least one shard"):
        shard_of(1 << TIMESTAMP_SHIFT, 0)


@pytest.mark.parametrize(
    ("ids", "text"),
    [
        ([0], "0"),
        ([0, 1, 2, 3], "0-3"),
        ([5, 0, 2], "0, 2, 5"),
        ([7, 8, 0, 1, 2, 5, 1], "0-2, 5, 7-8"),
        ([], ""),
    ],
)
def test_shard_ids_read_as_a_person_writes_them(ids: list[int], text: str) -> None:
    assert describe_shard_ids(ids) == text


def test_a_bucket_identifies_once_every_five_seconds() -> None:
    buckets = IdentifyBuckets(max_concurrency=1)
    assert buckets.wait_before(0, now=100.0) == 0.0
    buckets.identified(0, at=100.0)
    assert buckets.wait_before(1, now=101.0) == pytest.approx(IDENTIFY_INTERVAL - 1.0)
    assert buckets.wait_before(1, now=105.0) == 0.0
    assert buckets.wait_before(1, now=200.0) == 0.0


def test_max_concurrency_lets_that_many_shards_start_together() -> None:
    buckets = IdentifyBuckets(max_concurrency=4)
    for shard_id in range(4):
        assert buckets.wait_before(shard_id, now=10.0) == 0.0
        buckets.identified(shard_id, at=10.0)
    # Shard 4 shares shard 0's bucket (4 % 4 == 0), so it waits for that bucket.
    assert buckets.wait_before(4, now=11.0) == pytest.approx(IDENTIFY_INTERVAL - 1.0)


def test_buckets_follow_the_concurrency_learnt_after_the_first_identify() -> None:
    # A process running shards 3 and 4 identifies shard 3 before it knows max_concurrency.
    buckets = IdentifyBuckets()
    buckets.identified(3, at=0.0)
    buckets.max_concurrency = 16
    assert buckets.wait_before(4, now=0.5) == 0.0  # bucket 4, not shard 3's bucket 3
    assert buckets.wait_before(19, now=0.5) == pytest.approx(IDENTIFY_INTERVAL - 0.5)


def test_status_of_a_bot_with_one_shard() -> None:
    report = ShardReport(
        server_shard=0, shard_count=1, process_shards=(0,), latencies=((0, 0.042),)
    )
    assert shard_lines(report) == [
        "One shard runs the whole bot, in this process.",
        "Latency: 42 ms.",
    ]


def test_status_of_a_process_running_some_shards_of_many() -> None:
    report = ShardReport(
        server_shard=5,
        shard_count=8,
        process_shards=(4, 5, 6),
        latencies=((4, 0.040), (5, float("inf")), (6, 0.080)),
    )
    assert shard_lines(report) == [
        "This server is on shard 5 of 8 (numbered from 0).",
        "This process runs shards 4-6; other processes run the rest.",
        "Latency: not measured yet.",  # no heartbeat answered on shard 5 yet
        "Across this process's 3 shards: 60 ms on average, 80 ms at most (shard 6).",
    ]


def test_status_of_a_process_running_every_shard() -> None:
    report = ShardReport(
        server_shard=1, shard_count=2, process_shards=(0, 1), latencies=((0, 0.01), (1, 0.03))
    )
    lines = shard_lines(report)
    assert lines[1] == "This process runs every shard."
    assert lines[2] == "Latency: 30 ms."
