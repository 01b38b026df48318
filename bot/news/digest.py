"""The weekly digest: once a week, at each server's day and time (in its timezone), one message
listing the week's premieres and episodes by day, edited in place as the week's shows change.

Exactly once a week, through crashes: the week's row is written (with the plan moved on) in one
transaction before anything is posted, and its id makes the post's nonce, so a post cut off by a
crash is sent again at the next start as the same message, which Discord drops. The message id
is kept once Discord answers; from then on the week's message is only ever edited. A digest
missed by less than a day (the bot was down) goes out late and says so; one missed by longer is
skipped, and the next goes out at its own time.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

import discord

from bot.clock import Clock
from bot.db.connection import Database
from bot.db.digests import WEEK, DigestPlan, DigestPost, DigestRepository, DigestStatus
from bot.db.settings import SettingsRepository
from bot.db.shows import ShowRepository
from bot.domain.calendar import CalendarEntry
from bot.domain.dates import zone_for
from bot.domain.digests import DigestFailure
from bot.domain.settings import ServerSettings
from bot.domain.shards import EVERY_SERVER, Partition
from bot.domain.shows import Show
from bot.outbox.sender import EditingSender, Transient, Unreachable
from bot.outbox.timer import Scheduler, WakeTimer
from bot.render.digest import DigestDay, digest_embed

log = logging.getLogger(__name__)

LATE_AFTER = timedelta(minutes=5)  # posted this long after its moment, a digest says it is late
MISSED_AFTER = timedelta(days=1)  # missed by this long, it is skipped rather than posted late
FAILURES_SHOWN_FOR = 4 * WEEK  # /status names the failed digests of this many weeks back
FAILURES_SHOWN = 3
BATCH = 500  # plans (or posts) handled per wake-up; more wake it again at once
CONCURRENT_POSTS = 16  # the pacer sets the pace; this only keeps it fed
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(minutes=30)

Entries = Callable[[int], Awaitable[list[CalendarEntry]]]


def next_digest_at(after: datetime, weekday: int, at: time, timezone: str) -> datetime:
    """The first moment strictly after `after` that is `weekday` (Monday = 0) at `at` in
    `timezone`, in UTC. Days are counted on the local calendar, so the digest keeps its local
    time across a DST change; a time skipped by the change goes out that much later."""
    zone = zone_for(timezone)
    local = after.astimezone(zone)
    day = local.date() + timedelta(days=(weekday - local.weekday()) % 7)
    while True:
        moment = datetime.combine(day, at, tzinfo=zone).astimezone(UTC)
        if moment > after:
            return moment
        day += WEEK


def week_days(
    entries: Iterable[CalendarEntry], week_start: datetime, zone: tzinfo
) -> list[DigestDay]:
    """The entries of the seven days from `week_start`, by day in `zone` (soonest first). An
    entry with only a day falls on that day, counted from `week_start`'s own day."""
    week_end = week_start + WEEK
    first_day = week_start.astimezone(zone).date()
    by_day: dict[date, list[CalendarEntry]] = defaultdict(list)
    for entry in entries:
        if entry.has_time:
            if not week_start <= entry.starts < week_end:
                continue
            day = entry.starts.astimezone(zone).date()
        else:
            day = entry.local_day
            if not first_day <= day < first_day + WEEK:
                continue
        by_day[day].append(entry)
    return sorted(by_day.items())


def content_hash(embed: discord.Embed) -> str:
    """What a message shows, in a few bytes: it is edited only when this changes."""
    return hashlib.sha256(json.dumps(embed.to_dict(), sort_keys=True).encode()).hexdigest()


def retry_delay(attempts: int) -> timedelta:
    return min(LONGEST_RETRY, FIRST_RETRY * (1 << min(max(0, attempts), 10)))


class WeeklyDigest:
    """Plans, posts and edits every server's weekly digest (those of `partition`)."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        sender: EditingSender,
        scheduler: Scheduler,
        *,
        entries: Entries,
        partition: Partition = EVERY_SERVER,
    ) -> None:
        self.store = DigestRepository(db, partition)
        self._settings = SettingsRepository(db)
        self._shows = ShowRepository(db)
        self._entries = entries  # a server's calendar: the same entries its calendar shows
        self._clock = clock
        self._sender = sender
        self.timer = WakeTimer(scheduler, "digests:next", self.store.next_wake, self._wake)
        self._slots = asyncio.Semaphore(CONCURRENT_POSTS)
        # One server's post and edits take turns: an edit never races the post it edits.
        self._guild_locks: dict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._queued: set[int] = set()  # servers with an edit waiting to start
        self._tasks: set[asyncio.Task[object]] = set()
        self._round: asyncio.Task[object] | None = None

    # -------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        """Plan servers that turned the digest on without a plan, then aim the timer (a post
        cut off by the last stop is due at once, and goes out with its own nonce)."""
        now = self._clock.now()
        for guild_id in await self.store.unplanned():
            settings = await self._settings.get(guild_id)
            await self.store.plan(guild_id, self._next(settings, now))
        await self.timer.reschedule()

    async def stop(self) -> None:
        """Stop posting and editing. A post cut off here is resumed at the next start."""
        self.timer.cancel()
        running = [*self._tasks, *([self._round] if self._round else [])]
        for task in running:
            task.cancel()
        for task in running:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def idle(self) -> None:
        """Wait until no edit is under way (for tests and the sandbox)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def catch_up(self) -> None:
        """Do what is due by the clock's now and wait for it (the sandbox's fast-forward)."""
        while (due := await self.store.next_wake()) is not None and due <= self._clock.now():
            await self.timer.run()
        await self.idle()

    # -------------------------------------------------------------- what changes the plan

    async def digest_changed(self, guild_id: int) -> None:
        """The server turned its digest on or off, or moved its day or time."""
        settings = await self._settings.get(guild_id)
        if settings.digest_enabled:
            await self.store.plan(guild_id, self._next(settings, self._clock.now()))
        else:
            await self.store.unplan(guild_id)
        await self.timer.reschedule()

    async def failures(self, guild_id: int) -> list[DigestFailure]:
        """This server's digests of the last few weeks that could not be posted, for /status."""
        since = self._clock.now() - FAILURES_SHOWN_FOR
        return await self.store.failures(guild_id, since, FAILURES_SHOWN)

    async def show_added(self, show: Show) -> None:
        self.refresh_soon(show.guild_id)

    async def show_changed(self, before: Show, after: Show) -> None:
        self.refresh_soon(after.guild_id)

    async def show_removed(self, show: Show) -> None:
        self.refresh_soon(show.guild_id)

    async def episodes_changed(self, tvmaze_id: int) -> None:
        """TVmaze's episodes of a show were read again: the week of each server following
        it may list different episodes."""
        for guild_id in {
            s.guild_id for s in await self._shows.following_episodes(tvmaze_id=tvmaze_id)
        }:
            self.refresh_soon(guild_id)

    def refresh_soon(self, guild_id: int) -> None:
        """Edit the server's digest of this week, if it changed, without holding up the
        command that changed it. Changes that come while an edit waits are in that edit."""
        if guild_id in self._queued:
            return
        self._queued.add(guild_id)
        task = asyncio.create_task(self._refresh_logged(guild_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _refresh_logged(self, guild_id: int) -> None:
        try:
            await self.refresh(guild_id)
        except Exception:
            log.exception("Editing the weekly digest of server %s failed", guild_id)
        finally:
            self._queued.discard(guild_id)

    async def refresh(self, guild_id: int) -> bool:
        """Edit the server's posted digest of the week under way to show what it holds now;
        True when an edit was made (nothing changed, or nothing to edit: False)."""
        async with self._guild_locks[guild_id]:
            self._queued.discard(guild_id)  # a change from here on needs another look
            post = await self.store.current(guild_id, self._clock.now())
            if post is None or post.status is not DigestStatus.POSTED:
                return False
            if post.channel_id is None or post.message_id is None:
                return False
            settings = await self._settings.get(guild_id)
            if not settings.digest_enabled:
                return False
            embed = await self._render(post, settings)
            fingerprint = content_hash(embed)
            if fingerprint == post.content_hash:
                return False
            try:
                await self._sender.edit_in_channel(post.channel_id, post.message_id, embed=embed)
            except Unreachable as error:
                # The channel or the message is gone (or the bot may no longer see it): the
                # week's digest is not posted again, and not edited any more.
                log.info("Weekly digest %s of server %s: %s", post.id, guild_id, error)
                await self.store.stop_editing(post.id, str(error))
                return False
            except Transient as error:
                log.warning("Weekly digest %s not edited for now: %s", post.id, error)
                return False
            await self.store.edited(post.id, fingerprint)
            return True

    # -------------------------------------------------------------- waking up

    async def _wake(self) -> None:
        self._round = asyncio.current_task()
        try:
            now = self._clock.now()
            for plan in await self.store.due_plans(now, BATCH):
                await self._take(plan, now)
            posts = await self.store.due_posts(now, BATCH)
            await asyncio.gather(*(self._post_paced(p) for p in posts))
        finally:
            self._round = None

    async def _take(self, plan: DigestPlan, now: datetime) -> None:
        """Write the week's row for a plan that is due, and move the plan to the next week."""
        settings = await self._settings.get(plan.guild_id)
        if not settings.digest_enabled:
            await self.store.unplan(plan.guild_id)
            return
        # The timezone can change without the plan hearing of it: the week's moment by the
        # settings of now replaces a plan that no longer matches them.
        expected = self._next(settings, plan.next_at - 2 * MISSED_AFTER)
        if expected != plan.next_at:
            await self.store.skip_plan(plan, expected)
            return
        following = self._next(settings, max(now, plan.next_at))
        missed_by = now - plan.next_at
        if missed_by >= MISSED_AFTER:
            log.info("Weekly digest of server %s missed by %s: skipped", plan.guild_id, missed_by)
            await self.store.skip_plan(plan, following)
            return
        await self.store.take(
            plan,
            following,
            channel_id=settings.announce_channel_id,
            late=missed_by > LATE_AFTER,
            now=now,
        )

    async def _post_paced(self, post: DigestPost) -> None:
        async with self._slots:
            try:
                await self._post(post)
            except Exception as error:
                # A bug must not make the post due again at once, over and over.
                log.exception("Posting weekly digest %s failed", post.id)
                await self.store.retry_at(
                    post.id, self._clock.now() + retry_delay(post.attempts), repr(error)[:200]
                )

    async def _post(self, due: DigestPost) -> None:
        async with self._guild_locks[due.guild_id]:
            post = await self.store.get(due.id)
            if post is None or post.status is not DigestStatus.PENDING:
                return
            channel_id = post.channel_id
            assert channel_id is not None  # a row without a channel is failed at once
            now = self._clock.now()
            if now - post.week_start >= MISSED_AFTER:
                await self.store.finish(
                    post.id, DigestStatus.SKIPPED, "not posted within a day of its time"
                )
                return
            if not post.late and now - post.week_start > LATE_AFTER:
                # Resumed well after its time (a crash, then a slow start): it says so, and
                # its edits keep saying so.
                await self.store.mark_late(post.id)
                post = replace(post, late=True)
            settings = await self._settings.get(post.guild_id)
            embed = await self._render(post, settings)
            try:
                message_id = await self._sender.to_channel(
                    channel_id,
                    content="",
                    embed=embed,
                    view=None,
                    role_id=None,
                    user_ids=(),
                    nonce=post.nonce,
                )
            except Unreachable as error:
                log.info("Weekly digest %s not posted: %s", post.id, error)
                await self.store.finish(post.id, DigestStatus.FAILED, str(error))
                return
            except Transient as error:
                retry = now + retry_delay(post.attempts)
                if retry - post.week_start >= MISSED_AFTER:
                    await self.store.finish(post.id, DigestStatus.FAILED, str(error))
                else:
                    await self.store.retry_at(post.id, retry, str(error))
                return
            await self.store.posted(post.id, message_id, content_hash(embed))

    # -------------------------------------------------------------- helpers

    async def _render(self, post: DigestPost, settings: ServerSettings) -> discord.Embed:
        entries = await self._entries(post.guild_id)
        days = week_days(entries, post.week_start, zone_for(settings.timezone))
        return digest_embed(
            days, week_start=post.week_start, timezone=settings.timezone, late=post.late
        )

    @staticmethod
    def _next(settings: ServerSettings, after: datetime) -> datetime:
        return next_digest_at(
            after, settings.digest_weekday, settings.digest_time, settings.timezone
        )
