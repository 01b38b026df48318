"""The sandbox's made-up shows, followed episode by episode: what a member trying
`announce:episodes` in `python -m bot sandbox` sees as the console moves the clock on."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from bot.config import Settings
from bot.sandbox import console
from bot.sandbox.console import run_sandbox

NEW_EPISODE = "📺 New episode"
# Tuesday, November 24 (T0) + 2 weeks: past Quiet Valley's season 4 premiere (Sunday,
# December 6, 9 pm in New York), before its second episode a week later.
PAST_THE_PREMIERE = ":advance 2w"


@pytest.fixture(autouse=True)
def _sandbox_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")  # the same wrapping in every terminal
    monkeypatch.setattr(console, "SETTLE_SECONDS", 0.01)


async def sandbox(tmp_path: Path, *lines: str) -> tuple[int, list[str]]:
    """Run these console lines as a script; the status and each line's output, in order."""
    script = tmp_path / "script.txt"
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = io.StringIO()
    status = await run_sandbox(Settings(database_path=tmp_path / "x.sqlite3"), script, stdout=out)
    return status, re.split(r"^\w+ in #\w+> .*$", out.getvalue(), flags=re.M)[1:]


@pytest.mark.usefixtures("at_t0")
async def test_each_weekly_episode_is_posted_as_the_console_advances_a_week(
    tmp_path: Path,
) -> None:
    status, (shows, _, added, premiere_weeks, third_week, fourth_week) = await sandbox(
        tmp_path,
        ":shows",
        "/settings channel channel:#premieres",
        '/show add title:"Quiet Valley" announce:episodes',
        PAST_THE_PREMIERE,
        ":advance 1w",
        ":advance 1w",
    )

    assert status == 0
    assert "announce:episodes" in shows  # the console says how to try it
    assert "Added Quiet Valley · Season 4 · HBO from TVmaze" in added
    # The premiere's own post names the first episode; no separate post for it.
    assert "🎬 Premiering now" in premiere_weeks and "S4·E1 — The Thaw" in premiere_weeks
    assert NEW_EPISODE not in premiere_weeks
    # One post a week, in the announcement channel, for that week's episode only.
    assert third_week.count(NEW_EPISODE) == 1
    assert "#premieres · Premiere Bot" in third_week and "S4·E2 — Old Roads" in third_week
    assert "S4·E3" not in third_week
    assert fourth_week.count(NEW_EPISODE) == 1 and "S4·E3 — A Fence in the Fog" in fourth_week


@pytest.mark.usefixtures("at_t0")
async def test_a_show_switched_to_episodes_posts_from_its_next_episode_on(tmp_path: Path) -> None:
    status, (_, _, premiere_weeks, edited, third_week) = await sandbox(
        tmp_path,
        "/settings channel channel:#premieres",
        '/show add title:"Quiet Valley"',
        PAST_THE_PREMIERE,
        '/show edit show:"Quiet Valley" announce:episodes',
        ":advance 1w",
    )

    assert status == 0
    # Premieres only, the default: the premiere is posted, the episodes after it are not.
    assert "🎬 Premiering now" in premiere_weeks and NEW_EPISODE not in premiere_weeks
    assert "Show updated" in edited and "Every episode" in edited
    assert third_week.count(NEW_EPISODE) == 1 and "S4·E2 — Old Roads" in third_week
