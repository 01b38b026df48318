"""Cluster: one premiere in 10,000 servers on 4 shards, run by 2 bot processes over one PostgreSQL.

    python bench/cluster.py [--servers 10000] [--shards 4] [--processes 2]

A private PostgreSQL server (tests/postgres.py) holds the data: every server's announcement
channel, a 1-hour reminder offset and one tracked show, written through the bot's own
repositories. The Discord double runs here, with Discord's limits (50 requests a second for the
bot as a whole, across its processes; 5 messages per 5 seconds per channel), and so does a
TVmaze double, so nothing leaves the machine. Then `python -m bot run` starts once per process,
each with SHARD_COUNT and its own SHARD_IDS (4 shards in 2 processes: 0-1 and 2-3), and the
reminder falls due a little after every shard is connected. Real time, no time travel.

Prints one JSON line about the setup, then one with the result: seconds from the due time to
the last post and its ratio to the bound servers / 50 s (target <= 1.05), the first post's delay,
servers that got no post (lost, target 0) or more than one (duplicated, target 0), and the
number of 429s (target 0). `--servers 1000` is a quick check.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests/postgres.py: the private PostgreSQL the tests start

from bot.db.connection import Database  # noqa: E402
from bot.db.reminders import ReminderRepository  # noqa: E402
from bot.db.settings import SettingsRepository  # noqa: E402
from bot.db.shows import NewShow, ShowRepository  # noqa: E402
from bot.domain.dates import Precision  # noqa: E402
from bot.domain.reminders import ladder  # noqa: E402
from bot.sandbox.double import (  # noqa: E402
    DiscordDouble,
    DoubleConfig,
    Guild,
    Message,
    Perm,
    guild_id_on_shard,
    shard_of,
)
from bot.sandbox.tvmaze import TvmazeDouble  # noqa: E402
from tests.postgres import PostgresServer  # noqa: E402

DISCORD_GLOBAL_RATE = 50
OFFSET = timedelta(hours=1)
# The reminder must fall due after every process is up: generous allowances, checked below.
SEED_SECONDS_PER_SERVER = 0.004
START_SECONDS = 20.0
START_SECONDS_PER_SERVER = 0.002
# Writers at once while seeding: the size of the bot's own connection pool.
SEED_CONCURRENCY = 10
# After the last expected post, how long nothing more may arrive before the count is final.
QUIET_SECONDS = 3.0
STOP_SECONDS = 30.0


@dataclass
class BotProcess:
    shard_ids: list[int]
    process: subprocess.Popen[bytes]
    log_path: Path

    def usage(self) -> tuple[float, float]:
        """Peak resident memory (MB) and CPU time (seconds) so far, from /proc (Linux)."""
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
            stat = Path(f"/proc/{self.process.pid}/stat").read_text()
        except OSError:
            return float("nan"), float("nan")
        peak_kb = next(
            int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM")
        )
        # The fields after the command's name, which is in parentheses and may hold spaces.
        fields = stat.rsplit(")", 1)[1].split()
        ticks = int(fields[11]) + int(fields[12])  # utime + stime
        return peak_kb / 1024, ticks / os.sysconf("SC_CLK_TCK")

    def log_tail(self, lines: int = 30) -> str:
        text = self.log_path.read_text(errors="replace").strip().splitlines()
        return "\n".join(text[-lines:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--servers", type=int, default=10_000)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    if args.shards % args.processes:
        parser.error("--shards must split evenly over --processes")
    # Discord closes a shard holding more than 2,500 servers (as does the double).
    if args.servers > args.shards * 2500:
        parser.error(f"{args.servers} servers need at least {-(-args.servers // 2500)} shards")
    # The server is started from the main thread, so it dies with this process if need be.
    with PostgresServer() as server:
        asyncio.run(run(server, args.servers, args.shards, args.processes))


async def run(server: PostgresServer, servers: int, shards: int, processes: int) -> None:
    url = await server.fresh_database()
    # The spec check is a test-time guard; here it would only slow the double down. Its rate
    # limits stay Discord's: 50 requests a second for the bot, whichever process sends them.
    double = DiscordDouble(DoubleConfig(spec_path=None))
    double.ratelimits.global_limit = (DISCORD_GLOBAL_RATE, 1.0)
    tvmaze = TvmazeDouble()
    await double.start()
    await tvmaze.start()
    bots: list[BotProcess] = []
    with tempfile.TemporaryDirectory() as folder:
        try:
            permissions = int(Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES | Perm.EMBED_LINKS)
            # Server n sits on shard n % shards, so every shard holds its share.
            guilds = [
                double.add_guild(
                    f"Server {n}",
                    id=guild_id_on_shard(n % shards, shards, n // shards),
                    bot_permissions=permissions,
                )
                for n in range(servers)
            ]
            started = time.monotonic()
            allowance = servers * (SEED_SECONDS_PER_SERVER + START_SECONDS_PER_SERVER)
            lead = timedelta(seconds=START_SECONDS + allowance)
            due = (datetime.now(UTC) + lead).replace(microsecond=0) + timedelta(seconds=1)
            await seed(url, double, guilds, due)
            seeded = time.monotonic()

            per_process = shards // processes
            environment = bot_environment(double, tvmaze, url, shards)
            for p in range(processes):
                shard_ids = list(range(p * per_process, (p + 1) * per_process))
                bots.append(start_bot(Path(folder), p, shard_ids, environment))
            await wait_until_connected(double, bots, shards, timeout=START_SECONDS + allowance)
            ready = time.monotonic()
            if datetime.now(UTC) >= due:
                raise RuntimeError(
                    "the reminder fell due before every shard was connected; raise "
                    "SEED_SECONDS_PER_SERVER or START_SECONDS_PER_SERVER"
                )
            print(
                json.dumps(
                    {
                        "bench": "cluster",
                        "setup": {
                            "servers": servers,
                            "shards": shards,
                            "processes": processes,
                            "postgres": server.version,
                            "seed_seconds": round(seeded - started, 1),
                            "start_seconds": round(ready - seeded, 1),
                            "seconds_ready_before_due": round(
                                (due - datetime.now(UTC)).total_seconds(), 1
                            ),
                        },
                    }
                ),
                flush=True,
            )
            result = await measure(double, bots, url, guilds, due)
            result["tvmaze_update_requests"] = tvmaze.count("/updates/shows")
            usage = [bot.usage() for bot in bots]
            result["peak_rss_mb_per_process"] = [round(rss, 1) for rss, _ in usage]
            result["cpu_seconds_per_process"] = [round(cpu, 1) for _, cpu in usage]
            print(json.dumps(result), flush=True)
        finally:
            await stop_bots(bots)
            await tvmaze.stop()
            await double.stop()
            with contextlib.suppress(Exception):
                await server.drop_database(url)


async def seed(url: str, double: DiscordDouble, guilds: list[Guild], due: datetime) -> None:
    """Every server: its #general for announcements, a 1-hour reminder, one tracked show whose
    1-hour reminder falls due at `due` — through the bot's repositories, as its commands do."""
    database = await Database.open(url)  # applies the migrations
    try:
        settings = SettingsRepository(database)
        shows = ShowRepository(database)
        reminders = ReminderRepository(database)
        premiere, now = due + OFFSET, datetime.now(UTC)

        async def one(guild: Guild) -> None:
            channel = double.channel_named(guild, "general")
            await settings.update(
                guild.id, announce_channel_id=channel.id, reminder_offsets=(OFFSET,)
            )
            show = await shows.insert(
                NewShow(
                    guild_id=guild.id,
                    title="Jessica Jones",
                    season=2,
                    network="Netflix",
                    premiere=premiere,
                    precision=Precision.TIME,
                    timezone="UTC",
                    added_by=guild.owner_id,
                    added_at=now,
                )
            )
            await reminders.replan(show, ladder(premiere, show.precision, (OFFSET,), now))

        await bounded(map(one, guilds), SEED_CONCURRENCY)
        planned = await reminders.count_pending()
        if planned != len(guilds):
            raise RuntimeError(f"seeded {planned} reminders for {len(guilds)} servers")
    finally:
        await database.close()


async def bounded(jobs: Iterable[Awaitable[None]], limit: int) -> None:
    """Await every job, at most `limit` at once."""
    slots = asyncio.Semaphore(limit)

    async def guarded(job: Awaitable[None]) -> None:
        async with slots:
            await job

    async with asyncio.TaskGroup() as group:
        for job in jobs:
            group.create_task(guarded(job))


def bot_environment(
    double: DiscordDouble, tvmaze: TvmazeDouble, url: str, shards: int
) -> dict[str, str]:
    """What every process is given; nothing of this shell's own settings leaks in."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(ROOT),
        "DISCORD_TOKEN": double.token,
        "DISCORD_API_BASE": double.api_base,
        "DISCORD_GATEWAY_URL": double.gateway_url,
        "TVMAZE_API_BASE": tvmaze.base_url,
        "DATABASE_URL": url,
        "SHARD_COUNT": str(shards),
        "LOG_LEVEL": "WARNING",
    }


def start_bot(
    folder: Path, number: int, shard_ids: list[int], environment: dict[str, str]
) -> BotProcess:
    log_path = folder / f"bot-{number}.log"
    shard_text = f"{shard_ids[0]}-{shard_ids[-1]}" if len(shard_ids) > 1 else str(shard_ids[0])
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            # Its own folder: no .env of the checkout is read, and no database file is made here.
            cwd=folder,
            env=environment | {"SHARD_IDS": shard_text},
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return BotProcess(shard_ids, process, log_path)


async def wait_until_connected(
    double: DiscordDouble, bots: list[BotProcess], shards: int, *, timeout: float
) -> None:
    """Every shard identified, connected, and sent all its servers; each process's reminder
    timer is set before its shards connect."""

    def connected() -> bool:
        for bot in bots:
            if bot.process.poll() is not None:
                raise RuntimeError(
                    f"the process for shards {bot.shard_ids} exited "
                    f"({bot.process.returncode}):\n{bot.log_tail()}"
                )
        sessions = list(double.gateway.shards.values())
        return len(sessions) == shards and all(
            s.connection is not None and s.delivered == s.seq for s in sessions
        )

    await wait(connected, timeout, "every shard to connect")
    # discord.py reads the last GUILD_CREATEs after they were sent: let it finish.
    await asyncio.sleep(3)


async def measure(
    double: DiscordDouble,
    bots: list[BotProcess],
    url: str,
    guilds: list[Guild],
    due: datetime,
) -> dict[str, object]:
    servers = len(guilds)
    bound = servers / DISCORD_GLOBAL_RATE
    # The same instant on both clocks, to place `due` on the monotonic clock.
    wall, mono = datetime.now(UTC), time.monotonic()
    due_mono = mono + (due - wall).total_seconds()
    ours = {g.id for g in guilds}

    def delivered() -> bool:
        for bot in bots:
            if bot.process.poll() is not None:
                raise RuntimeError(
                    f"the process for shards {bot.shard_ids} exited during the fan-out:\n"
                    f"{bot.log_tail()}"
                )
        return len({m.guild_id for m in posts(double)} & ours) >= servers

    with contextlib.suppress(TimeoutError):  # a shortfall is reported as lost posts
        await wait(delivered, (due - wall).total_seconds() + 2 * bound + 60, "every post")
    # Then until the database has nothing left to send and no post arrived for a while, so
    # that a late duplicate would be counted.
    database = await Database.open(url)
    try:
        reminders = ReminderRepository(database)
        deadline = time.monotonic() + bound + 60
        while time.monotonic() < deadline:
            quiet = time.monotonic() - max((m.created_monotonic for m in posts(double)), default=0)
            if (
                quiet >= QUIET_SECONDS
                and not await reminders.count_pending()
                and not await reminders.in_flight()
            ):
                break
            await asyncio.sleep(0.5)
        still_pending = await reminders.count_pending() + len(await reminders.in_flight())
    finally:
        await database.close()

    reminder_posts = [m for m in posts(double) if m.guild_id in ours]
    per_server = Counter(m.guild_id for m in reminder_posts)
    arrivals = sorted(m.created_monotonic for m in reminder_posts)
    last = arrivals[-1] - due_mono if arrivals else float("nan")
    shard_count = len(double.gateway.shards)
    # Each process posts for the servers on its own shards: when did each finish?
    last_per_process = [
        round(
            max(
                (
                    m.created_monotonic - due_mono
                    for m in reminder_posts
                    if m.guild_id is not None and shard_of(m.guild_id, shard_count) in bot.shard_ids
                ),
                default=float("nan"),
            ),
            3,
        )
        for bot in bots
    ]
    first = arrivals[0] - due_mono if arrivals else float("nan")
    return {
        "bench": "cluster",
        "servers": servers,
        "shards": shard_count,
        "processes": len(bots),
        "posts": len(reminder_posts),
        "seconds_due_to_last_post": round(last, 3),
        "bound_seconds": bound,
        "ratio_to_bound": round(last / bound, 3),
        "seconds_due_to_last_post_per_process": last_per_process,
        "target_ratio": 1.05,
        "first_post_delay_ms": round(first * 1000, 1),
        "lost": servers - len(per_server),
        "duplicated": sum(1 for count in per_server.values() if count > 1),
        "target_lost_and_duplicated": 0,
        "reminders_left_unsent": still_pending,
        "rate_limited_429s": double.rate_limited,
        "target_429s": 0,
        "most_requests_in_one_second": busiest_second(double),
    }


def busiest_second(double: DiscordDouble) -> int:
    """The most requests counting against the bot's global limit that reached the double
    within any one second (on its clock): above 50, the processes' shares overlapped."""
    arrivals = sorted(
        r.at for r in double.requests if not r.route.startswith(("/interactions/", "/webhooks/"))
    )
    most, start = 0, 0
    for end, at in enumerate(arrivals):
        while at - arrivals[start] >= 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


def posts(double: DiscordDouble) -> list[Message]:
    """The reminder posts (embeds the bot posted itself, not replies to commands)."""
    return [
        m
        for m in double.messages.values()
        if m.embeds and m.interaction_id is None and not m.deleted
    ]


async def wait(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() >= deadline:
            raise TimeoutError(f"gave up waiting for {what} after {timeout:.0f} s")
        await asyncio.sleep(0.1)


async def stop_bots(bots: list[BotProcess]) -> None:
    """SIGTERM (the bot closes cleanly), then SIGKILL for any that outlive STOP_SECONDS."""
    for bot in bots:
        if bot.process.poll() is None:
            bot.process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    for bot in bots:
        try:
            await asyncio.to_thread(bot.process.wait, max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            bot.process.kill()
            bot.process.wait()


if __name__ == "__main__":
    main()
