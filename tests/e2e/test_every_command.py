"""Every command, with whatever Discord could send (and some things it would not), as managers
and as members, several at once: no answer is the generic apology, no answer pings @everyone,
@here or a role, and nothing of another server shows through.

The commands and their options are read from the tree the bot synced to the double, so a new
command or option is fuzzed without touching this file.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import PremiereBot
from bot.articles import Fetcher, FetchPolicy
from bot.sandbox.double import DiscordDouble, InvocationError, Message
from tests.conftest import StartBot, World, build_world
from tests.e2e.unchecked_options import drop_option_bounds

pytestmark = pytest.mark.usefixtures("at_t0")

# Discord's option types.
SUBCOMMAND, GROUP, STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, NUMBER = (
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8,
    10,
)
CHAT_INPUT, MESSAGE = 1, 3

APOLOGY = "Something went wrong"
SECRET = "Elsewhere Only Show"  # tracked by the other server alone
TRICKY_TEXT = [
    "{0}",
    "{}",
    "%s",
    "0",
    "-1",
    "9" * 30,
    "@everyone",
    "@here",
    "<@&ROLE_ID>",
    "<@USER_ID>",
    "<#CHANNEL_ID>",
    "🎬📺",
    "**bold** __under__ `code`",
    "today",
    "tonight",
    "today 9am",
    "March 8 2027 9pm ET",
    "https://example.com:99999/story",
    "https://[::1/story",
    "http://127.0.0.1:9/feed",
    "tvmaze:1",
    "Europe/Berlin",
    "7d,1d,1h,0",
    "x" * 5000,
    SECRET,
    "Jessica Jones",
    "jessica",
    "SHOW_ID",
    "OTHER_SHOW_ID",
]
odd_integers = st.one_of(
    st.integers(-3, 30),
    st.sampled_from([0, -1, 2**31, 2**63, 2**63 - 1, -(2**63), 10**30]),
    st.integers(-(2**70), 2**70),
)


@dataclass
class Servers:
    bot: PremiereBot
    double: DiscordDouble
    here: World
    elsewhere: World
    show_id: int
    other_show_id: int


@dataclass(frozen=True)
class Call:
    """One member using one command."""

    as_manager: bool
    command: str  # "show add", or a message command's name
    kind: int
    options: dict[str, Any]


def leaf_commands(definitions: dict[str, dict[str, Any]]) -> list[tuple[str, int, list[Any]]]:
    """(full name, type, its options) for every command and subcommand a member can run."""
    found: list[tuple[str, int, list[Any]]] = []

    def walk(name: str, options: list[dict[str, Any]]) -> None:
        subs = [o for o in options if o["type"] in (SUBCOMMAND, GROUP)]
        if not subs:
            found.append((name, CHAT_INPUT, options))
        for sub in subs:
            walk(f"{name} {sub['name']}", sub.get("options") or [])

    for name, definition in definitions.items():
        if definition.get("type", CHAT_INPUT) == CHAT_INPUT:
            walk(name, definition.get("options") or [])
        elif definition["type"] == MESSAGE:
            found.append((name, MESSAGE, []))
    return sorted(found)


def value_for(option: dict[str, Any], servers: Servers) -> st.SearchStrategy[Any]:
    """What Discord could send for an option, and some things only another client would."""
    here = servers.here
    if option.get("choices"):
        return st.sampled_from([c["value"] for c in option["choices"]])
    kind = option["type"]
    if kind == STRING:
        ids = {
            "ROLE_ID": next(iter(here.guild.roles)),
            "USER_ID": here.admin.id,
            "CHANNEL_ID": here.channel.id,
            "OTHER_SHOW_ID": servers.other_show_id,  # before SHOW_ID, which it contains
            "SHOW_ID": servers.show_id,
        }
        tricky = []
        for text in TRICKY_TEXT:
            for placeholder, real in ids.items():
                text = text.replace(placeholder, str(real))
            tricky.append(text)
        return st.one_of(st.sampled_from(tricky), st.text(max_size=120))
    if kind == INTEGER:
        return odd_integers
    if kind == NUMBER:
        return st.floats(allow_nan=False, allow_infinity=False)
    if kind == BOOLEAN:
        return st.booleans()
    if kind == USER:
        return st.sampled_from([here.admin, here.member, here.guild.id + 999])
    if kind == CHANNEL:
        channels = list(here.guild.channels.values())
        return st.sampled_from([*channels, servers.elsewhere.channel.id, 1])
    if kind == ROLE:
        return st.sampled_from([*here.guild.roles.values(), servers.elsewhere.guild.id, 2])
    raise AssertionError(f"no strategy for option type {kind}")


@st.composite
def calls(draw: st.DrawFn, servers: Servers) -> Call:
    commands = leaf_commands(servers.double.commands_for(servers.here.guild))
    name, kind, options = draw(st.sampled_from(commands))
    chosen: dict[str, Any] = {}
    if kind == MESSAGE:
        chosen["content"] = draw(
            st.one_of(st.sampled_from(TRICKY_TEXT), st.text(min_size=1, max_size=200))
        )
    for option in options:
        if option.get("required") or draw(st.booleans()):
            chosen[option["name"]] = draw(value_for(option, servers))
    return Call(draw(st.booleans()), name, kind, chosen)


async def run(call: Call, servers: Servers) -> Message | None:
    """The member's answer, or None when the double refuses to send the call at all (an
    entity that doesn't exist, as Discord's client would refuse it)."""
    here = servers.here
    who = here.admin if call.as_manager else here.member
    double = servers.double
    try:
        if call.kind == MESSAGE:
            message = double.post_as(who, here.channel, call.options["content"])
            interaction = await double.invoke_on_message(who, message, call.command)
        else:
            interaction = await double.invoke(who, here.channel, call.command, **call.options)
    except InvocationError:
        return None
    return await double.reply(interaction, timeout=15)


def leaked(reply: Message, call: Call) -> bool:
    """Whether the other server's show shows through, when the member didn't type its name."""
    typed = " ".join(str(v) for v in call.options.values())
    return (
        SECRET.casefold() in reply.text().casefold() and SECRET.casefold() not in typed.casefold()
    )


@pytest.fixture
async def servers(double: DiscordDouble, start_bot: StartBot) -> Servers:
    # Every site resolves to this machine, which the article guard refuses: nothing leaves it.
    async def here_only(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    here = build_world(double, "Fuzzed Server")
    elsewhere = build_world(double, "Other Server")
    bot = await start_bot(article_fetcher=Fetcher(FetchPolicy(resolver=here_only)))
    for world, title in ((here, "Jessica Jones"), (here, "{0}"), (elsewhere, SECRET)):
        await world.slash(world.admin, "show add", title=title, premiere="March 8 2027")
    shown = {s.title: s for s in await bot.services.shows.upcoming(here.guild.id)}
    [secret] = await bot.services.shows.upcoming(elsewhere.guild.id)
    await elsewhere.slash(elsewhere.member, "subscribe", show=SECRET)
    drop_option_bounds(double, here.guild)
    # This server lets members see every manager command too, so the bot's own checks answer.
    for name in double.commands_for(here.guild):
        here.guild.command_overrides[name] = {here.member.id}
    return Servers(bot, double, here, elsewhere, shown["Jessica Jones"].id, secret.id)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
async def test_every_command_answers_clearly(servers: Servers, data: Any) -> None:
    batch = data.draw(st.lists(calls(servers), min_size=2, max_size=6), label="calls")
    replies = await asyncio.gather(*(run(call, servers) for call in batch))

    for call, reply in zip(batch, replies, strict=True):
        if reply is None:
            continue
        where = f"/{call.command} {call.options!r}"
        assert APOLOGY not in reply.text(), where
        assert not reply.pings.everyone, where
        assert reply.pings.roles == frozenset(), where
        assert not leaked(reply, call), where
    # The other server's show and its member's subscription are untouched.
    elsewhere = servers.elsewhere
    [secret] = await servers.bot.services.shows.upcoming(elsewhere.guild.id)
    assert (secret.id, secret.title) == (servers.other_show_id, SECRET)
    followed = await servers.bot.services.subscriptions.of_member(
        elsewhere.guild.id, elsewhere.member.id
    )
    assert [show.id for show, _ in followed] == [servers.other_show_id]
