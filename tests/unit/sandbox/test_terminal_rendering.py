"""The sandbox's terminal renderer on its own: Discord markup, timestamps and mentions as text,
embeds as boxes, buttons under them, wrapping that keeps colors intact."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.sandbox.double import DiscordDouble, DoubleConfig, Message, Perm
from bot.sandbox.render_terminal import relative_time, render_markdown, render_message, wrap

# "Now" for every rendering here: Tuesday 24 November 2026, 15:00 UTC.
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
STAMP = int(datetime(2027, 3, 8, tzinfo=UTC).timestamp())
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def state() -> DiscordDouble:
    """The double's in-memory world only (never started): the names mentions resolve to."""
    double = DiscordDouble(DoubleConfig(spec_path=None))
    guild = double.add_guild("Sandbox")
    double.add_role(guild, "Moderators", Perm.MANAGE_GUILD)
    double.add_member(guild, "alex")
    double.add_channel(guild, "premieres")
    return double


def message(double: DiscordDouble, **fields: Any) -> Message:
    return Message(id=1, channel_id=0, guild_id=None, author=double.bot_user, **fields)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("F", "Monday, March 8, 2027 at 00:00 UTC"),
        ("f", "March 8, 2027 at 00:00 UTC"),
        ("", "March 8, 2027 at 00:00 UTC"),
        ("D", "March 8, 2027"),
        ("d", "2027-03-08"),
        ("t", "00:00 UTC"),
        ("T", "00:00:00 UTC"),
        ("R", "in 3 months"),
    ],
)
def test_timestamps_become_dates(state: DiscordDouble, style: str, expected: str) -> None:
    markup = f"<t:{STAMP}:{style}>" if style else f"<t:{STAMP}>"
    assert render_markdown(markup, state, now=NOW, color=False) == expected


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (10, "in a few seconds"),
        (-60, "a minute ago"),
        (-2 * 3600, "2 hours ago"),
        (30 * 3600, "in a day"),
        (5 * 86400, "in 5 days"),
        (45 * 86400, "in a month"),  # rounds to one month: singular, never "1 months"
        (60 * 86400, "in 2 months"),
        (400 * 86400, "in a year"),
        (-3 * 366 * 86400, "3 years ago"),
    ],
)
def test_relative_time(seconds: int, expected: str) -> None:
    then = datetime.fromtimestamp(NOW.timestamp() + seconds, UTC)
    assert relative_time(then, NOW) == expected


def test_escapes_are_undone_and_markup_is_dropped_without_color(state: DiscordDouble) -> None:
    text = r"**Show\_01** \[x](https://evil.example) *new* ~~old~~ `a*b` [w](https://a.example/_x_)"

    rendered = render_markdown(text, state, now=NOW, color=False)

    assert rendered == "Show_01 [x](https://evil.example) new old a*b w (https://a.example/_x_)"


def test_escapes_inside_a_link_are_undone_too(state: DiscordDouble) -> None:
    rendered = render_markdown(r"[Show\_01](https://a.example)", state, now=NOW, color=False)
    assert rendered == "Show_01 (https://a.example)"


def test_markup_becomes_ansi_with_color(state: DiscordDouble) -> None:
    rendered = render_markdown("**bold** and *it*", state, now=NOW, color=True)
    assert rendered == "\x1b[1mbold\x1b[22m and \x1b[3mit\x1b[23m"


def test_mentions_become_names(state: DiscordDouble) -> None:
    guild = next(iter(state.guilds.values()))
    alex = next(m for m in guild.members.values() if m.user.username == "alex")
    role = next(r for r in guild.roles.values() if r.name == "Moderators")
    channel = state.channel_named(guild, "premieres")
    text = f"<@{alex.id}> <@!{alex.id}> <@&{role.id}> <#{channel.id}> <@1> <\u200b@{alex.id}>"

    rendered = render_markdown(text, state, now=NOW, color=False)

    assert rendered == f"@alex @alex @Moderators #premieres @unknown-user <\u200b@{alex.id}>"


def test_an_embed_is_a_box_with_buttons_under_it(state: DiscordDouble) -> None:
    shown = message(
        state,
        content="Here you go",
        embeds=[
            {
                "title": "Now tracking",
                "description": "**Jessica Jones** · Season 2",
                "fields": [{"name": "Premieres", "value": f"<t:{STAMP}:F> (<t:{STAMP}:R>)"}],
                "footer": {"text": "Members can follow it"},
                "color": 0xE50914,
            }
        ],
        components=[
            {
                "type": 1,
                "components": [
                    {"type": 2, "label": "◀ Previous", "custom_id": "p", "disabled": True},
                    {"type": 2, "label": "Next ▶", "custom_id": "n"},
                ],
            }
        ],
    )

    lines = render_message(shown, state, now=NOW, color=False, width=60).splitlines()

    assert lines == [
        "Here you go",
        "╭──────────────────────────────────────────────────╮",
        "│ Now tracking                                     │",
        "│ Jessica Jones · Season 2                         │",
        "│                                                  │",
        "│ Premieres                                        │",
        "│ Monday, March 8, 2027 at 00:00 UTC (in 3 months) │",
        "│                                                  │",
        "│ Members can follow it                            │",
        "╰──────────────────────────────────────────────────╯",
        "[ ◀ Previous (disabled) ] [ Next ▶ ]",
    ]


def test_a_narrow_terminal_wraps_inside_the_box(state: DiscordDouble) -> None:
    shown = message(state, embeds=[{"title": "Upcoming", "description": "word " * 20}])

    lines = render_message(shown, state, now=NOW, color=True, width=30).splitlines()

    widths = {len(ANSI.sub("", line)) for line in lines}
    assert len(widths) == 1 and widths.pop() <= 30
    assert len(lines) > 5
    assert ANSI.sub("", lines[0]).startswith("╭") and ANSI.sub("", lines[-1]).startswith("╰")


def test_a_style_broken_by_wrapping_is_closed_and_reopened() -> None:
    first, second = wrap("\x1b[1mone two three\x1b[22m", 8)
    assert first == "\x1b[1mone two\x1b[0m"
    assert second == "\x1b[1mthree\x1b[22m"


def test_disabled_buttons_say_so_and_are_dimmed_and_struck_in_color(state: DiscordDouble) -> None:
    row = [
        {"type": 2, "label": "Next ▶", "custom_id": "n", "disabled": True},
        {"type": 2, "label": "Back", "custom_id": "b"},
    ]
    shown = message(state, components=[{"type": 1, "components": row}])

    rendered = render_message(shown, state, now=NOW, color=True)

    disabled = "\x1b[2m[ \x1b[9mNext ▶\x1b[29m (disabled) ]\x1b[22m"
    assert rendered == f"{disabled} \x1b[1m[ Back ]\x1b[22m"
    assert ANSI.sub("", rendered) == "[ Next ▶ (disabled) ] [ Back ]"
