"""The guild_settings table. A server without a row has the defaults."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.db.connection import Database
from bot.domain.settings import ServerSettings

# One statement per setting a caller may change.
_UPDATES = {
    "announce_channel_id": "UPDATE guild_settings SET announce_channel_id = ? WHERE guild_id = ?",
    "mention_role_id": "UPDATE guild_settings SET mention_role_id = ? WHERE guild_id = ?",
    "timezone": "UPDATE guild_settings SET timezone = ? WHERE guild_id = ?",
    "reminder_offsets": "UPDATE guild_settings SET reminder_offsets = ? WHERE guild_id = ?",
    "scheduled_events": "UPDATE guild_settings SET scheduled_events = ? WHERE guild_id = ?",
    "episode_delay": "UPDATE guild_settings SET episode_delay_seconds = ? WHERE guild_id = ?",
    "episode_names_hidden": (
        "UPDATE guild_settings SET episode_names_hidden = ? WHERE guild_id = ?"
    ),
}


def _offsets_to_text(offsets: tuple[timedelta, ...]) -> str:
    return ",".join(str(int(o.total_seconds())) for o in offsets)


def _offsets_from_text(text: str) -> tuple[timedelta, ...]:
    return tuple(timedelta(seconds=int(s)) for s in text.split(","))


class SettingsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, guild_id: int) -> ServerSettings:
        row = await self._db.fetch_one(
            """SELECT announce_channel_id, mention_role_id, timezone, reminder_offsets,
                      scheduled_events, episode_delay_seconds, episode_names_hidden
               FROM guild_settings WHERE guild_id = ?""",
            (guild_id,),
        )
        if row is None:
            return ServerSettings(guild_id)
        return ServerSettings(
            guild_id=guild_id,
            announce_channel_id=row["announce_channel_id"],
            mention_role_id=row["mention_role_id"],
            timezone=row["timezone"],
            reminder_offsets=_offsets_from_text(row["reminder_offsets"]),
            scheduled_events=bool(row["scheduled_events"]),
            episode_delay=timedelta(seconds=row["episode_delay_seconds"]),
            episode_names_hidden=bool(row["episode_names_hidden"]),
        )

    async def update(self, guild_id: int, **changes: Any) -> ServerSettings:
        """Set the given columns, creating the server's row with defaults if needed."""
        for column in changes:
            if column not in _UPDATES:
                raise ValueError(f"unknown setting {column}")
        if "reminder_offsets" in changes:
            changes["reminder_offsets"] = _offsets_to_text(changes["reminder_offsets"])
        if "scheduled_events" in changes:
            changes["scheduled_events"] = int(bool(changes["scheduled_events"]))
        if "episode_delay" in changes:
            changes["episode_delay"] = int(changes["episode_delay"].total_seconds())
        if "episode_names_hidden" in changes:
            changes["episode_names_hidden"] = int(bool(changes["episode_names_hidden"]))
        async with self._db.transaction() as tx:
            await tx.execute(
                "INSERT INTO guild_settings (guild_id) VALUES (?) ON CONFLICT DO NOTHING",
                (guild_id,),
            )
            for column, value in changes.items():
                await tx.execute(_UPDATES[column], (value, guild_id))
        return await self.get(guild_id)
