"""The gateway websocket: HELLO, heartbeats, IDENTIFY → READY, chunking, RESUME with replay,
and shards.

Dispatches go through a session, which numbers them and keeps them, so that a client that
resumes after a dropped connection receives exactly what it missed, as Discord does.

Each session is one shard of the bot: IDENTIFY's `shard: [shard_id, shard_count]` (absent: the
only shard, `[0, 1]`) decides which servers it holds, `(guild_id >> 22) % shard_count ==
shard_id`, and so which events it receives. Events of no server (direct messages) go to shard 0.
Several sessions live at once: one per shard, from one bot process or several.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import secrets
import zlib
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from .world import World

log = logging.getLogger(__name__)

HEARTBEAT_INTERVAL_MS = 41_250
PRIVILEGED_INTENTS = {
    1 << 1: "GUILD_MEMBERS",
    1 << 8: "GUILD_PRESENCES",
    1 << 15: "MESSAGE_CONTENT",
}
REPLAY_BUFFER = 10_000
# Close codes Discord uses for shards.
INVALID_SHARD = 4010
SHARDING_REQUIRED = 4011
# A client closing with these ends its session: it cannot be resumed, and gets no more events.
CLEAN_CLOSES = {1000, 1001}

Shard = tuple[int, int]  # (shard_id, shard_count)
UNSHARDED: Shard = (0, 1)


def shard_of(guild_id: int, shard_count: int) -> int:
    """Discord's rule for the shard that holds a server (written here on its own, not taken
    from the bot, so that the double checks the bot rather than repeating it)."""
    return (guild_id >> 22) % shard_count


# 2024-01-01 00:00 UTC in milliseconds since Discord's epoch: ids made for a chosen shard
# start there, long before any id the double draws from the clock.
SHARD_ID_BASE_MS = 283_996_800_000


def guild_id_on_shard(shard_id: int, shard_count: int, n: int = 0) -> int:
    """The `n`th made-up server id that lands on shard `shard_id` of `shard_count`, for
    `add_guild(id=...)`: a test chooses which shard holds each server."""
    if not 0 <= shard_id < shard_count:
        raise ValueError(f"shard {shard_id} is not one of {shard_count} shards")
    first = SHARD_ID_BASE_MS - SHARD_ID_BASE_MS % shard_count + shard_id
    return (first + n * shard_count) << 22


def guild_of_event(data: Any) -> int | None:
    """The server an event belongs to, or None for events of no server (DMs)."""
    raw = data.get("guild_id") if isinstance(data, dict) else None
    return int(raw) if raw else None


class Op:
    DISPATCH = 0
    HEARTBEAT = 1
    IDENTIFY = 2
    PRESENCE = 3
    RESUME = 6
    RECONNECT = 7
    REQUEST_MEMBERS = 8
    INVALID_SESSION = 9
    HELLO = 10
    HEARTBEAT_ACK = 11


@dataclass
class Connection:
    ws: web.WebSocketResponse
    compressor: Any | None  # a zlib compressobj for zlib-stream, else None (text frames)
    # One zlib stream per connection: frames must be written in the order they were compressed.
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def send(self, payload: dict[str, Any]) -> None:
        raw = json.dumps(payload, separators=(",", ":"))
        async with self.lock:
            if self.compressor is None:
                await self.ws.send_str(raw)
            else:
                compressed = self.compressor.compress(raw.encode())
                await self.ws.send_bytes(compressed + self.compressor.flush(zlib.Z_SYNC_FLUSH))


class Session:
    """Numbers dispatches and keeps them; one writer sends them in order to whichever
    connection the session has, so events queued while the bot is away arrive on RESUME."""

    def __init__(self, session_id: str, intents: int, shard: Shard = UNSHARDED) -> None:
        self.id = session_id
        self.intents = intents
        self.shard = shard
        self.ended = False  # closed cleanly by the client: Discord forgets the session
        self.seq = 0
        self.delivered = 0
        self.sent: deque[dict[str, Any]] = deque(maxlen=REPLAY_BUFFER)
        self.connection: Connection | None = None
        self._wake = asyncio.Event()
        self._writer: asyncio.Task[None] | None = None

    def holds(self, guild_id: int | None) -> bool:
        """Whether this session's shard receives the events of `guild_id` (None: of no server,
        which go to shard 0)."""
        shard_id, shard_count = self.shard
        return (0 if guild_id is None else shard_of(guild_id, shard_count)) == shard_id

    def dispatch(self, event: str, data: Any) -> None:
        self.seq += 1
        self.sent.append({"op": Op.DISPATCH, "t": event, "s": self.seq, "d": data})
        self._wake.set()

    def attach(self, connection: Connection, delivered: int) -> None:
        """Send on `connection` everything after sequence number `delivered`."""
        self.connection, self.delivered = connection, delivered
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write())
        self._wake.set()

    async def _write(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            for payload in list(self.sent):
                connection = self.connection
                if connection is None:
                    break
                if payload["s"] <= self.delivered:
                    continue
                try:
                    await connection.send(payload)
                except (ConnectionError, RuntimeError):
                    self.connection = None  # the client will RESUME and get the rest
                    break
                self.delivered = payload["s"]

    async def stop(self) -> None:
        if self._writer is not None:
            self._writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._writer


class Gateway:
    """The gateway websocket of one world; `url` is where clients resume (set once listening)."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.url = ""
        self.sessions: dict[str, Session] = {}
        self.shards: dict[Shard, Session] = {}  # the live session of each shard
        self.active: Session | None = None  # the session identified or resumed last
        self.identified_shards: list[Any] = []  # each IDENTIFY's shard field, None if absent
        self.identifies = 0
        self.resumes = 0
        self.heartbeats = 0
        self.ready = asyncio.Event()

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        compressor = zlib.compressobj() if request.query.get("compress") == "zlib-stream" else None
        connection = Connection(ws, compressor)
        await connection.send(
            {
                "op": Op.HELLO,
                "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS},
                "s": None,
                "t": None,
            }
        )
        session: Session | None = None
        try:
            async for message in ws:
                if message.type != WSMsgType.TEXT:
                    continue
                payload = json.loads(message.data)
                session = await self._on_payload(connection, session, payload) or session
        finally:
            if session is not None and session.connection is connection:
                session.connection = None
                if ws.close_code in CLEAN_CLOSES:
                    self._end(session)
        return ws

    async def _on_payload(
        self, connection: Connection, session: Session | None, payload: dict[str, Any]
    ) -> Session | None:
        op, raw = payload.get("op"), payload.get("d")
        data: dict[str, Any] = raw if isinstance(raw, dict) else {}
        if op == Op.HEARTBEAT:
            self.heartbeats += 1
            await connection.send({"op": Op.HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == Op.IDENTIFY:
            return await self._identify(connection, data)
        elif op == Op.RESUME:
            return await self._resume(connection, data)
        elif op == Op.REQUEST_MEMBERS and session is not None:
            await self._chunk(session, data)
        return None

    async def _identify(self, connection: Connection, data: dict[str, Any]) -> Session | None:
        if data.get("token") != self.world.token:
            await connection.ws.close(code=4004, message=b"Authentication failed.")
            return None
        intents = int(data.get("intents", 0))
        refused = [
            name
            for bit, name in PRIVILEGED_INTENTS.items()
            if intents & bit and name not in self.world.privileged_intents
        ]
        if refused:
            await connection.ws.close(code=4014, message=b"Disallowed intent(s).")
            return None
        self.identified_shards.append(data.get("shard"))
        shard = _shard_field(data.get("shard"))
        if shard is None:
            await connection.ws.close(code=INVALID_SHARD, message=b"Invalid shard.")
            return None
        session = Session(secrets.token_hex(16), intents, shard)
        world = self.world
        guilds = [g for g in world.guilds.values() if session.holds(g.id)]
        if len(guilds) > world.config.max_guilds_per_shard:
            await connection.ws.close(code=SHARDING_REQUIRED, message=b"Sharding required.")
            return None
        self.identifies += 1
        self.sessions[session.id] = session
        replaced = self.shards.get(session.shard)
        if replaced is not None:
            replaced.ended = True  # a new IDENTIFY for a shard takes its events from now on
        self.shards[session.shard] = session
        self.active = session
        session.dispatch(
            "READY",
            {
                "v": 10,
                "user": world.bot_user.to_json(),
                "session_id": session.id,
                "resume_gateway_url": self.url,
                "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
                "application": {"id": str(world.application_id), "flags": 0},
                "private_channels": [],
                "relationships": [],
                "session_type": "normal",
                "shard": list(session.shard),
            },
        )
        for guild in guilds:
            session.dispatch("GUILD_CREATE", guild.to_json())
        session.attach(connection, 0)
        self.ready.set()
        world.notify()
        return session

    async def _resume(self, connection: Connection, data: dict[str, Any]) -> Session | None:
        session = self.sessions.get(data.get("session_id", ""))
        if session is None or session.ended or data.get("token") != self.world.token:
            await connection.send({"op": Op.INVALID_SESSION, "d": False, "s": None, "t": None})
            return None
        self.resumes += 1
        self.active = session
        session.attach(connection, int(data.get("seq") or 0))
        session.dispatch("RESUMED", {})
        self.world.notify()
        return session

    async def _chunk(self, session: Session, data: dict[str, Any]) -> None:
        guild = self.world.guilds.get(int(data.get("guild_id") or 0))
        if guild is None or not session.holds(guild.id):
            return
        session.dispatch(
            "GUILD_MEMBERS_CHUNK",
            {
                "guild_id": str(guild.id),
                "members": [m.to_json() for m in guild.members.values()],
                "chunk_index": 0,
                "chunk_count": 1,
                "not_found": [],
                "nonce": data.get("nonce"),
            },
        )

    def dispatch(self, event: str, data: Any) -> None:
        """Queue an event for the session of the shard that holds its server (shard 0 for
        events of no server); with no such session yet, nobody is there to get it (its
        GUILD_CREATE will carry the state instead)."""
        guild_id = guild_of_event(data)
        for session in self.sessions_holding(guild_id):
            session.dispatch(event, data)

    def sessions_holding(self, guild_id: int | None) -> list[Session]:
        """The live sessions that receive `guild_id`'s events (None: events of no server)."""
        return [s for s in self.shards.values() if s.holds(guild_id)]

    def reaches(self, guild_id: int | None) -> bool:
        """Whether some session would receive `guild_id`'s events, now or when it resumes."""
        return bool(self.sessions_holding(guild_id))

    def _end(self, session: Session) -> None:
        session.ended = True
        if self.shards.get(session.shard) is session:
            del self.shards[session.shard]

    async def drop(self, code: int = 4000, *, shard_id: int | None = None) -> None:
        """Close a live connection the way Discord does on a network blip: resumable. Without
        `shard_id`, the session identified or resumed last."""
        if shard_id is None:
            session = self.active
        else:
            session = next((s for s in self.shards.values() if s.shard[0] == shard_id), None)
        if session is None or session.connection is None:
            return
        connection, session.connection = session.connection, None
        await connection.ws.close(code=code, message=b"dropped by the double")

    @property
    def connected(self) -> bool:
        """Whether the bot is connected: every live shard's session has its connection."""
        return bool(self.shards) and all(s.connection is not None for s in self.shards.values())

    def recommended_shards(self) -> int:
        """What GET /gateway/bot recommends: one shard per `guilds_per_shard` servers."""
        per_shard = max(1, self.world.config.guilds_per_shard)
        return max(1, math.ceil(len(self.world.guilds) / per_shard))

    async def close(self) -> None:
        for session in self.sessions.values():
            await session.stop()
            if session.connection is not None:
                await session.connection.ws.close(code=1001)
                session.connection = None


def _shard_field(raw: Any) -> Shard | None:
    """IDENTIFY's `shard` as (shard_id, shard_count), the only shard when absent; None when it
    names no shard Discord could have."""
    if raw is None:
        return UNSHARDED
    if not isinstance(raw, list) or len(raw) != 2:
        return None
    shard_id, shard_count = raw
    if not all(type(n) is int for n in raw) or not 0 <= shard_id < shard_count:
        return None
    return shard_id, shard_count
