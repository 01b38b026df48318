"""Discord's shard rules: which shard a server is on, and when a shard may identify.

A bot connects to Discord once per shard. Each server's events go to exactly one shard,
chosen from its id; several processes can split one bot by running different shards.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

# Discord accepts one IDENTIFY per rate-limit bucket every five seconds.
IDENTIFY_INTERVAL = 5.0


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard that receives `guild_id`'s events when the bot runs `shard_count` shards."""
    if shard_count < 1:
        raise ValueError(f"a bot runs at least one shard, not {shard_count}")
    return (guild_id >> 22) % shard_count


def describe_shard_ids(shard_ids: Iterable[int]) -> str:
    """Shard ids as a person would write them: runs become ranges, "0-3, 5, 7-8"."""
    ordered = sorted(set(shard_ids))
    runs: list[tuple[int, int]] = []
    for shard_id in ordered:
        if runs and runs[-1][1] == shard_id - 1:
            runs[-1] = (runs[-1][0], shard_id)
        else:
            runs.append((shard_id, shard_id))
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


@dataclass
class IdentifyBuckets:
    """When each shard may identify: Discord groups shards into `max_concurrency` buckets
    (`shard_id % max_concurrency`) and lets each bucket identify once every five seconds,
    so up to `max_concurrency` shards can start together."""

    max_concurrency: int | None = None  # until Discord has said, one shard at a time
    last_identify: dict[int, float] = field(default_factory=dict)  # shard id → when, seconds

    def wait_before(self, shard_id: int, now: float) -> float:
        """How many seconds shard `shard_id` must wait, at `now`, before it may identify."""
        buckets = max(1, self.max_concurrency or 1)
        bucket = shard_id % buckets
        latest = max(
            (at for other, at in self.last_identify.items() if other % buckets == bucket),
            default=None,
        )
        return 0.0 if latest is None else max(0.0, latest + IDENTIFY_INTERVAL - now)

    def identified(self, shard_id: int, at: float) -> None:
        self.last_identify[shard_id] = at


@dataclass(frozen=True, slots=True)
class Partition:
    """The servers whose scheduled work (reminders, feeds, …) one process does: those on the
    shards it runs. Each server's events reach exactly one process, and so does its work."""

    shard_count: int
    shard_ids: frozenset[int]

    def __post_init__(self) -> None:
        if self.shard_count < 1:
            raise ValueError(f"a bot runs at least one shard, not {self.shard_count}")
        if not self.shard_ids or not all(0 <= s < self.shard_count for s in self.shard_ids):
            raise ValueError(f"shards {sorted(self.shard_ids)} are not of {self.shard_count}")

    @classmethod
    def of(cls, shard_count: int | None, shard_ids: Iterable[int] | None) -> Partition:
        """The partition of a process running `shard_ids` of `shard_count` shards; either
        unknown (None) means the process runs them all."""
        if shard_count is None or shard_ids is None:
            return EVERY_SERVER
        return cls(shard_count, frozenset(shard_ids))

    @property
    def is_everything(self) -> bool:
        """True when this process runs every shard: no other process shares the work."""
        return len(self.shard_ids) == self.shard_count

    def holds(self, guild_id: int) -> bool:
        return shard_of(guild_id, self.shard_count) in self.shard_ids

    def send_rate(self, budget: float) -> float:
        """This process's share of a budget every process of the bot shares (Discord's
        requests a second), by how many of the shards it runs: the shares add up to it."""
        return budget * len(self.shard_ids) / self.shard_count


EVERY_SERVER = Partition(1, frozenset({0}))
