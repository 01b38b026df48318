"""The subscriptions table."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import aiosqlite

from bot.db.connection import Database
from bot.db.shows import from_epoch, to_epoch
from bot.domain.subscriptions import Delivery, Subscription

SELECT_SUBSCRIPTIONS = """
    SELECT show_id, guild_id, user_id, delivery, created_at, dm_blocked_at FROM subscriptions
"""


class Change(StrEnum):
    CREATED = "created"
    UPDATED = "updated"  # the delivery changed
    UNCHANGED = "unchanged"


def _subscription(row: aiosqlite.Row) -> Subscription:
    return Subscription(
        show_id=row["show_id"],
        guild_id=row["guild_id"],
        user_id=row["user_id"],
        delivery=Delivery(row["delivery"]),
        created_at=from_epoch(row["created_at"]),
        dm_blocked=row["dm_blocked_at"] is not None,
    )


class SubscriptionRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def upsert(
        self, guild_id: int, show_id: int, user_id: int, delivery: Delivery, now: datetime
    ) -> Change:
        async with self._db.transaction() as tx:
            row = await tx.fetch_one(
                """SELECT delivery, dm_blocked_at FROM subscriptions
                   WHERE show_id = ? AND user_id = ?""",
                (show_id, user_id),
            )
            # Asking for DMs again after they bounced is a change: the member opened their DMs.
            if row is not None and row["delivery"] == delivery and row["dm_blocked_at"] is None:
                return Change.UNCHANGED
            # The composite foreign key refuses a show of another server.
            await tx.execute(
                """INSERT INTO subscriptions (show_id, guild_id, user_id, delivery, created_at)
                   VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (show_id, user_id) DO UPDATE SET
                       delivery = excluded.delivery, dm_blocked_at = NULL""",
                (show_id, guild_id, user_id, delivery.value, to_epoch(now)),
            )
        return Change.CREATED if row is None else Change.UPDATED

    async def delete(self, guild_id: int, show_id: int, user_id: int) -> bool:
        changed = await self._db.execute(
            "DELETE FROM subscriptions WHERE guild_id = ? AND show_id = ? AND user_id = ?",
            (guild_id, show_id, user_id),
        )
        return changed == 1

    async def delete_member(self, guild_id: int, user_id: int) -> tuple[int, int]:
        """Forget a member in one server: their subscriptions, and the Interested marks the bot
        mirrored from the server's events. Returns how many of each were deleted."""
        async with self._db.transaction() as tx:
            subscriptions = await tx.execute(
                "DELETE FROM subscriptions WHERE guild_id = ? AND user_id = ?", (guild_id, user_id)
            )
            interests = await tx.execute(
                "DELETE FROM event_interest WHERE guild_id = ? AND user_id = ?",
                (guild_id, user_id),
            )
        return subscriptions, interests

    async def for_member(self, guild_id: int, user_id: int) -> list[Subscription]:
        rows = await self._db.fetch_all(
            SELECT_SUBSCRIPTIONS + "WHERE guild_id = ? AND user_id = ?", (guild_id, user_id)
        )
        return [_subscription(r) for r in rows]

    async def for_show(self, guild_id: int, show_id: int) -> list[Subscription]:
        rows = await self._db.fetch_all(
            SELECT_SUBSCRIPTIONS + "WHERE guild_id = ? AND show_id = ? ORDER BY created_at",
            (guild_id, show_id),
        )
        return [_subscription(r) for r in rows]

    async def get(self, guild_id: int, show_id: int, user_id: int) -> Subscription | None:
        row = await self._db.fetch_one(
            SELECT_SUBSCRIPTIONS + "WHERE guild_id = ? AND show_id = ? AND user_id = ?",
            (guild_id, show_id, user_id),
        )
        return None if row is None else _subscription(row)

    async def count(self, guild_id: int, show_id: int) -> int:
        return await self._db.scalar(
            "SELECT count(*) FROM subscriptions WHERE guild_id = ? AND show_id = ?",
            (guild_id, show_id),
        )
