"""A TVmaze double on 127.0.0.1 for the sandbox and tests: the endpoints the bot uses, in
TVmaze's JSON.

    async with TvmazeDouble() as site:            # or: site = TvmazeDouble(); await site.start()
        site.add_show(id=1, name="Severance", premiered="2022-02-18", web_channel="Apple TV+",
                      next_episode=dict(season=2, number=1, airdate="2025-01-17", airtime=""))
        client = TvmazeClient(site.base_url, requests_per_second=100)
        ...                                     # await site.stop() if you called start()

Endpoints (TVmaze's shapes; unknown paths answer 404):
    GET /search/shows?q=...                     [{"score": float, "show": {...}}], best first, at
        most 10. A show matches when the query is in its name or every query word is in one of
        its words, ignoring case; exact > prefix > substring > words (made-up scores).
    GET /shows/{id}[?embed=nextepisode]         the show; with the embed and a next episode,
        "_embedded": {"nextepisode": {...}}. Unknown id: 404 with TVmaze's error body.
    GET /shows/{id}/episodes[?specials=1]       the show's episodes (add_episodes, plus the next
        episode when it is not among them): regular ones only, as TVmaze does, unless
        specials=1. Season by season, a season's specials after its regular episodes (as a
        recorded TVmaze answer lists a "making of" that aired before episode 1), so the order
        says nothing about when they air. Unknown id: 404.
    GET /shows/{id}/seasons                     one season object per season that has episodes
        (regular or special, the next episode included) or was set with set_season, by number.
        "episodeOrder" is null unless set; "premiereDate" and "endDate" are the first and last
        airdates of the season's regular episodes only once episodeOrder is set and that many
        of them are dated (TVmaze fills endDate when a season is complete), else null. Season
        ids are made up and stay the same for a show and number. Unknown id: 404.
    GET /updates/shows[?since=day|week|month]   {"<id>": updated, ...} for shows whose `updated`
        is within the period of `site.now()`; without `since`, every show.

Test data:
    add_show(*, name, id=None, premiered=None, network=None, web_channel=None, timezone=None,
             status="Running", updated=None, next_episode=None, **fields) -> dict
        id defaults to the next free one. network/web_channel are names; the network's country
        timezone defaults to "America/New_York", a web channel's country is null unless
        `timezone` is given. updated defaults to 2020-01-01 (outside every updates period).
        next_episode is a dict of episode fields (season=1, number=1, name, airdate, airtime="",
        airstamp, id, type, runtime, ...; any raw field may be set, None included). Without
        "airstamp" it is derived: airdate + airtime in the show's timezone, noon there when
        airtime is "" (TVmaze's placeholder), null without an airdate. Without "type" it is
        "regular" when numbered, "significant_special" when number is None. Specials:
        number=None, type="significant_special" or "insignificant_special".
        **fields set or override raw show fields. Returns the stored show JSON (live: edit it
        to change later answers).
    add_episodes(show_id, *episodes) -> list[dict]  more episodes of the show (same fields as
                                                next_episode), for /shows/{id}/episodes.
    weekly_episodes(show_id, season, *, first_airdate, count, airtime="21:00", names=None,
                    start_number=1, drop=False) -> list[dict]
        `count` regular episodes numbered from start_number, a week apart from first_airdate
        (with drop=True all on first_airdate, as streaming seasons drop), named from `names` in
        order, else "Episode N". An episode with the season and number of the show's next
        episode takes its id (so /episodes lists it once) and becomes the next episode.
    set_season(show_id, number, *, episode_order=None)  list the season even without episodes,
                                                with this episodeOrder (None: not announced).
    move_episode(show_id, episode_id, *, airdate, airtime=None)  re-date an episode (airtime
                                                None keeps its own; airdate "" undates it); its
                                                airstamp is derived again, other fields kept.
                                                The next episode follows when it is that one.
    remove_episode(show_id, episode_id)         drop an episode; the next episode too if it was
                                                that one (advance_next_episode names another).
    advance_next_episode(show_id) -> dict | None  the next episode becomes the show's first
                                                episode airing at or after now() (regular or
                                                special), else none.
    set_status(show_id, status)                 e.g. "Ended".
        Changing episodes or seasons does not change the show's `updated`: call touch().
    names() -> list[str]                        every show's name.
    catalogue() -> list[str]                    a line per show for people: name, network,
                                                next episode and its date.
    add_raw_show(payload) -> dict               stored verbatim (needs only "id"): for missing
                                                or malformed fields.
    set_next_episode(show_id, episode=None, **fields)  replace the next episode (None: none).
    touch(show_id, updated=None)                mark changed: updated = given, else now (and at
                                                least one second later than before).
    remove_show(show_id)
    local_airstamps = True                      derived airstamps carry the show's local offset
                                                ("2027-04-11T21:00:00-04:00", as older TVmaze
                                                answers do) instead of "+00:00"; set it before
                                                adding the episodes it should apply to.

Faults (checked before routing, so they apply to every endpoint):
    fail_next(n=1, status=429, retry_after=None, body=None)  the next n requests get `status`,
        with a Retry-After header when retry_after is not None (a number, sent as given).
    malformed_next(n=1)                         the next n requests get 200 with invalid JSON.
    answer_next(payload, n=1)                   the next n requests get 200 with this JSON
                                                instead of the real answer (odd shapes, order).
    down = True                                 every request gets 503 until set back.
    delay = 0.5                                 seconds to wait before answering (stop() cuts it).

Records:
    requests: list[SeenRequest]                 path, query (dict), at (time.monotonic() when the
                                                request arrived), user_agent, status answered.
    count(path_prefix="") -> int                requests whose path starts with the prefix.
    starts(path_prefix="") -> list[float]       their arrival times, in order.
    forget_requests()                           clear the record.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from types import TracebackType
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web

OLD_UPDATE = 1_577_836_800  # 2020-01-01T00:00:00Z: outside every updates period
PERIOD_SECONDS = {"day": 86_400, "week": 7 * 86_400, "month": 30 * 86_400}
MAX_SEARCH_RESULTS = 10
_COUNTRIES = {
    "America/New_York": ("United States", "US"),
    "America/Los_Angeles": ("United States", "US"),
    "Europe/London": ("United Kingdom", "GB"),
    "Europe/Berlin": ("Germany", "DE"),
    "Asia/Tokyo": ("Japan", "JP"),
    "Australia/Sydney": ("Australia", "AU"),
}
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(slots=True)
class SeenRequest:
    path: str
    query: dict[str, str]
    at: float  # time.monotonic() on arrival
    user_agent: str = ""
    status: int = 0  # filled in once answered


@dataclass(slots=True)
class _Fault:
    status: int
    retry_after: float | str | None = None
    body: str | None = None


class TvmazeDouble:
    """A local TVmaze. See the module docstring for the whole API."""

    def __init__(self, *, now: Callable[[], float] = time.time) -> None:
        """`now` gives the epoch seconds the updates endpoint and touch() measure from."""
        self.now = now
        self.local_airstamps = False
        self.down = False
        self.delay = 0.0
        self.requests: list[SeenRequest] = []
        self._shows: dict[int, dict[str, Any]] = {}
        self._next_episodes: dict[int, dict[str, Any] | None] = {}
        self._episodes: dict[int, list[dict[str, Any]]] = {}
        self._faults: list[_Fault] = []
        self._episode_ids = itertools.count(100_001)
        self._season_orders: dict[int, dict[int, int | None]] = {}  # show → number → order
        self._season_ids: dict[tuple[int, int], int] = {}
        self._next_season_id = itertools.count(5_001)
        self._runner: web.AppRunner | None = None
        self._port = 0
        self._stopping = asyncio.Event()

    # --- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(middlewares=[self._faults_and_records])
        app.router.add_get("/search/shows", self._search)
        app.router.add_get("/shows/{id}", self._show)
        app.router.add_get("/shows/{id}/episodes", self._show_episodes)
        app.router.add_get("/shows/{id}/seasons", self._show_seasons)
        app.router.add_get("/updates/shows", self._updates)
        # A short shutdown_timeout: a test that timed out a delayed request must not hang stop().
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        tcp = web.TCPSite(self._runner, "127.0.0.1", 0)
        await tcp.start()
        self._port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        self._stopping.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> TvmazeDouble:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        if not self._port:
            raise RuntimeError("start the site first")
        return f"http://127.0.0.1:{self._port}"

    # --- test data -------------------------------------------------------------------------

    def add_show(
        self,
        *,
        name: str,
        id: int | None = None,
        premiered: str | date | None = None,
        network: str | None = None,
        web_channel: str | None = None,
        timezone: str | None = None,
        status: str = "Running",
        updated: int | None = None,
        next_episode: dict[str, Any] | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        show_id = id if id is not None else max(self._shows, default=0) + 1
        payload: dict[str, Any] = {
            "id": show_id,
            "url": f"https://www.tvmaze.com/shows/{show_id}",
            "name": name,
            "type": "Scripted",
            "language": "English",
            "genres": [],
            "status": status,
            "runtime": 60,
            "premiered": premiered.isoformat() if isinstance(premiered, date) else premiered,
            "ended": None,
            "officialSite": None,
            "schedule": {"time": "", "days": []},
            "rating": {"average": None},
            "weight": 50,
            "network": _channel(1, network, timezone or "America/New_York") if network else None,
            "webChannel": _channel(2, web_channel, timezone) if web_channel else None,
            "externals": {"tvrage": None, "thetvdb": None, "imdb": None},
            "image": None,
            "summary": None,
            "updated": updated if updated is not None else OLD_UPDATE,
        }
        payload.update(fields)
        self._shows[show_id] = payload
        self.set_next_episode(show_id, next_episode)
        return payload

    def names(self) -> list[str]:
        """Every show's name, in id order."""
        return [str(show.get("name")) for _, show in sorted(self._shows.items())]

    def catalogue(self) -> list[str]:
        """One line per show, for people: name, where it airs, and its next episode's date."""
        lines = []
        for show_id, show in sorted(self._shows.items()):
            where = (show.get("network") or show.get("webChannel") or {}).get("name")
            line = str(show.get("name")) + (f" ({where})" if where else "")
            episode = self._next_episodes.get(show_id)
            if episode is None or not episode.get("airdate"):
                lines.append(f"{line}: no date announced")
                continue
            number = episode.get("number")
            which = f"season {episode.get('season')}" + (
                f", episode {number}" if number else ", a special"
            )
            lines.append(f"{line}: {which} on {episode['airdate']}")
        return lines

    def add_raw_show(self, payload: dict[str, Any]) -> dict[str, Any]:
        self._shows[int(payload["id"])] = payload
        return payload

    def set_next_episode(
        self, show_id: int, episode: dict[str, Any] | None = None, **fields: Any
    ) -> None:
        merged = {**(episode or {}), **fields}
        self._next_episodes[show_id] = self._episode(show_id, merged) if merged else None

    def add_episodes(self, show_id: int, *episodes: dict[str, Any]) -> list[dict[str, Any]]:
        added = [self._episode(show_id, fields) for fields in episodes]
        self._episodes.setdefault(show_id, []).extend(added)
        return added

    def weekly_episodes(
        self,
        show_id: int,
        season: int,
        *,
        first_airdate: str | date,
        count: int,
        airtime: str = "21:00",
        names: Sequence[str] | None = None,
        start_number: int = 1,
        drop: bool = False,
    ) -> list[dict[str, Any]]:
        titles = list(names or ())
        if count < 0 or len(titles) > count:
            raise ValueError(f"{count} episodes cannot take {len(titles)} names")
        first = (
            date.fromisoformat(first_airdate) if isinstance(first_airdate, str) else first_airdate
        )
        upcoming = self._next_episodes.get(show_id)
        stored_ids = {episode.get("id") for episode in self._episodes.get(show_id, [])}
        planned = []
        for index in range(count):
            number = start_number + index
            fields: dict[str, Any] = {
                "season": season,
                "number": number,
                "name": titles[index] if index < len(titles) else f"Episode {number}",
                "airdate": first if drop else first + timedelta(weeks=index),
                "airtime": airtime,
            }
            if (
                upcoming is not None
                and upcoming.get("id") not in stored_ids
                and (upcoming.get("season"), upcoming.get("number")) == (season, number)
            ):
                fields["id"] = upcoming["id"]  # the same episode: listed once, not twice
            planned.append(fields)
        added = self.add_episodes(show_id, *planned)
        for episode in added:
            if upcoming is not None and episode["id"] == upcoming["id"]:
                self._next_episodes[show_id] = dict(episode)
        return added

    def set_season(self, show_id: int, number: int, *, episode_order: int | None = None) -> None:
        self._season_orders.setdefault(show_id, {})[number] = episode_order

    def move_episode(
        self, show_id: int, episode_id: int, *, airdate: str | date, airtime: str | None = None
    ) -> None:
        day = airdate.isoformat() if isinstance(airdate, date) else airdate
        copies = list(self._copies_of(show_id, episode_id))
        if not copies:
            raise KeyError(f"show {show_id} has no episode {episode_id}")
        for episode in copies:
            time_of_day = episode.get("airtime") if airtime is None else airtime
            episode["airdate"] = day
            episode["airtime"] = time_of_day
            episode["airstamp"] = _airstamp(
                day, time_of_day, self._zone(show_id), self.local_airstamps
            )

    def remove_episode(self, show_id: int, episode_id: int) -> None:
        stored = self._episodes.get(show_id, [])
        kept = [episode for episode in stored if episode.get("id") != episode_id]
        upcoming = self._next_episodes.get(show_id)
        was_next = upcoming is not None and upcoming.get("id") == episode_id
        if len(kept) == len(stored) and not was_next:
            raise KeyError(f"show {show_id} has no episode {episode_id}")
        self._episodes[show_id] = kept
        if was_next:
            self._next_episodes[show_id] = None

    def advance_next_episode(self, show_id: int) -> dict[str, Any] | None:
        now = datetime.fromtimestamp(self.now(), UTC)
        ahead = [
            (when, episode)
            for episode in self._listed_episodes(show_id)
            if (when := _instant(episode.get("airstamp"))) is not None and when >= now
        ]
        upcoming = dict(min(ahead, key=lambda pair: pair[0])[1]) if ahead else None
        self._next_episodes[show_id] = upcoming
        return upcoming

    def set_status(self, show_id: int, status: str) -> None:
        self._shows[show_id]["status"] = status

    def touch(self, show_id: int, updated: int | None = None) -> int:
        show = self._shows[show_id]
        stored = show.get("updated")
        previous = stored if isinstance(stored, int) else 0
        changed = updated if updated is not None else max(int(self.now()), previous + 1)
        show["updated"] = changed
        return changed

    def remove_show(self, show_id: int) -> None:
        self._shows.pop(show_id, None)
        self._next_episodes.pop(show_id, None)
        self._episodes.pop(show_id, None)
        self._season_orders.pop(show_id, None)

    # --- faults and records ----------------------------------------------------------------

    def fail_next(
        self,
        n: int = 1,
        status: int = 429,
        retry_after: float | str | None = None,
        body: str | None = None,
    ) -> None:
        self._faults.extend(_Fault(status, retry_after, body) for _ in range(n))

    def malformed_next(self, n: int = 1) -> None:
        self._faults.extend(_Fault(200, body='{"id": 1, "name": ') for _ in range(n))

    def answer_next(self, payload: Any, n: int = 1) -> None:
        self._faults.extend(_Fault(200, body=json.dumps(payload)) for _ in range(n))

    def count(self, path_prefix: str = "") -> int:
        return len(self.starts(path_prefix))

    def starts(self, path_prefix: str = "") -> list[float]:
        return [seen.at for seen in self.requests if seen.path.startswith(path_prefix)]

    def forget_requests(self) -> None:
        self.requests.clear()

    # --- the server ------------------------------------------------------------------------

    @web.middleware
    async def _faults_and_records(self, request: web.Request, handler: Handler) -> Any:
        seen = SeenRequest(
            request.path,
            dict(request.query),
            time.monotonic(),
            request.headers.get("User-Agent", ""),
        )
        self.requests.append(seen)
        response = await self._answer(request, handler)
        seen.status = response.status
        return response

    async def _answer(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if self.delay > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.delay)
        if self.down:
            return _error(503, "Service Unavailable")
        if self._faults:
            fault = self._faults.pop(0)
            headers = {} if fault.retry_after is None else {"Retry-After": str(fault.retry_after)}
            text = fault.body if fault.body is not None else _error_body(fault.status)
            return web.Response(
                status=fault.status, text=text, content_type="application/json", headers=headers
            )
        try:
            return await handler(request)
        except web.HTTPNotFound:
            return _error(404, "Not Found")

    async def _search(self, request: web.Request) -> web.Response:
        query = " ".join(request.query.get("q", "").split()).casefold()
        hits: list[tuple[float, int, dict[str, Any]]] = []
        for show_id, show in self._shows.items():
            score = _match(query, str(show.get("name") or ""))
            if score:
                hits.append((score, show_id, show))
        hits.sort(key=lambda hit: (-hit[0], hit[1]))
        return web.json_response(
            [{"score": score, "show": show} for score, _, show in hits[:MAX_SEARCH_RESULTS]]
        )

    async def _show(self, request: web.Request) -> web.Response:
        try:
            show_id = int(request.match_info["id"])
        except ValueError:
            return _error(404, "Not Found")
        show = self._shows.get(show_id)
        if show is None:
            return _error(404, "Not Found")
        payload = dict(show)
        episode = self._next_episodes.get(show_id)
        links: dict[str, Any] = {"self": {"href": f"{self.base_url}/shows/{show_id}"}}
        if episode is not None:
            links["nextepisode"] = {"href": f"{self.base_url}/episodes/{episode['id']}"}
        payload["_links"] = links
        if "nextepisode" in request.query.getall("embed", []) and episode is not None:
            payload["_embedded"] = {"nextepisode": episode}
        return web.json_response(payload)

    async def _show_episodes(self, request: web.Request) -> web.Response:
        try:
            show_id = int(request.match_info["id"])
        except ValueError:
            return _error(404, "Not Found")
        if show_id not in self._shows:
            return _error(404, "Not Found")
        episodes = self._listed_episodes(show_id)
        if request.query.get("specials") not in ("1", "true"):
            episodes = [e for e in episodes if e.get("type") == "regular"]
        episodes.sort(key=_listing_order)
        return web.json_response(episodes)

    async def _show_seasons(self, request: web.Request) -> web.Response:
        try:
            show_id = int(request.match_info["id"])
        except ValueError:
            return _error(404, "Not Found")
        show = self._shows.get(show_id)
        if show is None:
            return _error(404, "Not Found")
        episodes = self._listed_episodes(show_id)
        orders = self._season_orders.get(show_id, {})
        numbers = {e["season"] for e in episodes if isinstance(e.get("season"), int)} | set(orders)
        return web.json_response(
            [
                self._season(show_id, show, number, orders.get(number), episodes)
                for number in sorted(numbers)
            ]
        )

    def _season(
        self,
        show_id: int,
        show: dict[str, Any],
        number: int,
        order: int | None,
        episodes: list[dict[str, Any]],
    ) -> dict[str, Any]:
        season_id = self._season_ids.setdefault((show_id, number), next(self._next_season_id))
        airdates = sorted(
            str(e["airdate"])
            for e in episodes
            if e.get("season") == number and e.get("type") == "regular" and e.get("airdate")
        )
        complete = order is not None and len(airdates) >= order
        return {
            "id": season_id,
            "url": f"https://www.tvmaze.com/seasons/{season_id}",
            "number": number,
            "name": "",
            "episodeOrder": order,
            "premiereDate": airdates[0] if complete and airdates else None,
            "endDate": airdates[-1] if complete and airdates else None,
            "network": show.get("network"),
            "webChannel": show.get("webChannel"),
            "image": None,
            "summary": None,
            "_links": {"self": {"href": f"{self.base_url}/seasons/{season_id}"}},
        }

    async def _updates(self, request: web.Request) -> web.Response:
        since = request.query.get("since")
        if since is not None and since not in PERIOD_SECONDS:
            return _error(400, "Bad Request")
        oldest = self.now() - PERIOD_SECONDS[since] if since else -float("inf")
        return web.json_response(
            {
                str(show_id): show["updated"]
                for show_id, show in sorted(self._shows.items())
                if isinstance(show.get("updated"), int) and show["updated"] >= oldest
            }
        )

    def _episode(self, show_id: int, fields: dict[str, Any]) -> dict[str, Any]:
        airdate = fields.get("airdate", "")
        airdate = airdate.isoformat() if isinstance(airdate, date) else airdate
        airtime = fields.get("airtime", "")
        number = fields.get("number", 1)
        episode_id = fields.get("id", next(self._episode_ids))
        episode: dict[str, Any] = {
            "id": episode_id,
            "url": f"https://www.tvmaze.com/episodes/{episode_id}",
            "name": "TBA",
            "season": 1,
            "number": number,
            "type": "regular" if number is not None else "significant_special",
            "airdate": airdate,
            "airtime": airtime,
            "airstamp": _airstamp(airdate, airtime, self._zone(show_id), self.local_airstamps),
            "runtime": 60,
            "rating": {"average": None},
            "image": None,
            "summary": None,
        }
        episode.update({k: v for k, v in fields.items() if k != "airdate"})
        return episode

    def _listed_episodes(self, show_id: int) -> list[dict[str, Any]]:
        """The stored episodes, and the next episode when it is not one of them."""
        episodes = list(self._episodes.get(show_id, []))
        upcoming = self._next_episodes.get(show_id)
        if upcoming is not None and all(e["id"] != upcoming["id"] for e in episodes):
            episodes.append(upcoming)
        return episodes

    def _copies_of(self, show_id: int, episode_id: int) -> Iterator[dict[str, Any]]:
        # The next episode is kept apart from the stored ones, so one episode may be in both.
        for episode in self._episodes.get(show_id, []):
            if episode.get("id") == episode_id:
                yield episode
        upcoming = self._next_episodes.get(show_id)
        if upcoming is not None and upcoming.get("id") == episode_id:
            yield upcoming

    def _zone(self, show_id: int) -> str:
        show = self._shows.get(show_id, {})
        for key in ("network", "webChannel"):
            country = (show.get(key) or {}).get("country") or {}
            if country.get("timezone"):
                return str(country["timezone"])
        return "UTC"


def _channel(channel_id: int, name: str, timezone: str | None) -> dict[str, Any]:
    country = None
    if timezone:
        country_name, code = _COUNTRIES.get(timezone, (timezone, "XX"))
        country = {"name": country_name, "code": code, "timezone": timezone}
    return {"id": channel_id, "name": name, "country": country, "officialSite": None}


def _airstamp(airdate: str | None, airtime: str | None, zone: str, local: bool) -> str | None:
    if not airdate:
        return None
    day = date.fromisoformat(airdate)
    # No airtime (a streaming drop): TVmaze still gives an airstamp, noon that day in the zone.
    wall = clock_time.fromisoformat(airtime) if airtime else clock_time(12, 0)
    stamp = datetime.combine(day, wall, ZoneInfo(zone))
    return (stamp if local else stamp.astimezone(UTC)).isoformat()


def _instant(airstamp: Any) -> datetime | None:
    if not isinstance(airstamp, str) or not airstamp:
        return None
    try:
        return datetime.fromisoformat(airstamp)
    except ValueError:
        return None


def _listing_order(episode: dict[str, Any]) -> tuple[int, bool, int, bool, str]:
    season = episode.get("season")
    number = episode.get("number")
    airdate = episode.get("airdate") or ""
    return (
        season if isinstance(season, int) else 0,
        episode.get("type") != "regular",  # a season's specials after its regular episodes
        number if isinstance(number, int) else 0,
        not airdate,  # undated last
        str(airdate),
    )


def _match(query: str, name: str) -> float:
    """A made-up relevance in (0, 1], or 0 for no match."""
    name = name.casefold()
    if not query or not name:
        return 0.0
    closeness = len(query) / max(len(name), len(query)) / 10  # tighter names rank higher
    if name == query:
        return 1.0
    if name.startswith(query):
        return 0.8 + closeness
    if query in name:
        return 0.6 + closeness
    words = name.split()
    if all(any(part in word for word in words) for part in query.split()):
        return 0.4 + closeness
    return 0.0


def _error_body(status: int) -> str:
    names = {404: "Not Found", 429: "Too Many Requests", 503: "Service Unavailable"}
    return json.dumps(
        {"name": names.get(status, "Error"), "message": "", "code": 0, "status": status}
    )


def _error(status: int, name: str) -> web.Response:
    body = {"name": name, "message": "", "code": 0, "status": status}
    return web.json_response(body, status=status)


QUIET_VALLEY_SEASON_4 = (
    "The Thaw",
    "Old Roads",
    "A Fence in the Fog",
    "Salt and Cedar",
    "The Lower Field",
    "Borrowed Light",
    "What the River Keeps",
    "Kindling",
    "The Long Table",
    "First Frost",
)


def add_sample_shows(tvmaze: TvmazeDouble, today: date) -> None:
    """Made-up shows for the sandbox, premiering soon after `today`, in TVmaze's shapes: a timed
    network premiere of a weekly season, a streaming season dropped whole with no time, a
    season already airing, a show with no date yet, and a season whose next episode is a special
    a week before its premiere (with an episode not dated yet: no airtime, no airstamp). Each
    show's next episode is the first of its episodes still to air."""

    def on(days: int) -> str:
        return date.fromordinal(today.toordinal() + days).isoformat()

    quiet_valley = tvmaze.add_show(
        name="Quiet Valley",
        premiered="2021-09-05",
        network="HBO",
        timezone="America/New_York",
        next_episode={"season": 4, "number": 1, "airdate": on(12), "airtime": "21:00"},
    )
    tvmaze.weekly_episodes(
        quiet_valley["id"],
        4,
        first_airdate=on(12),
        count=10,
        names=QUIET_VALLEY_SEASON_4,
    )
    tvmaze.set_season(quiet_valley["id"], 4, episode_order=10)
    harbor_lights = tvmaze.add_show(
        name="Harbor Lights",
        premiered="2024-03-01",
        web_channel="Netflix",
        next_episode={"season": 3, "number": 1, "airdate": on(30), "airtime": ""},
    )
    tvmaze.weekly_episodes(
        harbor_lights["id"], 3, first_airdate=on(30), count=8, airtime="", drop=True
    )
    tvmaze.set_season(harbor_lights["id"], 3, episode_order=8)
    night_shift = tvmaze.add_show(
        name="Night Shift",
        premiered="2025-01-06",
        network="NBC",
        timezone="America/New_York",
        next_episode={"season": 2, "number": 5, "airdate": on(3), "airtime": "22:00"},
    )
    # Episodes 1-4 have aired, a week apart up to the week before episode 5.
    tvmaze.weekly_episodes(night_shift["id"], 2, first_airdate=on(3 - 28), count=4, airtime="22:00")
    tvmaze.weekly_episodes(
        night_shift["id"], 2, first_airdate=on(3), count=6, airtime="22:00", start_number=5
    )
    tvmaze.set_season(night_shift["id"], 2, episode_order=10)
    tvmaze.add_show(name="The Long Summer", premiered="2023-06-01", web_channel="Apple TV+")
    ember = tvmaze.add_show(
        name="Ember Crown",
        premiered="2022-04-10",
        network="HBO",
        timezone="America/New_York",
        next_episode={
            "season": 3,
            "number": None,
            "type": "significant_special",
            "name": "Ember Crown: Into the Third Age",
            "airdate": on(9),
            "airtime": "21:00",
            "runtime": 30,
        },
    )
    tvmaze.add_episodes(
        ember["id"],
        {"season": 2, "number": 8, "name": "Ashfall", "airdate": "2024-06-02", "airtime": "21:00"},
        {"season": 3, "number": 1, "airdate": on(16), "airtime": "21:00"},
        {"season": 3, "number": 2, "airdate": on(23), "airtime": "21:00"},
        {"season": 3, "number": 3, "airdate": "", "airtime": "", "airstamp": None},
    )
