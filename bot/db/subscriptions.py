"""The subscriptions table."""

from __future__ import annotations

from datetime import datetime, time

from bot.db.connection import Database, Row
from bot.db.shows import from_epoch, to_epoch
from bot.domain.subscriptions import Change, Delivery, QuietHours, Subscription

SELECT_SUBSCRIPTIONS = """
    SELECT show_id, guild_id, user_id, delivery, created_at, dm_blocked_at, news, episodes
    FROM subscriptions
"""


def _subscription(row: Row) -> Subscription:
    return Subscription(
        show_id=row["show_id"],
        guild_id=row["guild_id"],
        user_id=row["user_id"],
        delivery=Delivery(row["delivery"]),
        created_at=from_epoch(row["created_at"]),
        dm_blocked=row["dm_blocked_at"] is not None,
        news=bool(row["news"]),
        episodes=bool(row["episodes"]),
    )


class SubscriptionRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def upsert(
        self,
        guild_id: int,
        show_id: int,
        user_id: int,
        delivery: Delivery,
        now: datetime,
        *,
        news: bool | None = None,
        episodes: bool | None = None,
    ) -> Change:
        """Subscribe, or change how. `news` or `episodes` None keeps the member's choice (off
        when new)."""
        async with self._db.transaction() as tx:
            row = await tx.fetch_one(
                """SELECT delivery, dm_blocked_at, news, episodes FROM subscriptions
                   WHERE show_id = ? AND user_id = ?""",
                (show_id, user_id),
            )
            wants_news = bool(row["news"]) if news is None and row is not None else bool(news)
            wants_episodes = (
                bool(row["episodes"]) if episodes is None and row is not None else bool(episodes)
            )
            # Asking for DMs again after they bounced is a change: the member opened their DMs.
            if (
                row is not None
                and row["delivery"] == delivery
                and row["dm_blocked_at"] is None
                and bool(row["news"]) == wants_news
                and bool(row["episodes"]) == wants_episodes
            ):
                return Change.UNCHANGED
            # The composite foreign key refuses a show of another server.
            await tx.execute(
                """INSERT INTO subscriptions (show_id, guild_id, user_id, delivery, created_at,
                                              news, episodes)
                   VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (show_id, user_id) DO UPDATE SET
                       delivery = excluded.delivery, dm_blocked_at = NULL,
                       news = excluded.news, episodes = excluded.episodes""",
                (
                    show_id,
                    guild_id,
                    user_id,
                    delivery.value,
                    to_epoch(now),
                    int(wants_news),
                    int(wants_episodes),
                ),
            )
        return Change.CREATED if row is None else Change.UPDATED

    async def copy(self, guild_id: int, from_show_id: int, to_show_id: int, now: datetime) -> int:
        """Subscribe a show's subscribers to another show of the same server (a new season),
        keeping how each is told. Returns how many were copied."""
        return await self._db.execute(
            """INSERT INTO subscriptions
                   (show_id, guild_id, user_id, delivery, created_at, news, episodes)
               SELECT ?, guild_id, user_id, delivery, ?, news, episodes FROM subscriptions
               WHERE guild_id = ? AND show_id = ?
               ON CONFLICT DO NOTHING""",
            (to_show_id, to_epoch(now), guild_id, from_show_id),
        )

    async def news_readers(self, guild_id: int, show_id: int) -> list[Subscription]:
        """Subscribers who asked to hear premiere news about the show too."""
        rows = await self._db.fetch_all(
            SELECT_SUBSCRIPTIONS + "WHERE guild_id = ? AND show_id = ? AND news = 1 "
            "ORDER BY created_at",
            (guild_id, show_id),
        )
        return [_subscription(r) for r in rows]

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
            await tx.execute(
                "DELETE FROM quiet_hours WHERE guild_id = ? AND user_id = ?", (guild_id, user_id)
            )
        return subscriptions, interests

    async def for_member(self, guild_id: int, user_id: int) -> list[Subscription]:
        rows = await self._db.fetch_all(
            SELECT_SUBSCRIPTIONS + "WHERE guild_id = ? AND user_id = ?", (guild_id, user_id)
        )
        return [_subscription(r) for r in rows]

    async def get(self, guild_id: int, show_id: int, user_id: int) -> Subscription | None:
        row = await self._db.fetch_one(
            SELECT_SUBSCRIPTIONS + "WHERE guild_id = ? AND show_id = ? AND user_id = ?",
            (guild_id, show_id, user_id),
        )
        return None if row is None else _subscription(row)

    async def count(self, guild_id: int, show_id: int) -> int:
        count: int = await self._db.scalar(
            "SELECT count(*) FROM subscriptions WHERE guild_id = ? AND show_id = ?",
            (guild_id, show_id),
        )
        return count

    async def quiet_hours(self, guild_id: int, user_id: int) -> QuietHours | None:
        row = await self._db.fetch_one(
            """SELECT start_minute, end_minute, timezone FROM quiet_hours
               WHERE guild_id = ? AND user_id = ?""",
            (guild_id, user_id),
        )
        if row is None:
            return None
        return QuietHours(
            time(*divmod(row["start_minute"], 60)),
            time(*divmod(row["end_minute"], 60)),
            row["timezone"],
        )

    async def set_quiet_hours(self, guild_id: int, user_id: int, quiet: QuietHours | None) -> None:
        """A member's quiet hours in this server; None turns them off."""
        if quiet is None:
            await self._db.execute(
                "DELETE FROM quiet_hours WHERE guild_id = ? AND user_id = ?", (guild_id, user_id)
            )
            return
        await self._db.execute(
            """INSERT INTO quiet_hours (guild_id, user_id, start_minute, end_minute, timezone)
               VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (guild_id, user_id) DO UPDATE SET
                   start_minute = excluded.start_minute, end_minute = excluded.end_minute,
                   timezone = excluded.timezone""",
            (
                guild_id,
                user_id,
                quiet.start.hour * 60 + quiet.start.minute,
                quiet.end.hour * 60 + quiet.end.minute,
                quiet.timezone,
            ),
        )
