"""An async TVmaze client that stays polite: paced, cached, and patient when told to slow down.

- Pacing: request starts are at least 1/requests_per_second apart across every caller of one
  client, who queue for their turn in the order they asked. TVmaze
  allows about 20 calls per 10 s; the default is 2 per second. Cache hits neither count nor wait.
- Cache: search(), show(), episodes() and seasons() answers are kept cache_seconds (LRU,
  cache_size entries); episodes() and seasons() are keyed by the show's `updated` too, so a
  changed show is asked again.
  updated_since() is kept only updates_cache_seconds (default 5 minutes), because its job is to
  notice change; when it reports a show newer than the cached copy, that copy is dropped so the
  next show() asks again. Identical requests made at the same time share one request.
- 429: wait Retry-After seconds when given, else backoff_base * 2**n capped at backoff_cap; the
  wait holds back every caller of this client, not only the refused one. max_retries refusals
  later (or a Retry-After longer than backoff_cap) → TvmazeUnavailable saying TVmaze is busy.
- Queue: a caller waits for its turn at most queue_seconds. Past that it gets TvmazeQueueFull
  (the bot is busy; TVmaze was not asked), or the BUSY TvmazeUnavailable when the wait is
  TVmaze's own request to slow down, so members and logs are told which it was.
- 5xx and connection failures are retried server_retries times; timeouts are not, as they
  already cost `timeout` seconds. Other trouble → TvmazeUnavailable; 404 on show() →
  TvmazeNotFound.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import partial
from types import TracebackType
from typing import Any, TypeVar

import aiohttp

from bot.tvmaze.errors import BUSY, UNREADABLE, TvmazeNotFound, TvmazeQueueFull, TvmazeUnavailable
from bot.tvmaze.models import (
    TvEpisode,
    TvSeason,
    TvShow,
    parse_episode,
    parse_season,
    parse_show,
)

log = logging.getLogger(__name__)

T = TypeVar("T")
PERIODS = frozenset({"day", "week", "month"})


@dataclass(slots=True)
class TvmazeStats:
    """Counts since the client was made. TvmazeClient.stats hands out a copy."""

    requests_sent: int = 0  # HTTP requests started, retries included
    cache_hits: int = 0  # calls answered from memory without a request
    shared: int = 0  # calls that joined an identical request already in flight
    rate_limited: int = 0  # 429 answers seen


class _Pacer:
    """Lets requests start at least `interval` seconds apart, first come first served.

    The next slot is measured from when the previous caller actually went, not from when it
    was due: a caller woken late by a busy event loop must not squeeze the next one closer.
    asyncio.Lock wakes waiters in arrival order, which keeps concurrent callers fair.
    """

    def __init__(self, interval: float) -> None:
        self._interval = interval
        self._next = -math.inf
        self._held_until = -math.inf
        self._turn = asyncio.Lock()
        self.waiting = 0

    async def wait_turn(self, patience: float, what: str) -> None:
        """Wait for a slot, at most `patience` seconds; past that, say why there was none."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + patience
        self.waiting += 1
        try:
            try:
                async with asyncio.timeout_at(deadline):
                    await self._turn.acquire()
            except TimeoutError:
                raise self._no_turn(what, patience) from None
            try:
                # Check again after each sleep: hold() may push the slot back meanwhile.
                while True:
                    wait = self._next - loop.time()
                    if wait <= 0:
                        break
                    if self._next > deadline:
                        raise self._no_turn(what, patience)
                    await asyncio.sleep(wait)
                self._next = loop.time() + self._interval
            finally:
                self._turn.release()
        finally:
            self.waiting -= 1

    def hold(self, seconds: float) -> None:
        """Start nothing for `seconds` from now: TVmaze asked this client to slow down."""
        self._held_until = asyncio.get_running_loop().time() + seconds
        self._next = max(self._next, self._held_until)

    def _no_turn(self, what: str, patience: float) -> TvmazeUnavailable:
        if self._held_until > asyncio.get_running_loop().time():
            log.warning("TVmaze %s not sent: TVmaze asked us to slow down (429)", what)
            return TvmazeUnavailable(BUSY, detail=f"{what}: held back after a 429")
        detail = (
            f"{what}: no turn within {patience:.1f} s, {self.waiting - 1} other requests "
            "queued (the bot's own pacing; TVmaze was not asked)"
        )
        log.warning("TVmaze %s", detail)
        return TvmazeQueueFull(detail=detail)


class _Cache:
    """A small LRU of answers, each with its own expiry on a monotonic clock."""

    def __init__(self, size: int, clock: Callable[[], float]) -> None:
        self._size = size
        self._clock = clock
        self._entries: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()

    def get(self, key: Hashable) -> tuple[bool, Any]:
        entry = self._entries.get(key)
        if entry is None:
            return False, None
        expires, value = entry
        if self._clock() >= expires:
            del self._entries[key]
            return False, None
        self._entries.move_to_end(key)
        return True, value

    def put(self, key: Hashable, value: Any, seconds: float) -> None:
        if seconds <= 0 or self._size <= 0:
            return
        self._entries[key] = (self._clock() + seconds, value)
        self._entries.move_to_end(key)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)

    def drop(self, key: Hashable) -> None:
        self._entries.pop(key, None)


class TvmazeClient:
    """Search shows, read one show with its next episode, all its episodes or its seasons, and
    list recently updated shows."""

    def __init__(
        self,
        base_url: str = "https://api.tvmaze.com",
        *,
        session: aiohttp.ClientSession | None = None,
        requests_per_second: float = 2.0,
        cache_seconds: float = 3600.0,
        timeout: float = 8.0,
        max_retries: int = 3,
        user_agent: str = "premiere-bot/0.1 (Discord bot)",
        backoff_base: float = 1.0,
        backoff_cap: float = 16.0,
        server_retries: int = 1,
        updates_cache_seconds: float = 300.0,
        cache_size: int = 2000,
        clock: Callable[[], float] = time.monotonic,
        queue_seconds: float = 4.0,
    ) -> None:
        """`clock` is the monotonic clock the cache expires by (tests pass their own).
        `queue_seconds` is how long a caller waits for its turn before being told the bot is
        busy; with the default pacing that is a queue of about eight requests."""
        if requests_per_second <= 0:
            raise ValueError("requests_per_second must be positive")
        self._base_url = base_url.rstrip("/")
        self._session = session
        self._owns_session = session is None
        self._closed = False
        self._headers = {"User-Agent": user_agent, "Accept": "application/json"}
        self._timeout = timeout
        self._client_timeout = aiohttp.ClientTimeout(total=timeout)
        self._max_retries = max(0, max_retries)
        self._server_retries = max(0, server_retries)
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._cache_seconds = cache_seconds
        self._updates_cache_seconds = updates_cache_seconds
        self._pacer = _Pacer(1.0 / requests_per_second)
        self._queue_seconds = queue_seconds
        self._cache = _Cache(cache_size, clock)
        self._in_flight: dict[Hashable, asyncio.Future[Any]] = {}
        self._stats = TvmazeStats()

    @property
    def stats(self) -> TvmazeStats:
        return replace(self._stats)

    @property
    def queued(self) -> int:
        """Callers waiting for their turn right now (the bot's own pacing)."""
        return self._pacer.waiting

    async def search(self, query: str) -> list[TvShow]:
        """Shows whose name matches, best first; [] without a request for a blank query."""
        words = " ".join(query.split())
        if not words:
            return []
        found = await self._cached(
            ("search", words.casefold()), self._cache_seconds, partial(self._fetch_search, words)
        )
        return list(found)

    async def show(self, show_id: int) -> TvShow:
        """One show with its next episode (None when TVmaze has none scheduled)."""
        if isinstance(show_id, bool) or not isinstance(show_id, int) or show_id <= 0:
            raise TvmazeNotFound()
        return await self._cached(
            ("show", show_id), self._cache_seconds, partial(self._fetch_show, show_id)
        )

    async def episodes(self, show_id: int, *, updated: int = 0) -> tuple[TvEpisode, ...]:
        """Every regular episode of a show, aired or not, in TVmaze's order (specials left out,
        as TVmaze does unless asked). `updated` is the show's TvShow.updated: a show TVmaze
        changed since is asked again rather than answered from the cache."""
        if isinstance(show_id, bool) or not isinstance(show_id, int) or show_id <= 0:
            raise TvmazeNotFound()
        return await self._cached(
            ("episodes", show_id, updated),
            self._cache_seconds,
            partial(self._fetch_episodes, show_id),
        )

    async def seasons(self, show_id: int, *, updated: int = 0) -> tuple[TvSeason, ...]:
        """A show's seasons by number, with how many episodes each has and when it opens and
        closes, where TVmaze knows. `updated` works as for episodes()."""
        if isinstance(show_id, bool) or not isinstance(show_id, int) or show_id <= 0:
            raise TvmazeNotFound()
        return await self._cached(
            ("seasons", show_id, updated),
            self._cache_seconds,
            partial(self._fetch_seasons, show_id),
        )

    async def updated_since(self, period: str = "day") -> dict[int, int]:
        """{show id: TVmaze's updated epoch} for shows changed in the last day, week or month."""
        if period not in PERIODS:
            raise ValueError(f"period must be one of {sorted(PERIODS)}, not {period!r}")
        updates = await self._cached(
            ("updates", period), self._updates_cache_seconds, partial(self._fetch_updates, period)
        )
        return dict(updates)

    async def close(self) -> None:
        """Close the HTTP session if this client made it; a closed client refuses requests."""
        self._closed = True
        if self._owns_session and self._session is not None:
            await self._session.close()
        self._session = None

    async def __aenter__(self) -> TvmazeClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    async def _fetch_search(self, words: str) -> tuple[TvShow, ...]:
        try:
            body = await self._get_json("/search/shows", {"q": words})
        except TvmazeNotFound as error:
            raise TvmazeUnavailable(detail="404 from /search/shows") from error
        if not isinstance(body, list):
            raise TvmazeUnavailable(UNREADABLE, detail="search answer is not a list")
        ranked: list[tuple[float, int, TvShow]] = []
        seen: set[int] = set()
        for position, item in enumerate(body):
            if not isinstance(item, dict):
                continue
            show = parse_show(item.get("show"))
            if show is None or show.id in seen:
                continue
            seen.add(show.id)
            ranked.append((-_score(item.get("score")), position, show))
        ranked.sort(key=lambda entry: entry[:2])
        return tuple(show for _, _, show in ranked)

    async def _fetch_show(self, show_id: int) -> TvShow:
        body = await self._get_json(f"/shows/{show_id}", {"embed": "nextepisode"})
        show = parse_show(body)
        if show is None:
            raise TvmazeUnavailable(UNREADABLE, detail=f"show {show_id} has no usable id")
        return show

    async def _fetch_episodes(self, show_id: int) -> tuple[TvEpisode, ...]:
        body = await self._get_json(f"/shows/{show_id}/episodes", {})
        if not isinstance(body, list):
            raise TvmazeUnavailable(UNREADABLE, detail=f"episodes of {show_id} is not a list")
        return tuple(episode for item in body if (episode := parse_episode(item)) is not None)

    async def _fetch_seasons(self, show_id: int) -> tuple[TvSeason, ...]:
        body = await self._get_json(f"/shows/{show_id}/seasons", {})
        if not isinstance(body, list):
            raise TvmazeUnavailable(UNREADABLE, detail=f"seasons of {show_id} is not a list")
        seasons = [season for item in body if (season := parse_season(item)) is not None]
        # TVmaze lists them by number already; sorting keeps callers safe if it ever does not.
        return tuple(sorted(seasons, key=lambda season: season.number))

    async def _fetch_updates(self, period: str) -> dict[int, int]:
        try:
            body = await self._get_json("/updates/shows", {"since": period})
        except TvmazeNotFound as error:
            raise TvmazeUnavailable(detail="404 from /updates/shows") from error
        if not isinstance(body, dict):
            raise TvmazeUnavailable(UNREADABLE, detail="updates answer is not an object")
        updates: dict[int, int] = {}
        for key, stamp in body.items():
            try:
                show_id = int(key)
            except ValueError:
                continue
            if show_id > 0 and isinstance(stamp, int) and not isinstance(stamp, bool):
                updates[show_id] = stamp
        self._forget_outdated(updates)
        return updates

    def _forget_outdated(self, updates: dict[int, int]) -> None:
        # A sync that sees a change then calls show() must not get the hour-old cached copy.
        for show_id, stamp in updates.items():
            found, cached = self._cache.get(("show", show_id))
            if found and cached.updated < stamp:
                self._cache.drop(("show", show_id))

    async def _cached(self, key: Hashable, seconds: float, load: Callable[[], Awaitable[T]]) -> T:
        found, value = self._cache.get(key)
        if found:
            self._stats.cache_hits += 1
            cached: T = value  # stored under this key by this same loader
            return cached
        task = self._in_flight.get(key)
        if task is None:
            task = asyncio.ensure_future(self._load(key, seconds, load))
            self._in_flight[key] = task
            task.add_done_callback(partial(self._landed, key))
        else:
            self._stats.shared += 1
        # Shielded: one caller giving up must not cancel the request the others are waiting on.
        return await asyncio.shield(task)

    async def _load(self, key: Hashable, seconds: float, load: Callable[[], Awaitable[T]]) -> T:
        value = await load()
        self._cache.put(key, value, seconds)
        return value

    def _landed(self, key: Hashable, task: asyncio.Future[Any]) -> None:
        if self._in_flight.get(key) is task:
            del self._in_flight[key]
        if not task.cancelled():
            task.exception()  # every caller may have gone; don't let asyncio log it as lost

    async def _get_json(self, path: str, params: dict[str, str]) -> Any:
        refusals = 0
        failures = 0
        while True:
            await self._pacer.wait_turn(self._queue_seconds, path)
            self._stats.requests_sent += 1
            try:
                status, retry_after, body = await self._send(path, params)
            except TimeoutError as error:
                raise TvmazeUnavailable(
                    detail=f"{path} took longer than {self._timeout} s"
                ) from error
            except aiohttp.ClientError as error:
                if failures < self._server_retries:
                    failures += 1
                    log.info("TVmaze %s failed (%s); retrying", path, error)
                    await asyncio.sleep(self._backoff(failures))
                    continue
                raise TvmazeUnavailable(detail=f"{path}: {error!r}") from error

            if status == 200:
                return _decode(body, path)
            if status == 404:
                raise TvmazeNotFound()
            if status == 429:
                self._stats.rate_limited += 1
                refusals += 1
                wait = retry_after if retry_after is not None else self._backoff(refusals)
                if refusals > self._max_retries or wait > self._backoff_cap:
                    raise TvmazeUnavailable(
                        BUSY, detail=f"429 from {path} {refusals} times (wait {wait:.1f} s)"
                    )
                log.info("TVmaze said 429 on %s; waiting %.2f s", path, wait)
                self._pacer.hold(wait)
                continue
            if status >= 500 and failures < self._server_retries:
                failures += 1
                log.info("TVmaze answered %s on %s; retrying", status, path)
                await asyncio.sleep(self._backoff(failures))
                continue
            raise TvmazeUnavailable(detail=f"HTTP {status} from {path}")

    async def _send(self, path: str, params: dict[str, str]) -> tuple[int, float | None, bytes]:
        async with self._http().get(
            self._base_url + path,
            params=params,
            headers=self._headers,
            timeout=self._client_timeout,
        ) as response:
            body = await response.read()
            return response.status, _retry_after(response.headers.get("Retry-After")), body

    def _http(self) -> aiohttp.ClientSession:
        if self._closed:
            raise TvmazeUnavailable(detail="the TVmaze client is closed")
        if self._session is None:
            self._session = aiohttp.ClientSession()
        return self._session

    def _backoff(self, attempt: int) -> float:
        return min(self._backoff_cap, self._backoff_base * 2.0 ** (attempt - 1))


def _decode(body: bytes, path: str) -> Any:
    try:
        return json.loads(body)
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError both
        raise TvmazeUnavailable(UNREADABLE, detail=f"{path} sent invalid JSON") from error


def _score(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return 0.0


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds from now: a number of seconds or an HTTP date; None if neither."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            return None
        seconds = (when - datetime.now(UTC)).total_seconds()
    return max(0.0, seconds) if math.isfinite(seconds) else None
