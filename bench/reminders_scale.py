"""Scale: a million pending reminders, from process start to a ready timer.

    python bench/reminders_scale.py [--reminders 1000000]

Builds a database with that many pending reminders (four per show, due over the next year),
then starts two fresh processes over it and times each from its start to "ready":

- engine: the bot's reminder engine. The database holds the plan; APScheduler holds one job,
  the next wake-up (targets: ready within 1 s, peak RSS within 120 MB).
- plain: the textbook setup, one APScheduler job per pending reminder.

Prints one JSON line per setup and one with the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

SHOWS_PER_GUILD = 250
OFFSETS = (604_800, 86_400, 3_600, 0)


def build(path: Path, reminders: int) -> None:
    from bot.db.connection import Database

    async def migrate() -> None:
        await (await Database.open(path)).close()

    asyncio.run(migrate())
    rng = random.Random(7)
    now = int(time.time())
    shows = reminders // len(OFFSETS)
    # closing(): sqlite3's own context manager commits but never closes, which would leave the
    # build's write-ahead log unmerged for the processes measured below to wade through.
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        show_rows = []
        for show_id in range(1, shows + 1):
            premiere = now + 8 * 86_400 + rng.randint(0, 365 * 86_400)
            guild_id = 1_000_000 + show_id // SHOWS_PER_GUILD
            show_rows.append((show_id, guild_id, f"Show {show_id}", f"show {show_id}", premiere))
        connection.executemany(
            """INSERT INTO shows (id, guild_id, title, title_key, season, network, premiere_at,
                                  premiere_precision, premiere_timezone, added_by, added_at)
               VALUES (?, ?, ?, ?, NULL, NULL, ?, 'time', 'UTC', 1, 0)""",
            show_rows,
        )
        connection.executemany(
            """INSERT INTO reminders (guild_id, show_id, kind, offset_seconds, premiere_at,
                                      due_at)
               VALUES (?, ?, 'countdown', ?, ?, ?)""",
            (
                (guild_id, show_id, offset, premiere, premiere - offset)
                for show_id, guild_id, _, _, premiere in show_rows
                for offset in OFFSETS
            ),
        )
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def child(mode: str, path: Path) -> None:
    """Runs in a fresh process: get to "ready", then report."""
    import bot.app  # noqa: F401 - the bot's real import cost, in both setups

    async def engine() -> dict[str, object]:
        from bot.clock import SystemClock
        from bot.db.connection import Database
        from bot.outbox.timer import Scheduler
        from bot.reminders.engine import ReminderEngine

        db = await Database.open(path)
        clock = SystemClock()
        scheduler = Scheduler(clock)
        scheduler.start()
        # Nothing falls due while it is measured: the engine never sends.
        reminders = ReminderEngine(db, clock, None, scheduler)  # type: ignore[arg-type]
        await reminders.start()
        ready = time.perf_counter()
        report = {
            "jobs": scheduler.jobs(),
            "pending": await reminders.store.count_pending(),
        }
        await reminders.stop()
        scheduler.shutdown()
        await db.close()
        return {"ready_at": ready, **report}

    async def plain() -> dict[str, object]:
        from apscheduler.schedulers.asyncio import AsyncIOScheduler

        scheduler = AsyncIOScheduler(timezone=UTC)
        with sqlite3.connect(path) as connection:
            rows = connection.execute(
                "SELECT id, due_at FROM reminders WHERE status = 'pending' ORDER BY due_at"
            )
            for reminder_id, due_at in rows:
                scheduler.add_job(
                    print,
                    "date",
                    run_date=datetime.fromtimestamp(due_at, UTC),
                    args=[reminder_id],
                    id=f"reminder:{reminder_id}",
                    misfire_grace_time=None,
                )
        scheduler.start()  # jobs added before start go into the store here
        ready = time.perf_counter()
        jobs = len(scheduler.get_jobs())
        scheduler.shutdown(wait=False)
        return {"ready_at": ready, "jobs": jobs, "pending": jobs}

    result = asyncio.run(engine() if mode == "engine" else plain())
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result), flush=True)


def peak_rss_mb() -> float:
    """This process's own peak. Not ru_maxrss: Linux carries that across fork and exec, so a
    child would report its parent's peak (here, the parent that built the database)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def measure(mode: str, path: Path) -> dict[str, object]:
    started = time.perf_counter()
    output = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    report = json.loads(output.strip().splitlines()[-1])
    # perf_counter is system-wide on Linux: the child's "ready" is comparable with our start.
    report["start_to_ready_s"] = round(report.pop("ready_at") - started, 3)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reminders", type=int, default=1_000_000)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scale.sqlite3"
        started = time.perf_counter()
        build(path, args.reminders)
        print(
            json.dumps(
                {
                    "bench": "reminders_scale",
                    "reminders": args.reminders,
                    "build_seconds": round(time.perf_counter() - started, 1),
                }
            )
        )
        results = {}
        for mode in ("engine", "plain"):
            results[mode] = measure(mode, path)
            print(
                json.dumps(
                    {
                        "bench": "reminders_scale",
                        "setup": mode,
                        **results[mode],
                        **(
                            {"target_ready_s": 1.0, "target_peak_rss_mb": 120}
                            if mode == "engine"
                            else {}
                        ),
                    }
                )
            )
        print(
            json.dumps(
                {
                    "bench": "reminders_scale",
                    "plain_over_engine": {
                        "start_to_ready": round(
                            results["plain"]["start_to_ready_s"]  # type: ignore[operator]
                            / results["engine"]["start_to_ready_s"],
                            1,
                        ),
                        "peak_rss": round(
                            results["plain"]["peak_rss_mb"]  # type: ignore[operator]
                            / results["engine"]["peak_rss_mb"],
                            1,
                        ),
                    },
                }
            )
        )


if __name__ == "__main__":
    main()
