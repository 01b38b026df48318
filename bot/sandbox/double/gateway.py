"""The gateway websocket: HELLO, heartbeats, IDENTIFY → READY, chunking, RESUME with replay.

Dispatches go through a session, which numbers them and keeps them, so that a client that
resumes after a dropped connection receives exactly what it missed, as Discord does.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
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

    def __init__(self, session_id: str, intents: int) -> None:
        self.id = session_id
        self.intents = intents
        self.seq = 0
        self.delivered = 0
        self.sent: deque[dict[str, Any]] = deque(maxlen=REPLAY_BUFFER)
        self.connection: Connection | None = None
        self._wake = asyncio.Event()
        self._writer: asyncio.Task[None] | None = None

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
        self.active: Session | None = None
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
        self.identifies += 1
        session = Session(secrets.token_hex(16), intents)
        self.sessions[session.id] = session
        self.active = session
        world = self.world
        session.dispatch(
            "READY",
            {
                "v": 10,
                "user": world.bot_user.to_json(),
                "session_id": session.id,
                "resume_gateway_url": self.url,
                "guilds": [{"id": str(g), "unavailable": True} for g in world.guilds],
                "application": {"id": str(world.application_id), "flags": 0},
                "private_channels": [],
                "relationships": [],
                "session_type": "normal",
            },
        )
        for guild in world.guilds.values():
            session.dispatch("GUILD_CREATE", guild.to_json())
        session.attach(connection, 0)
        self.ready.set()
        world.notify()
        return session

    async def _resume(self, connection: Connection, data: dict[str, Any]) -> Session | None:
        session = self.sessions.get(data.get("session_id", ""))
        if session is None or data.get("token") != self.world.token:
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
        if guild is None:
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
        """Queue an event for the bot's session; with no session yet, nobody is there to get it
        (its GUILD_CREATE will carry the state instead)."""
        if self.active is not None:
            self.active.dispatch(event, data)

    async def drop(self, code: int = 4000) -> None:
        """Close the live connection the way Discord does on a network blip: resumable."""
        session = self.active
        if session is None or session.connection is None:
            return
        connection, session.connection = session.connection, None
        await connection.ws.close(code=code, message=b"dropped by the double")

    @property
    def connected(self) -> bool:
        return self.active is not None and self.active.connection is not None

    async def close(self) -> None:
        for session in self.sessions.values():
            await session.stop()
            if session.connection is not None:
                await session.connection.ws.close(code=1001)
                session.connection = None
