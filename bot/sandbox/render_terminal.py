"""Discord messages as terminal text: markup converted, embeds boxed, buttons drawn.

Pure functions of a message, the double's state (for mention names) and the time (for relative
timestamps), so they are tested without a bot. Times are shown in UTC: the sandbox has no
viewer locale to borrow, and UTC is what the bot stores.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.sandbox.double import DiscordDouble, Message

# SGR codes and the code that ends each, so nested styles end one at a time.
BOLD, DIM, ITALIC, UNDERLINE, REVERSE, STRIKE, CYAN = "1", "2", "3", "4", "7", "9", "36"
_OFF = {
    BOLD: "22",
    DIM: "22",
    ITALIC: "23",
    UNDERLINE: "24",
    REVERSE: "27",
    STRIKE: "29",
    CYAN: "39",
}
_SGR = re.compile(r"\x1b\[([0-9;]*)m")

_TIMESTAMP = re.compile(r"<t:(-?\d{1,13})(?::([tTdDfFR]))?>")
_MENTION = re.compile(r"<(@!?|@&|#)(\d+)>")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # Discord: a backslash before ASCII punctuation
_CODE = re.compile(r"`([^`\n]+)`")
_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")
_INLINE = (
    (re.compile(r"\*\*(.+?)\*\*"), BOLD),
    (re.compile(r"__(.+?)__"), UNDERLINE),
    (re.compile(r"\*(.+?)\*"), ITALIC),
    (re.compile(r"(?<!\w)_(.+?)_(?!\w)"), ITALIC),
    (re.compile(r"~~(.+?)~~"), STRIKE),
)
_HEADING = re.compile(r"^#{1,3} (.+)$", re.MULTILINE)
_SUBTEXT = re.compile(r"^-# (.+)$", re.MULTILINE)
_QUOTE = re.compile(r"^> ", re.MULTILINE)
_STASHED = re.compile("\ue000(\\d+)\ue001")  # private-use marks no markup rule can match

# (below this many seconds, phrase, seconds per unit): moment.js's thresholds, as Discord uses.
# A counted phrase that rounds to one reads as the singular, as moment.js does ("a month").
_MINUTE, _HOUR, _DAY = 60, 3600, 86400
_RELATIVE = (
    (45, "a few seconds", 0),
    (90, "a minute", 0),
    (45 * _MINUTE, "{} minutes", _MINUTE),
    (90 * _MINUTE, "an hour", 0),
    (22 * _HOUR, "{} hours", _HOUR),
    (36 * _HOUR, "a day", 0),
    (26 * _DAY, "{} days", _DAY),
    (45 * _DAY, "a month", 0),
    (320 * _DAY, "{} months", 30.44 * _DAY),
    (548 * _DAY, "a year", 0),
    (float("inf"), "{} years", 365.25 * _DAY),
)
_SINGULAR = {
    "{} minutes": "a minute",
    "{} hours": "an hour",
    "{} days": "a day",
    "{} months": "a month",
    "{} years": "a year",
}


def style(text: str, code: str, color: bool) -> str:
    """`text` in one ANSI style, or unchanged when the output is not a terminal."""
    return f"\x1b[{code}m{text}\x1b[{_OFF[code]}m" if color and text else text


def relative_time(when: datetime, now: datetime) -> str:
    """What Discord shows for <t:…:R>: "in 3 months", "2 hours ago"."""
    seconds = (when - now).total_seconds()
    span = abs(seconds)
    phrase, unit = next((p, u) for limit, p, u in _RELATIVE if span < limit)
    if unit:
        count = max(1, round(span / unit))
        phrase = _SINGULAR[phrase] if count == 1 else phrase.format(count)
    return f"in {phrase}" if seconds >= 0 else f"{phrase} ago"


def format_timestamp(when: datetime, style_code: str, now: datetime) -> str:
    """One Discord timestamp style (t, T, d, D, f, F, R) in words, in UTC."""
    when = when.astimezone(UTC)
    day = f"{when:%B} {when.day}, {when.year}"
    return {
        "t": f"{when:%H:%M} UTC",
        "T": f"{when:%H:%M:%S} UTC",
        "d": f"{when:%Y-%m-%d}",
        "D": day,
        "f": f"{day} at {when:%H:%M} UTC",
        "F": f"{when:%A}, {day} at {when:%H:%M} UTC",
        "R": relative_time(when, now),
    }[style_code]


def render_markdown(text: str, double: DiscordDouble, *, now: datetime, color: bool) -> str:
    """Discord markup as terminal text: styles as ANSI (or dropped), mentions and timestamps
    as names and dates, escapes undone."""
    stash: list[str] = []

    def keep(rendered: str) -> str:
        # Finished pieces wait outside the text, so later rules cannot touch their characters.
        stash.append(rendered)
        return f"\ue000{len(stash) - 1}\ue001"

    text = _ESCAPE.sub(lambda m: keep(m[1]), text)
    text = _CODE.sub(lambda m: keep(style(m[1], REVERSE, color)), text)
    text = _TIMESTAMP.sub(lambda m: keep(_timestamp(m, now)), text)
    text = _MENTION.sub(lambda m: keep(style(_mention(m[1], int(m[2]), double), CYAN, color)), text)
    # Before the styles, so underscores in an address are not read as italics.
    text = _LINK.sub(lambda m: keep(f"{style(m[1], UNDERLINE, color)} ({m[2]})"), text)
    for pattern, code in _INLINE:

        def styled(match: re.Match[str], code: str = code) -> str:
            return style(match[1], code, color)

        text = pattern.sub(styled, text)
    text = _HEADING.sub(lambda m: style(m[1], BOLD, color), text)
    text = _SUBTEXT.sub(lambda m: style(m[1], DIM, color), text)
    text = _QUOTE.sub("│ ", text)

    def restore(match: re.Match[str]) -> str:
        return _STASHED.sub(restore, stash[int(match[1])])  # a kept link may hold kept escapes

    return _STASHED.sub(restore, text)


def _timestamp(match: re.Match[str], now: datetime) -> str:
    try:
        when = datetime.fromtimestamp(int(match[1]), UTC)
    except (OverflowError, OSError, ValueError):
        return match[0]  # Discord shows an impossible timestamp as typed, too
    return format_timestamp(when, match[2] or "f", now)


def _mention(kind: str, target: int, double: DiscordDouble) -> str:
    if kind == "#":
        channel = double.channels.get(target)
        return f"#{channel.name}" if channel else "#unknown-channel"
    if kind == "@&":
        roles = (guild.roles.get(target) for guild in double.guilds.values())
        role = next((r for r in roles if r is not None), None)
        return f"@{role.name}" if role else "@unknown-role"
    user = double.users.get(target)
    return f"@{user.username}" if user else "@unknown-user"


def visible_width(text: str) -> int:
    """Columns `text` takes in a terminal: no ANSI codes, wide characters count twice."""
    width = 0
    for char in _SGR.sub("", text):
        if unicodedata.combining(char) or unicodedata.category(char) in ("Cf", "Me"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def wrap(text: str, width: int) -> list[str]:
    """Word-wrap to `width` columns; a style open at a line's end is closed there and reopened
    on the next line, so box borders and prompts never inherit it."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.rstrip().split(" "):
            for piece in _split_long(word, width):
                joined = f"{current} {piece}" if current else piece
                if current and visible_width(joined) > width:
                    lines.append(current)
                    joined = piece
                current = joined
        lines.append(current)
    return _carry_styles(lines)


def _split_long(word: str, width: int) -> list[str]:
    if visible_width(word) <= width:
        return [word]
    pieces, current = [], ""
    for atom in re.findall(r"\x1b\[[0-9;]*m|.", word, re.DOTALL):
        if visible_width(current + atom) > width:
            pieces.append(current)
            current = ""
        current += atom
    return [*pieces, current]


def _carry_styles(lines: list[str]) -> list[str]:
    carried: list[str] = []
    out = []
    for line in lines:
        line = "".join(f"\x1b[{code}m" for code in carried) + line
        for params in _SGR.findall(line):
            for code in params.split(";"):
                if code in ("", "0"):
                    carried = []
                elif code in _OFF:
                    carried.append(code)
                else:
                    carried = [c for c in carried if _OFF[c] != code]
        out.append(line + ("\x1b[0m" if carried else ""))
    return out


def _box(text: str, width: int, edge: Callable[[str], str]) -> list[str]:
    """`text` in a rounded box at most `width` wide; `edge` paints the left side (Discord's
    coloured embed bar)."""
    lines = wrap(text, max(width - 4, 1))
    inner = max(visible_width(line) for line in lines)
    return [
        edge("╭") + "─" * (inner + 2) + "╮",
        *(f"{edge('│')} {line}{' ' * (inner - visible_width(line))} │" for line in lines),
        edge("╰") + "─" * (inner + 2) + "╯",
    ]


def _embed(
    embed: dict[str, Any], markdown: Callable[[str], str], width: int, color: bool, now: datetime
) -> list[str]:
    head = [style(markdown(embed["title"]), BOLD, color)] if embed.get("title") else []
    if embed.get("description"):
        head.append(markdown(embed["description"]))
    blocks = ["\n".join(head)] if head else []
    for field in embed.get("fields") or []:
        blocks.append(f"{style(markdown(field['name']), BOLD, color)}\n{markdown(field['value'])}")
    footer = [(embed.get("footer") or {}).get("text", "")]
    if embed.get("timestamp"):
        footer.append(format_timestamp(datetime.fromisoformat(embed["timestamp"]), "f", now))
    if any(footer):
        blocks.append(style(" · ".join(p for p in footer if p), DIM, color))

    def edge(char: str) -> str:
        if not color or embed.get("color") is None:
            return char
        rgb = embed["color"]
        return f"\x1b[38;2;{rgb >> 16};{rgb >> 8 & 255};{rgb & 255}m{char}\x1b[39m"

    return _box("\n\n".join(blocks) or " ", width, edge)


def _button(button: dict[str, Any], color: bool) -> str:
    """An enabled button is a bold [ label ]; a disabled one says so in words and, in colour,
    is dim and struck through too (dim alone is invisible in many terminal themes)."""
    label = button.get("label") or button.get("custom_id", "?")
    if not button.get("disabled"):
        return style(f"[ {label} ]", BOLD, color)
    return style(f"[ {style(label, STRIKE, color)} (disabled) ]", DIM, color)


def render_message(
    message: Message, double: DiscordDouble, *, now: datetime, color: bool, width: int = 80
) -> str:
    """A message as a terminal would show it: content, each embed in a box, then buttons."""

    def markdown(text: str) -> str:
        return render_markdown(text, double, now=now, color=color)

    lines = wrap(markdown(message.content), width) if message.content else []
    for embed in message.embeds:
        lines += _embed(embed, markdown, width, color, now)
    for row in message.components:
        buttons = [c for c in row.get("components", []) if c.get("type") == 2]
        if buttons:
            lines += wrap(" ".join(_button(b, color) for b in buttons), width)
    return "\n".join(lines)
