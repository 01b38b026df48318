"""The reminders and deliveries tables: the plan, the claims, and the ledger of every message."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta

from bot.db.connection import Database, Dialect, Row
from bot.db.partition import ShardedSql
from bot.db.shows import from_epoch, to_epoch
from bot.domain.dates import Precision
from bot.domain.episodes import EPISODE_OFFLINE_WINDOW, EpisodeSlot
from bot.domain.reminders import (
    Delivery,
    DeliveryStatus,
    Kind,
    Recipients,
    Reminder,
    ReminderStatus,
    Rung,
    Style,
    Target,
    triage,
)
from bot.domain.shards import EVERY_SERVER, Partition
from bot.domain.shows import Show
from bot.domain.subscriptions import Delivery as SubscriptionDelivery

MOVED_OFFSET = -1
PENDING, SENDING, SKIPPED = ReminderStatus.PENDING, ReminderStatus.SENDING, ReminderStatus.SKIPPED

SELECT_REMINDERS = """
    SELECT id, guild_id, show_id, kind, offset_seconds, premiere_at, previous_premiere_at,
           previous_precision, due_at, status, style, outcome
    FROM reminders
"""
SELECT_DELIVERIES = """
    SELECT id, reminder_id, target, channel_id, user_id, part, mention_role_id,
           mention_user_ids, note, status, attempts, message_id, error, thread_name, thread_id,
           held_until
    FROM deliveries
"""

# The show still exists, and (in PostgreSQL, where writers run side by side) is held so that
# a removal waits for this transaction rather than leaving reminders for a show that is gone.
_SHOW_STAYS = "SELECT 1 FROM shows WHERE id = ? AND guild_id = ?"
SHOW_STAYS = {
    Dialect.SQLITE: _SHOW_STAYS,  # BEGIN IMMEDIATE already keeps other writers out
    Dialect.POSTGRESQL: _SHOW_STAYS + " FOR KEY SHARE",
}
# Due reminders are read and claimed in one transaction. In PostgreSQL, where processes claim
# side by side, the rows read are locked until it ends and rows another claim holds are passed
# over: two claims never take the same reminder (and the status guard on the update says so too).
_CLAIMABLE = SELECT_REMINDERS + "WHERE status = ? AND due_at <= ? AND {on_my_shards}"
CLAIMABLE = ShardedSql(
    {
        Dialect.SQLITE: _CLAIMABLE,
        Dialect.POSTGRESQL: _CLAIMABLE + " FOR UPDATE SKIP LOCKED",
    }
)
IN_FLIGHT = ShardedSql(SELECT_REMINDERS + "WHERE status = ? AND {on_my_shards}")
NEXT_HELD_NEWS = ShardedSql("SELECT min(held_until) FROM held_news WHERE {on_my_shards}")
HELD_NEWS_DUE = ShardedSql(
    """SELECT DISTINCT guild_id, user_id FROM held_news
       WHERE held_until <= ? AND {on_my_shards} ORDER BY guild_id, user_id"""
)
NEXT_DUE = ShardedSql("SELECT min(due_at) FROM reminders WHERE status = ? AND {on_my_shards}")
# A delivery is of the partition's servers through its reminder's server.
RETRY_DUE = ShardedSql(
    """SELECT DISTINCT reminder_id FROM deliveries
       WHERE status = ? AND next_attempt_at IS NOT NULL AND next_attempt_at <= ?
         AND EXISTS (SELECT 1 FROM reminders r
                     WHERE r.id = deliveries.reminder_id AND {on_my_shards:r.guild_id})"""
)
_NEXT_RETRY = """
    SELECT min(next_attempt_at) FROM deliveries
    WHERE status = ? AND next_attempt_at IS NOT NULL AND {not_in_flight}
      AND EXISTS (SELECT 1 FROM reminders r
                  WHERE r.id = deliveries.reminder_id AND {on_my_shards:r.guild_id})
"""
NEXT_RETRY = ShardedSql(
    {
        Dialect.SQLITE: _NEXT_RETRY.replace(
            "{not_in_flight}", "reminder_id NOT IN (SELECT value FROM json_each(?))"
        ),
        Dialect.POSTGRESQL: _NEXT_RETRY.replace(
            "{not_in_flight}", "NOT (reminder_id = ANY(?::bigint[]))"
        ),
    }
)
# The shows among these ids that still exist; in PostgreSQL held so that a removal waits for
# the re-plan rather than leaving posts for a show that is gone (see SHOW_STAYS).
_SHOWS_STAYING = "SELECT id FROM shows WHERE id IN (SELECT value FROM json_each(?))"
SHOWS_STAYING = {
    Dialect.SQLITE: _SHOWS_STAYING,
    Dialect.POSTGRESQL: "SELECT id FROM shows WHERE id = ANY(?::bigint[]) FOR KEY SHARE",
}
_PENDING_EPISODES = """
    SELECT id, show_id, premiere_at, due_at FROM reminders
    WHERE kind = ? AND status = ? AND {ids}
"""
PENDING_EPISODES = {
    Dialect.SQLITE: _PENDING_EPISODES.replace(
        "{ids}", "show_id IN (SELECT value FROM json_each(?))"
    ),
    Dialect.POSTGRESQL: _PENDING_EPISODES.replace("{ids}", "show_id = ANY(?::bigint[])"),
}
HELD_FOR = SELECT_DELIVERIES + (  # noqa: S608 - two constants: nothing from outside
    """WHERE target = ? AND user_id = ? AND status = ? AND held_until IS NOT NULL
         AND held_until <= ?
         AND reminder_id IN (SELECT id FROM reminders WHERE guild_id = ?)
       ORDER BY id"""
)
THREADS_TO_MAKE = ShardedSql(
    """SELECT d.id, d.reminder_id, d.target, d.channel_id, d.user_id, d.part,
              d.mention_role_id, d.mention_user_ids, d.note, d.status, d.attempts,
              d.message_id, d.error, d.thread_name, d.thread_id, d.held_until, r.guild_id
       FROM deliveries d JOIN reminders r ON r.id = d.reminder_id
       WHERE d.thread_name IS NOT NULL AND d.thread_id IS NULL AND d.status = ?
         AND {on_my_shards:r.guild_id}
       ORDER BY d.id"""
)
_RECENT_FAILURES = """
    SELECT r.id, max(coalesce(r.finished_at, r.claimed_at)) AS at,
           coalesce(r.outcome, {errors}) AS reason
    FROM reminders r LEFT JOIN deliveries d ON d.reminder_id = r.id AND d.status = ?
    WHERE r.guild_id = ? AND (r.status = ? OR d.id IS NOT NULL)
    GROUP BY r.id ORDER BY at DESC LIMIT ?
"""
RECENT_FAILURES = {
    Dialect.SQLITE: _RECENT_FAILURES.replace("{errors}", "group_concat(DISTINCT d.error)"),
    Dialect.POSTGRESQL: _RECENT_FAILURES.replace("{errors}", "string_agg(DISTINCT d.error, ',')"),
}


FOLLOWED_AFTER_DUE = "due before the server followed these episodes"


def _still_news(show: Show, airs_at: int, due: int, now: datetime) -> bool:
    """Whether an episode slot not yet planned should be: one still to come, or one that
    aired within the offline window after the show was followed (TVmaze moved it earlier, or
    listed it late): it goes out now. A show followed after the episode aired skips it."""
    if due > to_epoch(now):
        return True
    return airs_at > to_epoch(show.added_at) and airs_at >= to_epoch(now - EPISODE_OFFLINE_WINDOW)


def _reminder(row: Row) -> Reminder:
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
        status=ReminderStatus(row["status"]),
        style=Style(row["style"]) if row["style"] else None,
        outcome=row["outcome"],
    )


def _delivery(row: Row) -> Delivery:
    users = row["mention_user_ids"]
    return Delivery(
        id=row["id"],
        reminder_id=row["reminder_id"],
        target=Target(row["target"]),
        channel_id=row["channel_id"],
        user_id=row["user_id"],
        part=row["part"],
        mention_role_id=row["mention_role_id"],
        mention_user_ids=tuple(int(u) for u in users.split(",")) if users else (),
        note=row["note"],
        status=DeliveryStatus(row["status"]),
        attempts=row["attempts"],
        message_id=row["message_id"],
        error=row["error"],
        thread_name=row["thread_name"],
        thread_id=row["thread_id"],
        held_until=None if row["held_until"] is None else from_epoch(row["held_until"]),
    )


class ReminderRepository:
    """Planning reads and writes any server's reminders; what is due (claims, retries, the
    timer's questions, resuming after a crash) is only the partition's: the servers on the
    shards this process runs. Other processes do the rest."""

    def __init__(self, db: Database, partition: Partition = EVERY_SERVER) -> None:
        self._db = db
        self._partition = partition

    # -------------------------------------------------------------- planning

    async def replan(self, show: Show, rungs: Sequence[Rung]) -> None:
        """Make the show's pending countdown match `rungs`. A rung already sent (or skipped) for
        this same premiere is not planned again; a show removed meanwhile plans nothing."""
        async with self._db.transaction() as tx:
            if not await tx.scalar(SHOW_STAYS[tx.dialect], (show.id, show.guild_id)):
                return
            await tx.execute(
                """DELETE FROM reminders
                   WHERE show_id = ? AND guild_id = ? AND kind = ? AND status = ?""",
                (show.id, show.guild_id, Kind.COUNTDOWN, PENDING),
            )
            await tx.executemany(
                """INSERT INTO reminders (guild_id, show_id, kind, offset_seconds, premiere_at,
                                          due_at)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT DO NOTHING""",
                [
                    (
                        show.guild_id,
                        show.id,
                        Kind.COUNTDOWN,
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
            if not await tx.scalar(SHOW_STAYS[tx.dialect], (after.id, after.guild_id)):
                return
            stale = await tx.fetch_one(
                """SELECT previous_premiere_at, previous_precision FROM reminders
                   WHERE show_id = ? AND guild_id = ? AND kind = ? AND status = ?
                   ORDER BY due_at LIMIT 1""",
                (after.id, after.guild_id, Kind.MOVED, PENDING),
            )
            await tx.execute(
                """DELETE FROM reminders
                   WHERE show_id = ? AND guild_id = ? AND kind = ? AND status = ?""",
                (after.id, after.guild_id, Kind.MOVED, PENDING),
            )
            origin_at = stale["previous_premiere_at"] if stale else to_epoch(before.premiere)
            origin_precision = stale["previous_precision"] if stale else before.precision.value
            if origin_at == to_epoch(after.premiere) and origin_precision == after.precision:
                return  # moved back to where it was: nothing to announce
            await tx.execute(
                """INSERT INTO reminders (guild_id, show_id, kind, offset_seconds, premiere_at,
                                          previous_premiere_at, previous_precision, due_at)
                   SELECT ?, ?, ?, ?, ?, ?, ?, ?
                   WHERE EXISTS (SELECT 1 FROM shows WHERE id = ? AND guild_id = ?)
                   ON CONFLICT (guild_id, show_id, kind, offset_seconds, premiere_at)
                   DO UPDATE SET
                       status = excluded.status, due_at = excluded.due_at,
                       previous_premiere_at = excluded.previous_premiere_at,
                       previous_precision = excluded.previous_precision,
                       style = NULL, outcome = NULL, claimed_at = NULL, finished_at = NULL""",
                (
                    after.guild_id,
                    after.id,
                    Kind.MOVED,
                    MOVED_OFFSET,
                    to_epoch(after.premiere),
                    origin_at,
                    origin_precision,
                    to_epoch(now),
                    after.id,
                    after.guild_id,
                ),
            )

    async def replan_episodes_of(
        self,
        plans: Sequence[tuple[Show, Sequence[EpisodeSlot]]],
        now: datetime,
        *,
        newly_followed: Collection[int] = (),
    ) -> None:
        """Make each show's pending episode posts match its slots, in one transaction: a slot
        no longer wanted (its episode moved or went) is dropped, a new delay moves the rest,
        and a new slot is planned if it is still to come. A slot already sent is never planned
        again; a show removed meanwhile plans nothing.

        The shows in `newly_followed` have just begun announcing more of their episodes: what
        was due before that is written down as skipped, so neither now nor a later re-plan
        posts it as if the bot had been offline."""
        if not plans:
            return
        wanted = {
            show.id: {to_epoch(slot.airs_at): to_epoch(slot.due) for slot in slots}
            for show, slots in plans
        }
        async with self._db.transaction() as tx:
            ids = tx.list_param(sorted(wanted))
            staying = {r["id"] for r in await tx.fetch_all(SHOWS_STAYING[tx.dialect], (ids,))}
            pending = await tx.fetch_all(PENDING_EPISODES[tx.dialect], (Kind.EPISODE, PENDING, ids))
            drop, move = [], []
            planned: set[tuple[int, int]] = set()
            for row in pending:
                show_slots = wanted.get(row["show_id"], {})
                due = show_slots.get(row["premiere_at"])
                if row["show_id"] not in staying or due is None:
                    drop.append((row["id"], PENDING))
                elif due != row["due_at"]:
                    move.append((due, row["id"], PENDING))
                planned.add((row["show_id"], row["premiere_at"]))
            await tx.executemany("DELETE FROM reminders WHERE id = ? AND status = ?", drop)
            await tx.executemany(
                "UPDATE reminders SET due_at = ? WHERE id = ? AND status = ?", move
            )
            # A new slot is planned, or, for a show that has just begun following it after it
            # was due, written down as skipped.
            at = to_epoch(now)
            plan, skip = [], []
            for show, _ in plans:
                if show.id not in staying:
                    continue
                for airs_at, due in wanted[show.id].items():
                    if (show.id, airs_at) in planned or not _still_news(show, airs_at, due, now):
                        continue
                    slot = (show.guild_id, show.id, Kind.EPISODE, airs_at)
                    if show.id in newly_followed and due <= at:
                        skip.append((*slot, due, SKIPPED, FOLLOWED_AFTER_DUE, at))
                    else:
                        plan.append((*slot, max(due, at)))
            await tx.executemany(
                """INSERT INTO reminders (guild_id, show_id, kind, offset_seconds, premiere_at,
                                          due_at)
                   VALUES (?, ?, ?, 0, ?, ?)
                   ON CONFLICT DO NOTHING""",
                plan,
            )
            await tx.executemany(
                """INSERT INTO reminders (guild_id, show_id, kind, offset_seconds, premiere_at,
                                          due_at, status, outcome, finished_at)
                   VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)
                   ON CONFLICT DO NOTHING""",
                skip,
            )

    async def episode_moments_sent(self, show_id: int, since: datetime) -> set[datetime]:
        """The airstamps of this show's episode posts already sent (or being sent) since."""
        rows = await self._db.fetch_all(
            """SELECT premiere_at FROM reminders
               WHERE show_id = ? AND kind = ? AND status IN (?, ?) AND premiere_at >= ?""",
            (show_id, Kind.EPISODE, ReminderStatus.SENT, SENDING, to_epoch(since)),
        )
        return {from_epoch(r["premiere_at"]) for r in rows}

    # -------------------------------------------------------------- claiming

    async def claim_due(self, now: datetime) -> list[tuple[Reminder, Style]]:
        """Take every reminder due by `now`: triage them, mark the skipped ones, and claim the
        ones to send (status sending), all in one transaction."""
        async with self._db.transaction() as tx:
            sql, mine = CLAIMABLE.on(tx, self._partition)
            rows = await tx.fetch_all(sql, (PENDING, to_epoch(now), *mine))
            if not rows:
                return []
            verdict = triage([_reminder(r) for r in rows], now)
            await tx.executemany(
                """UPDATE reminders SET status = ?, outcome = ?, finished_at = ?
                   WHERE id = ? AND status = ?""",
                [(SKIPPED, reason, to_epoch(now), r.id, PENDING) for r, reason in verdict.skip],
            )
            await tx.executemany(
                """UPDATE reminders SET status = ?, style = ?, claimed_at = ?
                   WHERE id = ? AND status = ?""",
                [(SENDING, style, to_epoch(now), r.id, PENDING) for r, style in verdict.send],
            )
        return verdict.send

    async def in_flight(self) -> list[tuple[Reminder, Style]]:
        """Reminders claimed but not finished: after a crash, their deliveries resume."""
        sql, mine = IN_FLIGHT.on(self._db, self._partition)
        rows = await self._db.fetch_all(sql, (SENDING, *mine))
        return [(r, r.style or Style.ON_TIME) for r in map(_reminder, rows)]

    async def get(self, reminder_id: int) -> Reminder | None:
        row = await self._db.fetch_one(SELECT_REMINDERS + "WHERE id = ?", (reminder_id,))
        return None if row is None else _reminder(row)

    # -------------------------------------------------------------- deliveries

    async def recipients(self, guild_id: int, show_id: int) -> Recipients:
        """Channel subscribers, DM subscribers whose DMs are closed, and members Interested in
        the show's event are mentioned; the other DM subscribers get a DM."""
        dm = SubscriptionDelivery.DM
        rows = await self._db.fetch_all(
            """SELECT user_id, delivery = ? AND dm_blocked_at IS NULL AS by_dm
               FROM subscriptions WHERE guild_id = ? AND show_id = ?
               UNION
               SELECT i.user_id, FALSE FROM event_interest i
               JOIN show_events e ON e.event_id = i.event_id
               WHERE e.show_id = ? AND e.guild_id = ?
                 AND i.user_id NOT IN (SELECT user_id FROM subscriptions
                                        WHERE show_id = ? AND delivery = ?
                                          AND dm_blocked_at IS NULL)
               ORDER BY 1""",
            (dm, guild_id, show_id, show_id, guild_id, show_id, dm),
        )
        channel = tuple(dict.fromkeys(r["user_id"] for r in rows if not r["by_dm"]))
        by_dm = tuple(r["user_id"] for r in rows if r["by_dm"])
        return Recipients(channel, by_dm)

    async def episode_recipients(self, guild_id: int, show_id: int) -> Recipients:
        """Subscribers who asked for every episode: mentioned, or sent a DM."""
        rows = await self._db.fetch_all(
            """SELECT user_id, delivery = ? AND dm_blocked_at IS NULL AS by_dm
               FROM subscriptions WHERE guild_id = ? AND show_id = ? AND episodes = 1
               ORDER BY user_id""",
            (SubscriptionDelivery.DM, guild_id, show_id),
        )
        return Recipients(
            tuple(r["user_id"] for r in rows if not r["by_dm"]),
            tuple(r["user_id"] for r in rows if r["by_dm"]),
        )

    async def plan_deliveries(
        self,
        reminder_id: int,
        channel_id: int | None,
        batches: Sequence[tuple[int | None, Sequence[int]]],
        dm_user_ids: Sequence[int],
        *,
        thread_name: str | None = None,
    ) -> list[Delivery]:
        """Write down every message this reminder will send, once: a channel post for each
        (role, users) batch of mentions, and a DM for each of `dm_user_ids`. A reminder whose
        messages are already written down keeps them: a retry sends what the first try meant."""
        async with self._db.transaction() as tx:
            existing = await tx.fetch_one(
                "SELECT 1 FROM deliveries WHERE reminder_id = ? LIMIT 1", (reminder_id,)
            )
            if existing is None:
                rows: list[tuple[object, ...]] = []
                if channel_id is not None:
                    rows += [
                        (
                            reminder_id,
                            Target.CHANNEL,
                            channel_id,
                            None,
                            part,
                            role_id,
                            ",".join(map(str, user_ids)),
                            thread_name if part == 0 else None,
                        )
                        for part, (role_id, user_ids) in enumerate(batches)
                    ]
                rows += [
                    (reminder_id, Target.DM, None, user_id, 0, None, "", None)
                    for user_id in dm_user_ids
                ]
                await tx.executemany(
                    """INSERT INTO deliveries (reminder_id, target, channel_id, user_id, part,
                                               mention_role_id, mention_user_ids, thread_name)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    rows,
                )
        return await self.deliveries(reminder_id, status=DeliveryStatus.PENDING)

    async def deliveries(
        self, reminder_id: int, *, status: DeliveryStatus | None = None
    ) -> list[Delivery]:
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
               VALUES (?, ?, ?, ?, -1, ?, ?)
               ON CONFLICT DO NOTHING""",
            (reminder_id, Target.CHANNEL, channel_id, user_id, str(user_id), note),
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
               WHERE guild_id = ? AND user_id = ? AND delivery = ?""",
            (to_epoch(now), guild_id, user_id, SubscriptionDelivery.DM),
        )

    async def mark_sent(self, delivery_id: int, message_id: int) -> None:
        await self._db.execute(
            """UPDATE deliveries SET status = ?, message_id = ?, attempts = attempts + 1,
                                     error = NULL
               WHERE id = ?""",
            (DeliveryStatus.SENT, message_id, delivery_id),
        )

    async def thread_made(self, delivery_id: int, thread_id: int) -> None:
        """The post's thread exists (or, 0, cannot be made): it is never started again."""
        await self._db.execute(
            "UPDATE deliveries SET thread_id = ? WHERE id = ? AND thread_id IS NULL",
            (thread_id, delivery_id),
        )

    async def threads_to_make(self) -> list[tuple[Delivery, int]]:
        """Posts sent whose thread is not made yet (a crash came between), with their server:
        the partition's only."""
        sql, mine = THREADS_TO_MAKE.on(self._db, self._partition)
        rows = await self._db.fetch_all(sql, (DeliveryStatus.SENT, *mine))
        return [(_delivery(r), r["guild_id"]) for r in rows]

    async def hold(self, delivery_id: int, until: datetime) -> None:
        """A DM waits for the end of the member's quiet hours (the timer wakes for it then)."""
        await self._db.execute(
            "UPDATE deliveries SET held_until = ?, next_attempt_at = ? WHERE id = ? AND status = ?",
            (to_epoch(until), to_epoch(until), delivery_id, DeliveryStatus.PENDING),
        )

    async def held_for(self, guild_id: int, user_id: int, now: datetime) -> list[Delivery]:
        """The DMs held for a member of a server whose quiet hours are over, oldest first."""
        rows = await self._db.fetch_all(
            HELD_FOR, (Target.DM, user_id, DeliveryStatus.PENDING, to_epoch(now), guild_id)
        )
        return [_delivery(r) for r in rows]

    async def hold_news(
        self, guild_id: int, user_id: int, article_id: int, embed: str, until: datetime
    ) -> None:
        """A feed story's DM to a member in their quiet hours, kept as its embed's JSON until
        they end (once per member and story)."""
        await self._db.execute(
            """INSERT INTO held_news (guild_id, user_id, article_id, embed, held_until)
               VALUES (?, ?, ?, ?, ?)
               ON CONFLICT DO NOTHING""",
            (guild_id, user_id, article_id, embed, to_epoch(until)),
        )

    async def held_news_for(
        self, guild_id: int, user_id: int, now: datetime
    ) -> list[tuple[int, str]]:
        """(id, embed JSON) of the news held for a member whose quiet hours are over."""
        rows = await self._db.fetch_all(
            """SELECT id, embed FROM held_news
               WHERE guild_id = ? AND user_id = ? AND held_until <= ? ORDER BY id""",
            (guild_id, user_id, to_epoch(now)),
        )
        return [(r["id"], r["embed"]) for r in rows]

    async def news_sent(self, ids: Sequence[int]) -> None:
        async with self._db.transaction() as tx:
            await tx.executemany("DELETE FROM held_news WHERE id = ?", [(i,) for i in ids])

    async def postpone_news(self, ids: Sequence[int], until: datetime) -> None:
        async with self._db.transaction() as tx:
            await tx.executemany(
                "UPDATE held_news SET held_until = ? WHERE id = ?",
                [(to_epoch(until), i) for i in ids],
            )

    async def held_news_due(self, now: datetime) -> list[tuple[int, int]]:
        """(server, member) pairs of this partition with held news whose time has come."""
        sql, mine = HELD_NEWS_DUE.on(self._db, self._partition)
        rows = await self._db.fetch_all(sql, (to_epoch(now), *mine))
        return [(r["guild_id"], r["user_id"]) for r in rows]

    async def mark_failed(self, delivery_id: int, error: str) -> None:
        await self._db.execute(
            "UPDATE deliveries SET status = ?, error = ?, attempts = attempts + 1 WHERE id = ?",
            (DeliveryStatus.FAILED, error[:300], delivery_id),
        )

    async def retry_later(self, delivery_id: int, error: str, at: datetime) -> None:
        await self._db.execute(
            """UPDATE deliveries SET attempts = attempts + 1, error = ?, next_attempt_at = ?
               WHERE id = ?""",
            (error[:300], to_epoch(at), delivery_id),
        )

    async def skip(self, reminder_id: int, reason: str, now: datetime) -> None:
        await self._db.execute(
            """UPDATE reminders SET status = ?, outcome = ?, finished_at = ?
               WHERE id = ? AND status = ?""",
            (SKIPPED, reason, to_epoch(now), reminder_id, SENDING),
        )

    async def cancel_in_flight(self, show_id: int, reason: str) -> None:
        """Stop the unsent messages of this show's countdown reminders being sent right now."""
        await self._db.execute(
            """UPDATE deliveries SET status = ?, error = ?
               WHERE status = ? AND reminder_id IN (
                   SELECT id FROM reminders WHERE show_id = ? AND kind = ? AND status = ?)""",
            (
                DeliveryStatus.CANCELLED,
                reason,
                DeliveryStatus.PENDING,
                show_id,
                Kind.COUNTDOWN,
                SENDING,
            ),
        )

    async def still_pending(self, delivery_id: int) -> bool:
        status = await self._db.scalar("SELECT status FROM deliveries WHERE id = ?", (delivery_id,))
        return bool(status == DeliveryStatus.PENDING)

    async def cancel_deliveries(self, reminder_id: int, reason: str) -> None:
        await self._db.execute(
            """UPDATE deliveries SET status = ?, error = ?
               WHERE reminder_id = ? AND status = ?""",
            (DeliveryStatus.CANCELLED, reason, reminder_id, DeliveryStatus.PENDING),
        )

    async def finish(self, reminder_id: int, now: datetime) -> ReminderStatus | None:
        """Close a reminder whose deliveries are all done; returns its final status, or None
        while some delivery is still to be retried."""
        async with self._db.transaction() as tx:
            counts = {
                DeliveryStatus(r["status"]): r["n"]
                for r in await tx.fetch_all(
                    """SELECT status, count(*) AS n FROM deliveries
                       WHERE reminder_id = ? GROUP BY status""",
                    (reminder_id,),
                )
            }
            outcome: str | None
            if counts.get(DeliveryStatus.PENDING):
                return None
            if counts.get(DeliveryStatus.SENT):
                status, outcome = ReminderStatus.SENT, None
            elif counts.get(DeliveryStatus.CANCELLED) and not counts.get(DeliveryStatus.FAILED):
                status, outcome = SKIPPED, "the premiere moved while it was being sent"
            elif not counts:
                status = ReminderStatus.FAILED
                outcome = "no announcement channel and no DM subscribers"
            else:
                errors = await tx.fetch_all(
                    """SELECT DISTINCT error FROM deliveries
                       WHERE reminder_id = ? AND error IS NOT NULL LIMIT 3""",
                    (reminder_id,),
                )
                status = ReminderStatus.FAILED
                outcome = "; ".join(r["error"] for r in errors) or "failed"
            await tx.execute(
                """UPDATE reminders SET status = ?, outcome = ?, finished_at = ?
                   WHERE id = ? AND status = ?""",
                (status, outcome, to_epoch(now), reminder_id, SENDING),
            )
        return status

    # -------------------------------------------------------------- the timer's questions

    async def next_wake(self, in_flight: Collection[int] = ()) -> datetime | None:
        """When there is next something to do: a reminder falls due, or a delivery retries.
        Retries of reminders being sent right now are theirs to handle, not the timer's."""
        sql, mine = NEXT_DUE.on(self._db, self._partition)
        due = await self._db.scalar(sql, (PENDING, *mine))
        sql, mine = NEXT_RETRY.on(self._db, self._partition)
        retry = await self._db.scalar(
            sql, (DeliveryStatus.PENDING, self._db.list_param(sorted(in_flight)), *mine)
        )
        sql, mine = NEXT_HELD_NEWS.on(self._db, self._partition)
        news = await self._db.scalar(sql, tuple(mine))
        candidates = [t for t in (due, retry, news) if t is not None]
        return from_epoch(min(candidates)) if candidates else None

    async def retry_due(self, now: datetime) -> list[int]:
        """Reminders with a delivery whose retry time has come."""
        sql, mine = RETRY_DUE.on(self._db, self._partition)
        rows = await self._db.fetch_all(sql, (DeliveryStatus.PENDING, to_epoch(now), *mine))
        return [r["reminder_id"] for r in rows]

    async def count_pending(self) -> int:
        count: int = await self._db.scalar(
            "SELECT count(*) FROM reminders WHERE status = ?", (PENDING,)
        )
        return count

    async def upcoming(self, guild_id: int, limit: int = 5) -> list[Reminder]:
        rows = await self._db.fetch_all(
            SELECT_REMINDERS + "WHERE guild_id = ? AND status = ? ORDER BY due_at LIMIT ?",
            (guild_id, PENDING, limit),
        )
        return [_reminder(r) for r in rows]

    async def recent_failures(self, guild_id: int, limit: int = 5) -> list[tuple[Reminder, str]]:
        """Reminders that failed or had a delivery fail, newest first, with the reason."""
        rows = await self._db.fetch_all(
            RECENT_FAILURES[self._db.dialect],
            (DeliveryStatus.FAILED, guild_id, ReminderStatus.FAILED, limit),
        )
        found = []
        for row in rows:
            reminder = await self.get(row["id"])
            if reminder is not None:
                found.append((reminder, row["reason"] or "unknown"))
        return found
