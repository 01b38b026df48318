"""Leases: which process of the bot holds a piece of work that belongs to no server.

A lease is a row with a holder and an expiry. The holder renews it well before it expires;
a process that stops renewing (it died, or lost the database) loses it when it lapses, and the
next process to ask takes it. Taking and renewing are one conditional upsert, so two processes
asking at once never both get it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.db.connection import Database
from bot.db.shows import to_epoch


class LeaseRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def take(self, name: str, holder: str, now: datetime, ttl: timedelta) -> bool:
        """Take the lease `name` for `holder` until `now + ttl`, or renew it if `holder` has
        it already. False while another holder's lease runs."""
        changed = await self._db.execute(
            """INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
               ON CONFLICT (name) DO UPDATE
               SET holder = excluded.holder, expires_at = excluded.expires_at
               WHERE leases.holder = excluded.holder OR leases.expires_at <= ?""",
            (name, holder, to_epoch(now + ttl), to_epoch(now)),
        )
        return changed == 1

    async def release(self, name: str, holder: str) -> None:
        """Give the lease up (a clean stop): another process may take it at once."""
        await self._db.execute("DELETE FROM leases WHERE name = ? AND holder = ?", (name, holder))

    async def holder(self, name: str, now: datetime) -> str | None:
        """Who holds the lease `name` at `now`; None when nobody does."""
        held: str | None = await self._db.scalar(
            "SELECT holder FROM leases WHERE name = ? AND expires_at > ?", (name, to_epoch(now))
        )
        return held
