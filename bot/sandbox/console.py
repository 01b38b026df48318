"""`python -m bot sandbox`: a local Discord (the double), the real bot, and a console to drive it.

Besides Discord, the sandbox serves a TVmaze with a few made-up shows and a made-up TV news site
with an RSS feed, all on 127.0.0.1. The server, its members and the application keep fixed ids,
so the sandbox's own database (never the bot's, unless DATABASE_PATH says so) still makes sense
on the next run.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import difflib
import logging
import os
import re
import shlex
import shutil
import socket
import sys
import threading
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from bot.app import PremiereBot
from bot.articles import Fetcher, FetchPolicy
from bot.clock import AdjustableClock
from bot.config import TVMAZE_API_BASE, Settings
from bot.sandbox.double import (
    Channel,
    DiscordDouble,
    DoubleConfig,
    Guild,
    Interaction,
    InvocationError,
    Member,
    Message,
    Perm,
    User,
)
from bot.sandbox.double.options import OPTION_CHANNEL, OPTION_ROLE, OPTION_USER
from bot.sandbox.news import SITE_NAME, NewsSite
from bot.sandbox.render_terminal import BOLD, DIM, render_message, style
from bot.sandbox.tvmaze import TvmazeDouble, add_sample_shows

log = logging.getLogger(__name__)

# The sandbox's own database: fast-forwarding with :advance spends the countdowns it holds, so
# it is never the bot's (data/premiere-bot.sqlite3) unless DATABASE_PATH names that. A file,
# not a temporary one, so what you set up stays for the next run (data/*.sqlite3 is ignored
# by git).
SANDBOX_DATABASE_PATH = Path("data/sandbox.sqlite3")
FEED_PLACEHOLDER = "$FEED"  # in a console line, the sandbox news feed's address
MESSAGE_COMMAND = 3

APPLICATION_ID = 1_100_000_000_000_000_001
GUILD_ID = 1_100_000_000_000_000_002
YOU_ID = 1_100_000_000_000_000_003
ALEX_ID = 1_100_000_000_000_000_004
OTHER_IDS = 1_100_000_000_000_000_100  # roles, channels and the owner, numbered from here

READY_TIMEOUT = 15.0
REPLY_TIMEOUT = 5.0
SETTLE_SECONDS = 0.05  # quiet time after a reply before we stop looking for other bot posts

OPTION_KINDS = {
    3: "text",
    4: "integer",
    5: "true/false",
    OPTION_USER: "@member",
    OPTION_CHANNEL: "#channel",
    OPTION_ROLE: "@role",
    10: "number",
}
CONSOLE_HELP = (
    ("/command name:value …", "run a slash command as the current member"),
    (":complete /command option:typed", "what the bot suggests for an option"),
    (":click LABEL", "press a button here (or else in your DMs), e.g. :click Next"),
    (':apply "APP" [TEXT]', "use a message command (right-click → Apps) on TEXT, posted"),
    ("", "as your message, or on the latest message here"),
    (":say TEXT", "post TEXT as your own message in this channel"),
    (":shows", "the made-up shows the sandbox's TVmaze knows"),
    (":as MEMBER", "act as another member"),
    (":in #CHANNEL", "switch channel (or :channel NAME)"),
    (":advance 1d", "move the sandbox clock on (w, d, h, m); reminders due on the way fire"),
    (":time", "what time it is in the sandbox"),
    (":help", "this help"),
    (":quit", "leave (Ctrl-D works too)"),
)


class Refusal(Exception):
    """A line the console cannot run; `hints` say what would work."""

    def __init__(self, message: str, *hints: str) -> None:
        super().__init__(message)
        self.hints = list(hints)


def build_server(double: DiscordDouble) -> Guild:
    """The sample server: Sandbox, with "you" (a moderator), "alex", #general and #premieres.

    Every id is the same on each run, so what the database keeps about channels and roles
    (the announcement channel, say) still fits."""
    with double.fixed_ids(OTHER_IDS):
        guild = double.add_guild("Sandbox", id=GUILD_ID)
        moderators = double.add_role(guild, "Moderators", Perm.MANAGE_GUILD)
        double.add_member(guild, "you", roles=[moderators], id=YOU_ID)
        double.add_member(guild, "alex", id=ALEX_ID)
        double.add_channel(guild, "premieres")
    return guild


def command_leaves(definitions: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each runnable command path ("show add") and its definition (description, options)."""
    leaves: dict[str, dict[str, Any]] = {}

    def walk(path: str, node: dict[str, Any]) -> None:
        subs = [o for o in node.get("options") or [] if o["type"] in (1, 2)]
        if not subs:
            leaves[path] = node
        for sub in subs:
            walk(f"{path} {sub['name']}", sub)

    for name, definition in definitions.items():
        if definition.get("type", 1) == 1:
            walk(name, definition)
    return leaves


def usage(path: str, leaf: dict[str, Any]) -> str:
    parts = [f"/{path}"]
    for option in leaf.get("options") or []:
        part = f"{option['name']}:<{OPTION_KINDS.get(option['type'], 'value')}>"
        parts.append(part if option.get("required") else f"[{part}]")
    return " ".join(parts)


def parse_slash(line: str, leaves: dict[str, dict[str, Any]]) -> tuple[str, dict[str, str]]:
    """Split `/show add title:Jessica Jones season:2` into ("show add", {title:…, season:…}).

    As in Discord's own box, a value may run on over spaces until the next option name.
    A word with a colon starts a new option when it names one of the command's options, is
    the first, or is close to an option's name (a typo is reported, not swallowed)."""
    lexer = shlex.shlex(line.strip().removeprefix("/"), posix=True)
    lexer.whitespace_split = True
    lexer.quotes = '"'  # apostrophes belong to titles ("Grey's Anatomy"), they don't quote
    lexer.commenters = ""  # "#" names a channel here
    try:
        tokens = list(lexer)
    except ValueError:
        raise Refusal(
            'A double quote is not closed. Quote values like title:"Jessica Jones".'
        ) from None
    words: list[str] = []
    while tokens and ":" not in tokens[0]:
        words.append(tokens.pop(0).lower())
    path = " ".join(words)
    declared = [o["name"] for o in leaves.get(path, {}).get("options") or []]
    options: dict[str, str] = {}
    last: str | None = None
    for token in tokens:
        name, colon, value = token.partition(":")
        if colon and (last is None or name in declared or _close(name, declared)):
            if name in options:
                raise Refusal(f"{name} is given twice.")
            options[name], last = value, name
        elif last is not None:
            options[last] += f" {token}"
    return path, options


def parse_duration(text: str) -> timedelta:
    """ "1d", "2h30m", "1w": how far to move the sandbox clock."""
    parts = re.findall(r"(\d+)\s*([wdhm])", text.strip().lower())
    if not parts or re.sub(r"[\d\swdhm]", "", text.lower()):
        raise Refusal(
            f'"{text.strip()}" is not a duration.', "Try :advance 1d, :advance 6h or :advance 1w2d."
        )
    units = {
        "w": timedelta(weeks=1),
        "d": timedelta(days=1),
        "h": timedelta(hours=1),
        "m": timedelta(minutes=1),
    }
    return sum((int(amount) * units[unit] for amount, unit in parts), timedelta(0))


def _close(word: str, candidates: list[str]) -> str | None:
    return next(iter(difflib.get_close_matches(word, candidates, n=1)), None)


def _label_key(label: str) -> str:
    """Labels compared without arrows, emoji or case, so `:click next` finds "Next ▶"."""
    return re.sub(r"[\W_]+", " ", label).strip().casefold()


class Console:
    """Reads console lines, acts as one member in one channel, and prints what the bot did."""

    def __init__(
        self,
        double: DiscordDouble,
        guild: Guild,
        bot: PremiereBot,
        clock: AdjustableClock,
        out: TextIO,
        *,
        color: bool,
        width: int,
        tvmaze: TvmazeDouble | None = None,
        news: NewsSite | None = None,
    ) -> None:
        self.double, self.guild, self.bot, self.clock, self.out = double, guild, bot, clock, out
        self.color, self.width = color, width
        self.tvmaze, self.news = tvmaze, news
        self.people = {
            m.user.username: m for m in guild.members.values() if m.id in (YOU_ID, ALEX_ID)
        }
        self.actor = self.people["you"]
        self.channel = double.channel_named(guild, "general")
        self.seen: set[int] = set(double.messages)
        self.handlers: dict[str, Callable[[str], Awaitable[None]]] = {
            ":complete": self.complete,
            ":click": self.click,
            ":apply": self.apply,
            ":say": self.say,
            ":shows": self.shows,
            ":as": self.act_as,
            ":in": self.move,
            ":channel": self.move,
            ":help": self.help,
            ":advance": self.advance,
            ":time": self.time,
        }

    # ------------------------------------------------------------------ the loop

    @property
    def prompt(self) -> str:
        return style(f"{self.actor.user.username} in #{self.channel.name}>", BOLD, self.color) + " "

    async def run(self, read: Callable[[], Awaitable[str | None]], *, echo: bool) -> int:
        """Run lines until EOF or :quit; 1 if the console refused any line, else 0."""
        status = 0
        while True:
            if not echo:
                self.write(self.prompt, end="")
            try:
                raw = await read()
            except asyncio.CancelledError:
                self.write("")  # Ctrl-C at the prompt: leave the shell a fresh line
                raise
            if raw is None:
                if not echo:
                    self.write("")  # end the prompt's line, so the shell starts on a fresh one
                return status
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if echo:
                self.write(self.prompt + line)
            if line == ":quit":
                return status
            if not await self.handle(line):
                status = 1
            self.show_unseen()
            self.write("")

    async def handle(self, line: str) -> bool:
        """Run one line; False when the console (not the bot) refused it. Nothing typed ends
        the sandbox: a line that trips over something unforeseen is reported and skipped."""
        if self.news is not None:
            line = line.replace(FEED_PLACEHOLDER, self.news.feed_url)
        try:
            if line.startswith("/"):
                await self.slash(line)
            elif line.startswith(":"):
                word, _, rest = line.partition(" ")
                handler = self.handlers.get(word)
                if handler is None:
                    known = [*self.handlers, ":quit"]
                    guess = _close(word, known)
                    raise Refusal(
                        f"Unknown console command {word}.",
                        *([f"Did you mean {guess}?"] if guess else []),
                        f"Console commands: {', '.join(known)}",
                    )
                await handler(rest.strip())
            else:
                raise Refusal(
                    "Start a line with / for a slash command or : for a console command.",
                    "Type :help to see them all.",
                )
        except (Refusal, InvocationError) as refusal:
            self.write(style(f"✗ {refusal}", BOLD, self.color))
            for hint in refusal.hints:
                self.write(f"  {hint}")
            return False
        except Exception as error:
            log.debug("the console failed on %r", line, exc_info=True)
            self.write(style(f"✗ The sandbox could not run that line: {error!r}", BOLD, self.color))
            self.write("  The sandbox carries on; :help lists what it understands.")
            return False
        return True

    # ------------------------------------------------------------------ console commands

    async def slash(self, line: str) -> None:
        leaves = self.leaves()
        path, typed = parse_slash(line, leaves)
        try:
            # Channels, roles and members go by name (#general, @Moderators, alex) or mention;
            # the double resolves them as Discord's client would.
            interaction = await self.double.invoke(self.actor, self.channel, path, **typed)
        except InvocationError as error:
            raise Refusal(str(error), *error.hints, *self.hints(path, typed)) from None
        await self.show_answer(interaction)

    async def complete(self, rest: str) -> None:
        if not rest.startswith("/"):
            raise Refusal("Write the command as you would type it: :complete /show remove show:jes")
        leaves = self.leaves()
        path, typed = parse_slash(rest, leaves)
        if typed:
            focused = list(typed)[-1]
            value = typed.pop(focused)
        else:  # nothing typed yet: the first option that offers suggestions
            options = leaves.get(path, {}).get("options") or []
            focused = next((o["name"] for o in options if o.get("autocomplete")), "")
            if not focused and path in leaves:
                raise Refusal(f"/{path} has no option that suggests values.")
            value = ""
        try:
            choices = await self.double.autocomplete(
                self.actor, self.channel, path, focused=focused, value=value, **typed
            )
        except InvocationError as error:
            hints = self.hints(path, {**typed, focused: value})
            raise Refusal(str(error), *error.hints, *hints) from None
        except TimeoutError:
            self.write("The application did not respond.")
            return
        if not choices:
            self.write(f'No suggestions for {focused}:"{value}".')
        for number, choice in enumerate(choices, 1):
            name, value = choice["name"], choice["value"]
            sent = "" if value == name else " " + style(f"(sends {value})", DIM, self.color)
            self.write(f"{number:>3}. {name}{sent}")

    async def click(self, label: str) -> None:
        if not label:
            raise Refusal("Say which button: :click Next ▶ (or just :click next)")
        message, button = self.find_button(label)
        # In a DM there is no server: the click comes from the user, not the member.
        clicker: Member | User = self.actor if message.guild_id else self.actor.user
        interaction = await self.double.click(clicker, message, button)
        await self.show_answer(interaction)

    async def apply(self, rest: str) -> None:
        menus = [
            name
            for name, definition in self.double.commands_for(self.guild).items()
            if definition.get("type") == MESSAGE_COMMAND
        ]
        listed = ", ".join(f'"{name}"' for name in menus) or "none"
        name, text = _split_app_name(rest, menus)
        if name is None:
            raise Refusal(
                f"Say which app to use: {listed}.",
                ':apply "Summarize article" https://… posts the link as your message and uses '
                "the app on it; without text it uses the latest message here.",
            )
        if text:
            target = self.double.post_as(self.actor, self.channel, text)
            self.seen.add(target.id)  # the line itself already shows what was posted
        else:
            found = next(
                (
                    m
                    for m in reversed(self.double.messages.values())
                    if self.can_see(m) and not m.ephemeral
                ),
                None,
            )
            if found is None:
                raise Refusal(f"No message in #{self.channel.name} to use {name!r} on.")
            target = found
        interaction = await self.double.invoke_on_message(self.actor, target, name)
        await self.show_answer(interaction)

    async def say(self, text: str) -> None:
        if not text:
            raise Refusal("Say what: :say https://example.com/news/story")
        self.seen.add(self.double.post_as(self.actor, self.channel, text).id)
        posted = f"#{self.channel.name} · {self.actor.user.username}: {text}"
        self.write(style(posted, DIM, self.color))

    async def shows(self, _rest: str = "") -> None:
        if self.tvmaze is None:
            self.write("TVmaze is the one TVMAZE_API_BASE names, not the sandbox's own.")
            return
        self.write(style("Made-up shows the sandbox's TVmaze knows", BOLD, self.color))
        for line in self.tvmaze.catalogue():
            self.write(f"  {line}")
        self.write('Try /show add title:"Quiet Valley" (no premiere: TVmaze gives the date).')
        self.write("With announce:episodes every episode is posted as it airs (:advance 1w).")

    async def act_as(self, name: str) -> None:
        member = self.people.get(name.lstrip("@").lower())
        if member is None:
            raise Refusal(f"No member called {name!r}.", f"Members: {', '.join(self.people)}")
        self.actor = member
        self.write(f"Now acting as {member.user.username} ({self.roles_of(member)}).")

    async def move(self, name: str) -> None:
        channel = self.channel_called(name)
        if channel is None:
            raise Refusal(f"No channel called {name!r}.", f"Channels: {self.channel_names()}")
        self.channel = channel
        self.write(f"Now in #{channel.name}.")

    async def advance(self, rest: str) -> None:
        step = parse_duration(rest)
        target = self.clock.now() + step
        # Step from one due time to the next, so each reminder (and weekly digest) fires on
        # time, as it would have with the real clock, rather than all at once as after downtime.
        while (due := await self._next_due()) is not None and due <= target:
            self.clock.move_to(due)
            await self.bot.reminders.catch_up()
            await self.bot.digest.catch_up()
            await self.settle()
            self.show_unseen()  # now, while "in 1 day" still reads true
        self.clock.move_to(target)
        await self.bot.reminders.catch_up()
        await self.bot.digest.catch_up()
        await self.bot.feeds.catch_up()  # feeds due by now are checked, as the timer would
        await self.settle()
        await self.time()

    async def _next_due(self) -> datetime | None:
        """The next moment a reminder or a digest is due."""
        due = [
            moment
            for moment in (
                await self.bot.reminders.store.next_wake(),
                await self.bot.digest.store.next_wake(),
            )
            if moment is not None
        ]
        return min(due, default=None)

    async def time(self, _rest: str = "") -> None:
        now = self.clock.now()
        self.write(style(f"Sandbox time: {now:%A, %B %-d, %Y at %H:%M} UTC", DIM, self.color))

    async def help(self, _rest: str = "") -> None:
        self.write(style("Console", BOLD, self.color))
        for command, what in CONSOLE_HELP:
            self.write(f"  {command:<33} {what}")
        self.write(f"  Members: {', '.join(self.people)}. Channels: {self.channel_names()}.")
        self.write("  Name channels, roles and members as #general, @Moderators or @everyone.")
        if self.news is not None:
            self.write(
                f"  News feed: {self.news.feed_url} ({FEED_PLACEHOLDER} in a line stands for it):"
                f" /feed add url:{FEED_PLACEHOLDER}, then :advance 1h for its next story."
            )
        self.write(style(f"Slash commands in {self.guild.name}", BOLD, self.color))
        for path, leaf in sorted(self.leaves().items()):
            self.write(f"  {usage(path, leaf)}")
            self.write(style(f"      {leaf.get('description', '')}", DIM, self.color))
        self.write('Example: /show add title:"Jessica Jones" season:2 premiere:"March 8 2027"')
        self.write('Quote values that contain a colon: title:"Star Trek: Picard".')

    # ------------------------------------------------------------------ helpers

    def leaves(self) -> dict[str, dict[str, Any]]:
        return command_leaves(self.double.commands_for(self.guild))

    def hints(self, path: str, typed: dict[str, str]) -> list[str]:
        """Guesses for a mistyped command or option names, and the command's usage."""
        leaves = self.leaves()
        if path not in leaves:
            if any(leaf.startswith(f"{path} ") for leaf in leaves):
                return []  # a group without its subcommand: the double's message lists them
            guess = _close(path, list(leaves))
            return [f"Did you mean /{guess}?"] if guess else []
        declared = [o["name"] for o in leaves[path].get("options") or []]
        guesses = [_close(name, declared) for name in typed if name not in declared]
        return [f"Did you mean {g}?" for g in guesses if g] + [
            f"Usage: {usage(path, leaves[path])}"
        ]

    def find_button(self, label: str) -> tuple[Message, str]:
        """The newest message with a matching button: in this channel (as the actor sees it),
        else in the actor's DMs with the bot."""
        newest = list(reversed(self.double.messages.values()))
        visible = [m for m in newest if self.can_see(m)]
        dm = self.double.dm_channels.get(self.actor.id)
        in_dms = [m for m in newest if dm and m.channel_id == dm.id and not m.deleted]

        def exact(text: str) -> bool:
            return text == label

        def loose(text: str) -> bool:
            return _label_key(text) == _label_key(label)

        for messages in (visible, in_dms):
            for matches in (exact, loose):
                for message in messages:
                    for button in message.buttons():
                        if button.get("label") and matches(button["label"]):
                            return message, button["label"]
        latest = next((m for m in visible if m.buttons()), None)
        hint = (
            "Buttons on the latest message: "
            + " ".join(f"[ {b.get('label')} ]" for b in latest.buttons())
            if latest
            else "No message here has buttons."
        )
        raise Refusal(
            f"No message in #{self.channel.name} or your DMs has a button {label!r}.", hint
        )

    def can_see(self, message: Message) -> bool:
        if message.deleted or message.channel_id != self.channel.id:
            return False
        return not message.ephemeral or self.ephemeral_owner(message) == self.actor.id

    def ephemeral_owner(self, message: Message) -> int | None:
        interaction = self.double.interactions.get(message.interaction_id or 0)
        return interaction.user_id if interaction else None

    async def show_answer(self, interaction: Interaction) -> None:
        """Print the bot's answer to `interaction`, then give it a moment to post elsewhere."""
        try:
            reply = await self.double.reply(interaction, timeout=REPLY_TIMEOUT)
        except TimeoutError:
            self.write("The application did not respond.")  # what Discord's client says
            return
        self.seen.add(reply.id)
        note = " (only you can see this)" if reply.ephemeral else ""
        self.print_message(
            style(reply.author.username, BOLD, self.color) + style(note, DIM, self.color), reply
        )
        await self.settle()

    async def settle(self) -> None:
        """Wait until the bot has posted nothing new for SETTLE_SECONDS: it may announce
        something elsewhere right after answering, and that belongs to this line's output."""
        while True:
            count = len(self.double.messages)

            def posted(count: int = count) -> bool:
                return len(self.double.messages) != count

            try:
                await self.double.wait_for(posted, timeout=SETTLE_SECONDS)
            except TimeoutError:
                return

    def show_unseen(self) -> None:
        """Print what the bot posted since the last line besides its answer: channel posts, DMs,
        followups."""
        for message in list(self.double.messages.values()):
            if message.id in self.seen or message.loading or message.deleted:
                continue
            self.seen.add(message.id)
            owner = self.ephemeral_owner(message) if message.ephemeral else None
            if message.ephemeral and owner != self.actor.id:
                continue  # someone else's private reply
            channel = self.double.channels[message.channel_id]
            where = (
                f"#{channel.name}" if channel.type != 1 else f"DM → {self.dm_recipient(channel)}"
            )
            note = " (only you can see this)" if message.ephemeral else ""
            header = style(f"{where} · {message.author.username}", BOLD, self.color)
            self.print_message(header + style(note, DIM, self.color), message)

    def dm_recipient(self, channel: Channel) -> str:
        user = self.double.users.get(channel.recipient_id or 0)
        return user.username if user else "someone"

    def print_message(self, header: str, message: Message) -> None:
        self.write(header)
        now = self.clock.now()
        self.write(
            render_message(message, self.double, now=now, color=self.color, width=self.width)
        )

    def roles_of(self, member: Member) -> str:
        names = [self.guild.roles[r].name for r in member.role_ids]
        return ", ".join(names) or "no roles"

    def channel_called(self, name: str) -> Channel | None:
        wanted = name.lstrip("#").lower()
        return next((c for c in self.guild.channels.values() if c.name == wanted), None)

    def channel_names(self) -> str:
        return ", ".join(f"#{c.name}" for c in self.guild.channels.values())

    def banner(self, database: Path) -> None:
        people = " · ".join(f"{n} ({self.roles_of(m)})" for n, m in self.people.items())
        self.write(
            style("Premiere Bot sandbox: a local Discord with the real bot in it", BOLD, self.color)
        )
        self.write(f"  Server    {self.guild.name}  (Moderators have Manage Server)")
        self.write(f"  Members   {people}")
        self.write(f"  Channels  {self.channel_names()}")
        own = database.resolve() == SANDBOX_DATABASE_PATH.resolve()
        note = " (the sandbox's own; DATABASE_PATH picks another)" if own else ""
        self.write(f"  Database  {database.resolve()}{note}")
        if self.tvmaze is not None:
            self.write(f"  TVmaze    made-up shows: {', '.join(self.tvmaze.names())} (:shows)")
        if self.news is not None:
            self.write(
                f"  News      {SITE_NAME}: /feed add url:{self.news.feed_url}"
                f" (or url:{FEED_PLACEHOLDER})"
            )
        self.write("Try /show list. :help lists everything; :quit or Ctrl-D leaves.")
        self.write("")

    def write(self, text: str, end: str = "\n") -> None:
        self.out.write(text + end)
        self.out.flush()


def _stdin_reader(stdin: TextIO) -> Callable[[], Awaitable[str | None]]:
    """Lines from `stdin` without blocking the bot. A daemon thread reads them, so a Ctrl-C
    while it waits for input never has to wait for that input to arrive."""
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str | None] = asyncio.Queue()

    def deliver(line: str | None) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is gone: the console has finished
            loop.call_soon_threadsafe(lines.put_nowait, line)

    def pump() -> None:
        for line in iter(stdin.readline, ""):
            deliver(line)
        deliver(None)

    threading.Thread(target=pump, name="sandbox-stdin", daemon=True).start()
    return lines.get


def _script_reader(script: Path) -> Callable[[], Awaitable[str | None]]:
    """The script's lines, read now, so a missing file stops the sandbox before it starts."""
    pending = script.read_text(encoding="utf-8").splitlines()

    async def read() -> str | None:
        return pending.pop(0) if pending else None

    return read


async def _wait_ready(bot: PremiereBot, task: asyncio.Task[None]) -> BaseException | None:
    """Wait until the bot is ready; what stopped it if it could not start."""
    ready = asyncio.create_task(bot.wait_until_ready())
    done, _ = await asyncio.wait(
        {task, ready}, timeout=READY_TIMEOUT, return_when=asyncio.FIRST_COMPLETED
    )
    if ready in done:
        return None
    ready.cancel()
    if task in done:
        return task.exception() or RuntimeError("the bot stopped while starting")
    return TimeoutError(f"not ready after {READY_TIMEOUT:.0f} seconds")


async def run_sandbox(
    settings: Settings,
    script: Path | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Start the doubles and the bot, run the console (or `script`), stop them all; the exit
    status: 0 if every line ran, 1 if the console refused one, 2 if the sandbox could not start.

    Discord, TVmaze (with a few made-up shows, unless TVMAZE_API_BASE names another) and a
    made-up TV news site are all served on 127.0.0.1: nothing leaves the machine."""
    out = stdout or sys.stdout
    try:
        read = _script_reader(script) if script is not None else None
    except OSError as error:
        out.write(f"Cannot read the script {script}: {error.strerror}\n")
        return 2
    clock = AdjustableClock()
    double = DiscordDouble(DoubleConfig(application_id=APPLICATION_ID))
    news = NewsSite(clock.now)
    tvmaze: TvmazeDouble | None = None
    async with contextlib.AsyncExitStack() as running:
        await double.start()
        running.push_async_callback(double.stop)
        await news.start()
        running.push_async_callback(news.stop)
        if settings.tvmaze_api_base == TVMAZE_API_BASE:
            tvmaze = TvmazeDouble()
            add_sample_shows(tvmaze, clock.now().date())
            await tvmaze.start()
            running.push_async_callback(tvmaze.stop)
            settings = dataclasses.replace(settings, tvmaze_api_base=tvmaze.base_url)
        if settings.public_url is None:
            # Calendars on, served on a free local port: /calendar link gives working links.
            port = _free_port()
            settings = dataclasses.replace(
                settings,
                web_host="127.0.0.1",
                web_port=port,
                public_url=f"http://127.0.0.1:{port}",
            )
        sandbox = Sandbox(double, clock, tvmaze, news)
        return await sandbox.run(settings, read, stdin or sys.stdin, out)


def _free_port() -> int:
    """A port nothing listens on now, for the calendar server the sandbox starts."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclasses.dataclass
class Sandbox:
    """What the console runs against: the doubles, the news site and the sandbox clock."""

    double: DiscordDouble
    clock: AdjustableClock
    tvmaze: TvmazeDouble | None
    news: NewsSite

    async def run(
        self,
        settings: Settings,
        script: Callable[[], Awaitable[str | None]] | None,
        stdin: TextIO,
        out: TextIO,
    ) -> int:
        double = self.double
        guild = build_server(double)
        # The bot's fetcher may reach the news site, and only it, on 127.0.0.1: the same seam
        # the tests use. The guard stays as it is for every other address.
        fetcher = Fetcher(FetchPolicy(allow=frozenset({("127.0.0.1", self.news.port)})))
        bot = PremiereBot(
            dataclasses.replace(
                settings,
                discord_token=double.token,
                discord_api_base=double.api_base,
                discord_gateway_url=double.gateway_url,
                # Sync to the sandbox server at every start: each run's double starts empty,
                # while the hash of a global sync lives in the database and would skip it.
                dev_guild_id=guild.id,
            ),
            clock=self.clock,
            article_fetcher=fetcher,
            guild_ready_timeout=0.05,
        )
        task = asyncio.create_task(bot.start(double.token))
        try:
            if (error := await _wait_ready(bot, task)) is not None:
                out.write(f"The bot did not start: {error}\n")
                return 2
            console = Console(
                double,
                guild,
                bot,
                self.clock,
                out,
                color=out.isatty() and not os.environ.get("NO_COLOR"),
                width=shutil.get_terminal_size().columns,
                tvmaze=self.tvmaze,
                news=self.news,
            )
            console.banner(settings.database_path)
            if bot.calendar_site is not None:
                out.write(
                    f"Calendars are served at {bot.calendar_site.base_url} "
                    "(/calendar link gives this server's page and feed).\n"
                )
            if script is not None:
                return await console.run(script, echo=True)
            return await console.run(_stdin_reader(stdin), echo=not stdin.isatty())
        finally:
            if not bot.is_closed():
                await bot.close()
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


def _split_app_name(rest: str, names: list[str]) -> tuple[str | None, str]:
    """'"Summarize article" https://…' → ("Summarize article", "https://…"); the name may be
    quoted or not, in any case. (None, "") when no app of `names` starts the line."""
    text = rest.strip()
    if text.startswith('"'):
        quoted, closed, after = text[1:].partition('"')
        wanted = quoted.strip().casefold()
        found = next((n for n in names if n.casefold() == wanted), None) if closed else None
        return (found, after.strip()) if found else (None, "")
    for name in sorted(names, key=len, reverse=True):
        if text.casefold().startswith(name.casefold()):
            return name, text[len(name) :].strip()
    return None, ""
