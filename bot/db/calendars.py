"""The calendars table: each server's secret calendar link."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.connection import Database, Row
from bot.db.shows import to_epoch

SELECT_CALENDARS = "SELECT guild_id, secret, guild_name FROM calendars "


@dataclass(frozen=True, slots=True)
class Calendar:
    guild_id: int
    secret: str
    guild_name: str


def _calendar(row: Row) -> Calendar:
    return Calendar(row["guild_id"], row["secret"], row["guild_name"])


class CalendarRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, guild_id: int) -> Calendar | None:
        row = await self._db.fetch_one(SELECT_CALENDARS + "WHERE guild_id = ?", (guild_id,))
        return None if row is None else _calendar(row)

    async def by_digest(self, digest: str) -> Calendar | None:
        row = await self._db.fetch_one(SELECT_CALENDARS + "WHERE secret_digest = ?", (digest,))
        return None if row is None else _calendar(row)

    async def create(
        self, guild_id: int, secret: str, digest: str, guild_name: str, now: datetime
    ) -> Calendar:
        """The server's calendar: this secret if it has none yet, else the one it has."""
        await self._db.execute(
            """INSERT INTO calendars (guild_id, secret, secret_digest, guild_name, created_at)
               VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (guild_id) DO UPDATE SET guild_name = excluded.guild_name""",
            (guild_id, secret, digest, guild_name, to_epoch(now)),
        )
        calendar = await self.get(guild_id)
        assert calendar is not None
        return calendar

    async def replace_secret(
        self, guild_id: int, secret: str, digest: str, guild_name: str, now: datetime
    ) -> Calendar:
        """A new secret: the old one stops working at once."""
        await self._db.execute(
            """INSERT INTO calendars (guild_id, secret, secret_digest, guild_name, created_at)
               VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (guild_id) DO UPDATE SET
                   secret = excluded.secret, secret_digest = excluded.secret_digest,
                   guild_name = excluded.guild_name, created_at = excluded.created_at""",
            (guild_id, secret, digest, guild_name, to_epoch(now)),
        )
        calendar = await self.get(guild_id)
        assert calendar is not None
        return calendar
