"""`python -m bot` as a person runs it: a real process, its settings from the environment."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from bot.sandbox.double import DiscordDouble
from tests.conftest import build_world

ROOT = Path(__file__).parents[2]


def bot_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DEV_GUILD"))}
    return env | {"DATABASE_PATH": str(tmp_path / "bot.sqlite3"), "LOG_LEVEL": "WARNING"} | extra


async def run_bot(tmp_path: Path, *args: str, **env: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=tmp_path,
        env=bot_env(tmp_path, **env),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_run_without_a_token_says_what_to_do_in_one_line(tmp_path: Path) -> None:
    process = await run_bot(tmp_path, "run")
    _, err = await asyncio.wait_for(process.communicate(), 60)

    assert process.returncode == 2
    lines = err.decode().strip().splitlines()
    assert len(lines) == 1
    assert "No DISCORD_TOKEN is set" in lines[0] and ".env" in lines[0]


async def test_a_bad_setting_is_one_line_too(tmp_path: Path) -> None:
    process = await run_bot(tmp_path, "run", DEV_GUILD_ID="my server")
    _, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 2
    assert err.decode().strip().startswith("DEV_GUILD_ID must be a server id")


async def test_a_rejected_token_says_what_to_do_in_one_line(
    tmp_path: Path, double: DiscordDouble
) -> None:
    process = await run_bot(
        tmp_path,
        "run",
        DISCORD_TOKEN="wrong",
        DISCORD_API_BASE=double.api_base,
        DISCORD_GATEWAY_URL=double.gateway_url,
    )
    _, err = await asyncio.wait_for(process.communicate(), 60)

    assert process.returncode == 2
    lines = err.decode().strip().splitlines()
    assert lines == [lines[-1]] and "Discord rejected DISCORD_TOKEN" in lines[0]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is POSIX")
async def test_the_bot_process_connects_syncs_and_answers_a_compatible_server(
    tmp_path: Path, double: DiscordDouble
) -> None:
    world = build_world(double)
    process = await run_bot(
        tmp_path,
        DISCORD_TOKEN=double.token,
        DISCORD_API_BASE=double.api_base,
        DISCORD_GATEWAY_URL=double.gateway_url,
    )
    try:
        await double.wait_for(lambda: "show" in double.global_commands, timeout=60)
        await double.wait_for(lambda: double.gateway.connected, timeout=30)

        added = await world.slash(
            world.admin,
            "show add",
            title="Jessica Jones",
            season=2,
            network="Netflix",
            premiere="March 8 2099",
        )
        listed = await world.slash(world.member, "show list")
        removed = await world.slash(world.admin, "show remove", show="Jessica Jones")

        assert added.embed["title"] == "Now tracking"
        assert "Jessica Jones" in listed.text()
        assert removed.embed["title"] == "Stopped tracking"
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, err.decode()
    assert "Traceback" not in err.decode()


async def test_the_sandbox_keeps_its_own_database_and_says_so(tmp_path: Path) -> None:
    script = tmp_path / "script.txt"
    script.write_text('/show add title:"Jessica Jones" premiere:"March 8 2099"\n:advance 1h\n')
    env = {k: v for k, v in bot_env(tmp_path).items() if k != "DATABASE_PATH"}

    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "sandbox",
        "--script",
        str(script),
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)

    assert process.returncode == 0, err.decode()
    own = (tmp_path / "data" / "sandbox.sqlite3").resolve()
    assert f"Database  {own} (the sandbox's own; DATABASE_PATH picks another)" in out.decode()
    assert own.is_file()
    assert not (tmp_path / "data" / "premiere-bot.sqlite3").exists()  # the bot's is untouched


async def test_the_preview_text_names_the_precision_as_the_json_does(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("Quiet Valley season 4 premieres on HBO on March 3, 2027 at 9 p.m. ET.\n")

    texts = []
    for extra in ([], ["--json"]):
        process = await run_bot(tmp_path, "preview", *extra, str(article))
        out, err = await asyncio.wait_for(process.communicate(), 60)
        assert process.returncode == 0, err.decode()
        texts.append(out.decode())

    text, as_json = texts
    assert '"premiere_precision": "day"' in as_json
    assert "(day, " in text and "(time, " not in text
