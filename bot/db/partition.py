"""Queries narrowed to the servers of one partition: those on the shards this process runs.

Discord puts a server on shard `(server id >> 22) % shard count`, and both engines do that
arithmetic on integers. A statement says where the condition goes with `{on_my_shards}` (or
`{on_my_shards:r.guild_id}` for another column); `for_each_dialect` writes it out, and its
parameters, in that place, are `shard_params(...)`. A process running every shard passes a
partition of one shard, which every server is on: the same statement serves it.
"""

from __future__ import annotations

import re
from typing import Any

from bot.db.connection import Dialect, Reads
from bot.domain.shards import Partition

_PLACE = re.compile(r"\{on_my_shards(?::([a-z_.]+))?\}")
_IN_LIST = {
    Dialect.SQLITE: "IN (SELECT value FROM json_each(?))",
    Dialect.POSTGRESQL: "= ANY(?::bigint[])",
}


def for_each_dialect(sql: str) -> dict[Dialect, str]:
    """`sql` with its `{on_my_shards}` written out in each engine's words."""
    return {dialect: _written_out(sql, dialect) for dialect in Dialect}


def _written_out(sql: str, dialect: Dialect) -> str:
    def condition(match: re.Match[str]) -> str:
        return f"(({match.group(1) or 'guild_id'} >> 22) % ?) {_IN_LIST[dialect]}"

    return _PLACE.sub(condition, sql)


def shard_params(reads: Reads, partition: Partition) -> tuple[Any, ...]:
    """The two parameters of one `{on_my_shards}`: the shard count and the partition's shards."""
    return partition.shard_count, reads.list_param(sorted(partition.shard_ids))
