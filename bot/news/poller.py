"""Checking every server's feeds on time: one APScheduler wake-up, feeds due read concurrently.

Each feed keeps its own next check in the database (its interval, jittered; backed off after
failures; never while paused), so the timer only needs the earliest. A check is a conditional
GET: most answer 304 and cost one small batched write.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.articles import Fetcher
from bot.clock import Clock
from bot.db.feeds import FeedRepository
from bot.domain.feeds import Feed, next_check, retry_after_failure, should_pause
from bot.feeds.parse import FeedEntry
from bot.feeds.reader import FeedError, FeedRead, read_feed
from bot.news.desk import NewsDesk
from bot.outbox.sender import SendError
from bot.outbox.timer import Scheduler, WakeTimer

log = logging.getLogger(__name__)

CONCURRENT_CHECKS = 64
BATCH = 2000  # due feeds read per query; a batch waits for its slowest feed (≤ 10 s)
MAX_POSTS_PER_CHECK = 5  # a feed that suddenly lists fifty new stories doesn't flood the channel
STOP_GRACE_SECONDS = 3.0
FORGET_ENTRIES_AFTER = timedelta(days=30)  # gone from the feed this long: it won't come back


@dataclass
class RoundStats:
    """What one pass over the due feeds did (for tests and the benchmark)."""

    checked: int = 0
    unchanged: int = 0
    failed: int = 0
    paused: int = 0
    posted: int = 0
    errors: list[str] = field(default_factory=list)


class FeedPoller:
    def __init__(
        self,
        feeds: FeedRepository,
        desk: NewsDesk,
        clock: Clock,
        scheduler: Scheduler,
        *,
        fetcher: Fetcher | None = None,
        concurrency: int = CONCURRENT_CHECKS,
        rng: random.Random | None = None,
    ) -> None:
        self._feeds = feeds
        self._desk = desk
        self._clock = clock
        self._fetcher = fetcher or Fetcher()
        self._slots = asyncio.Semaphore(concurrency)
        self._rng = rng or random.Random()  # noqa: S311 (jitter, not secrecy)
        self.timer = WakeTimer(scheduler, "feeds:next", self._feeds.next_poll_at, self._wake)
        self._round: asyncio.Task[object] | None = None

    async def start(self) -> None:
        await self.timer.reschedule()

    async def stop(self) -> None:
        """Stop checking. A round under way gets a moment to finish, then is cancelled: a check
        cut off runs again at the next start, as nothing of it was recorded."""
        self.timer.cancel()
        round_ = self._round
        if round_ is None or round_.done():
            return
        try:
            async with asyncio.timeout(STOP_GRACE_SECONDS):
                await asyncio.shield(round_)
        except TimeoutError:
            round_.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await round_
        except Exception:
            log.exception("the last round of feed checks failed")

    async def feeds_changed(self) -> None:
        """A feed was added, resumed or removed: the next wake-up may have moved."""
        await self.timer.reschedule()

    async def _wake(self) -> None:
        self._round = asyncio.current_task()
        try:
            await self.check_due()
        finally:
            self._round = None

    async def check_due(self) -> RoundStats:
        """Check every feed due by now, in batches, until none is left."""
        stats = RoundStats()
        while True:
            now = self._clock.now()
            due = await self._feeds.due(now, BATCH)
            if not due:
                return stats
            results = await asyncio.gather(*(self._guarded_check(feed, now, stats) for feed in due))
            unchanged = [r for r in results if r is not None]
            stats.unchanged += len(unchanged)
            if unchanged:
                await self._feeds.checked_many(unchanged, now)

    async def _guarded_check(
        self, feed: Feed, now: datetime, stats: RoundStats
    ) -> tuple[int, datetime] | None:
        async with self._slots:
            stats.checked += 1
            try:
                return await self.check(feed, now, stats)
            except Exception:
                # A bug in one feed's check must not stop the others; it is retried later.
                log.exception("checking feed %s failed", feed.id)
                await self._failed(feed, now, stats, "an internal error; it will be retried")
                return None

    async def check(
        self, feed: Feed, now: datetime, stats: RoundStats
    ) -> tuple[int, datetime] | None:
        """Check one feed. Returns (feed id, next check) when nothing changed, for the caller
        to write in a batch; everything else is written here."""
        try:
            read = await read_feed(
                self._fetcher, feed.url, etag=feed.etag, last_modified=feed.last_modified
            )
        except FeedError as error:
            await self._failed(feed, now, stats, str(error), retry_after=error.retry_after)
            return None
        if read.unchanged:
            return feed.id, next_check(now, feed.interval, self._rng)
        try:
            posted = await self._publish_new(feed, read, now)
        except SendError as error:
            await self._failed(feed, now, stats, f"couldn't post its news: {error}")
            return None
        stats.posted += posted
        await self._feeds.checked(
            feed.id,
            now=now,
            next_poll_at=next_check(now, feed.interval, self._rng),
            etag=read.etag,
            last_modified=read.last_modified,
            posted=posted > 0,
        )
        return None

    async def _publish_new(self, feed: Feed, read: FeedRead, now: datetime) -> int:
        """Post the entries the feed has not shown before (oldest first, a few per check) and
        remember every entry it shows now. An entry whose post failed for a passing reason is
        not remembered, so the next check tries it again."""
        assert read.feed is not None
        entries = [e for e in read.feed.entries if e.keys]
        # A key several entries share (one landing page, a recurring "Trailer" title) tells
        # none of them apart: only an entry's own keys say whether it was seen.
        counts = Counter(k for e in entries for k in set(e.keys))
        own = {id(e): [k for k in e.keys if counts[k] == 1] or list(e.keys) for e in entries}
        unseen = await self._feeds.unseen(feed.id, [k for keys in own.values() for k in keys])
        fresh = [e for e in entries if all(k in unseen for k in own[id(e)]) and _recent(e, feed)]
        to_post = list(reversed(fresh[:MAX_POSTS_PER_CHECK]))
        posted = 0
        retry_later: list[FeedEntry] = []
        error: SendError | None = None
        for index, entry in enumerate(to_post):
            try:
                if await self._desk.publish(feed, entry) is not None:
                    posted += 1
            except SendError as exc:
                # Not posted, and neither are the ones after it: the next check tries them
                # again (a channel gone or forbidden fails each check until the feed pauses).
                error, retry_later = exc, to_post[index:]
                break
        remembered = [e for e in entries if not any(e is r for r in retry_later)]
        await self._feeds.remember(
            feed.id,
            [k for e in remembered for k in e.keys],
            now,
            forget_before=now - FORGET_ENTRIES_AFTER,
        )
        if error is not None:
            raise error
        return posted

    async def _failed(
        self,
        feed: Feed,
        now: datetime,
        stats: RoundStats,
        reason: str,
        *,
        retry_after: float | None = None,
    ) -> None:
        failures = feed.failures + 1
        pause = should_pause(failures)
        stats.failed += 1
        stats.paused += pause
        stats.errors.append(reason)
        await self._feeds.failed(
            feed.id,
            now=now,
            error=reason,
            next_poll_at=retry_after_failure(
                now, feed.interval, failures, self._rng, retry_after=retry_after
            ),
            pause=pause,
        )
        if pause:
            log.info("feed %s paused after %d failures: %s", feed.id, failures, reason)

    async def catch_up(self) -> RoundStats:
        """Check what is due now and wait for it (the sandbox's fast-forward, and tests)."""
        async with self.timer.running:
            stats = await self.check_due()
        await self.timer.reschedule()
        return stats


def _recent(entry: FeedEntry, feed: Feed) -> bool:
    """Stories dated well before the feed was added are old news, whatever their keys say."""
    return entry.published is None or entry.published >= feed.added_at - timedelta(days=2)
