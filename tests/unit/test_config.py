from __future__ import annotations

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
    ],
)
def test_bad_values_are_refused_with_a_fix(name: str, value: str, hint: str) -> None:
    with pytest.raises(SettingsError, match=hint):
        Settings.load(env_file=None, environ={name: value})


def test_env_example_lists_every_setting() -> None:
    example = (Path(__file__).parents[2] / ".env.example").read_text()
    for name in (
        "DISCORD_TOKEN",
        "DATABASE_PATH",
        "DEV_GUILD_ID",
        "LOG_LEVEL",
        "DISCORD_API_BASE",
        "DISCORD_GATEWAY_URL",
    ):
        assert f"\n{name}=" in example
