"""Work that belongs to no server (the TVmaze refresh), done by one process of the bot at a time.

Servers' work is split by shard; this work is not anyone's, so the processes choose one through
the database: a lease that the chosen process renews every few seconds. If it dies, its lease
lapses and another process takes it at its next try, within a minute. A single process (a
SQLite database) has nobody to share with and always runs it.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Protocol

from bot.outbox.timer import Job, Scheduler

log = logging.getLogger(__name__)

LEASE_NAME = "work of no server"
# The holder renews every RENEW_EVERY; the others try as often. A holder that stops is
# replaced at most LEASE_TTL + RENEW_EVERY later: under a minute.
LEASE_TTL = timedelta(seconds=40)
RENEW_EVERY = timedelta(seconds=10)


class Leases(Protocol):
    async def take(self, name: str, holder: str, now: datetime, ttl: timedelta) -> bool: ...

    async def release(self, name: str, holder: str) -> None: ...

    async def holder(self, name: str, now: datetime) -> str | None: ...


def process_name() -> str:
    """This process among the bot's: its host and pid, and a random part so that a process
    restarted with the same pid is not mistaken for the one before it."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


class SoleRunner:
    """Holds (or waits for) the lease, and runs its jobs only while holding it."""

    def __init__(
        self,
        scheduler: Scheduler,
        leases: Leases | None,
        *,
        name: str = LEASE_NAME,
        holder: str | None = None,
    ) -> None:
        self._scheduler = scheduler
        self._leases = leases  # None: this is the bot's only process
        self._name = name
        self.holder = holder or process_name()
        self.holding = False
        self._jobs: dict[str, tuple[timedelta, Job, timedelta]] = {}

    async def start(self) -> None:
        """Try for the lease now, then every RENEW_EVERY (renewing it while held)."""
        await self.renew()
        self._scheduler.every(
            f"lease:{self._name}", RENEW_EVERY, self.renew_quietly, first=RENEW_EVERY
        )

    async def stop(self) -> None:
        """Stop the jobs and give the lease up, so another process need not wait for it."""
        self._scheduler.cancel(f"lease:{self._name}")
        self._stop_jobs()
        if self.holding and self._leases is not None:
            self.holding = False
            try:
                await self._leases.release(self._name, self.holder)
            except Exception:
                log.exception("Giving up the lease failed: another process waits for it to lapse")

    def every(self, job_id: str, interval: timedelta, job: Job, *, first: timedelta) -> None:
        """Run `job` every `interval` while this process holds the lease, the first time
        `first` after it starts holding it (a takeover, like a start, waits a little)."""
        self._jobs[job_id] = (interval, self._while_held(job), first)
        if self.holding:
            self._start_job(job_id)

    async def current_holder(self) -> str | None:
        """Which process does the work now (for /status)."""
        if self._leases is None:
            return self.holder
        return await self._leases.holder(self._name, self._scheduler.clock.now())

    async def renew(self) -> bool:
        """Take or renew the lease; start the jobs on taking it, stop them on losing it."""
        held = self._leases is None or await self._leases.take(
            self._name, self.holder, self._scheduler.clock.now(), LEASE_TTL
        )
        if held and not self.holding:
            log.info("This process now does the work of no server (%s)", self.holder)
            self.holding = True
            for job_id in self._jobs:
                self._start_job(job_id)
        elif not held and self.holding:
            log.warning("Another process has taken over the work of no server")
            self.holding = False
            self._stop_jobs()
        return held

    async def renew_quietly(self) -> None:
        try:
            await self.renew()
        except Exception:
            # The database is out of reach: the lease can't be renewed, so the work stops
            # here before it lapses and another process may take it.
            log.exception("Renewing the lease on the work of no server failed")
            if self.holding:
                self.holding = False
                self._stop_jobs()

    def _start_job(self, job_id: str) -> None:
        interval, job, first = self._jobs[job_id]
        self._scheduler.every(job_id, interval, job, first=first, keep_going=lambda: self.holding)

    def _stop_jobs(self) -> None:
        for job_id in self._jobs:
            self._scheduler.cancel(job_id)

    def _while_held(self, job: Job) -> Callable[[], Awaitable[None]]:
        async def run_if_held() -> None:
            # Checked as the run starts: a lease lost since the job was set runs nothing.
            if await self.renew():
                await job()

        return run_if_held
