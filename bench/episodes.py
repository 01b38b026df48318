"""Every episode: planning a week of episode posts, and one episode posted to every server.

    python bench/episodes.py [--servers 1000] [--shows 50] [--episodes 10] [--weeks 1]
                             [--fanout-servers 1000] [--only planning|fanout] [--postgres]

Planning: every server follows the same `--shows` TVmaze shows episode by episode (servers ×
shows show rows, inserted in bulk). Each TVmaze show has a season of `--episodes` weekly
episodes of which the last `--weeks` are still to come, at a different time of the week for
each show, so by default a week holds 50 airstamps × 1,000 servers = 50,000 episode posts.
Timed: what TVmaze's refresh does for each TVmaze show, through the bot's own classes (the
episodes kept with EpisodeRepository.replace, then ReminderEngine.episodes_changed, which
re-plans every server following it). Three passes: into an empty plan (timed), again with
nothing changed (timed: the daily re-read of a show airing soon), and into an empty plan again
under tracemalloc for the peak of Python's own allocations (SQLite's are not counted).

Fan-out: one episode followed by `--fanout-servers` servers, posted through the real bot
against the Discord double, which enforces Discord's limits (50 requests a second per bot,
5 messages per 5 seconds per channel). Real time, no time travel: the episode airs a few
seconds after setup. Targets as for premieres (bench/reminders_fanout.py): the last post
within 1.05 × servers / 50 s of the airtime, the first within 250 ms, no 429s, one post per
server and no nonce used twice.

Prints one JSON line per part. By default the data is in SQLite files; with `--postgres` a
private PostgreSQL server is started for the run (tests/postgres.py) and each part gets a new
database on it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import discord

from bot.app import PremiereBot
from bot.clock import SystemClock
from bot.config import Settings
from bot.db.connection import Database
from bot.db.episodes import EpisodeRepository
from bot.db.shows import to_epoch
from bot.domain.episodes import Announce, Episode, Finale
from bot.outbox.timer import Scheduler
from bot.reminders.engine import ReminderEngine
from bot.sandbox.double import DiscordDouble, DoubleConfig, Guild, Message, Perm

ROOT = Path(__file__).resolve().parents[1]

WEEK = timedelta(weeks=1)
FIRST_TVMAZE_ID = 70_000
FIRST_GUILD_ID = 1_000_000
SETUP_SECONDS_PER_SERVER = 0.03  # generous: the episode must not air during setup
DISCORD_GLOBAL_RATE = 50
NEW_EPISODE = "📺 New episode"
# Nothing in this benchmark may reach TVmaze: its refresh is off and its address leads nowhere.
NO_TVMAZE = "http://127.0.0.1:9"


# ---------------------------------------------------------------------- data


def season(tvmaze_id: int, episodes: int, next_airs: datetime, to_come: int) -> list[Episode]:
    """A season of weekly episodes, the first of the last `to_come` airing at `next_airs`."""
    first = next_airs - (episodes - to_come) * WEEK
    return [
        Episode(
            tvmaze_show_id=tvmaze_id,
            id=tvmaze_id * 1000 + number,
            season=1,
            number=number,
            name=f"Episode {number}",
            airs_at=first + (number - 1) * WEEK,
            has_time=True,
            finale=Finale.SEASON if number == episodes else None,
        )
        for number in range(1, episodes + 1)
    ]


async def insert_followers(
    db: Database, guild_ids: Sequence[int], tvmaze_id: int, premiere: datetime, added: datetime
) -> None:
    """One show row per server following `tvmaze_id` episode by episode; in bulk, since
    50,000 /show add commands would time the commands rather than the planning."""
    async with db.transaction() as tx:
        await tx.executemany(
            """INSERT INTO shows (guild_id, title, title_key, season, network, premiere_at,
                                  premiere_precision, premiere_timezone, added_by, added_at,
                                  tvmaze_id, announce)
               VALUES (?, ?, ?, 1, 'HBO', ?, 'time', 'UTC', 1, ?, ?, ?)""",
            [
                (
                    guild_id,
                    f"Show {tvmaze_id}",
                    f"show {tvmaze_id}",
                    to_epoch(premiere),
                    to_epoch(added),
                    tvmaze_id,
                    Announce.EPISODES,
                )
                for guild_id in guild_ids
            ],
        )


async def pending_episode_posts(db: Database) -> int:
    return int(
        await db.scalar(
            "SELECT COUNT(*) FROM reminders WHERE kind = 'episode' AND status = 'pending'"
        )
    )


# ---------------------------------------------------------------------- planning


async def planning(args: argparse.Namespace, target: Path | str) -> dict[str, object]:
    db = await Database.open(target)  # runs the migrations
    clock = SystemClock()
    scheduler = Scheduler(clock)
    scheduler.start()
    # Nothing falls due while it is measured (the first episode is an hour away): no sender.
    engine = ReminderEngine(db, clock, None, scheduler)  # type: ignore[arg-type]
    try:
        now = clock.now().replace(second=0, microsecond=0)
        spacing = WEEK / args.shows
        catalogue = {
            FIRST_TVMAZE_ID + n: season(
                FIRST_TVMAZE_ID + n,
                args.episodes,
                now + timedelta(hours=1) + n * spacing,
                args.weeks,
            )
            for n in range(args.shows)
        }
        guild_ids = [FIRST_GUILD_ID + g for g in range(args.servers)]
        started = time.perf_counter()
        for tvmaze_id, episodes in catalogue.items():
            await insert_followers(db, guild_ids, tvmaze_id, episodes[0].airs_at, now)
        insert_seconds = time.perf_counter() - started
        store = EpisodeRepository(db)

        async def plan_all() -> float:
            began = time.perf_counter()
            for tvmaze_id, episodes in catalogue.items():
                await store.replace(tvmaze_id, episodes)
                await engine.episodes_changed(tvmaze_id)
            return time.perf_counter() - began

        fresh_seconds = await plan_all()
        planned = await pending_episode_posts(db)
        unchanged_seconds = await plan_all()
        unchanged_planned = await pending_episode_posts(db)

        await db.execute("DELETE FROM reminders WHERE kind = 'episode'")
        tracemalloc.start()
        try:
            await plan_all()
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        expected = args.servers * args.shows * args.weeks
        return {
            "bench": "episodes_planning",
            "database": db.dialect.value,
            "servers": args.servers,
            "tvmaze_shows": args.shows,
            "show_rows": args.servers * args.shows,
            "episodes_per_season": args.episodes,
            "episodes_to_come": args.weeks,
            "insert_show_rows_seconds": round(insert_seconds, 2),
            "episode_posts_planned": planned,
            "expected_posts": expected,
            "plan_seconds": round(fresh_seconds, 2),
            "plans_per_second": round(args.servers * args.shows / fresh_seconds),
            "replan_unchanged_seconds": round(unchanged_seconds, 2),
            "posts_after_replan": unchanged_planned,
            "peak_traced_mb": round(peak / 2**20, 1),
        }
    finally:
        scheduler.shutdown()
        await db.close()


# ---------------------------------------------------------------------- fan-out


async def fanout(args: argparse.Namespace, folder: Path, url: str | None) -> dict[str, object]:
    servers = args.fanout_servers
    # The spec check is a test-time guard; here it would only slow the double down.
    double = DiscordDouble(DoubleConfig(spec_path=None))
    await double.start()
    permissions = int(Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES | Perm.EMBED_LINKS)
    guilds = [double.add_guild(f"Server {n}", bot_permissions=permissions) for n in range(servers)]
    settings = replace(
        Settings(),
        discord_token=double.token,
        database_path=folder / "fanout.sqlite3",
        database_url=url,
        discord_api_base=double.api_base,
        discord_gateway_url=double.gateway_url,
        tvmaze_api_base=NO_TVMAZE,
        tvmaze_refresh_hours=0,
    )
    discord.utils.setup_logging(level=40)
    bot = PremiereBot(settings, guild_ready_timeout=0.05)
    runner = asyncio.create_task(bot.start(double.token))
    try:
        await asyncio.wait_for(bot.wait_until_ready(), 60)
        return await time_fanout(double, bot, guilds)
    finally:
        await bot.close()
        runner.cancel()
        await double.stop()


async def time_fanout(
    double: DiscordDouble, bot: PremiereBot, guilds: list[Guild]
) -> dict[str, object]:
    """Every server follows the show; its second episode airs a few seconds from now."""
    lead = timedelta(seconds=5 + len(guilds) * SETUP_SECONDS_PER_SERVER)
    airs = (datetime.now(UTC) + lead).replace(microsecond=0) + timedelta(seconds=1)
    tvmaze_id = FIRST_TVMAZE_ID
    # Episode 1 aired a week ago (the premiere, long announced); episode 2 airs at `airs`.
    episodes = season(tvmaze_id, episodes=3, next_airs=airs, to_come=2)
    started = datetime.now(UTC)
    for guild in guilds:
        channel = double.channel_named(guild, "general")
        await bot.services.settings.set_channel(guild.id, channel.id)
    await insert_followers(
        bot.db, [g.id for g in guilds], tvmaze_id, episodes[0].airs_at, started - WEEK
    )
    # What TVmaze's refresh does after reading the show's episodes.
    await EpisodeRepository(bot.db).replace(tvmaze_id, episodes)
    await bot.reminders.episodes_changed(tvmaze_id)
    setup_done = datetime.now(UTC)
    if setup_done >= airs:
        raise RuntimeError("setup took longer than the lead; raise SETUP_SECONDS_PER_SERVER")

    # The same instant on both clocks, to place the airtime on the monotonic clock.
    wall, mono = datetime.now(UTC), time.monotonic()
    airs_mono = mono + (airs - wall).total_seconds()
    servers = len(guilds)
    await double.wait_for(
        lambda: len(posts(double)) >= servers,
        timeout=(airs - wall).total_seconds() + servers / 10 + 60,
    )
    await bot.reminders.idle()

    sent = posts(double)
    arrivals = sorted(m.created_monotonic for m in sent)
    last, first = arrivals[-1] - airs_mono, arrivals[0] - airs_mono
    bound = servers / DISCORD_GLOBAL_RATE
    nonces = Counter(m.nonce for m in sent)
    return {
        "bench": "episodes_fanout",
        "database": bot.db.dialect.value,
        "servers": servers,
        "posts": len(sent),
        "servers_posted_to": len({m.channel_id for m in sent}),
        "duplicate_nonces": sum(n - 1 for n in nonces.values() if n > 1),
        "posts_without_nonce": nonces[None],
        "setup_seconds": round((setup_done - started).total_seconds(), 1),
        "seconds_airtime_to_last_post": round(last, 3),
        "bound_seconds": bound,
        "ratio_to_bound": round(last / bound, 3),
        "target_ratio": 1.05,
        "first_post_delay_ms": round(first * 1000, 1),
        "target_first_post_ms": 250,
        "rate_limited_429s": double.rate_limited,
        "target_429s": 0,
    }


def posts(double: DiscordDouble) -> list[Message]:
    """The episode posts (not replies to commands)."""
    return [
        m
        for m in double.messages.values()
        if m.embeds and m.interaction_id is None and m.embed.get("title") == NEW_EPISODE
    ]


# ---------------------------------------------------------------------- running


@contextlib.contextmanager
def private_postgres() -> Iterator[Callable[[], Awaitable[str]]]:
    """A PostgreSQL server of this run's own, thrown away at the end; yields a maker of new,
    empty databases on it."""
    sys.path.insert(0, str(ROOT))  # tests/postgres.py is test and benchmark tooling
    from tests.postgres import PostgresServer

    with PostgresServer() as server:
        yield server.fresh_database


async def bench(
    args: argparse.Namespace, new_database: Callable[[], Awaitable[str]] | None
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if args.only in (None, "planning"):
            target = await new_database() if new_database else folder / "planning.sqlite3"
            print(json.dumps(await planning(args, target)), flush=True)
        if args.only in (None, "fanout"):
            url = await new_database() if new_database else None
            print(json.dumps(await fanout(args, folder, url)), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--servers", type=int, default=1000, help="planning: servers")
    parser.add_argument("--shows", type=int, default=50, help="planning: TVmaze shows followed")
    parser.add_argument("--episodes", type=int, default=10, help="planning: episodes a season")
    parser.add_argument("--weeks", type=int, default=1, help="planning: episodes still to come")
    parser.add_argument("--fanout-servers", type=int, default=1000)
    parser.add_argument("--only", choices=("planning", "fanout"))
    parser.add_argument(
        "--postgres", action="store_true", help="start a private PostgreSQL server for the run"
    )
    args = parser.parse_args()
    if not 1 <= args.weeks <= args.episodes:
        parser.error("--weeks must be between 1 and --episodes")
    if args.postgres:
        # Started from the main thread, so the server dies with this process if need be.
        with private_postgres() as new_database:
            asyncio.run(bench(args, new_database))
    else:
        asyncio.run(bench(args, None))


if __name__ == "__main__":
    main()
