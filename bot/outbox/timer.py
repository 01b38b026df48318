"""The bot's one scheduler, aimed by its clock, and the wake-up timers built on it.

APScheduler holds one job per timer: the next moment there is something to do. The database
holds everything else, so a million pending reminders (or ten thousand feeds) cost one job, and
a restart rebuilds the timer with one query. Every moment is read from the bot's clock, which
the sandbox (and tests) move ahead of the system's.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.clock import Clock

log = logging.getLogger(__name__)

Job = Callable[[], Awaitable[None]]


class Scheduler:
    """One APScheduler for the whole process; jobs are named and set by the clock's time."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        # A wake-up is never too late to run (the owner decides what is stale), and may start
        # while the previous one finishes: each timer's own lock keeps its runs one at a time.
        self.apscheduler = AsyncIOScheduler(
            timezone=UTC,
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 4},
        )

    def start(self) -> None:
        if not self.apscheduler.running:
            self.apscheduler.start()

    def shutdown(self) -> None:
        if self.apscheduler.running:
            self.apscheduler.shutdown(wait=False)

    def at(self, job_id: str, when: datetime, job: Job) -> None:
        """Run `job` when the clock reads `when`, replacing any job of that name."""
        # APScheduler waits on the system clock: aim at the same distance from now.
        run_at = datetime.now(UTC) + (when - self.clock.now())
        self.apscheduler.add_job(job, "date", run_date=run_at, id=job_id, replace_existing=True)

    def cancel(self, job_id: str) -> None:
        if self.apscheduler.get_job(job_id):
            self.apscheduler.remove_job(job_id)

    def every(
        self,
        job_id: str,
        interval: timedelta,
        job: Job,
        *,
        first: timedelta,
        keep_going: Callable[[], bool] = lambda: True,
    ) -> None:
        """Run `job` `first` from now, then every `interval` after each run ends, for as long
        as `keep_going()` says so after a run."""

        async def run_and_again() -> None:
            try:
                await job()
            except Exception:
                log.exception("Scheduled job %s failed", job_id)
            finally:
                if self.apscheduler.running and keep_going():
                    self.at(job_id, self.clock.now() + interval, run_and_again)

        self.at(job_id, self.clock.now() + first, run_and_again)

    def jobs(self) -> int:
        return len(self.apscheduler.get_jobs())

    def wakeup(self) -> None:
        """Look at the jobs again now (after the clock moved)."""
        self.apscheduler.wakeup()


class WakeTimer:
    """One job on the scheduler: wake when `next_wake` says, do `on_wake`, look again.

    With `recheck`, it also looks again at least that often: when other processes of the bot
    change the plan in the shared database (an earlier reminder for one of this process's
    servers), nothing tells this one, so it asks."""

    def __init__(
        self,
        scheduler: Scheduler,
        job_id: str,
        next_wake: Callable[[], Awaitable[datetime | None]],
        on_wake: Job,
        *,
        recheck: timedelta | None = None,
    ) -> None:
        self.scheduler = scheduler
        self._job_id = job_id
        self._next_wake = next_wake
        self._on_wake = on_wake
        self.recheck = recheck
        self.running = asyncio.Lock()

    async def reschedule(self) -> datetime | None:
        """Point the job at the next thing to do; returns when that is (None: nothing)."""
        at = await self._next_wake()
        aim = at
        if self.recheck is not None:
            latest = self.scheduler.clock.now() + self.recheck
            aim = latest if at is None else min(at, latest)
        if aim is None:
            self.scheduler.cancel(self._job_id)
        else:
            self.scheduler.at(self._job_id, aim, self.run)
        return at

    def cancel(self) -> None:
        self.scheduler.cancel(self._job_id)

    def wakeup(self) -> None:
        """Look at the job again now (after the clock moved)."""
        self.scheduler.wakeup()

    async def run(self) -> None:
        """Do what is due now, then aim at the next thing; one run at a time."""
        async with self.running:
            try:
                await self._on_wake()
            finally:
                await self.reschedule()
