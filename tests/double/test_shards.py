"""The double's shards: the count GET /gateway/bot recommends, which servers each IDENTIFY's
shard holds, 4010/4011, and events reaching only the connection of their server's shard."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import discord
import pytest
import yarl

from bot.sandbox.double import (
    Channel,
    DiscordDouble,
    InvocationError,
    guild_id_on_shard,
    shard_of,
)
from bot.sandbox.double.actions import APPLICATION_COMMAND, MESSAGE_COMPONENT
from tests.double.conftest import Raw

GUILDS_INTENT = 1 << 0


class GatewayClient:
    """One raw gateway connection, as one shard of a bot would hold it."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws

    async def send(self, op: int, data: Any) -> None:
        await self.ws.send_str(json.dumps({"op": op, "d": data}))

    async def receive(self, timeout: float = 5.0) -> dict[str, Any]:
        message = await self.ws.receive(timeout=timeout)
        if message.type != aiohttp.WSMsgType.TEXT:
            raise ConnectionError(f"closed with {self.ws.close_code}")
        payload: dict[str, Any] = json.loads(message.data)
        return payload

    async def identify(self, token: str, shard: list[int] | None) -> list[dict[str, Any]]:
        """HELLO, IDENTIFY; returns READY and the GUILD_CREATEs that follow it."""
        hello = await self.receive()
        assert hello["op"] == 10
        data: dict[str, Any] = {
            "token": token,
            "intents": GUILDS_INTENT,
            "properties": {"os": "linux", "browser": "test", "device": "test"},
        }
        if shard is not None:
            data["shard"] = shard
        await self.send(2, data)
        ready = await self.receive()
        assert ready["t"] == "READY", ready
        creates = [await self.receive() for _ in ready["d"]["guilds"]]
        assert {c["t"] for c in creates} <= {"GUILD_CREATE"}
        return [ready, *creates]

    async def next_dispatch(self, timeout: float = 5.0) -> dict[str, Any]:
        while True:
            payload = await self.receive(timeout)
            if payload["op"] == 0:
                return payload


Connect = Callable[..., Awaitable[tuple[GatewayClient, list[dict[str, Any]]]]]


@pytest.fixture
async def connect(double: DiscordDouble) -> AsyncIterator[Connect]:
    async with aiohttp.ClientSession() as session:

        async def open_shard(
            shard: list[int] | None = None,
        ) -> tuple[GatewayClient, list[dict[str, Any]]]:
            ws = await session.ws_connect(double.gateway_url + "?v=10&encoding=json")
            client = GatewayClient(ws)
            return client, await client.identify(double.token, shard)

        yield open_shard


async def closed_with(double: DiscordDouble, shard: list[int] | None) -> int | None:
    """IDENTIFY on a fresh connection that the double is expected to close; the close code."""
    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(double.gateway_url + "?v=10&encoding=json")
        client = GatewayClient(ws)
        with pytest.raises(ConnectionError):
            await client.identify(double.token, shard)
        return ws.close_code


def queued(double: DiscordDouble, shard: tuple[int, int]) -> list[str]:
    """Every event the double has queued for that shard's session, in order: what it has
    sent and will send, decided when the event happens (no waiting to see nothing arrive)."""
    return [payload["t"] for payload in double.gateway.shards[shard].sent]


def guild_ids(received: list[dict[str, Any]]) -> tuple[list[int], list[int]]:
    """Server ids in READY, and in the GUILD_CREATEs after it."""
    ready, *creates = received
    return (
        [int(g["id"]) for g in ready["d"]["guilds"]],
        [int(c["d"]["id"]) for c in creates],
    )


def test_made_up_ids_land_on_the_shard_asked_for() -> None:
    for count in (1, 2, 3, 16):
        for shard_id in range(count):
            ids = {guild_id_on_shard(shard_id, count, n) for n in range(5)}
            assert len(ids) == 5
            assert {shard_of(i, count) for i in ids} == {shard_id}
    with pytest.raises(ValueError, match="not one of 2 shards"):
        guild_id_on_shard(2, 2)


async def test_gateway_bot_recommends_one_shard_per_thousand_servers(
    double: DiscordDouble, raw: Raw
) -> None:
    status, body, _ = await raw.call("GET", "/gateway/bot")
    assert status == 200
    assert body["shards"] == 1  # no servers yet: still one shard
    assert body["url"].startswith(double.gateway_url.rstrip("/"))
    assert body["session_start_limit"]["max_concurrency"] == 16

    for n in range(1001):
        double.add_guild(f"Server {n}")
    _, body, _ = await raw.call("GET", "/gateway/bot")
    assert body["shards"] == 2


@pytest.mark.double_config(guilds_per_shard=2, max_concurrency=4)
async def test_the_recommendation_and_concurrency_follow_the_config(
    double: DiscordDouble, raw: Raw
) -> None:
    for n in range(5):
        double.add_guild(f"Server {n}")
    _, body, _ = await raw.call("GET", "/gateway/bot")
    assert body["shards"] == 3
    assert body["session_start_limit"]["max_concurrency"] == 4
    _, plain, _ = await raw.call("GET", "/gateway")
    assert plain == {"url": body["url"]}


async def test_each_shard_gets_only_its_servers(double: DiscordDouble, connect: Connect) -> None:
    even = [double.add_guild(f"Even {n}", id=guild_id_on_shard(0, 2, n)).id for n in range(3)]
    odd = [double.add_guild(f"Odd {n}", id=guild_id_on_shard(1, 2, n)).id for n in range(2)]

    _, first = await connect([0, 2])
    _, second = await connect([1, 2])

    assert guild_ids(first) == (even, even)
    assert guild_ids(second) == (odd, odd)
    assert first[0]["d"]["shard"] == [0, 2]
    assert double.gateway.identified_shards == [[0, 2], [1, 2]]
    assert double.gateway.connected


async def test_a_connection_without_shard_gets_every_server(
    double: DiscordDouble, connect: Connect
) -> None:
    everyone = [double.add_guild(f"S {n}", id=guild_id_on_shard(n % 3, 3, n)).id for n in range(4)]
    _, received = await connect(None)
    assert guild_ids(received) == (everyone, everyone)
    assert double.gateway.identified_shards == [None]


async def test_more_than_2500_servers_on_one_connection_is_refused_with_4011(
    double: DiscordDouble, connect: Connect
) -> None:
    for n in range(2501):
        double.add_guild(f"Server {n}", id=guild_id_on_shard(n % 2, 2, n // 2))

    assert await closed_with(double, None) == 4011
    assert await closed_with(double, [0, 1]) == 4011
    # Two shards hold 1,251 and 1,250 servers: both are welcome.
    _, first = await connect([0, 2])
    _, second = await connect([1, 2])
    assert len(first) == 1 + 1251
    assert len(second) == 1 + 1250
    assert double.gateway.identifies == 2


@pytest.mark.double_config(max_guilds_per_shard=2)
async def test_the_limit_per_connection_follows_the_config(
    double: DiscordDouble, connect: Connect
) -> None:
    for n in range(3):
        double.add_guild(f"Server {n}", id=guild_id_on_shard(0, 2, n))
    double.add_guild("Odd one", id=guild_id_on_shard(1, 2))

    assert await closed_with(double, [0, 2]) == 4011
    _, received = await connect([1, 2])
    assert len(received) == 2


@pytest.mark.parametrize("shard", [[2, 2], [0, 0], [-1, 2], [0], ["0", "1"], [True, 2]])
async def test_a_shard_discord_cannot_have_is_refused_with_4010(
    double: DiscordDouble, shard: list[Any]
) -> None:
    assert await closed_with(double, shard) == 4010


async def test_server_events_reach_only_the_connection_of_their_shard(
    double: DiscordDouble, connect: Connect
) -> None:
    even = double.add_guild("Even", id=guild_id_on_shard(0, 2))
    odd = double.add_guild("Odd", id=guild_id_on_shard(1, 2))
    first, _ = await connect([0, 2])
    second, _ = await connect([1, 2])

    double.add_role(odd, "Fans")
    event = await second.next_dispatch()
    assert (event["t"], event["d"]["guild_id"]) == ("GUILD_ROLE_CREATE", str(odd.id))

    double.add_channel(even, "premieres")
    event = await first.next_dispatch()
    assert (event["t"], event["d"]["guild_id"]) == ("CHANNEL_CREATE", str(even.id))

    assert queued(double, (0, 2)) == ["READY", "GUILD_CREATE", "CHANNEL_CREATE"]
    assert queued(double, (1, 2)) == ["READY", "GUILD_CREATE", "GUILD_ROLE_CREATE"]


async def interact(double: DiscordDouble, actor: Any, channel: Channel) -> None:
    data = {"id": "1", "name": "hello", "type": 1}
    await double.actions.create_interaction(APPLICATION_COMMAND, actor, channel, data)


async def test_interactions_go_to_the_shard_of_their_server_and_dms_to_shard_0(
    double: DiscordDouble, connect: Connect
) -> None:
    odd = double.add_guild("Odd", id=guild_id_on_shard(1, 2))
    member = double.add_member(odd, "alex")
    first, _ = await connect([0, 2])
    second, _ = await connect([1, 2])

    await interact(double, member, double.channel_named(odd, "general"))
    event = await second.next_dispatch()
    assert (event["t"], event["d"]["guild_id"]) == ("INTERACTION_CREATE", str(odd.id))
    assert queued(double, (0, 2)) == ["READY"]  # shard 0 holds no server here

    dm = double.dm_channel(member.user)
    message = double.store_message(dm.id, {"components": []})
    data = {"custom_id": "confirm", "component_type": 2}
    await double.actions.create_interaction(MESSAGE_COMPONENT, member.user, dm, data, message)
    event = await first.next_dispatch()
    assert event["t"] == "INTERACTION_CREATE"
    assert "guild_id" not in event["d"]
    assert queued(double, (1, 2)) == ["READY", "GUILD_CREATE", "INTERACTION_CREATE"]


async def test_an_interaction_with_no_connected_shard_for_its_server_is_refused(
    double: DiscordDouble, connect: Connect
) -> None:
    odd = double.add_guild("Odd", id=guild_id_on_shard(1, 2))
    member = double.add_member(odd, "alex")
    channel = double.channel_named(odd, "general")

    with pytest.raises(InvocationError, match="not connected to the gateway yet"):
        await interact(double, member, channel)
    await connect([0, 2])
    with pytest.raises(InvocationError, match="no shard of the bot that holds this server"):
        await interact(double, member, channel)


async def test_a_clean_close_ends_the_session_and_its_events(
    double: DiscordDouble, connect: Connect
) -> None:
    odd = double.add_guild("Odd", id=guild_id_on_shard(1, 2))
    client, received = await connect([1, 2])
    session_id = received[0]["d"]["session_id"]
    await client.ws.close(code=1000)
    await double.wait_for(lambda: not double.gateway.shards)

    assert not double.gateway.reaches(odd.id)
    assert double.gateway.sessions[session_id].ended


async def test_a_dropped_shard_resumes_with_only_its_own_missed_events(
    double: DiscordDouble, connect: Connect
) -> None:
    even = double.add_guild("Even", id=guild_id_on_shard(0, 2))
    odd = double.add_guild("Odd", id=guild_id_on_shard(1, 2))
    first, _ = await connect([0, 2])
    _, received = await connect([1, 2])
    ready = received[0]["d"]

    await double.drop_connection(shard_id=1)
    double.add_role(odd, "Missed")
    double.add_role(even, "Not missed")
    assert (await first.next_dispatch())["d"]["role"]["name"] == "Not missed"

    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(ready["resume_gateway_url"] + "?v=10&encoding=json")
        resumed = GatewayClient(ws)
        assert (await resumed.receive())["op"] == 10
        seq = len(received)  # READY and the GUILD_CREATE, numbered 1 and 2
        token, session_id = double.token, ready["session_id"]
        await resumed.send(6, {"token": token, "session_id": session_id, "seq": seq})
        replayed = [await resumed.next_dispatch(), await resumed.next_dispatch()]
        assert [(e["t"], e["d"].get("role", {}).get("name")) for e in replayed] == [
            ("GUILD_ROLE_CREATE", "Missed"),
            ("RESUMED", None),
        ]
        await ws.close()


class Sharded(discord.AutoShardedClient):
    """discord.py's own sharded client, to see the double through the real library."""

    def __init__(self, **options: Any) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        super().__init__(intents=intents, guild_ready_timeout=0.05, **options)

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """The double's max_concurrency lets every shard identify at once."""


@pytest.mark.double_config(guilds_per_shard=2)
async def test_discord_py_runs_the_recommended_shards_and_sees_every_server(
    double: DiscordDouble, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(discord.http.Route, "BASE", double.api_base)
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(double.gateway_url)
    )
    guilds = [double.add_guild(f"S {n}", id=guild_id_on_shard(n % 3, 3, n)) for n in range(5)]
    client = Sharded()
    task = asyncio.create_task(client.start(double.token))
    ready = asyncio.create_task(client.wait_until_ready())  # runs once start() has begun
    try:
        done, _ = await asyncio.wait({task, ready}, timeout=10, return_when="FIRST_COMPLETED")
        assert ready in done, task.result() if task in done else "not ready in 10 s"
        assert client.shard_count == 3
        assert sorted(client.shards) == [0, 1, 2]
        assert sorted(s for s in double.gateway.identified_shards) == [[0, 3], [1, 3], [2, 3]]
        for guild in guilds:
            seen = client.get_guild(guild.id)
            assert seen is not None
            assert seen.shard_id == shard_of(guild.id, 3)
    finally:
        ready.cancel()
        await client.close()
        task.cancel()
        with contextlib.suppress(BaseException):
            await task
