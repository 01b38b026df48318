"""Queries narrowed to the servers of one partition: those on the shards this process runs.

Discord puts a server on shard `(server id >> 22) % shard count`, and both engines do that
arithmetic on integers. A statement says where the condition goes with `{on_my_shards}` (or
`{on_my_shards:r.guild_id}` for another column). A process running every shard gets the
statement with a condition that is always true, so the engine plans it exactly as it would
without one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.db.connection import Dialect, Reads
from bot.domain.shards import Partition

_PLACE = re.compile(r"\{on_my_shards(?::([a-z_.]+))?\}")
_IN_LIST = {
    Dialect.SQLITE: "IN (SELECT value FROM json_each(?))",
    Dialect.POSTGRESQL: "= ANY(?::bigint[])",
}


class ShardedSql:
    """One statement (the same in both engines, or one for each) with `{on_my_shards}`."""

    def __init__(self, sql: str | Mapping[Dialect, str]) -> None:
        own = dict.fromkeys(Dialect, sql) if isinstance(sql, str) else dict(sql)
        self._narrowed = {dialect: _written_out(own[dialect], dialect) for dialect in Dialect}
        self._whole = {dialect: _PLACE.sub("1 = 1", own[dialect]) for dialect in Dialect}

    def on(self, reads: Reads, partition: Partition) -> tuple[str, tuple[Any, ...]]:
        """The statement for this engine and partition, and the parameters that go where
        `{on_my_shards}` stands (none when the partition is every server)."""
        if partition.is_everything:
            return self._whole[reads.dialect], ()
        shards = reads.list_param(sorted(partition.shard_ids))
        return self._narrowed[reads.dialect], (partition.shard_count, shards)


def _written_out(sql: str, dialect: Dialect) -> str:
    def condition(match: re.Match[str]) -> str:
        return f"(({match.group(1) or 'guild_id'} >> 22) % ?) {_IN_LIST[dialect]}"

    return _PLACE.sub(condition, sql)
