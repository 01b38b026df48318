"""The bot's small web server: each server's calendar feed and page, behind its secret.

It serves two routes and nothing else: never a file from disk, never a path taken from the
request. An unknown or reset secret gets the same 404 as any other wrong address, so nothing
says what exists. Each address may make RATE requests a minute (a calendar app polls hourly).
"""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
import logging
import socket
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

from aiohttp import web

from bot.clock import Clock
from bot.db.calendars import Calendar
from bot.domain.calendar import CalendarEntry
from bot.web.ical import ical_feed
from bot.web.page import CONTENT_SECURITY_POLICY, calendar_page

log = logging.getLogger(__name__)

CALENDAR_PATH = r"/c/{secret:[A-Za-z0-9_-]{1,64}}"
RATE = 60  # requests a minute per address, in bursts of up to BURST
BURST = 30
MOST_ADDRESSES = 10_000  # the rate limiter forgets the quietest addresses beyond this
SHOW_IDS_MAX = 100
# Written feeds kept for polls that find nothing changed: at most this many, and this much.
FEEDS_KEPT = 256
FEED_BYTES_KEPT = 16 * 1024 * 1024
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
ICS = "text/calendar; charset=utf-8"
HTML = "text/html; charset=utf-8"


class Calendars(Protocol):
    """What the web server asks of the calendar service."""

    public_url: str | None

    async def open(self, secret: str) -> Calendar | None: ...

    async def entries(
        self, guild_id: int, *, show_ids: set[int] | None = None
    ) -> list[CalendarEntry]: ...


@dataclass
class _Bucket:
    tokens: float
    at: float


@dataclass
class RateLimiter:
    """A token bucket per address: BURST at once, then RATE a minute."""

    rate_per_second: float = RATE / 60
    burst: float = BURST
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[str, _Bucket] = field(default_factory=dict)

    def wait_for(self, address: str) -> float:
        """0 when the request may go ahead now, else how many seconds until it could."""
        now = self.clock()
        bucket = self._buckets.get(address)
        if bucket is None:
            if len(self._buckets) >= MOST_ADDRESSES:
                self._forget_full(now)
            bucket = self._buckets[address] = _Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) * self.rate_per_second)
        bucket.at = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self.rate_per_second

    def _forget_full(self, now: float) -> None:
        # An address whose bucket has refilled is no different from a new one.
        full_after = self.burst / self.rate_per_second
        self._buckets = {a: b for a, b in self._buckets.items() if now - b.at < full_after}
        if len(self._buckets) >= MOST_ADDRESSES:
            self._buckets.clear()


SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class CalendarSite:
    def __init__(
        self,
        calendars: Calendars,
        clock: Clock,
        *,
        host: str,
        port: int,
        limiter: RateLimiter | None = None,
    ) -> None:
        self._calendars = calendars
        self._clock = clock
        self._host = host
        self._port = port
        self._limiter = limiter or RateLimiter()
        self._runner: web.AppRunner | None = None
        self._feeds: dict[tuple[str, bool, tuple[CalendarEntry, ...]], bytes] = {}
        self._feed_bytes = 0
        self.address: tuple[str, int] | None = None  # where it listens, once started
        self.app = web.Application(middlewares=[self._headers, self._rate_limit])
        self.app.router.add_get(CALENDAR_PATH + ".ics", self._feed)
        self.app.router.add_get(CALENDAR_PATH, self._page)

    @property
    def base_url(self) -> str:
        assert self.address is not None
        return f"http://{self.address[0]}:{self.address[1]}"

    async def start(self) -> None:
        # Our own listening socket, so the port it got (WEB_PORT=0: any free one) is known.
        family = socket.AF_INET6 if ":" in self._host else socket.AF_INET
        listener = socket.create_server((self._host, self._port), family=family)
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        await web.SockSite(self._runner, listener).start()
        self.address = listener.getsockname()[:2]
        log.info("Calendars are served at %s", self.base_url)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # ------------------------------------------------------------------ middleware

    @web.middleware
    async def _headers(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            response = await handler(request)
        except web.HTTPException as error:  # a 404 or 400: raised, with the same headers
            error.headers.update(SECURITY_HEADERS)
            raise
        response.headers.update(SECURITY_HEADERS)
        return response

    @web.middleware
    async def _rate_limit(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        wait = self._limiter.wait_for(client_address(request))
        if wait:
            return web.Response(
                status=429,
                text="Too many requests from this address; try again in a minute.\n",
                headers={"Retry-After": str(max(1, round(wait)))},
            )
        return await handler(request)

    # ------------------------------------------------------------------ routes

    async def _feed(self, request: web.Request) -> web.StreamResponse:
        calendar = await self._open(request)
        show_ids = _show_ids(request)
        entries = await self._calendars.entries(calendar.guild_id, show_ids=show_ids)
        all_day = request.query.get("all_day") in ("1", "true", "yes")
        name = f"{calendar.guild_name} · Premieres"
        # Writing a feed is the slow part (icalendar takes a while over thousands of events),
        # and most polls find nothing changed: the same entries give the same feed, kept.
        key = (name, all_day, tuple(entries))
        body = self._feeds.get(key)
        if body is None:
            # Off the event loop: a feed of thousands of events takes a while to write, and
            # the bot's own work must not wait for it.
            body = await asyncio.to_thread(ical_feed, name, entries, all_day=all_day)
            self._feeds[key] = body
            self._feed_bytes += len(body)
            while self._feed_bytes > FEED_BYTES_KEPT or len(self._feeds) > FEEDS_KEPT:
                oldest = next(iter(self._feeds))  # the oldest first
                self._feed_bytes -= len(self._feeds.pop(oldest))
        return _conditional(request, body, ICS)

    async def _page(self, request: web.Request) -> web.StreamResponse:
        calendar = await self._open(request)
        entries = await self._calendars.entries(calendar.guild_id, show_ids=_show_ids(request))
        public = self._calendars.public_url or self.base_url
        feed = f"{public}/c/{calendar.secret}.ics"
        html = calendar_page(
            calendar.guild_name,
            entries,
            now=self._clock.now(),
            feed=feed,
            webcal="webcal://" + feed.split("://", 1)[1],
        )
        return _conditional(request, html.encode(), HTML)

    async def _open(self, request: web.Request) -> Calendar:
        calendar = await self._calendars.open(request.match_info["secret"])
        if calendar is None:
            raise web.HTTPNotFound(text="Not found.\n")
        return calendar


def client_address(request: web.Request) -> str:
    """Who is asking, for the rate limit. Behind a reverse proxy on the same machine (the
    README's setup) every request comes from loopback: then the proxy's X-Forwarded-For names
    the client (its last entry, the one the proxy itself added). From anywhere else the header
    is not trusted: a client could write any address into it."""
    peer = request.remote or "unknown"
    forwarded = request.headers.get("X-Forwarded-For", "")
    try:
        from_loopback = ipaddress.ip_address(peer).is_loopback
    except ValueError:
        from_loopback = False
    if from_loopback and forwarded.strip():
        return forwarded.split(",")[-1].strip()[:64]
    return peer


def _show_ids(request: web.Request) -> set[int] | None:
    raw = request.query.get("shows")
    if raw is None:
        return None
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    if (
        not parts
        or len(parts) > SHOW_IDS_MAX
        or not all(p.isascii() and p.isdigit() for p in parts)
    ):
        raise web.HTTPBadRequest(
            text="shows= takes show ids separated by commas, e.g. ?shows=12,40 "
            f"(at most {SHOW_IDS_MAX}).\n"
        )
    return {int(p) for p in parts if len(p) <= 19}


def _conditional(request: web.Request, body: bytes, content_type: str) -> web.StreamResponse:
    """The body with an ETag; a 304 with no body when the client has it already."""
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    wanted = request.headers.get("If-None-Match", "")
    if etag in (tag.strip() for tag in wanted.split(",")) or wanted.strip() == "*":
        return web.Response(status=304, headers=headers)
    return web.Response(body=body, headers={**headers, "Content-Type": content_type})
