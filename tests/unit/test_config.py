from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import DEFAULT_DATABASE_PATH, DISCORD_API_BASE, Settings, SettingsError


def test_defaults_without_environment(tmp_path: Path) -> None:
    settings = Settings.load(env_file=tmp_path / "missing.env", environ={})
    assert settings == Settings()
    assert settings.database_path == DEFAULT_DATABASE_PATH
    assert settings.discord_api_base == DISCORD_API_BASE
    assert settings.uses_discord


def test_dotenv_is_read_and_the_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "DISCORD_TOKEN=from-file\nDEV_GUILD_ID=123\nLOG_LEVEL=debug\n"
        "DATABASE_PATH=/tmp/x.sqlite3\nDISCORD_API_BASE=http://127.0.0.1:9/api/v10/\n"
    )
    settings = Settings.load(env_file=env_file, environ={"DISCORD_TOKEN": "from-env"})
    assert settings.discord_token == "from-env"
    assert settings.dev_guild_id == 123
    assert settings.log_level == "DEBUG"
    assert settings.database_path == Path("/tmp/x.sqlite3")
    assert settings.discord_api_base == "http://127.0.0.1:9/api/v10"
    assert not settings.uses_discord


def test_empty_values_mean_the_default(tmp_path: Path) -> None:
    settings = Settings.load(env_file=None, environ={"DISCORD_TOKEN": "  ", "DEV_GUILD_ID": ""})
    assert settings.discord_token is None
    assert settings.dev_guild_id is None


@pytest.mark.parametrize(
    ("name", "value", "hint"),
    [
        ("DEV_GUILD_ID", "my-server", "Copy Server ID"),
        ("LOG_LEVEL", "LOUD", "DEBUG, INFO"),
        ("SHARD_COUNT", "0", "at least 1"),
        ("SHARD_COUNT", "two", "at least 1"),
        ("SHARD_COUNT", "-2", "at least 1"),
        ("SHARD_IDS", "0-1", "needs SHARD_COUNT"),
        ("TVMAZE_REFRESH_HOURS", "-1", "at least 0"),
        ("WEB_PORT", "http", "port number"),
        ("WEB_PORT", "70000", "port number"),
        ("PUBLIC_URL", "premieres.example.org", "https://premieres.example.org"),
        ("PUBLIC_URL", "https://", "address people reach"),
        ("DATABASE_URL", "mysql://db/premieres", "PostgreSQL URL"),
    ],
)
def test_bad_values_are_refused_with_a_fix(name: str, value: str, hint: str) -> None:
    with pytest.raises(SettingsError, match=hint):
        Settings.load(env_file=None, environ={name: value})


def test_a_zero_refresh_interval_turns_the_refresh_off() -> None:
    off = Settings.load(env_file=None, environ={"TVMAZE_REFRESH_HOURS": "0"})
    assert off.tvmaze_refresh_hours == 0
    assert Settings.load(env_file=None, environ={}).tvmaze_refresh_hours == 6


def test_env_example_lists_every_setting() -> None:
    example = (Path(__file__).parents[2] / ".env.example").read_text()
    for name in (
        "DISCORD_TOKEN",
        "DATABASE_PATH",
        "DATABASE_URL",
        "DEV_GUILD_ID",
        "LOG_LEVEL",
        "DISCORD_API_BASE",
        "DISCORD_GATEWAY_URL",
        "SHARD_COUNT",
        "SHARD_IDS",
        "TVMAZE_REFRESH_HOURS",
        "PUBLIC_URL",
        "WEB_HOST",
        "WEB_PORT",
    ):
        assert f"\n{name}=" in example


def shards(count: str, ids: str | None = None) -> Settings:
    environ = {"SHARD_COUNT": count} | ({} if ids is None else {"SHARD_IDS": ids})
    return Settings.load(env_file=None, environ=environ)


def test_without_shard_settings_discord_decides() -> None:
    settings = Settings.load(env_file=None, environ={"SHARD_COUNT": " ", "SHARD_IDS": ""})
    assert settings.shard_count is None
    assert settings.shard_ids is None


def test_a_shard_count_alone_runs_every_shard() -> None:
    settings = shards("4")
    assert settings.shard_count == 4
    assert settings.shard_ids is None


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        ("0-3", (0, 1, 2, 3)),
        ("0,2,5", (0, 2, 5)),
        ("5, 0-1 ,7-8", (0, 1, 5, 7, 8)),
        ("3", (3,)),
        ("2-2", (2,)),
        ("0-2,1-3", (0, 1, 2, 3)),  # overlaps are harmless: each shard runs once
        (" 6 - 7 ", (6, 7)),
    ],
)
def test_shard_ids_take_numbers_ranges_and_mixtures(ids: str, expected: tuple[int, ...]) -> None:
    assert shards("10", ids).shard_ids == expected


@pytest.mark.parametrize(
    ("ids", "hint"),
    [
        ("0-4", "with SHARD_COUNT=4 the shards are numbered 0 to 3"),
        ("4", "names shard 4"),
        ("3-1", "backwards: write 1-3"),
        ("0,,2", "ranges such as 0-3 or 0,2,5"),
        ("0,", "ranges such as 0-3 or 0,2,5"),
        ("0-", "ranges such as 0-3 or 0,2,5"),
        ("-1", "ranges such as 0-3 or 0,2,5"),
        ("0-1-2", "ranges such as 0-3 or 0,2,5"),
        ("one", "'one' is neither"),
        ("\u00b2", "ranges such as 0-3 or 0,2,5"),  # a digit to str.isdigit, not to int()
        ("0;1", "ranges such as 0-3 or 0,2,5"),
    ],
)
def test_bad_shard_ids_are_refused_with_a_fix(ids: str, hint: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(hint)):
        shards("4", ids)


def test_a_postgresql_url_is_where_the_data_lives_instead_of_the_file() -> None:
    url = "postgresql://bot:secret@db.example:5432/premieres"
    assert Settings.load(env_file=None, environ={"DATABASE_URL": url}).database == url
    assert Settings.load(env_file=None, environ={}).database == DEFAULT_DATABASE_PATH
