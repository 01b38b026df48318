"""Typed settings from the environment and `.env`; `.env.example` lists every one."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values

DISCORD_API_BASE = "https://discord.com/api/v10"
DISCORD_GATEWAY_URL = "wss://gateway.discord.gg/"
DEFAULT_DATABASE_PATH = Path("data/premiere-bot.sqlite3")
TVMAZE_API_BASE = "https://api.tvmaze.com"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class SettingsError(ValueError):
    """A setting has a value we cannot use; the message says which and what would work."""


@dataclass(frozen=True, slots=True)
class Settings:
    discord_token: str | None = None
    database_path: Path = DEFAULT_DATABASE_PATH
    database_url: str | None = None  # postgresql://…: PostgreSQL instead of the SQLite file
    dev_guild_id: int | None = None
    log_level: str = "INFO"
    discord_api_base: str = DISCORD_API_BASE
    discord_gateway_url: str = DISCORD_GATEWAY_URL
    feed_interval_minutes: int = 15
    tvmaze_api_base: str = TVMAZE_API_BASE
    tvmaze_refresh_hours: int = 6  # 0: no periodic refresh (dates stay as added)
    # None: ask Discord how many shards to run, and run them all.
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None  # None: every shard of shard_count
    # The web server for calendars: where it listens, and the address people reach it at
    # (None: calendars are off and no server runs).
    web_host: str = "127.0.0.1"
    web_port: int = 8080
    public_url: str | None = None

    @classmethod
    def load(
        cls, env_file: Path | None = Path(".env"), environ: Mapping[str, str] | None = None
    ) -> Settings:
        """Read settings: the process environment wins over `.env`, which wins over defaults."""
        values: dict[str, str | None] = {}
        if env_file is not None and env_file.is_file():
            values |= dotenv_values(env_file)
        values |= dict(os.environ if environ is None else environ)

        def get(name: str) -> str | None:
            value = values.get(name)
            return value.strip() if value and value.strip() else None

        shard_count = _shard_count(get("SHARD_COUNT"))
        return cls(
            discord_token=get("DISCORD_TOKEN"),
            database_path=Path(get("DATABASE_PATH") or DEFAULT_DATABASE_PATH),
            database_url=_database_url(get("DATABASE_URL")),
            dev_guild_id=_snowflake("DEV_GUILD_ID", get("DEV_GUILD_ID")),
            log_level=_log_level(get("LOG_LEVEL") or "INFO"),
            discord_api_base=(get("DISCORD_API_BASE") or DISCORD_API_BASE).rstrip("/"),
            discord_gateway_url=get("DISCORD_GATEWAY_URL") or DISCORD_GATEWAY_URL,
            feed_interval_minutes=_whole_number(
                "FEED_INTERVAL_MINUTES", get("FEED_INTERVAL_MINUTES"), 15, least=5
            ),
            tvmaze_api_base=(get("TVMAZE_API_BASE") or TVMAZE_API_BASE).rstrip("/"),
            tvmaze_refresh_hours=_whole_number(
                "TVMAZE_REFRESH_HOURS", get("TVMAZE_REFRESH_HOURS"), 6, least=0
            ),
            shard_count=shard_count,
            shard_ids=_shard_ids(get("SHARD_IDS"), shard_count),
            web_host=get("WEB_HOST") or "127.0.0.1",
            web_port=_port(get("WEB_PORT")),
            public_url=_public_url(get("PUBLIC_URL")),
        )

    @property
    def database(self) -> Path | str:
        """Where the bot keeps its data: the PostgreSQL URL when there is one, else the file."""
        return self.database_url or self.database_path

    @property
    def uses_discord(self) -> bool:
        """True when the bot talks to Discord itself rather than another compatible server."""
        return self.discord_api_base == DISCORD_API_BASE


def _database_url(raw: str | None) -> str | None:
    if raw is None:
        return None
    if not raw.startswith(("postgresql://", "postgres://")):
        raise SettingsError(
            "DATABASE_URL must be a PostgreSQL URL such as "
            "postgresql://bot:secret@db.example:5432/premieres; leave it unset to keep the "
            "SQLite file (DATABASE_PATH)."
        )
    return raw


def _port(raw: str | None) -> int:
    if raw is None:
        return 8080
    if not raw.isdigit() or int(raw) > 65535:
        raise SettingsError(f"WEB_PORT must be a port number from 0 to 65535, not {raw!r}.")
    return int(raw)


def _public_url(raw: str | None) -> str | None:
    if raw is None:
        return None
    if not raw.startswith(("https://", "http://")) or len(raw.split("://", 1)[1].strip("/")) == 0:
        raise SettingsError(
            "PUBLIC_URL must be the address people reach the bot's web server at, such as "
            f"https://premieres.example.org, not {raw!r}. Leave it unset to turn calendars off."
        )
    return raw.rstrip("/")


def _snowflake(name: str, raw: str | None) -> int | None:
    if raw is None:
        return None
    if not raw.isdigit():
        raise SettingsError(
            f"{name} must be a server id (a number like 123456789012345678), not {raw!r}. "
            "Enable Developer Mode in Discord, right-click the server and choose Copy Server ID."
        )
    return int(raw)


def _whole_number(name: str, raw: str | None, default: int, *, least: int) -> int:
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < least:
        raise SettingsError(f"{name} must be a whole number of at least {least}, not {raw!r}.")
    return int(raw)


def _log_level(raw: str) -> str:
    level = raw.upper()
    if level not in LOG_LEVELS or not isinstance(logging.getLevelName(level), int):
        raise SettingsError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {raw!r}.")
    return level


def _shard_count(raw: str | None) -> int | None:
    if raw is None:
        return None
    if not _is_whole(raw) or int(raw) < 1:
        raise SettingsError(
            f"SHARD_COUNT must be a whole number of at least 1, not {raw!r}. "
            "Leave it empty to run as many shards as Discord recommends."
        )
    return int(raw)


def _shard_ids(raw: str | None, shard_count: int | None) -> tuple[int, ...] | None:
    """`0-3`, `0,2,5` or a mixture such as `0-3,8`: the shards this process runs."""
    if raw is None:
        return None
    if shard_count is None:
        raise SettingsError(
            "SHARD_IDS needs SHARD_COUNT, the number of shards across every process "
            "(for example SHARD_COUNT=4 with SHARD_IDS=0-1 here and SHARD_IDS=2-3 elsewhere)."
        )
    chosen: set[int] = set()
    for part in (piece.strip() for piece in raw.split(",")):
        first, dash, last = part.partition("-")
        first, last = first.strip(), last.strip()
        if not _is_whole(first) or (dash and not _is_whole(last)):
            raise SettingsError(
                f"SHARD_IDS must list shard numbers and ranges such as 0-3 or 0,2,5, "
                f"not {raw!r} ({part!r} is neither)."
            )
        low, high = int(first), int(last) if dash else int(first)
        if high < low:
            raise SettingsError(f"SHARD_IDS has the range {part!r} backwards: write {high}-{low}.")
        if high >= shard_count:
            raise SettingsError(
                f"SHARD_IDS names shard {high}, but with SHARD_COUNT={shard_count} the shards "
                f"are numbered 0 to {shard_count - 1}."
            )
        chosen.update(range(low, high + 1))
    return tuple(sorted(chosen))


def _is_whole(raw: str) -> bool:
    """Plain ASCII digits only: `isdigit` alone would let through digits `int` can't read."""
    return raw.isascii() and raw.isdigit()
