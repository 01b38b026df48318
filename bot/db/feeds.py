"""The feeds table and the entries each feed has shown: parameterised SQL, Feed dataclasses."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.db.connection import Database, Dialect, Row, UniqueViolation
from bot.db.partition import ShardedSql
from bot.db.shows import from_epoch, to_epoch
from bot.domain.feeds import Feed
from bot.domain.shards import EVERY_SERVER, Partition
from bot.errors import AlreadyExists

SELECT_FEEDS = """
    SELECT id, guild_id, url, title, channel_id, only_tracked, added_by, added_at,
           interval_seconds, next_poll_at, etag, last_modified, last_polled_at, last_posted_at,
           failures, last_error, paused_at
    FROM feeds
"""


@dataclass(frozen=True, slots=True)
class NewFeed:
    guild_id: int
    url: str
    url_key: str
    title: str
    channel_id: int
    only_tracked: bool
    added_by: int
    added_at: datetime
    interval: timedelta
    next_poll_at: datetime
    etag: str | None
    last_modified: str | None


def _optional(seconds: int | None) -> datetime | None:
    return None if seconds is None else from_epoch(seconds)


UNSEEN = {
    Dialect.SQLITE: "SELECT entry_key FROM feed_entries WHERE feed_id = ? "
    "AND entry_key IN (SELECT value FROM json_each(?))",
    Dialect.POSTGRESQL: "SELECT entry_key FROM feed_entries WHERE feed_id = ? "
    "AND entry_key = ANY(?::text[])",
}


DUE = ShardedSql(
    SELECT_FEEDS + "WHERE paused_at IS NULL AND next_poll_at <= ? AND {on_my_shards} "
    "ORDER BY next_poll_at, id LIMIT ?"
)
NEXT_POLL = ShardedSql(
    "SELECT min(next_poll_at) FROM feeds WHERE paused_at IS NULL AND {on_my_shards}"
)


def _feed(row: Row) -> Feed:
    return Feed(
        id=row["id"],
        guild_id=row["guild_id"],
        url=row["url"],
        title=row["title"],
        channel_id=row["channel_id"],
        only_tracked=bool(row["only_tracked"]),
        added_by=row["added_by"],
        added_at=from_epoch(row["added_at"]),
        interval=timedelta(seconds=row["interval_seconds"]),
        next_poll_at=from_epoch(row["next_poll_at"]),
        etag=row["etag"],
        last_modified=row["last_modified"],
        last_polled_at=_optional(row["last_polled_at"]),
        last_posted_at=_optional(row["last_posted_at"]),
        failures=row["failures"],
        last_error=row["last_error"],
        paused_at=_optional(row["paused_at"]),
    )


class FeedRepository:
    """A server's feeds, for its commands; and the feeds due a check, for the poller, of the
    partition only: the servers on the shards this process runs."""

    def __init__(self, db: Database, partition: Partition = EVERY_SERVER) -> None:
        self._db = db
        self._partition = partition

    # ------------------------------------------------------------------ one server's feeds

    async def insert(self, new: NewFeed, entry_keys: Iterable[str]) -> Feed:
        """Add a feed with every entry it already has marked seen: its first read posts
        nothing, however much it carries."""
        try:
            async with self._db.transaction() as tx:
                feed_id = await tx.insert(
                    """INSERT INTO feeds (guild_id, url, url_key, title, channel_id, only_tracked,
                                          added_by, added_at, interval_seconds, next_poll_at,
                                          etag, last_modified, last_polled_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (
                        new.guild_id,
                        new.url,
                        new.url_key,
                        new.title,
                        new.channel_id,
                        int(new.only_tracked),
                        new.added_by,
                        to_epoch(new.added_at),
                        int(new.interval.total_seconds()),
                        to_epoch(new.next_poll_at),
                        new.etag,
                        new.last_modified,
                        to_epoch(new.added_at),
                    ),
                )
                await tx.executemany(
                    "INSERT INTO feed_entries (feed_id, entry_key, seen_at) "
                    "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    [(feed_id, key, to_epoch(new.added_at)) for key in entry_keys],
                )
        except UniqueViolation as exc:
            raise AlreadyExists(new.url) from exc
        feed = await self.get(new.guild_id, feed_id)
        assert feed is not None
        return feed

    async def get(self, guild_id: int, feed_id: int) -> Feed | None:
        row = await self._db.fetch_one(
            SELECT_FEEDS + "WHERE guild_id = ? AND id = ?", (guild_id, feed_id)
        )
        return None if row is None else _feed(row)

    async def find(self, guild_id: int, url_key: str) -> Feed | None:
        row = await self._db.fetch_one(
            SELECT_FEEDS + "WHERE guild_id = ? AND url_key = ?", (guild_id, url_key)
        )
        return None if row is None else _feed(row)

    async def in_guild(self, guild_id: int) -> list[Feed]:
        rows = await self._db.fetch_all(
            SELECT_FEEDS + "WHERE guild_id = ? ORDER BY lower(title), id", (guild_id,)
        )
        return [_feed(r) for r in rows]

    async def count(self, guild_id: int) -> int:
        count: int = await self._db.scalar(
            "SELECT count(*) FROM feeds WHERE guild_id = ?", (guild_id,)
        )
        return count

    async def delete(self, guild_id: int, feed_id: int) -> bool:
        return (
            await self._db.execute(
                "DELETE FROM feeds WHERE guild_id = ? AND id = ?", (guild_id, feed_id)
            )
            == 1
        )

    async def resume(
        self,
        guild_id: int,
        feed_id: int,
        *,
        channel_id: int,
        only_tracked: bool,
        next_poll_at: datetime,
    ) -> Feed:
        """Unpause a feed (the member added it again): it is checked at `next_poll_at`."""
        await self._db.execute(
            """UPDATE feeds SET paused_at = NULL, failures = 0, last_error = NULL,
                                channel_id = ?, only_tracked = ?, next_poll_at = ?
               WHERE guild_id = ? AND id = ?""",
            (channel_id, int(only_tracked), to_epoch(next_poll_at), guild_id, feed_id),
        )
        feed = await self.get(guild_id, feed_id)
        assert feed is not None
        return feed

    # ---------------------------------------------- the poller (the partition's servers)

    async def due(self, now: datetime, limit: int) -> list[Feed]:
        sql, mine = DUE.on(self._db, self._partition)
        rows = await self._db.fetch_all(sql, (to_epoch(now), *mine, limit))
        return [_feed(r) for r in rows]

    async def next_poll_at(self) -> datetime | None:
        sql, mine = NEXT_POLL.on(self._db, self._partition)
        seconds = await self._db.scalar(sql, mine)
        return None if seconds is None else from_epoch(seconds)

    async def checked(
        self,
        feed_id: int,
        *,
        now: datetime,
        next_poll_at: datetime,
        etag: str | None,
        last_modified: str | None,
        posted: bool,
    ) -> None:
        """A good check: validators kept for the next conditional GET, failures forgotten."""
        await self._db.execute(
            """UPDATE feeds SET last_polled_at = ?, next_poll_at = ?, etag = ?,
                                last_modified = ?, failures = 0, last_error = NULL,
                                last_posted_at = COALESCE(?, last_posted_at)
               WHERE id = ?""",
            (
                to_epoch(now),
                to_epoch(next_poll_at),
                etag,
                last_modified,
                to_epoch(now) if posted else None,
                feed_id,
            ),
        )

    async def checked_many(self, checks: Sequence[tuple[int, datetime]], now: datetime) -> None:
        """Many "nothing changed" answers (304) at once: one transaction, not one per feed."""
        async with self._db.transaction() as tx:
            await tx.executemany(
                """UPDATE feeds SET last_polled_at = ?, next_poll_at = ?, failures = 0,
                                    last_error = NULL
                   WHERE id = ?""",
                [(to_epoch(now), to_epoch(at), feed_id) for feed_id, at in checks],
            )

    async def failed(
        self, feed_id: int, *, now: datetime, error: str, next_poll_at: datetime, pause: bool
    ) -> None:
        await self._db.execute(
            """UPDATE feeds SET last_polled_at = ?, next_poll_at = ?, failures = failures + 1,
                                last_error = ?, paused_at = ?
               WHERE id = ?""",
            (
                to_epoch(now),
                to_epoch(next_poll_at),
                error[:300],
                to_epoch(now) if pause else None,
                feed_id,
            ),
        )

    # ------------------------------------------------------------------- what was seen

    async def unseen(self, feed_id: int, keys: Sequence[str]) -> set[str]:
        """Which of these entry keys the feed has not shown before."""
        # One parameter however many keys (see Reads.list_param).
        rows = await self._db.fetch_all(
            UNSEEN[self._db.dialect], (feed_id, self._db.list_param(keys))
        )
        return set(keys) - {r["entry_key"] for r in rows}

    async def remember(
        self, feed_id: int, keys: Iterable[str], now: datetime, *, forget_before: datetime
    ) -> None:
        """Mark keys seen (again) now, and forget keys unseen since `forget_before`: an entry
        long gone from the feed will not come back."""
        async with self._db.transaction() as tx:
            await tx.executemany(
                """INSERT INTO feed_entries (feed_id, entry_key, seen_at) VALUES (?, ?, ?)
                   ON CONFLICT (feed_id, entry_key) DO UPDATE SET seen_at = excluded.seen_at""",
                [(feed_id, key, to_epoch(now)) for key in keys],
            )
            await tx.execute(
                "DELETE FROM feed_entries WHERE feed_id = ? AND seen_at < ?",
                (feed_id, to_epoch(forget_before)),
            )
