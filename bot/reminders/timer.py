"""The one wake-up an engine needs, on APScheduler (the reminder engine's, the feed poller's).

APScheduler holds a single job: the next moment there is something to do. The database holds
everything else, so a million pending reminders (or ten thousand feeds) cost one job, and a
restart rebuilds the timer with one query.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.clock import Clock

log = logging.getLogger(__name__)

JOB_ID = "reminders:next-wake"


class WakeTimer:
    def __init__(
        self,
        next_wake: Callable[[], Awaitable[datetime | None]],
        on_wake: Callable[[], Awaitable[None]],
        clock: Clock,
        *,
        job_id: str = JOB_ID,
    ) -> None:
        self._job_id = job_id
        self._next_wake = next_wake
        self._on_wake = on_wake
        self._clock = clock
        self.running = asyncio.Lock()
        # A wake-up is never too late to run (the engine decides what is stale), and may start
        # while the previous one finishes: the job reschedules itself from inside, and the
        # lock, not APScheduler's instance limit, keeps runs one at a time without dropping any.
        self.scheduler = AsyncIOScheduler(
            timezone=UTC,
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 4},
        )

    def start(self) -> None:
        self.scheduler.start()

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    async def reschedule(self) -> datetime | None:
        """Point the job at the next thing to do; returns when that is (None: nothing)."""
        at = await self._next_wake()
        if at is None:
            if self.scheduler.get_job(self._job_id):
                self.scheduler.remove_job(self._job_id)
            return None
        # The clock may run ahead of the system's (the sandbox fast-forwards it); APScheduler
        # waits on the system clock, so aim at the same distance from now.
        run_at = datetime.now(UTC) + (at - self._clock.now())
        self.scheduler.add_job(
            self._run, "date", run_date=run_at, id=self._job_id, replace_existing=True
        )
        return at

    def wakeup(self) -> None:
        """Look at the job again now (after the clock moved)."""
        self.scheduler.wakeup()

    async def _run(self) -> None:
        async with self.running:
            try:
                await self._on_wake()
            finally:
                await self.reschedule()
