"""The weekly digest's tables: each server's next digest (digest_plans) and one row per server
and week (digests), written before its message is posted and kept while the week's message is
edited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.db.connection import Database, Row
from bot.db.partition import ShardedSql
from bot.db.shows import from_epoch, to_epoch
from bot.domain.digests import DigestFailure
from bot.domain.shards import EVERY_SERVER, Partition

WEEK = timedelta(days=7)


class DigestStatus(StrEnum):
    PENDING = "pending"  # written, not yet known to be posted
    POSTED = "posted"  # posted; edited while its week lasts
    STOPPED = "stopped"  # posted, but its channel or message is gone: no more edits
    FAILED = "failed"  # could not be posted (no channel, no permission, Discord refused)
    SKIPPED = "skipped"  # its moment was missed by too long to post it late


@dataclass(frozen=True, slots=True)
class DigestPlan:
    guild_id: int
    next_at: datetime


@dataclass(frozen=True, slots=True)
class DigestPost:
    """One server's digest of one week."""

    id: int
    guild_id: int
    week_start: datetime
    late: bool
    status: DigestStatus
    channel_id: int | None
    message_id: int | None
    attempts: int
    content_hash: str | None

    @property
    def week_end(self) -> datetime:
        return self.week_start + WEEK

    @property
    def nonce(self) -> str:
        """Deterministic, so a re-send after a crash is recognised by Discord as the same
        message ("pd": a digest; reminders' nonces start "pb")."""
        return f"pd{self.id}"


_SELECT_POSTS = """
    SELECT id, guild_id, week_start, late, status, channel_id, message_id, attempts, content_hash
    FROM digests
"""
_DUE_PLANS = ShardedSql(
    "SELECT guild_id, next_at FROM digest_plans WHERE next_at <= ? AND {on_my_shards} "
    "ORDER BY next_at, guild_id LIMIT ?"
)
_DUE_POSTS = ShardedSql(
    _SELECT_POSTS + "WHERE status = 'pending' AND retry_at <= ? AND {on_my_shards} "
    "ORDER BY retry_at, id LIMIT ?"
)
_NEXT_PLAN = ShardedSql("SELECT min(next_at) FROM digest_plans WHERE {on_my_shards}")
_NEXT_RETRY = ShardedSql(
    "SELECT min(retry_at) FROM digests WHERE status = 'pending' AND {on_my_shards}"
)
_UNPLANNED = ShardedSql(
    """SELECT guild_id FROM guild_settings
       WHERE digest_enabled = 1 AND {on_my_shards}
         AND NOT EXISTS (SELECT 1 FROM digest_plans p WHERE p.guild_id = guild_settings.guild_id)
       ORDER BY guild_id"""
)


def _post(row: Row) -> DigestPost:
    return DigestPost(
        id=row["id"],
        guild_id=row["guild_id"],
        week_start=from_epoch(row["week_start"]),
        late=bool(row["late"]),
        status=DigestStatus(row["status"]),
        channel_id=row["channel_id"],
        message_id=row["message_id"],
        attempts=row["attempts"],
        content_hash=row["content_hash"],
    )


class DigestRepository:
    def __init__(self, db: Database, partition: Partition = EVERY_SERVER) -> None:
        self._db = db
        # What is due is looked for among this process's servers only.
        self._partition = partition

    # -------------------------------------------------------------- plans

    async def plan(self, guild_id: int, next_at: datetime) -> None:
        await self._db.execute(
            """INSERT INTO digest_plans (guild_id, next_at) VALUES (?, ?)
               ON CONFLICT (guild_id) DO UPDATE SET next_at = excluded.next_at""",
            (guild_id, to_epoch(next_at)),
        )

    async def unplan(self, guild_id: int) -> None:
        await self._db.execute("DELETE FROM digest_plans WHERE guild_id = ?", (guild_id,))

    async def plan_of(self, guild_id: int) -> datetime | None:
        seconds = await self._db.scalar(
            "SELECT next_at FROM digest_plans WHERE guild_id = ?", (guild_id,)
        )
        return None if seconds is None else from_epoch(seconds)

    async def unplanned(self) -> list[int]:
        """Servers of this partition with the digest on but no plan (say, turned on before
        the digest was planned at all)."""
        sql, mine = _UNPLANNED.on(self._db, self._partition)
        return [row[0] for row in await self._db.fetch_all(sql, mine)]

    async def due_plans(self, now: datetime, limit: int) -> list[DigestPlan]:
        sql, mine = _DUE_PLANS.on(self._db, self._partition)
        rows = await self._db.fetch_all(sql, (to_epoch(now), *mine, limit))
        return [DigestPlan(row["guild_id"], from_epoch(row["next_at"])) for row in rows]

    async def next_wake(self) -> datetime | None:
        """The earliest plan or pending post of this partition's servers."""
        moments = []
        for query in (_NEXT_PLAN, _NEXT_RETRY):
            sql, mine = query.on(self._db, self._partition)
            seconds = await self._db.scalar(sql, mine)
            if seconds is not None:
                moments.append(from_epoch(seconds))
        return min(moments, default=None)

    async def take(
        self,
        plan: DigestPlan,
        next_at: datetime,
        *,
        channel_id: int | None,
        late: bool,
        now: datetime,
    ) -> DigestPost | None:
        """In one transaction: write the week's row (due now; failed at once without a
        channel) and move the plan on. None when the plan had moved meanwhile (the settings
        changed), so nothing was taken; the week's row is returned as it is when it existed."""
        async with self._db.transaction() as tx:
            moved = await tx.execute(
                "UPDATE digest_plans SET next_at = ? WHERE guild_id = ? AND next_at = ?",
                (to_epoch(next_at), plan.guild_id, to_epoch(plan.next_at)),
            )
            if not moved:
                return None
            status = DigestStatus.PENDING if channel_id is not None else DigestStatus.FAILED
            await tx.execute(
                """INSERT INTO digests (guild_id, week_start, late, status, channel_id, retry_at,
                                        outcome)
                   VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, week_start) DO NOTHING""",
                (
                    plan.guild_id,
                    to_epoch(plan.next_at),
                    int(late),
                    status,
                    channel_id,
                    to_epoch(now),
                    None if channel_id is not None else "no announcement channel is set",
                ),
            )
            row = await tx.fetch_one(
                _SELECT_POSTS + "WHERE guild_id = ? AND week_start = ?",
                (plan.guild_id, to_epoch(plan.next_at)),
            )
        return None if row is None else _post(row)

    async def skip_plan(self, plan: DigestPlan, next_at: datetime) -> None:
        """Move a plan on without a digest (its moment was missed by too long)."""
        await self._db.execute(
            "UPDATE digest_plans SET next_at = ? WHERE guild_id = ? AND next_at = ?",
            (to_epoch(next_at), plan.guild_id, to_epoch(plan.next_at)),
        )

    # -------------------------------------------------------------- the weeks' posts

    async def due_posts(self, now: datetime, limit: int) -> list[DigestPost]:
        sql, mine = _DUE_POSTS.on(self._db, self._partition)
        rows = await self._db.fetch_all(sql, (to_epoch(now), *mine, limit))
        return [_post(r) for r in rows]

    async def get(self, digest_id: int) -> DigestPost | None:
        row = await self._db.fetch_one(_SELECT_POSTS + "WHERE id = ?", (digest_id,))
        return None if row is None else _post(row)

    async def current(self, guild_id: int, now: datetime) -> DigestPost | None:
        """The server's latest digest whose week has begun and not ended, whatever its state."""
        row = await self._db.fetch_one(
            _SELECT_POSTS + "WHERE guild_id = ? AND week_start <= ? AND week_start > ? "
            "ORDER BY week_start DESC LIMIT 1",
            (guild_id, to_epoch(now), to_epoch(now - WEEK)),
        )
        return None if row is None else _post(row)

    async def of_guild(self, guild_id: int) -> list[DigestPost]:
        rows = await self._db.fetch_all(
            _SELECT_POSTS + "WHERE guild_id = ? ORDER BY week_start", (guild_id,)
        )
        return [_post(r) for r in rows]

    async def failures(self, guild_id: int, since: datetime, limit: int) -> list[DigestFailure]:
        """The server's digests of weeks from `since` that failed, newest first."""
        rows = await self._db.fetch_all(
            """SELECT week_start, outcome FROM digests
               WHERE guild_id = ? AND status = 'failed' AND week_start >= ?
               ORDER BY week_start DESC LIMIT ?""",
            (guild_id, to_epoch(since), limit),
        )
        return [DigestFailure(from_epoch(r["week_start"]), r["outcome"] or "unknown") for r in rows]

    async def posted(self, digest_id: int, message_id: int, content_hash: str) -> None:
        await self._db.execute(
            """UPDATE digests SET status = 'posted', message_id = ?, content_hash = ?,
                                  retry_at = NULL, attempts = attempts + 1
               WHERE id = ? AND status = 'pending'""",
            (message_id, content_hash, digest_id),
        )

    async def mark_late(self, digest_id: int) -> None:
        await self._db.execute("UPDATE digests SET late = 1 WHERE id = ?", (digest_id,))

    async def retry_at(self, digest_id: int, when: datetime, outcome: str) -> None:
        await self._db.execute(
            """UPDATE digests SET retry_at = ?, attempts = attempts + 1, outcome = ?
               WHERE id = ? AND status = 'pending'""",
            (to_epoch(when), outcome, digest_id),
        )

    async def finish(self, digest_id: int, status: DigestStatus, outcome: str) -> None:
        """A pending post that will not be posted: failed, or skipped."""
        await self._db.execute(
            """UPDATE digests SET status = ?, retry_at = NULL, outcome = ?
               WHERE id = ? AND status = 'pending'""",
            (status, outcome, digest_id),
        )

    async def edited(self, digest_id: int, content_hash: str) -> None:
        await self._db.execute(
            "UPDATE digests SET content_hash = ? WHERE id = ? AND status = 'posted'",
            (content_hash, digest_id),
        )

    async def stop_editing(self, digest_id: int, outcome: str) -> None:
        await self._db.execute(
            "UPDATE digests SET status = 'stopped', outcome = ? WHERE id = ? AND status = 'posted'",
            (outcome, digest_id),
        )
