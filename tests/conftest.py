"""Shared fixtures: the Discord double, a world to act in, and the real bot started against it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine

from bot.app import PremiereBot
from bot.config import Settings
from bot.db.connection import Dialect
from bot.sandbox.double import Channel, DiscordDouble, DoubleConfig, Guild, Member, Perm
from tests.postgres import PostgresServer, start_or_explain

# Where TVmaze is for tests that don't serve it: a closed local port, refused at once.
NOWHERE = "http://127.0.0.1:9"

# A fixed "now" for tests that care about dates: Tuesday 24 November 2026, 15:00 UTC.
T0 = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


@pytest.fixture
def at_t0() -> Any:
    """Travel to T0 with the clock still ticking (discord.py and asyncio keep working)."""
    with time_machine.travel(T0, tick=True) as traveller:
        yield traveller


@pytest.fixture
async def double(request: pytest.FixtureRequest) -> AsyncIterator[DiscordDouble]:
    """The double; `@pytest.mark.double_config(...)` passes DoubleConfig fields."""
    marker = request.node.get_closest_marker("double_config")
    fake = DiscordDouble(DoubleConfig(**marker.kwargs) if marker else None)
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()
    # Anything the bot did that Discord would have refused fails the test that did it.
    assert not fake.problems, f"the bot did what Discord refuses: {fake.problems}"
    # Every request the suite makes is checked against Discord's spec: without the check the
    # tests would pass while proving less, so its absence fails them.
    assert fake.spec_checked, (
        "request bodies were not checked against Discord's API spec: install the test extra "
        "(jsonschema) and put the spec at ../shared/discord-api-spec/openapi.json or name it "
        "in DISCORD_API_SPEC"
    )


@dataclass
class World:
    """One server with an admin (Manage Server), an ordinary member and a channel."""

    double: DiscordDouble
    guild: Guild
    admin: Member
    member: Member
    channel: Channel

    async def slash(self, who: Member, command: str, /, **options: Any):  # type: ignore[no-untyped-def]
        return await self.double.slash(who, self.channel, command, **options)


def build_world(double: DiscordDouble, name: str = "Premiere Club") -> World:
    guild = double.add_guild(name)
    moderators = double.add_role(guild, "Moderators", Perm.MANAGE_GUILD)
    admin = double.add_member(guild, f"{name} admin", roles=[moderators])
    member = double.add_member(guild, f"{name} member")
    channel = double.channel_named(guild, "general")
    return World(double, guild, admin, member, channel)


@pytest.fixture
def world(double: DiscordDouble) -> World:
    return build_world(double)


StartBot = Callable[..., Awaitable[PremiereBot]]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One private PostgreSQL server for the whole run, started on first use."""
    server = PostgresServer()
    start_or_explain(server)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def postgres_url(postgres_server: PostgresServer) -> AsyncIterator[str]:
    """The URL of a new, empty database; dropped (with any connection left open) afterwards."""
    url = await postgres_server.fresh_database()
    yield url
    await postgres_server.drop_database(url)


@pytest.fixture
def database_engine(request: pytest.FixtureRequest) -> Dialect:
    """Which engine the bots of a test keep their data in: SQLite unless a module asks for
    both (`pytestmark = ON_BOTH_ENGINES`)."""
    return Dialect(getattr(request, "param", Dialect.SQLITE))


# A module marked with this runs each of its tests once on SQLite and once on PostgreSQL.
ON_BOTH_ENGINES = pytest.mark.parametrize("database_engine", list(Dialect), indirect=True)


@pytest.fixture
async def database_url(
    request: pytest.FixtureRequest, database_engine: Dialect
) -> AsyncIterator[str | None]:
    """A fresh PostgreSQL database for the test's bots, or None for a SQLite file."""
    if database_engine is Dialect.SQLITE:
        yield None
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = await server.fresh_database()
    yield url
    await server.drop_database(url)


@pytest.fixture
async def start_bot(
    double: DiscordDouble, tmp_path: Path, database_url: str | None
) -> AsyncIterator[StartBot]:
    """Start the real bot against the double; stop every bot started when the test ends. Every
    bot of a test shares one database (a restart finds what the last run left)."""
    running: list[tuple[PremiereBot, asyncio.Task[None]]] = []

    async def start(
        extensions: list[str] | None = None, article_fetcher: Any = None, **overrides: Any
    ) -> PremiereBot:
        settings = replace(
            Settings(
                discord_token=double.token,
                database_path=tmp_path / "premiere-bot.sqlite3",
                database_url=database_url,
                discord_api_base=double.api_base,
                discord_gateway_url=double.gateway_url,
                tvmaze_api_base=NOWHERE,
            ),
            **overrides,
        )
        bot = PremiereBot(
            settings,
            extensions=extensions,
            article_fetcher=article_fetcher,
            guild_ready_timeout=0.05,
        )
        task = asyncio.create_task(bot.start(settings.discord_token or ""))
        running.append((bot, task))
        ready = asyncio.create_task(bot.wait_until_ready())
        done, _ = await asyncio.wait({task, ready}, timeout=15, return_when=asyncio.FIRST_COMPLETED)
        if ready not in done:
            ready.cancel()
            if task in done:
                task.result()  # raise what stopped the bot
            raise TimeoutError("the bot did not become ready")
        return bot

    yield start
    for bot, task in reversed(running):
        await stop_bot(bot, task)


async def stop_bot(bot: PremiereBot, task: asyncio.Task[None]) -> None:
    if not bot.is_closed():
        await bot.close()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await task


@pytest.fixture
async def bot(start_bot: StartBot) -> PremiereBot:
    return await start_bot()
