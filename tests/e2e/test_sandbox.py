"""`python -m bot sandbox`: the console driving the real bot through the double (the console's
parsing and the terminal renderer on their own are in tests/unit/sandbox)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.sandbox import console
from bot.sandbox.console import run_sandbox
from bot.sandbox.double import DiscordDouble, DoubleConfig

ADD_JESSICA = '/show add title:"Jessica Jones" season:2 network:Netflix premiere:"March 8 2027"'


@pytest.fixture(autouse=True)
def _sandbox_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")  # the same wrapping in every terminal
    monkeypatch.setattr(console, "SETTLE_SECONDS", 0.01)  # nothing here posts after its reply


async def sandbox(tmp_path: Path, *lines: str) -> tuple[int, str]:
    """Run these console lines as a script against tmp_path's database; (status, output)."""
    script = tmp_path / "script.txt"
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = io.StringIO()
    status = await run_sandbox(Settings(database_path=tmp_path / "x.sqlite3"), script, stdout=out)
    return status, out.getvalue()


# ---------------------------------------------------------------------- the console, end to end


@pytest.mark.usefixtures("at_t0")
async def test_a_script_adds_a_show_and_lists_it(tmp_path: Path) -> None:
    status, output = await sandbox(tmp_path, "# set up", ADD_JESSICA, "", "/show list")

    assert status == 0
    assert f"you in #general> {ADD_JESSICA}" in output
    assert "╭" in output and "╰" in output
    assert "│ Now tracking" in output
    assert "Jessica Jones · Season 2 · Netflix" in output
    assert "March 8, 2027 (time TBA)" in output
    assert "Premiere Bot (only you can see this)" in output  # the list is ephemeral
    assert "# set up" not in output
    assert "\x1b[" not in output  # not a terminal: no ANSI codes


@pytest.mark.usefixtures("at_t0")
async def test_a_mistyped_command_gets_a_suggestion_and_status_1(tmp_path: Path) -> None:
    status, output = await sandbox(tmp_path, "/shwo list")

    assert status == 1
    assert "/shwo is not a command here" in output
    assert "Did you mean /show list?" in output


@pytest.mark.usefixtures("at_t0")
async def test_an_unknown_option_gets_a_suggestion_and_the_usage(tmp_path: Path) -> None:
    status, output = await sandbox(
        tmp_path,
        '/show add titel:"Jessica Jones" premiere:"March 8 2027"',
        '/show add title:"Jessica Jones" seson:2 premiere:"March 8 2027"',
    )

    assert status == 1
    assert "Did you mean title?" in output
    assert "Did you mean season?" in output
    assert "Usage: /show add title:<text> [premiere:<text>] [season:<integer>]" in output


@pytest.mark.usefixtures("at_t0")
async def test_clicking_next_turns_the_page(tmp_path: Path) -> None:
    adds = [f'/show add title:"Show {n:02d}" premiere:"2027-02-{n + 1:02d}"' for n in range(11)]

    status, output = await sandbox(tmp_path, *adds, "/show list", ":click Next ▶")

    assert status == 0
    listing, clicked = output.split("you in #general> :click Next ▶")
    assert "Page 1 of 2" in listing
    assert "[ ◀ Previous (disabled) ] [ Next ▶ ]" in listing
    assert "Page 2 of 2" in clicked and "Show 10" in clicked and "Show 00" not in clicked
    assert "[ ◀ Previous ] [ Next ▶ (disabled) ]" in clicked


@pytest.mark.usefixtures("at_t0")
async def test_buttons_are_found_loosely_and_only_when_usable(tmp_path: Path) -> None:
    adds = [f'/show add title:"Show {n:02d}" premiere:"2027-02-{n + 1:02d}"' for n in range(11)]

    status, output = await sandbox(
        tmp_path, *adds, "/show list", ":click next", ":click next", ":as alex", ":click previous"
    )

    assert status == 1
    assert output.count("Page 2 of 2") == 1
    assert "the 'Next ▶' button is disabled" in output
    # The list was private to "you": alex sees no such button.
    assert "No message in #general or your DMs has a button 'previous'" in output


@pytest.mark.usefixtures("at_t0")
async def test_a_member_without_manage_server_sees_the_bots_refusal(tmp_path: Path) -> None:
    status, output = await sandbox(tmp_path, ":as alex", ADD_JESSICA, "/show list")

    assert status == 0  # the bot refusing is output, not a console failure
    assert "Now acting as alex (no roles)." in output
    refusal = output.split(f"alex in #general> {ADD_JESSICA}")[1]
    assert "Premiere Bot (only you can see this)" in refusal
    assert "You need the Manage Server permission" in refusal
    assert "Jessica Jones" not in refusal


@pytest.mark.usefixtures("at_t0")
async def test_complete_lists_the_bots_suggestions_numbered(tmp_path: Path) -> None:
    status, output = await sandbox(
        tmp_path,
        ADD_JESSICA,
        '/show add title:"Daredevil" premiere:"April 1 2027"',
        ":complete /show remove show:jes",
    )

    assert status == 0
    suggestions = output.split(":complete /show remove show:jes")[1]
    assert re.search(r"^\s+1\. Jessica Jones — Season 2 \(sends \d+\)$", suggestions, re.M)
    assert "Daredevil" not in suggestions


@pytest.mark.usefixtures("at_t0")
async def test_a_value_may_run_over_spaces_and_keep_its_apostrophe(tmp_path: Path) -> None:
    status, output = await sandbox(tmp_path, "/show add title:Grey's Anatomy premiere:March 8 2027")

    assert status == 0
    assert "Grey's Anatomy" in output
    assert "March 8, 2027" in output


@pytest.mark.usefixtures("at_t0")
async def test_channels_and_unknown_lines(tmp_path: Path) -> None:
    status, output = await sandbox(
        tmp_path, ":in #premieres", ":channel nowhere", ":frob", "hello", ":help"
    )

    assert status == 1
    assert "Now in #premieres." in output
    assert "you in #premieres> :help" in output
    assert "No channel called 'nowhere'." in output and "Channels: #general, #premieres" in output
    assert "Unknown console command :frob." in output and ":complete, :click" in output
    assert "Start a line with / for a slash command" in output
    assert "/show add title:<text> [premiere:<text>] [season:<integer>] [network:<text>]" in output
    assert "/show remove show:<text>" in output


async def test_roles_and_channels_are_written_by_name(tmp_path: Path) -> None:
    status, output = await sandbox(
        tmp_path, "/settings role role:@Moderators", "/settings channel channel:#nowhere"
    )

    assert status == 1
    role_reply = output.split("/settings role role:@Moderators")[1]
    assert "Premiere Bot (only you can see this)" in role_reply and "@Moderators" in role_reply
    assert "channel: there is no #nowhere here." in output
    assert "Try one of: #general, #premieres" in output


def replies(output: str) -> list[str]:
    """The output of each console line, in order (the banner dropped)."""
    return re.split(r"^\w+ in #\w+> .*$", output, flags=re.M)[1:]


async def test_bare_names_mentions_and_everyone_are_understood(tmp_path: Path) -> None:
    status, output = await sandbox(
        tmp_path,
        "/settings channel channel:premieres",
        "/settings channel channel:<#1100000000000000102>",
        "/settings role role:everyone",
        "/settings role role:@everyone",
        "/settings role role:moderators",
        "/settings channel channel:nowhere",
        "/settings role role:@@everyone",
        "/settings show",
    )

    assert status == 1  # the two unknown names
    premieres, general, *roles, nowhere, double_at, shown = replies(output)
    assert "will go to #premieres" in premieres
    assert "will go to #general" in general  # the mention of #general's id
    # @everyone is found (and the bot explains why it will not mention it).
    assert all("not @everyone" in reply for reply in roles[:2]), roles
    assert "@Moderators" in roles[2]
    assert "✗ channel: there is no nowhere here." in nowhere
    assert "Try one of: @everyone, @Premiere Bot, @Moderators" in double_at
    assert "@@everyone," not in output
    assert "#general" in shown  # the sandbox carried on after the refusals


async def test_nothing_typed_ends_the_sandbox(tmp_path: Path) -> None:
    odd = [
        "/settings channel channel:<#abc>",
        "/",
        ":complete /show remove shwo:x",
        ":apply",
        ':apply "Nope" hello',
        ":advance",
        ":click",
        ":say",
        "/show list days:many",
        "/show list days:0",
    ]
    status, output = await sandbox(tmp_path, *odd, ":shows", "/status")

    assert status == 1
    *refused, shows, status_reply = replies(output)
    assert len(refused) == len(odd) and all("✗" in reply for reply in refused), refused
    assert "could not run that line" not in output  # each odd line has its own clear refusal
    assert "days must be a whole number, not 'many'" in output
    assert "days must be between 1 and 3650" in output
    assert "Quiet Valley" in shows  # still running after every odd line
    assert "Premiere Bot (only you can see this)" in status_reply


async def test_an_unforeseen_error_is_reported_and_the_sandbox_carries_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(self: Any, line: str) -> None:
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setattr(console.Console, "shows", broken)

    status, output = await sandbox(tmp_path, ":shows", "/show list")

    assert status == 1
    assert "✗ The sandbox could not run that line: RuntimeError('something nobody foresaw')" in (
        output
    )
    assert "No premieres" in replies(output)[1]


@pytest.mark.usefixtures("at_t0")
async def test_a_non_manager_is_told_the_permission_by_name(tmp_path: Path) -> None:
    status, output = await sandbox(tmp_path, ":as alex", "/settings show")

    assert status == 1
    assert "alex cannot see /settings: it needs Manage Server" in output
    assert "permissions 32" not in output


@pytest.mark.usefixtures("at_t0")
async def test_an_over_long_title_is_told_the_limit(tmp_path: Path) -> None:
    status, output = await sandbox(tmp_path, f'/show add title:"{"x" * 130}" premiere:"2027"')

    assert status == 1
    assert "title must be at most 100 characters long (this one is 130)" in output


@pytest.mark.usefixtures("at_t0")
async def test_a_message_command_is_used_with_apply(tmp_path: Path) -> None:
    status, output = await sandbox(
        tmp_path,
        ':apply "Summarize article" Quiet Valley season 4 premieres on HBO on March 3, 2027.',
        ":say nothing to see here",
        ":apply summarize article",
    )

    assert status == 0
    first, said, second = replies(output)
    assert "Quiet Valley" in first and "March 3, 2027" in first and "Season" in first
    assert "#general · you: nothing to see here" in said
    assert "no link or text" not in second and "Premiere Bot" in second


@pytest.mark.usefixtures("at_t0")
async def test_a_button_in_the_members_dms_can_be_pressed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[DiscordDouble] = []

    class Recording(DiscordDouble):
        def __init__(self, config: DoubleConfig | None = None) -> None:
            super().__init__(config)
            made.append(self)

    monkeypatch.setattr(console, "DiscordDouble", Recording)

    def copy_info_buttons_into_a_dm() -> None:
        [double] = made
        info = next(m for m in reversed(double.messages.values()) if m.buttons())
        you = double.users[console.YOU_ID]
        buttons = [{k: v for k, v in b.items() if k != "id"} for b in info.buttons()]
        double.post_as_bot(
            double.dm_channel(you), "From your DMs", [{"type": 1, "components": buttons}]
        )

    lines = [
        ADD_JESSICA,
        '/show info show:"Jessica Jones"',
        "# copy",
        ":in #premieres",
        ":click Subscribe",
    ]

    async def read_with_hook() -> str | None:
        if not lines:
            return None
        line = lines.pop(0)
        if line == "# copy":
            copy_info_buttons_into_a_dm()
        return line

    monkeypatch.setattr(console, "_script_reader", lambda _script: read_with_hook)
    out = io.StringIO()
    status = await run_sandbox(
        Settings(database_path=tmp_path / "x.sqlite3"), tmp_path / "unused", stdout=out
    )

    assert status == 0, out.getvalue()
    [double] = made
    clicked = list(double.interactions.values())[-1]
    assert clicked.guild_id is None and clicked.source_message_id is not None
    assert clicked.acknowledged  # the bot answered the click made in the DM
    assert "went wrong" not in out.getvalue()  # and answered it for the show's own server
    assert "you in #premieres> :click Subscribe" in out.getvalue()


@pytest.mark.usefixtures("at_t0")
async def test_the_banner_and_shows_name_the_made_up_shows_and_the_feed(tmp_path: Path) -> None:
    status, output = await sandbox(tmp_path, ":shows", ":help")

    assert status == 0
    banner = output.split("you in #general>")[0]
    assert "TVmaze    made-up shows: Quiet Valley, Harbor Lights, Night Shift" in banner
    assert re.search(
        r"News      Sandbox Screen News: /feed add url:http://127\.0\.0\.1:\d+/rss\.xml", banner
    )
    assert f"Database  {(tmp_path / 'x.sqlite3').resolve()}" in banner
    shows = replies(output)[0]
    assert "Quiet Valley (HBO): season 4, episode 1 on 2026-12-06" in shows
    assert "The Long Summer (Apple TV+): no date announced" in shows
    assert ":apply" in output and ":shows" in output and "$FEED" in replies(output)[1]


@pytest.mark.usefixtures("at_t0")
async def test_the_news_feed_can_be_followed_and_its_stories_are_posted(tmp_path: Path) -> None:
    status, output = await sandbox(
        tmp_path, "/feed add url:$FEED", ":advance 1h", ":advance 1d", "/feed list"
    )

    assert status == 0, output
    added, first_hour, next_day, listed = replies(output)
    assert "Following Sandbox Screen News" in added
    assert "HBO Sets a Date for Quiet Valley Season 4" in first_hour
    assert "Harbor Lights" not in first_hour  # not out yet
    assert "Harbor Lights Returns to Netflix for Season 3" in next_day
    assert "The Long Summer Renewed" not in output  # it was there before the feed was followed
    assert "Sandbox Screen News" in listed


@pytest.mark.usefixtures("at_t0")
async def test_stdin_runs_until_end_of_input(tmp_path: Path) -> None:
    out = io.StringIO()
    stdin = io.StringIO(f"{ADD_JESSICA}\n/show list\n")

    status = await run_sandbox(
        Settings(database_path=tmp_path / "x.sqlite3"), stdin=stdin, stdout=out
    )

    assert status == 0
    assert out.getvalue().count("Jessica Jones · Season 2") == 2
    assert "you in #general> /show list" in out.getvalue()  # piped lines are echoed


@pytest.mark.usefixtures("at_t0")
async def test_quit_stops_before_the_remaining_lines(tmp_path: Path) -> None:
    status, output = await sandbox(tmp_path, ":quit", "/shwo list")

    assert status == 0
    assert "shwo" not in output


@pytest.mark.usefixtures("at_t0")
async def test_data_persists_across_sandbox_runs(tmp_path: Path) -> None:
    await sandbox(tmp_path, ADD_JESSICA)

    status, output = await sandbox(tmp_path, "/show list")

    assert status == 0
    assert "Jessica Jones · Season 2 · Netflix" in output
    assert "Page 1 of 1 · 1 shows" in output


def test_the_command_line_runs_a_script(tmp_path: Path) -> None:
    script = tmp_path / "script.txt"
    # The process runs in real time (time-machine cannot reach it): a date far ahead.
    script.write_text('/show add title:"Jessica Jones" premiere:"March 8 2099"\n/show list\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DEV_GUILD"))}
    env |= {"DATABASE_PATH": str(tmp_path / "x.sqlite3"), "COLUMNS": "100"}

    done = subprocess.run(
        [sys.executable, "-m", "bot", "sandbox", "--script", str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert "Now tracking" in done.stdout
    assert "March 8, 2099 (time TBA)" in done.stdout
    assert "Traceback" not in done.stderr and "Unclosed" not in done.stderr


@pytest.mark.usefixtures("at_t0")
async def test_advance_fast_forwards_and_the_ladder_fires_in_order(tmp_path: Path) -> None:
    status, out = await sandbox(
        tmp_path,
        "/settings channel channel:#premieres",
        '/show add title:"Severance" premiere:"2026-12-04 21:00"',
        ":advance 3d",
        ":advance 8d",
        ":advance 2x",
    )

    assert status == 1  # the last line is refused
    rungs = ["Premieres in 7 days", "Premieres in 1 day", "Premieres in 1 hour", "Premiering now"]
    positions = [out.index(rung) for rung in rungs]
    assert positions == sorted(positions)
    assert out.count("#premieres · Premiere Bot") == 4
    assert "Sandbox time: Saturday, December 5, 2026 at 15:00 UTC" in out
    assert '"2x" is not a duration' in out


@pytest.mark.usefixtures("at_t0")
async def test_the_sandbox_serves_calendars_locally_and_says_where(tmp_path: Path) -> None:
    status, output = await sandbox(tmp_path, ADD_JESSICA, "/calendar link")

    assert status == 0
    [base] = re.findall(r"Calendars are served at (http://127\.0\.0\.1:\d+) ", output)
    [page] = re.findall(r"<(http://127\.0\.0\.1:\d+/c/[A-Za-z0-9_-]+)>", output)
    assert page.startswith(base + "/c/")
    assert "webcal://127.0.0.1" in output


@pytest.mark.usefixtures("at_t0")
async def test_advancing_a_week_posts_the_weekly_digest_on_its_day(tmp_path: Path) -> None:
    status, output = await sandbox(
        tmp_path,
        '/show add title:"Jessica Jones" premiere:"2026-11-27 21:00" season:2',
        "/settings channel channel:#general",
        "/settings digest day:thursday time:09:00",
        ":advance 1w",
    )

    assert status == 0
    assert output.count("📅 This week's premieres") == 1
    # Thursday's digest comes before Thursday evening's reminder, as the days would have it.
    assert output.index("The week from November 26, 2026") < output.index("Premieres in 1 day")
    assert "Jessica Jones · Season 2 premiere" in output
