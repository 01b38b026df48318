"""The show_events, event_interest and event_problems tables: each premiere's Discord event,
who marked it Interested, and what went wrong keeping it in step."""

from __future__ import annotations

from datetime import datetime

from bot.db.connection import Database, Row
from bot.db.shows import from_epoch, to_epoch
from bot.domain.events import EventProblem


def _problem(row: Row) -> EventProblem:
    return EventProblem(row["show_id"], row["label"], row["problem"], from_epoch(row["at"]))


class EventRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def event_for(self, show_id: int) -> int | None:
        event_id: int | None = await self._db.scalar(
            "SELECT event_id FROM show_events WHERE show_id = ?", (show_id,)
        )
        return event_id

    async def shows_with_events(self, guild_id: int) -> list[int]:
        rows = await self._db.fetch_all(
            "SELECT show_id FROM show_events WHERE guild_id = ?", (guild_id,)
        )
        return [r["show_id"] for r in rows]

    async def remember(self, guild_id: int, show_id: int, event_id: int) -> None:
        await self._db.execute(
            """INSERT INTO show_events (show_id, guild_id, event_id) VALUES (?, ?, ?)
               ON CONFLICT (show_id) DO UPDATE SET event_id = excluded.event_id""",
            (show_id, guild_id, event_id),
        )

    async def forget(self, event_id: int) -> None:
        """The event is gone: so are the show's link to it and who was interested in it."""
        async with self._db.transaction() as tx:
            await tx.execute("DELETE FROM show_events WHERE event_id = ?", (event_id,))
            await tx.execute("DELETE FROM event_interest WHERE event_id = ?", (event_id,))

    async def replace_interest(self, guild_id: int, event_id: int, user_ids: list[int]) -> None:
        """Who is Interested in one of the bot's events now, as Discord last said."""
        async with self._db.transaction() as tx:
            if not await tx.scalar(
                "SELECT 1 FROM show_events WHERE event_id = ? AND guild_id = ?",
                (event_id, guild_id),
            ):
                return  # not ours (any more): members' interest in other events is not ours
            await tx.execute("DELETE FROM event_interest WHERE event_id = ?", (event_id,))
            await tx.executemany(
                """INSERT INTO event_interest (event_id, guild_id, user_id) VALUES (?, ?, ?)
                   ON CONFLICT DO NOTHING""",
                [(event_id, guild_id, user_id) for user_id in user_ids],
            )

    async def interested(self, event_id: int) -> list[int]:
        rows = await self._db.fetch_all(
            "SELECT user_id FROM event_interest WHERE event_id = ? ORDER BY user_id", (event_id,)
        )
        return [r["user_id"] for r in rows]

    async def note_problem(
        self, guild_id: int, show_id: int, label: str, problem: str, now: datetime
    ) -> None:
        await self._db.execute(
            """INSERT INTO event_problems (show_id, guild_id, label, problem, at)
               VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (show_id) DO UPDATE SET
                   label = excluded.label, problem = excluded.problem, at = excluded.at""",
            (show_id, guild_id, label, problem[:300], to_epoch(now)),
        )

    async def clear_problem(self, show_id: int) -> None:
        await self._db.execute("DELETE FROM event_problems WHERE show_id = ?", (show_id,))

    async def clear_problems(self, guild_id: int) -> None:
        await self._db.execute("DELETE FROM event_problems WHERE guild_id = ?", (guild_id,))

    async def problems(self, guild_id: int, limit: int = 5) -> list[EventProblem]:
        """The newest first."""
        rows = await self._db.fetch_all(
            """SELECT show_id, label, problem, at FROM event_problems
               WHERE guild_id = ? ORDER BY at DESC, show_id DESC LIMIT ?""",
            (guild_id, limit),
        )
        return [_problem(r) for r in rows]
