"""Calendar feed and page speed for a server with many tracked shows.

    python bench/calendars.py [--shows 500] [--requests 300] [--seconds 5] [--clients 8]

Builds a SQLite database with one server tracking `--shows` shows (a third timed, a third
day-only, a third with every episode of a ten-episode season), starts the bot's calendar web
server in a child process pinned to one core (CPU 0), and from this process (on the other core):

- feed and page latency: `--requests` sequential GETs of each, p50/p99/max in milliseconds;
- throughput: `--clients` concurrent clients polling the feed with `If-None-Match` (a calendar
  app's hourly poll when nothing changed) for `--seconds`, in requests a second, all 304s.

Prints one JSON line per figure. Real HTTP over 127.0.0.1, real SQLite, no network.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))

from bot.clock import SystemClock  # noqa: E402
from bot.db.calendars import CalendarRepository  # noqa: E402
from bot.db.connection import Database  # noqa: E402
from bot.db.episodes import EpisodeRepository  # noqa: E402
from bot.db.settings import SettingsRepository  # noqa: E402
from bot.db.shows import NewShow, ShowRepository  # noqa: E402
from bot.domain.dates import Precision  # noqa: E402
from bot.domain.episodes import Announce, Episode  # noqa: E402
from bot.services.calendars import CalendarService, digest_of  # noqa: E402
from bot.web.server import CalendarSite, RateLimiter  # noqa: E402

GUILD = 1
SECRET = "b" * 32
EPISODES_PER_SEASON = 10


async def build(path: Path, shows: int) -> None:
    db = await Database.open(path)
    try:
        rows = ShowRepository(db)
        episodes = EpisodeRepository(db)
        now = datetime.now(UTC)
        for n in range(shows):
            kind = n % 3
            start = (now + timedelta(days=1 + n % 90)).replace(minute=0, second=0, microsecond=0)
            precision = Precision.TIME if kind != 1 else Precision.DAY
            await rows.insert(
                NewShow(
                    GUILD,
                    f"Show {n:04d}",
                    1 + n % 5,
                    ("HBO", "Netflix", "Apple TV+")[n % 3],
                    start,
                    precision,
                    "America/New_York",
                    42,
                    now,
                    tvmaze_id=10_000 + n if kind == 2 else None,
                    announce=Announce.EPISODES if kind == 2 else Announce.PREMIERES,
                )
            )
            if kind == 2:
                await episodes.replace(
                    10_000 + n,
                    [
                        Episode(
                            10_000 + n,
                            1_000_000 + n * 100 + e,
                            1 + n % 5,
                            e,
                            f"Episode {e}",
                            start + timedelta(weeks=e - 1),
                            True,
                        )
                        for e in range(1, EPISODES_PER_SEASON + 1)
                    ],
                )
        await CalendarRepository(db).create(GUILD, SECRET, digest_of(SECRET), "Bench Club", now)
    finally:
        await db.close()


def serve(path: str, ready: multiprocessing.connection.Connection) -> None:
    """The child: the calendar server alone, on CPU 0."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})

    async def run() -> None:
        db = await Database.open(Path(path))
        clock = SystemClock()
        service = CalendarService(
            CalendarRepository(db),
            ShowRepository(db),
            EpisodeRepository(db),
            SettingsRepository(db),
            clock,
            public_url="https://premieres.example.org",
        )
        # The benchmark is one address asking as fast as it can: no limit for it.
        site = CalendarSite(
            service, clock, host="127.0.0.1", port=0, limiter=RateLimiter(burst=1e12)
        )
        await site.start()
        ready.send(site.base_url)
        await asyncio.Event().wait()

    asyncio.run(run())


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(ordered[int(len(ordered) * 0.99) - 1] * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


async def measure(base: str, args: argparse.Namespace) -> None:
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
        os.sched_setaffinity(0, {1})
    async with aiohttp.ClientSession() as http:
        for name, path in (("feed", f"/c/{SECRET}.ics"), ("page", f"/c/{SECRET}")):
            took, size = [], 0
            for _ in range(args.requests):
                started = time.perf_counter()
                async with http.get(base + path) as response:
                    body = await response.read()
                    assert response.status == 200, response.status
                took.append(time.perf_counter() - started)
                size = len(body)
            print(
                json.dumps(
                    {"calendar": name, "shows": args.shows, "bytes": size} | percentiles(took)
                )
            )

        async with http.get(base + f"/c/{SECRET}.ics") as response:
            etag = response.headers["ETag"]
        deadline = time.perf_counter() + args.seconds
        done = [0]

        async def client() -> None:
            while time.perf_counter() < deadline:
                async with http.get(
                    base + f"/c/{SECRET}.ics", headers={"If-None-Match": etag}
                ) as response:
                    assert response.status == 304, response.status
                done[0] += 1

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(args.clients)))
        elapsed = time.perf_counter() - started
        print(
            json.dumps(
                {
                    "calendar": "conditional feed polls (304), server on one core",
                    "shows": args.shows,
                    "clients": args.clients,
                    "requests_per_second": round(done[0] / elapsed, 1),
                }
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shows", type=int, default=500)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "calendar.sqlite3"
        asyncio.run(build(path, args.shows))
        receive, send = multiprocessing.Pipe(duplex=False)
        server = multiprocessing.Process(target=serve, args=(str(path), send), daemon=True)
        server.start()
        try:
            base = receive.recv()
            asyncio.run(measure(base, args))
        finally:
            server.terminate()
            server.join()


if __name__ == "__main__":
    main()
