"""Feed polling at scale: one full round over 10,000 feeds, most of them answering 304.

    python bench/feeds_polling.py [--feeds 10000] [--servers 500] [--changed 0.02]
                                  [--concurrency 64] [--rounds 2]

The feeds live on tests/feed_site.py's fake site (`site.many`), served by a child process on
127.0.0.1, so the CPU measured here is the bot's alone (the site's is reported beside it).
The database (a temporary file, migrated by `Database.open`) holds the feeds spread over
`--servers` servers, each with the validators the site sends and its current entries already
seen, so an untouched feed answers 304 and posts nothing. Before each round every feed is made
due (round 1: due at insert; later rounds: the clock moves past the longest jittered interval)
and a fraction (`--changed`) of them, different each round, get one new item: those go through
the real pipeline (FeedPoller -> NewsDesk -> ArticleService) to a recording Sender. The item's
link is a page the site does not serve (404), so the article is read from the feed's own copy.

Measured per round, around `FeedPoller.check_due()`: wall time, this process's CPU time (every
thread: aiosqlite's and feedparser's too) and so the cores used (CPU / wall), requests a
second, peak RSS (VmHWM) and the RoundStats counts. Targets: a round within 10 minutes using
at most one core (cores used, to a tenth; `cores_over_interval` spreads the round's CPU over
the 15 minutes until the next one; `loop_cpu_s` is the event loop's thread alone). Prints one
JSON line for the setup and one per round; the checks printed (checked == feeds, failed == 0,
posted == changed) are reported, not asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
FAMILY = "/feeds/"
ADDED_AT = datetime(2026, 1, 1, tzinfo=UTC)  # the family's first story is dated this instant
INTERVAL = timedelta(minutes=15)
TARGET_ROUND_SECONDS = 600
TARGET_CORES = 1.0


# ---------------------------------------------------------------------------- the site (child)


def serve(feeds: int) -> None:
    """Runs in the child: the fake site, driven by JSON lines on stdin, answering on stdout."""
    sys.path.insert(0, str(REPO))  # tests/ is not an installed package
    from tests.feed_site import FeedSite

    async def run() -> None:
        async with FeedSite(record=False) as site:
            family = site.many(FAMILY, feeds)
            say({"port": site.port, "etags": [family.etag(i) for i in range(feeds)]})
            loop = asyncio.get_running_loop()
            while line := await loop.run_in_executor(None, sys.stdin.readline):
                command = json.loads(line)
                for i in command.get("bump", ()):
                    family.bump(i)
                say({"cpu": time.process_time(), "requests": sum(site.counts.values())})

    asyncio.run(run())


def say(message: dict[str, Any]) -> None:
    print(json.dumps(message), flush=True)


class Site:
    """The parent's handle on the child's site."""

    def __init__(self, feeds: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(feeds)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        hello = self._read()
        self.port: int = hello["port"]
        self.etags: list[str] = hello["etags"]

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the feed site's process ended")
        return json.loads(line)

    def ask(self, bump: list[int] | None = None) -> dict[str, Any]:
        """Bump these feeds (if any); returns the site's CPU time and request count so far."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"bump": bump or []}) + "\n")
        self.process.stdin.flush()
        return self._read()

    def url(self, i: int) -> str:
        return f"http://127.0.0.1:{self.port}{FAMILY}{i}"

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# ---------------------------------------------------------------------------- the bot (parent)


class RecordingSender:
    """A Sender that posts nowhere: counts the calls and hands back fake message ids."""

    def __init__(self) -> None:
        self.channel_posts = 0
        self.direct_messages = 0
        self._next_id = 10**15

    async def to_channel(self, channel_id: int, **_: object) -> int:
        self.channel_posts += 1
        self._next_id += 1
        return self._next_id

    async def to_user(self, user_id: int, **_: object) -> int:
        self.direct_messages += 1
        self._next_id += 1
        return self._next_id


def entry_keys(site: Site, i: int, stories: int = 1) -> list[str]:
    """The keys of feed i's current entries, built as the parser builds them (checked against
    a real read of feed 0 in `verify_keys`)."""
    from bot.feeds.parse import FeedEntry

    path = f"{FAMILY}{i}"
    return [
        key
        for j in range(stories)
        for key in FeedEntry(
            id=f"{path}#{j}",
            link=f"http://127.0.0.1:{site.port}{path}/story/{j}",
            title=f"Feed {i} story {j}",
            published=ADDED_AT + timedelta(hours=j),
            content_html=None,
        ).keys
    ]


async def verify_keys(site: Site, fetcher: Any) -> str | None:
    """One plain read of feed 0: its keys and ETag must match what the database is given.
    Returns its Last-Modified (the same for every feed not yet bumped)."""
    from bot.feeds.reader import read_feed

    read = await read_feed(fetcher, site.url(0))
    assert read.feed is not None
    parsed = sorted(k for e in read.feed.entries for k in e.keys)
    if parsed != sorted(entry_keys(site, 0)):
        raise RuntimeError(f"entry keys differ from the parser's: {parsed}")
    if read.etag != site.etags[0]:
        raise RuntimeError(f"ETag {read.etag} is not the site's {site.etags[0]}")
    return read.last_modified


async def insert_feeds(
    db: Any, site: Site, feeds: int, servers: int, last_modified: str | None, due: datetime
) -> None:
    from bot.articles import normalise_url
    from bot.db.feeds import FeedRepository, NewFeed

    repository = FeedRepository(db)
    for i in range(feeds):
        guild_id = 1_000_000 + i % servers
        url = site.url(i)
        await repository.insert(
            NewFeed(
                guild_id=guild_id,
                url=url,
                url_key=normalise_url(url),
                title=f"Feed {i}",
                channel_id=guild_id * 10,
                only_tracked=False,
                added_by=1,
                added_at=ADDED_AT,
                interval=INTERVAL,
                next_poll_at=due,
                etag=site.etags[i],
                last_modified=last_modified,
            ),
            entry_keys(site, i),
        )


def memory_mb(field: str) -> float:
    """VmHWM (peak) or VmRSS (now) of this process, in MB."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith(f"{field}:"):
                return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


async def bench(args: argparse.Namespace, site: Site, folder: Path) -> None:
    from bot.articles.fetch import Fetcher, FetchPolicy
    from bot.clock import AdjustableClock
    from bot.db.connection import Database
    from bot.db.feeds import FeedRepository
    from bot.db.reminders import ReminderRepository
    from bot.db.settings import SettingsRepository
    from bot.db.shows import ShowRepository, to_epoch
    from bot.db.subscriptions import SubscriptionRepository
    from bot.news.desk import NewsDesk
    from bot.news.poller import FeedPoller
    from bot.outbox.timer import Scheduler
    from bot.services.articles import ArticleService
    from bot.services.shows import ShowService

    started = time.perf_counter()
    clock = AdjustableClock()
    fetcher = Fetcher(FetchPolicy(allow=frozenset({("127.0.0.1", site.port)})))
    db = await Database.open(folder / "feeds.sqlite3")
    try:
        last_modified = await verify_keys(site, fetcher)
        await insert_feeds(db, site, args.feeds, args.servers, last_modified, clock.now())
        shows = ShowRepository(db)
        subscriptions = SubscriptionRepository(db)
        articles = ArticleService(
            db,
            ShowService(shows, SettingsRepository(db), subscriptions, clock),
            clock,
            fetcher=fetcher,
        )
        sender = RecordingSender()
        desk = NewsDesk(
            articles,
            shows,
            subscriptions,
            sender,
            held=ReminderRepository(db),
            clock=clock,
            fetcher=fetcher,
        )
        poller = FeedPoller(
            FeedRepository(db),
            desk,
            clock,
            Scheduler(clock),
            fetcher=fetcher,
            concurrency=args.concurrency,
            rng=random.Random(7),
        )
        say({
            "bench": "feeds_polling",
            "feeds": args.feeds,
            "servers": args.servers,
            "concurrency": args.concurrency,
            "setup_seconds": round(time.perf_counter() - started, 1),
            "rss_mb": memory_mb("VmRSS"),
        })  # fmt: skip

        rng = random.Random(11)
        changed = max(0, round(args.feeds * args.changed))
        for round_number in range(1, args.rounds + 1):
            if round_number > 1:  # past the longest jittered interval: every feed is due again
                clock.move_to(clock.now() + INTERVAL * 1.1 + timedelta(seconds=5))
            due = await db.scalar(
                "SELECT count(*) FROM feeds WHERE paused_at IS NULL AND next_poll_at <= ?",
                (to_epoch(clock.now()),),
            )
            bumped = rng.sample(range(args.feeds), changed)
            before = site.ask(bumped)
            posts_before = sender.channel_posts
            cpu, loop_cpu = time.process_time(), time.thread_time()
            wall = time.perf_counter()
            stats = await poller.check_due()
            wall = time.perf_counter() - wall
            cpu, loop_cpu = time.process_time() - cpu, time.thread_time() - loop_cpu
            after = site.ask()
            requests = after["requests"] - before["requests"]
            say({
                "bench": "feeds_polling",
                "round": round_number,
                "due": due,
                "bumped": changed,
                "wall_s": round(wall, 2),
                "cpu_s": round(cpu, 2),
                "cores_used": round(cpu / wall, 2),
                "loop_cpu_s": round(loop_cpu, 2),
                "cpu_ms_per_feed": round(1000 * cpu / max(stats.checked, 1), 3),
                "cores_over_interval": round(cpu / INTERVAL.total_seconds(), 4),
                "requests": requests,
                "requests_per_s": round(requests / wall),
                "site_cpu_s": round(after["cpu"] - before["cpu"], 2),
                "checked": stats.checked,
                "unchanged": stats.unchanged,
                "posted": stats.posted,
                "failed": stats.failed,
                "paused": stats.paused,
                "errors": sorted(set(stats.errors))[:3],
                "messages_sent": sender.channel_posts - posts_before,
                "peak_rss_mb": memory_mb("VmHWM"),
                "rss_mb": memory_mb("VmRSS"),
                "ok": {
                    "checked_all": stats.checked == args.feeds,
                    "no_failures": stats.failed == 0,
                    "posted_bumped": stats.posted == changed,
                    "within_10_min": wall <= TARGET_ROUND_SECONDS,
                    "at_most_one_core": round(cpu / wall, 1) <= TARGET_CORES,
                },
            })  # fmt: skip
    finally:
        await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=10_000)
    parser.add_argument("--servers", type=int, default=500)
    parser.add_argument("--changed", type=float, default=0.02, help="fraction bumped per round")
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--serve", type=int, metavar="FEEDS", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:
        serve(args.serve)
        return
    import logging

    logging.basicConfig(level=logging.WARNING)  # the desk logs each 404 page at INFO
    site = Site(args.feeds)
    try:
        with tempfile.TemporaryDirectory() as folder:
            asyncio.run(bench(args, site, Path(folder)))
    finally:
        site.close()


if __name__ == "__main__":
    main()
