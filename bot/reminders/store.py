"""The reminders and deliveries tables: the plan, the claims, and the ledger of every message."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosqlite

from bot.db.connection import Database
from bot.db.shows import from_epoch, to_epoch
from bot.domain.dates import Precision
from bot.domain.shows import Show
from bot.reminders.plan import Kind, MentionBatch, Rung, Style, triage

MOVED_OFFSET = -1

SELECT_REMINDERS = """
    SELECT id, guild_id, show_id, kind, offset_seconds, premiere_at, previous_premiere_at,
           previous_precision, due_at, status, style, outcome
    FROM reminders
"""
SELECT_DELIVERIES = """
    SELECT id, reminder_id, target, channel_id, user_id, part, mention_role_id,
           mention_user_ids, note, status, attempts, message_id, error
    FROM deliveries
"""


@dataclass(frozen=True, slots=True)
class Reminder:
    id: int
    guild_id: int
    show_id: int
    kind: Kind
    offset: timedelta
    premiere: datetime
    previous_premiere: datetime | None
    previous_precision: Precision | None
    due: datetime
    status: str
    style: Style | None
    outcome: str | None


@dataclass(frozen=True, slots=True)
class Delivery:
    id: int
    reminder_id: int
    target: str  # "channel" or "dm"
    channel_id: int | None
    user_id: int | None
    part: int
    mention_role_id: int | None
    mention_user_ids: tuple[int, ...]
    note: str | None
    status: str
    attempts: int
    message_id: int | None
    error: str | None

    @property
    def nonce(self) -> str:
        """Deterministic, so a re-send after a crash is recognised by Discord as the same."""
        return f"pb{self.id}"

    @property
    def batch(self) -> MentionBatch:
        return MentionBatch(self.mention_role_id, self.mention_user_ids)


@dataclass(frozen=True, slots=True)
class Recipients:
    """Who hears about a show: mentioned in the channel, or sent a DM."""

    channel_user_ids: tuple[int, ...]
    dm_user_ids: tuple[int, ...]


def _reminder(row: aiosqlite.Row) -> Reminder:
    previous = row["previous_premiere_at"]
    return Reminder(
        id=row["id"],
        guild_id=row["guild_id"],
        show_id=row["show_id"],
        kind=Kind(row["kind"]),
        offset=timedelta(seconds=max(0, row["offset_seconds"])),
        premiere=from_epoch(row["premiere_at"]),
        previous_premiere=None if previous is None else from_epoch(previous),
        previous_precision=Precision(row["previous_precision"])
        if row["previous_precision"]
        else None,
        due=from_epoch(row["due_at"]),
        status=row["status"],
        style=Style(row["style"]) if row["style"] else None,
        outcome=row["outcome"],
    )


def _delivery(row: aiosqlite.Row) -> Delivery:
    users = row["mention_user_ids"]
    return Delivery(
        id=row["id"],
        reminder_id=row["reminder_id"],
        target=row["target"],
        channel_id=row["channel_id"],
        user_id=row["user_id"],
        part=row["part"],
        mention_role_id=row["mention_role_id"],
        mention_user_ids=tuple(int(u) for u in users.split(",")) if users else (),
        note=row["note"],
        status=row["status"],
        attempts=row["attempts"],
        message_id=row["message_id"],
        error=row["error"],
    )


class ReminderStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -------------------------------------------------------------- planning

    async def replan(self, show: Show, rungs: Sequence[Rung]) -> None:
        """Make the show's pending countdown match `rungs`. A rung already sent (or skipped) for
        this same premiere is not planned again."""
        async with self._db.transaction() as tx:
            await tx.execute(
                """DELETE FROM reminders
                   WHERE show_id = ? AND guild_id = ? AND kind = 'countdown'
                     AND status = 'pending'""",
                (show.id, show.guild_id),
            )
            await tx.executemany(
                """INSERT INTO reminders (guild_id, show_id, kind, offset_seconds, premiere_at,
                                          due_at)
                   VALUES (?, ?, 'countdown', ?, ?, ?)
                   ON CONFLICT DO NOTHING""",
                [
                    (
                        show.guild_id,
                        show.id,
                        int(r.offset.total_seconds()),
                        to_epoch(show.premiere),
                        to_epoch(r.due),
                    )
                    for r in rungs
                ],
            )

    async def plan_moved_notice(self, before: Show, after: Show, now: datetime) -> None:
        """One "premiere moved" post, from where the premiere was when members last heard."""
        async with self._db.transaction() as tx:
            stale = await tx.fetch_one(
                """SELECT previous_premiere_at, previous_precision FROM reminders
                   WHERE show_id = ? AND guild_id = ? AND kind = 'moved' AND status = 'pending'
                   ORDER BY due_at LIMIT 1""",
                (after.id, after.guild_id),
            )
            await tx.execute(
                """DELETE FROM reminders
                   WHERE show_id = ? AND guild_id = ? AND kind = 'moved' AND status = 'pending'""",
                (after.id, after.guild_id),
            )
            origin_at = stale["previous_premiere_at"] if stale else to_epoch(before.premiere)
            origin_precision = stale["previous_precision"] if stale else before.precision.value
            if origin_at == to_epoch(after.premiere) and origin_precision == after.precision:
                return  # moved back to where it was: nothing to announce
            await tx.execute(
                """INSERT INTO reminders (guild_id, show_id, kind, offset_seconds, premiere_at,
                                          previous_premiere_at, previous_precision, due_at)
                   VALUES (?, ?, 'moved', ?, ?, ?, ?, ?)
                   ON CONFLICT DO UPDATE SET
                       status = 'pending', due_at = excluded.due_at,
                       previous_premiere_at = excluded.previous_premiere_at,
                       previous_precision = excluded.previous_precision,
                       style = NULL, outcome = NULL, claimed_at = NULL, finished_at = NULL""",
                (
                    after.guild_id,
                    after.id,
                    MOVED_OFFSET,
                    to_epoch(after.premiere),
                    origin_at,
                    origin_precision,
                    to_epoch(now),
                ),
            )

    async def cancel_countdown(self, show: Show) -> None:
        await self._db.execute(
            """DELETE FROM reminders
               WHERE show_id = ? AND guild_id = ? AND kind = 'countdown' AND status = 'pending'""",
            (show.id, show.guild_id),
        )

    # -------------------------------------------------------------- claiming

    async def claim_due(self, now: datetime) -> list[tuple[Reminder, Style]]:
        """Take every reminder due by `now`: triage them, mark the skipped ones, and claim the
        ones to send (status 'sending'), all in one transaction."""
        async with self._db.transaction() as tx:
            rows = await tx.fetch_all(
                SELECT_REMINDERS + "WHERE status = 'pending' AND due_at <= ?", (to_epoch(now),)
            )
            if not rows:
                return []
            verdict = triage([_reminder(r) for r in rows], now)
            await tx.executemany(
                """UPDATE reminders SET status = 'skipped', outcome = ?, finished_at = ?
                   WHERE id = ?""",
                [(reason, to_epoch(now), r.id) for r, reason in verdict.skip],
            )
            await tx.executemany(
                """UPDATE reminders SET status = 'sending', style = ?, claimed_at = ?
                   WHERE id = ?""",
                [(style.value, to_epoch(now), r.id) for r, style in verdict.send],
            )
        return verdict.send

    async def in_flight(self) -> list[tuple[Reminder, Style]]:
        """Reminders claimed but not finished: after a crash, their deliveries resume."""
        rows = await self._db.fetch_all(SELECT_REMINDERS + "WHERE status = 'sending'")
        return [(r, r.style or Style.ON_TIME) for r in map(_reminder, rows)]

    async def get(self, reminder_id: int) -> Reminder | None:
        row = await self._db.fetch_one(SELECT_REMINDERS + "WHERE id = ?", (reminder_id,))
        return None if row is None else _reminder(row)

    # -------------------------------------------------------------- deliveries

    async def recipients(self, guild_id: int, show_id: int) -> Recipients:
        """Channel subscribers, DM subscribers whose DMs are closed, and members Interested in
        the show's event are mentioned; the other DM subscribers get a DM."""
        rows = await self._db.fetch_all(
            """SELECT user_id, delivery = 'dm' AND dm_blocked_at IS NULL AS by_dm
               FROM subscriptions WHERE guild_id = ? AND show_id = ?
               UNION
               SELECT i.user_id, 0 FROM event_interest i
               JOIN show_events e ON e.event_id = i.event_id
               WHERE e.show_id = ? AND e.guild_id = ?
                 AND i.user_id NOT IN (SELECT user_id FROM subscriptions
                                        WHERE show_id = ? AND delivery = 'dm'
                                          AND dm_blocked_at IS NULL)
               ORDER BY 1""",
            (guild_id, show_id, show_id, guild_id, show_id),
        )
        channel = tuple(dict.fromkeys(r["user_id"] for r in rows if not r["by_dm"]))
        dm = tuple(r["user_id"] for r in rows if r["by_dm"])
        return Recipients(channel, dm)

    async def plan_deliveries(
        self,
        reminder_id: int,
        channel_id: int | None,
        batches: Sequence[MentionBatch],
        dm_user_ids: Sequence[int],
    ) -> list[Delivery]:
        """Write down every message this reminder will send, once. A reminder whose messages
        are already written down keeps them: a retry sends exactly what the first try meant."""
        async with self._db.transaction() as tx:
            existing = await tx.fetch_one(
                "SELECT 1 FROM deliveries WHERE reminder_id = ? LIMIT 1", (reminder_id,)
            )
            if existing is None:
                rows = []
                if channel_id is not None:
                    rows += [
                        (
                            reminder_id,
                            "channel",
                            channel_id,
                            None,
                            part,
                            batch.role_id,
                            ",".join(map(str, batch.user_ids)),
                        )
                        for part, batch in enumerate(batches)
                    ]
                rows += [(reminder_id, "dm", None, user_id, 0, None, "") for user_id in dm_user_ids]
                await tx.executemany(
                    """INSERT INTO deliveries (reminder_id, target, channel_id, user_id, part,
                                               mention_role_id, mention_user_ids)
                       VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    rows,
                )
        return await self.deliveries(reminder_id, status="pending")

    async def deliveries(self, reminder_id: int, *, status: str | None = None) -> list[Delivery]:
        if status is None:
            rows = await self._db.fetch_all(
                SELECT_DELIVERIES + "WHERE reminder_id = ? ORDER BY target, part, user_id",
                (reminder_id,),
            )
        else:
            rows = await self._db.fetch_all(
                SELECT_DELIVERIES
                + "WHERE reminder_id = ? AND status = ? ORDER BY target, part, user_id",
                (reminder_id, status),
            )
        return [_delivery(r) for r in rows]

    async def add_fallback(
        self, reminder_id: int, channel_id: int, user_id: int, note: str
    ) -> Delivery:
        """A channel mention for a DM subscriber whose DMs are closed (once per reminder)."""
        await self._db.execute(
            """INSERT INTO deliveries (reminder_id, target, channel_id, user_id, part,
                                       mention_user_ids, note)
               VALUES (?, 'channel', ?, ?, -1, ?, ?)
               ON CONFLICT DO NOTHING""",
            (reminder_id, channel_id, user_id, str(user_id), note),
        )
        row = await self._db.fetch_one(
            SELECT_DELIVERIES + "WHERE reminder_id = ? AND part = -1 AND user_id = ?",
            (reminder_id, user_id),
        )
        assert row is not None
        return _delivery(row)

    async def block_dms(self, guild_id: int, user_id: int, now: datetime) -> None:
        await self._db.execute(
            """UPDATE subscriptions SET dm_blocked_at = ?
               WHERE guild_id = ? AND user_id = ? AND delivery = 'dm'""",
            (to_epoch(now), guild_id, user_id),
        )

    async def mark_sent(self, delivery_id: int, message_id: int) -> None:
        await self._db.execute(
            """UPDATE deliveries SET status = 'sent', message_id = ?, attempts = attempts + 1,
                                     error = NULL
               WHERE id = ?""",
            (message_id, delivery_id),
        )

    async def mark_failed(self, delivery_id: int, error: str) -> None:
        await self._db.execute(
            """UPDATE deliveries SET status = 'failed', error = ?, attempts = attempts + 1
               WHERE id = ?""",
            (error[:300], delivery_id),
        )

    async def retry_later(self, delivery_id: int, error: str, at: datetime) -> None:
        await self._db.execute(
            """UPDATE deliveries SET attempts = attempts + 1, error = ?, next_attempt_at = ?
               WHERE id = ?""",
            (error[:300], to_epoch(at), delivery_id),
        )

    async def skip(self, reminder_id: int, reason: str, now: datetime) -> None:
        await self._db.execute(
            """UPDATE reminders SET status = 'skipped', outcome = ?, finished_at = ?
               WHERE id = ? AND status = 'sending'""",
            (reason, to_epoch(now), reminder_id),
        )

    async def cancel_in_flight(self, show_id: int, reason: str) -> None:
        """Stop the unsent messages of this show's countdown reminders being sent right now."""
        await self._db.execute(
            """UPDATE deliveries SET status = 'cancelled', error = ?
               WHERE status = 'pending' AND reminder_id IN (
                   SELECT id FROM reminders
                   WHERE show_id = ? AND kind = 'countdown' AND status = 'sending')""",
            (reason, show_id),
        )

    async def still_pending(self, delivery_id: int) -> bool:
        status = await self._db.scalar("SELECT status FROM deliveries WHERE id = ?", (delivery_id,))
        return status == "pending"

    async def cancel_deliveries(self, reminder_id: int, reason: str) -> None:
        await self._db.execute(
            """UPDATE deliveries SET status = 'cancelled', error = ?
               WHERE reminder_id = ? AND status = 'pending'""",
            (reason, reminder_id),
        )

    async def finish(self, reminder_id: int, now: datetime) -> str | None:
        """Close a reminder whose deliveries are all done; returns its final status, or None
        while some delivery is still to be retried."""
        async with self._db.transaction() as tx:
            counts = {
                r["status"]: r["n"]
                for r in await tx.fetch_all(
                    """SELECT status, count(*) AS n FROM deliveries
                       WHERE reminder_id = ? GROUP BY status""",
                    (reminder_id,),
                )
            }
            if counts.get("pending"):
                return None
            if counts.get("sent"):
                status, outcome = "sent", None
            elif counts.get("cancelled") and not counts.get("failed"):
                status, outcome = "skipped", "the premiere moved while it was being sent"
            elif not counts:
                status, outcome = "failed", "no announcement channel and no DM subscribers"
            else:
                errors = await tx.fetch_all(
                    """SELECT DISTINCT error FROM deliveries
                       WHERE reminder_id = ? AND error IS NOT NULL LIMIT 3""",
                    (reminder_id,),
                )
                status, outcome = "failed", "; ".join(r["error"] for r in errors) or "failed"
            await tx.execute(
                """UPDATE reminders SET status = ?, outcome = ?, finished_at = ?
                   WHERE id = ? AND status = 'sending'""",
                (status, outcome, to_epoch(now), reminder_id),
            )
        return status

    # -------------------------------------------------------------- the timer's questions

    async def next_wake(self, in_flight: Collection[int] = ()) -> datetime | None:
        """When there is next something to do: a reminder falls due, or a delivery retries.
        Retries of reminders being sent right now are theirs to handle, not the timer's."""
        due = await self._db.scalar("SELECT min(due_at) FROM reminders WHERE status = 'pending'")
        retry = await self._db.scalar(
            """SELECT min(next_attempt_at) FROM deliveries
               WHERE status = 'pending' AND next_attempt_at IS NOT NULL
                 AND reminder_id NOT IN (SELECT value FROM json_each(?))""",
            (json.dumps(sorted(in_flight)),),
        )
        candidates = [t for t in (due, retry) if t is not None]
        return from_epoch(min(candidates)) if candidates else None

    async def retry_due(self, now: datetime) -> list[int]:
        """Reminders with a delivery whose retry time has come."""
        rows = await self._db.fetch_all(
            """SELECT DISTINCT reminder_id FROM deliveries
               WHERE status = 'pending' AND next_attempt_at IS NOT NULL AND next_attempt_at <= ?""",
            (to_epoch(now),),
        )
        return [r["reminder_id"] for r in rows]

    async def count_pending(self) -> int:
        return await self._db.scalar("SELECT count(*) FROM reminders WHERE status = 'pending'")

    async def upcoming(self, guild_id: int, limit: int = 5) -> list[Reminder]:
        rows = await self._db.fetch_all(
            SELECT_REMINDERS + "WHERE guild_id = ? AND status = 'pending' ORDER BY due_at LIMIT ?",
            (guild_id, limit),
        )
        return [_reminder(r) for r in rows]

    async def recent_failures(self, guild_id: int, limit: int = 5) -> list[tuple[Reminder, str]]:
        """Reminders that failed or had a delivery fail, newest first, with the reason."""
        rows = await self._db.fetch_all(
            """SELECT r.id, max(coalesce(r.finished_at, r.claimed_at)) AS at,
                      coalesce(r.outcome, group_concat(DISTINCT d.error)) AS reason
               FROM reminders r LEFT JOIN deliveries d
                 ON d.reminder_id = r.id AND d.status = 'failed'
               WHERE r.guild_id = ? AND (r.status = 'failed' OR d.id IS NOT NULL)
               GROUP BY r.id ORDER BY at DESC LIMIT ?""",
            (guild_id, limit),
        )
        found = []
        for row in rows:
            reminder = await self.get(row["id"])
            if reminder is not None:
                found.append((reminder, row["reason"] or "unknown"))
        return found
