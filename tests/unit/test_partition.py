"""Which servers' scheduled work a process does, and its share of Discord's request budget."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.shards import EVERY_SERVER, Partition, shard_of
from bot.outbox.discord_sender import DEFAULT_SEND_RATE
from bot.render.status import ShardReport, shard_lines

# Made-up server ids shaped like Discord's: a creation time above bit 22.
SERVER_IDS = st.integers(min_value=1 << 22, max_value=(1 << 63) - 1)


def test_a_process_without_shard_settings_does_every_servers_work() -> None:
    assert Partition.of(None, None) is EVERY_SERVER
    assert Partition.of(4, None) is EVERY_SERVER  # SHARD_COUNT alone: this process runs all
    assert EVERY_SERVER.is_everything
    assert EVERY_SERVER.send_rate(DEFAULT_SEND_RATE) == DEFAULT_SEND_RATE


@given(SERVER_IDS)
def test_a_process_does_the_work_of_exactly_the_servers_its_shards_receive(guild_id: int) -> None:
    first, second = Partition.of(3, [0]), Partition.of(3, [1, 2])

    assert first.holds(guild_id) == (shard_of(guild_id, 3) == 0)
    assert first.holds(guild_id) != second.holds(guild_id)
    assert EVERY_SERVER.holds(guild_id)


def test_running_every_shard_by_name_is_every_server() -> None:
    assert Partition.of(2, [0, 1]).is_everything
    assert not Partition.of(2, [1]).is_everything


@given(
    st.integers(min_value=1, max_value=64).flatmap(
        lambda count: st.tuples(
            st.just(count),
            st.lists(st.integers(min_value=0, max_value=7), min_size=count, max_size=count),
        )
    )
)
def test_the_processes_shares_of_the_budget_add_up_to_it(split: tuple[int, list[int]]) -> None:
    count, process_of_shard = split
    processes: dict[int, list[int]] = {}
    for shard_id, process in enumerate(process_of_shard):
        processes.setdefault(process, []).append(shard_id)

    shares = [Partition.of(count, shards).send_rate(48) for shards in processes.values()]

    assert sum(shares) == pytest.approx(48)
    for shards, share in zip(processes.values(), shares, strict=True):
        assert share == pytest.approx(48 * len(shards) / count)


def test_two_processes_on_two_shards_each_post_at_half_the_rate() -> None:
    assert Partition.of(2, [0]).send_rate(48) == 24
    assert Partition.of(2, [1]).send_rate(48) == 24


@pytest.mark.parametrize(("count", "shards"), [(0, [0]), (2, [2]), (2, [-1]), (2, [])])
def test_an_impossible_partition_is_refused(count: int, shards: list[int]) -> None:
    with pytest.raises(ValueError, match="shard"):
        Partition.of(count, shards)


# A process running shard 1 of 2: another process runs shard 0.
ONE_OF_TWO = ShardReport(server_shard=1, shard_count=2, process_shards=(1,))


def test_status_says_this_process_posts_at_its_share_and_runs_the_shared_work() -> None:
    lines = shard_lines(
        replace(
            ONE_OF_TWO,
            send_rate=24.0,
            send_budget=48.0,
            shared_work_here=True,
            shared_work_holder="a",
        )
    )

    assert lines[-2:] == [
        "This process posts up to 24 messages a second, its share of the 48 a second all of "
        "the bot's processes share.",
        "The TVmaze refresh runs in this process.",
    ]


def test_status_names_the_process_that_runs_the_shared_work_elsewhere() -> None:
    elsewhere = replace(ONE_OF_TWO, shared_work_here=False, shared_work_holder="host-b:4242:9f0c1a")
    nobody = replace(ONE_OF_TWO, shared_work_here=False, shared_work_holder=None)

    assert shard_lines(elsewhere)[-1] == (
        "The TVmaze refresh runs in another process (host-b:4242:9f0c1a)."
    )
    assert shard_lines(nobody)[-1] == (
        "No process runs the TVmaze refresh right now; one takes it over within a minute."
    )


def test_a_process_running_every_shard_says_nothing_of_other_processes() -> None:
    alone = ShardReport(server_shard=1, shard_count=2, process_shards=(0, 1))
    described = replace(alone, send_rate=48.0, send_budget=48.0, shared_work_here=True)

    assert shard_lines(described) == shard_lines(alone)
