"""What the sandbox console reads: a slash line split into its command and options, and a
script that cannot be read."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.sandbox.console import parse_slash, run_sandbox

# The one leaf these tests need: /show add with its text options.
LEAVES: dict[str, dict[str, Any]] = {
    "show add": {
        "options": [{"name": n, "type": 3} for n in ("title", "premiere", "season", "network")]
    }
}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('/show add title:"Jessica Jones" season:2', {"title": "Jessica Jones", "season": "2"}),
        ("/show add title:Jessica Jones season:2", {"title": "Jessica Jones", "season": "2"}),
        ("/show add title:Star Trek: Picard", {"title": "Star Trek: Picard"}),
        ("/show add premiere:2027-03-08 21:00", {"premiere": "2027-03-08 21:00"}),
        ("/show add title:Grey's Anatomy", {"title": "Grey's Anatomy"}),
        ("/show add title:X seson:2", {"title": "X", "seson": "2"}),  # a typo, reported later
    ],
)
def test_parse_slash(line: str, expected: dict[str, str]) -> None:
    assert parse_slash(line, LEAVES) == ("show add", expected)


def test_parse_slash_keeps_channel_names_and_lowercases_the_command() -> None:
    assert parse_slash("/Settings Channel channel:#premieres", {}) == (
        "settings channel",
        {"channel": "#premieres"},
    )


def test_parse_slash_refuses_an_open_quote_and_a_repeated_option() -> None:
    with pytest.raises(Exception, match="double quote is not closed"):
        parse_slash('/show add title:"Jessica', LEAVES)
    with pytest.raises(Exception, match="title is given twice"):
        parse_slash("/show add title:a title:b", LEAVES)


async def test_a_missing_script_is_status_2(tmp_path: Path) -> None:
    # The script is read before anything starts, so nothing is started to refuse it.
    out = io.StringIO()
    status = await run_sandbox(
        Settings(database_path=tmp_path / "x.sqlite3"), tmp_path / "none", stdout=out
    )
    assert status == 2
    assert "Cannot read the script" in out.getvalue()
    assert not (tmp_path / "x.sqlite3").exists()
