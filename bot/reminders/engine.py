"""The reminder engine: plans ladders (and episode posts) when shows, settings and TVmaze's
episodes change, wakes when something is due, and fans deliveries out, one task per server so
each channel's posts stay in order."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from datetime import timedelta

from bot.clock import Clock
from bot.db.connection import Database
from bot.db.episodes import EpisodeRepository
from bot.db.reminders import ReminderRepository
from bot.db.settings import SettingsRepository
from bot.db.shows import ShowRepository
from bot.db.subscriptions import SubscriptionRepository
from bot.domain.episodes import Announce, Episode, EpisodeSlot, episode_slots
from bot.domain.reminders import Kind, Reminder, StatusReport, Style, ladder
from bot.domain.shards import EVERY_SERVER, Partition
from bot.domain.shows import Show
from bot.outbox.sender import Sender
from bot.outbox.timer import Scheduler, WakeTimer
from bot.reminders.delivery import Deliverer, RefreshInterest

log = logging.getLogger(__name__)

# Servers delivered to at once. The pacer sets the pace; this only has to keep it fed, and
# a bound keeps the first post from queueing behind every server's database work.
CONCURRENT_SERVERS = 16
# With other processes on the same database, one of them may plan a reminder for a server of
# this one (the TVmaze refresh moved its premiere) without telling it: look this often.
RECHECK_SHARED_PLAN = timedelta(seconds=30)
THREADS_JOB = "reminders:threads"
RETRY_THREADS_EVERY = timedelta(minutes=2)


class ReminderEngine:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        sender: Sender,
        scheduler: Scheduler,
        *,
        refresh_interest: RefreshInterest | None = None,
        partition: Partition = EVERY_SERVER,
    ) -> None:
        # Claims, retries and the resumption after a crash are of this partition's servers.
        self.store = ReminderRepository(db, partition)
        self._shows = ShowRepository(db)
        self._settings = SettingsRepository(db)
        self._episodes = EpisodeRepository(db)
        self._clock = clock
        self.sender = sender
        self._deliverer = Deliverer(
            self.store,
            self._shows,
            self._settings,
            self._episodes,
            SubscriptionRepository(db),
            sender,
            clock,
            refresh_interest,
        )
        self.timer = WakeTimer(
            scheduler,
            "reminders:next",
            lambda: self.store.next_wake(self._in_flight),
            self._wake,
            recheck=None if partition.is_everything else RECHECK_SHARED_PLAN,
        )
        self._in_flight: set[int] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._slots = asyncio.Semaphore(CONCURRENT_SERVERS)

    # -------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        """Resume what a previous run left half-sent, then set the timer from the database."""
        self._launch(await self.store.in_flight())
        # In the background: a thread needs its server loaded, which the gateway does later.
        self._track(asyncio.create_task(self._deliverer.open_missing_threads()))
        # A thread Discord refused for a moment is tried again soon, not at the next start.
        self.timer.scheduler.every(
            THREADS_JOB,
            RETRY_THREADS_EVERY,
            self._deliverer.open_missing_threads,
            first=RETRY_THREADS_EVERY,
        )
        await self.timer.reschedule()

    async def stop(self) -> None:
        self.timer.cancel()
        self.timer.scheduler.cancel(THREADS_JOB)
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def catch_up(self) -> None:
        """Do everything due by the clock's now and wait until it is done (the sandbox's
        fast-forward, after moving its clock). Each round claims what is due, so it ends."""
        while (due := await self.store.next_wake()) is not None and due <= self._clock.now():
            await self.timer.run()
            await self.idle()

    async def idle(self) -> None:
        """Wait until no delivery is under way (for tests, benchmarks and the sandbox)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    # -------------------------------------------------------------- what changes the plan

    async def show_added(self, show: Show) -> None:
        await self._replan(show)
        await self.timer.reschedule()

    async def show_changed(self, before: Show, after: Show) -> None:
        premiere_moved = (before.premiere, before.precision) != (after.premiere, after.precision)
        # Episodes that were no news to this server before the change are not news after it.
        followed = (before.announce, before.season) != (after.announce, after.season)
        newly_followed = {after.id} if followed else set()
        if premiere_moved:
            await self.store.cancel_in_flight(after.id, "the premiere moved")
            await self._replan(after, newly_followed=newly_followed)
            await self.store.plan_moved_notice(before, after, self._clock.now())
        elif followed:
            await self._replan_episodes([after], newly_followed=newly_followed)
        else:
            return
        await self.timer.reschedule()

    async def show_removed(self, show: Show) -> None:
        # Its reminders and their unsent messages went with it (ON DELETE CASCADE); a fan-out
        # under way sees each message gone before sending it.
        await self.timer.reschedule()

    async def offsets_changed(self, guild_id: int) -> None:
        """The server's reminder offsets or episode delay changed."""
        for show in await self._shows.ending_after(guild_id, self._clock.now()):
            await self._replan(show)
        await self._replan_episodes(await self._shows.following_episodes(guild_id=guild_id))
        await self.timer.reschedule()

    async def episodes_changed(self, tvmaze_id: int) -> None:
        """TVmaze's episodes of a show were read again: every server following it re-plans,
        all in one write."""
        await self._replan_episodes(await self._shows.following_episodes(tvmaze_id=tvmaze_id))
        await self.timer.reschedule()

    async def _replan(self, show: Show, *, newly_followed: Collection[int] = ()) -> None:
        settings = await self._settings.get(show.guild_id)
        rungs = ladder(show.premiere, show.precision, settings.reminder_offsets, self._clock.now())
        await self.store.replan(show, rungs)
        if show.announce is not Announce.PREMIERES:
            await self._replan_episodes([show], newly_followed=newly_followed)

    async def _replan_episodes(
        self, shows: Sequence[Show], *, newly_followed: Collection[int] = ()
    ) -> None:
        """Each show's episode posts from its season's kept episodes and its server's delay
        (none for a show announcing premieres only), in one write."""
        delays = await self._settings.episode_delays(show.guild_id for show in shows)
        seasons: dict[tuple[int, int], list[Episode]] = {}
        plans = []
        for show in shows:
            slots: list[EpisodeSlot] = []
            if show.tvmaze_id is not None and show.season is not None:
                key = (show.tvmaze_id, show.season)
                if key not in seasons:
                    seasons[key] = await self._episodes.of_season(*key)
                slots = episode_slots(
                    seasons[key], show.season, show.announce, delays[show.guild_id]
                )
            plans.append((show, slots))
        await self.store.replan_episodes_of(plans, self._clock.now(), newly_followed=newly_followed)

    # -------------------------------------------------------------- waking up

    async def _wake(self) -> None:
        now = self._clock.now()
        claimed = await self.store.claim_due(now)
        for reminder_id in await self.store.retry_due(now):
            if reminder_id not in self._in_flight and (r := await self.store.get(reminder_id)):
                claimed.append((r, r.style or Style.ON_TIME))
        self._launch(claimed)
        # Feed news held for members' quiet hours goes out with their other held DMs.
        for guild_id, user_id in await self.store.held_news_due(now):
            await self._deliverer.send_held(guild_id, user_id)

    def _launch(self, claimed: Iterable[tuple[Reminder, Style]]) -> None:
        by_guild: dict[int, list[tuple[Reminder, Style]]] = defaultdict(list)
        for reminder, style in claimed:
            if reminder.id not in self._in_flight:
                self._in_flight.add(reminder.id)
                by_guild[reminder.guild_id].append((reminder, style))
        for items in by_guild.values():
            # A date change is announced before any countdown computed for the new date, and
            # posts go out in the order their moments came.
            items.sort(key=lambda item: (item[0].kind is not Kind.MOVED, item[0].due))
            self._track(asyncio.create_task(self._deliver_all(items)))

    def _track(self, task: asyncio.Task[None]) -> None:
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _deliver_all(self, items: list[tuple[Reminder, Style]]) -> None:
        retry_pending = False
        async with self._slots:
            for reminder, style in items:
                try:
                    retry_pending |= await self._deliverer.deliver(reminder, style) is None
                except Exception:
                    # Stays 'sending': the next start resumes it. Other servers go on.
                    log.exception("Delivering reminder %s failed", reminder.id)
                finally:
                    self._in_flight.discard(reminder.id)
        if retry_pending:
            await self.timer.reschedule()

    # -------------------------------------------------------------- /status

    async def status(self, guild_id: int) -> StatusReport:
        upcoming = []
        for reminder in await self.store.upcoming(guild_id):
            if show := await self._shows.get(guild_id, reminder.show_id):
                upcoming.append((reminder, show))
        failures = [
            (reminder, await self._shows.get(guild_id, reminder.show_id), reason)
            for reminder, reason in await self.store.recent_failures(guild_id)
        ]
        return StatusReport(upcoming, failures)
