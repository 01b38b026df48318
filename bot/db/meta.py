"""The bot_meta table: small facts the bot keeps about itself, by key."""

from __future__ import annotations

from bot.db.connection import Database


class MetaRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, key: str) -> str | None:
        value: str | None = await self._db.scalar(
            "SELECT value FROM bot_meta WHERE key = ?", (key,)
        )
        return value

    async def put(self, key: str, value: str) -> None:
        await self._db.execute(
            """INSERT INTO bot_meta (key, value) VALUES (?, ?)
               ON CONFLICT (key) DO UPDATE SET value = excluded.value""",
            (key, value),
        )
