"""The guild_settings table. A server without a row has the defaults."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time, timedelta
from typing import Any

from bot.db.connection import Database, Dialect
from bot.domain.settings import ArticlesWho, ServerSettings

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
    "threads_enabled": "UPDATE guild_settings SET threads_enabled = ? WHERE guild_id = ?",
    "thread_archive": "UPDATE guild_settings SET thread_archive_minutes = ? WHERE guild_id = ?",
    "digest_enabled": "UPDATE guild_settings SET digest_enabled = ? WHERE guild_id = ?",
    "digest_weekday": "UPDATE guild_settings SET digest_weekday = ? WHERE guild_id = ?",
    "digest_time": "UPDATE guild_settings SET digest_minute = ? WHERE guild_id = ?",
    "articles_who": "UPDATE guild_settings SET articles_who = ? WHERE guild_id = ?",
}


_EPISODE_DELAYS = "SELECT guild_id, episode_delay_seconds FROM guild_settings WHERE {ids}"
EPISODE_DELAYS = {
    Dialect.SQLITE: _EPISODE_DELAYS.replace(
        "{ids}", "guild_id IN (SELECT value FROM json_each(?))"
    ),
    Dialect.POSTGRESQL: _EPISODE_DELAYS.replace("{ids}", "guild_id = ANY(?::bigint[])"),
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
                      scheduled_events, episode_delay_seconds, episode_names_hidden,
                      threads_enabled, thread_archive_minutes, digest_enabled, digest_weekday,
                      digest_minute, articles_who
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
            threads_enabled=bool(row["threads_enabled"]),
            thread_archive=timedelta(minutes=row["thread_archive_minutes"]),
            digest_enabled=bool(row["digest_enabled"]),
            digest_weekday=row["digest_weekday"],
            digest_time=time(*divmod(row["digest_minute"], 60)),
            articles_who=ArticlesWho(row["articles_who"]),
        )

    async def episode_delays(self, guild_ids: Iterable[int]) -> dict[int, timedelta]:
        """Each of these servers' episode delay, in one query (no row: none)."""
        wanted = sorted(set(guild_ids))
        rows = await self._db.fetch_all(
            EPISODE_DELAYS[self._db.dialect], (self._db.list_param(wanted),)
        )
        found = {r["guild_id"]: timedelta(seconds=r["episode_delay_seconds"]) for r in rows}
        return {guild_id: found.get(guild_id, timedelta(0)) for guild_id in wanted}

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
        for flag in ("episode_names_hidden", "threads_enabled", "digest_enabled"):
            if flag in changes:
                changes[flag] = int(bool(changes[flag]))
        if "thread_archive" in changes:
            changes["thread_archive"] = int(changes["thread_archive"].total_seconds()) // 60
        if "digest_time" in changes:
            changes["digest_time"] = (
                changes["digest_time"].hour * 60 + changes["digest_time"].minute
            )
        async with self._db.transaction() as tx:
            await tx.execute(
                "INSERT INTO guild_settings (guild_id) VALUES (?) ON CONFLICT DO NOTHING",
                (guild_id,),
            )
            for column, value in changes.items():
                await tx.execute(_UPDATES[column], (value, guild_id))
        return await self.get(guild_id)
