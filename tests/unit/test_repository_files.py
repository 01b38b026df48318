"""The repository's own promises: the README's commands, CI, and the core/cogs boundary."""

from __future__ import annotations

import re
from pathlib import Path

from discord import app_commands

from bot.app import PremiereBot
from bot.config import Settings

ROOT = Path(__file__).parents[2]


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    top = readme.split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", top)


def test_readme_opens_with_exactly_two_commands_run_then_test() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    assert commands[0].endswith("python -m bot")
    assert commands[1].endswith("python -m pytest -q")


def test_ci_runs_the_readmes_test_command_verbatim() -> None:
    assert readme_commands()[1] in (ROOT / ".ci/run").read_text().splitlines()


def test_the_core_never_imports_the_cogs() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "bot").rglob("*.py")
        if re.search(r"^\s*(from|import)\s+cogs\b", path.read_text(), re.MULTILINE)
    ]
    assert offenders == []


async def test_readme_lists_every_command_the_bot_registers() -> None:
    bot = PremiereBot(Settings())
    for extension in bot.extension_names:
        await bot.load_extension(extension)
    names = [
        f"/{command.qualified_name}"
        for command in bot.tree.walk_commands()
        if isinstance(command, app_commands.Command)
    ]
    readme = (ROOT / "README.md").read_text()

    assert len(names) >= 3
    missing = [name for name in names if f"| `{name}" not in readme]
    assert missing == [], "missing from the README's command table"
