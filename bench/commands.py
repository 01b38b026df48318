"""Command latency with a big database: INTERACTION_CREATE → the bot's callback at the double.

    python bench/commands.py [--servers 1000] [--shows 100000] [--subscriptions 200000]
                             [--invocations 1000] [--postgres | --database-url URL]

Builds the database (shows spread over the servers, subscriptions over their members), starts
the double and the real bot over it, then invokes /show list, /show info and the show
autocomplete one at a time as members of sampled servers. Prints one JSON line per command with
p50/p99/max in milliseconds, plus one line describing the data set.

By default the data is in a SQLite file. With `--postgres` a private PostgreSQL server is
started for the run (tests/postgres.py) and the bot keeps its data there; `--database-url`
(or `DATABASE_URL` in the environment) names a new, empty PostgreSQL database to use instead.
Either way the SQLite file is built first and copied in as `python -m bot copy-db` does.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import discord

from bot.app import PremiereBot
from bot.config import Settings
from bot.db.connection import Database, is_postgres_url
from bot.db.copy import copy_database
from bot.sandbox.double import DiscordDouble, DoubleConfig, Member

ROOT = Path(__file__).resolve().parents[1]

MEMBERS_PER_SERVER = 50
SAMPLED_SERVERS = 50
PREMIERE_BASE = 4_070_908_800  # 2099-01-01, so every show is upcoming whenever this runs
WORDS = (
    "The",
    "Last",
    "Night",
    "Dark",
    "House",
    "City",
    "Star",
    "River",
    "Crown",
    "Signal",
    "Lost",
    "Empire",
    "Silent",
    "Golden",
    "Wild",
    "Storm",
    "Ghost",
    "Harbor",
    "Echo",
    "Iron",
)


async def build_database(
    path: Path, servers: int, shows: int, subscriptions: int, rng: random.Random
) -> dict[int, list[int]]:
    """Fill the database; returns each server's member ids."""
    database = await Database.open(path)  # runs the migrations
    await database.close()
    members = {
        1_000_000 + g: [10_000_000 + g * 1000 + m for m in range(MEMBERS_PER_SERVER)]
        for g in range(servers)
    }
    connection = sqlite3.connect(path)
    show_rows, per_server = [], shows // servers
    for g in range(servers):
        for n in range(per_server):
            title = " ".join(rng.sample(WORDS, 3)) + f" {n}"
            show_rows.append(
                (
                    g * per_server + n + 1,
                    1_000_000 + g,
                    title,
                    title.casefold(),
                    rng.randint(1, 9),
                    "Netflix",
                    PREMIERE_BASE + rng.randint(0, 10**8),
                    "day",
                    "UTC",
                    members[1_000_000 + g][0],
                    PREMIERE_BASE,
                )
            )
    connection.executemany(
        """INSERT INTO shows (id, guild_id, title, title_key, season, network, premiere_at,
                              premiere_precision, premiere_timezone, added_by, added_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        show_rows,
    )
    chosen: set[tuple[int, int]] = set()
    while len(chosen) < subscriptions:
        show_id = rng.randint(1, len(show_rows))
        guild_id = show_rows[show_id - 1][1]
        chosen.add((show_id, rng.choice(members[guild_id])))
    connection.executemany(
        """INSERT INTO subscriptions (show_id, guild_id, user_id, delivery, created_at)
           VALUES (?, ?, ?, 'channel', ?)""",
        ((s, show_rows[s - 1][1], u, PREMIERE_BASE) for s, u in chosen),
    )
    connection.commit()
    connection.close()
    return members


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def copy_into(path: Path, url: str) -> None:
    """The SQLite file into the PostgreSQL database, verified, as `python -m bot copy-db`."""
    source = await Database.open(path)
    try:
        target = await Database.open(url)  # migrates; the copy refuses a database with data
        try:
            await copy_database(source, target)
        finally:
            await target.close()
    finally:
        await source.close()


@contextlib.contextmanager
def private_postgres() -> Iterator[str]:
    """A PostgreSQL server of this run's own, thrown away at the end; yields its admin URL."""
    sys.path.insert(0, str(ROOT))  # tests/postgres.py is test and benchmark tooling
    from tests.postgres import PostgresServer

    with PostgresServer() as server:
        url = asyncio.run(server.fresh_database())
        yield url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--servers", type=int, default=1000)
    parser.add_argument("--shows", type=int, default=100_000)
    parser.add_argument("--subscriptions", type=int, default=200_000)
    parser.add_argument("--invocations", type=int, default=1000, help="per command")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--postgres", action="store_true", help="start a private PostgreSQL server for the run"
    )
    where.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL") or None,
        metavar="URL",
        help="a new, empty PostgreSQL database (default: DATABASE_URL, if set)",
    )
    args = parser.parse_args()
    if args.database_url and not is_postgres_url(args.database_url):
        parser.error("--database-url must be a postgresql:// URL")
    if args.postgres:
        # Started from the main thread, so the server dies with this process if need be.
        with private_postgres() as url:
            asyncio.run(bench(args, url))
    else:
        asyncio.run(bench(args, args.database_url))


async def bench(args: argparse.Namespace, database_url: str | None) -> None:
    rng = random.Random(7)
    engine = "postgresql" if database_url else "sqlite"

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        started = time.perf_counter()
        members = await build_database(path, args.servers, args.shows, args.subscriptions, rng)
        built = time.perf_counter()
        if database_url:
            await copy_into(path, database_url)
        data: dict[str, object] = {
            "database": engine,
            "servers": args.servers,
            "shows": args.shows,
            "subscriptions": args.subscriptions,
            "build_seconds": round(built - started, 2),
        }
        if database_url:
            data["copy_seconds"] = round(time.perf_counter() - built, 2)
        print(json.dumps({"bench": "commands", "data": data}), flush=True)

        # The spec check is a test-time guard; it would only slow the double down here.
        double = DiscordDouble(DoubleConfig(spec_path=None))
        double.ratelimits.global_limit = None
        await double.start()
        worlds = []
        for guild_id in rng.sample(sorted(members), min(SAMPLED_SERVERS, len(members))):
            guild = double.add_guild(f"Server {guild_id}", id=guild_id)
            people = [double.add_member(guild, f"m{u}", id=u) for u in members[guild_id][:5]]
            worlds.append((guild, double.channel_named(guild, "general"), people))

        settings = replace(
            Settings(),
            discord_token=double.token,
            database_path=path,
            database_url=database_url,
            discord_api_base=double.api_base,
            discord_gateway_url=double.gateway_url,
            log_level="WARNING",
        )
        discord.utils.setup_logging(level=30)
        bot = PremiereBot(settings, guild_ready_timeout=0.05)
        runner = asyncio.create_task(bot.start(double.token))
        await asyncio.wait_for(bot.wait_until_ready(), 60)

        async def once(kind: str) -> float:
            guild, channel, people = rng.choice(worlds)
            member: Member = rng.choice(people)
            if kind == "autocomplete":
                before = len(double.interactions)
                await double.autocomplete(
                    member,
                    channel,
                    "show info",
                    focused="show",
                    value=rng.choice(WORDS).lower()[:4],
                )
                interaction = list(double.interactions.values())[before]
            else:
                shows = await bot.services.shows.suggest(guild.id, "", limit=25)
                options = {"show": str(rng.choice(shows).id)} if kind == "show info" else {}
                interaction = await double.invoke(member, channel, kind, **options)
                await double.reply(interaction, timeout=10)
            assert interaction.answered_monotonic is not None
            return (interaction.answered_monotonic - interaction.created_monotonic) * 1000

        for kind in ("show list", "show info", "autocomplete"):
            for _ in range(20):  # warm caches and code paths
                await once(kind)
            samples = [await once(kind) for _ in range(args.invocations)]
            print(
                json.dumps(
                    {
                        "bench": "commands",
                        "database": engine,
                        "command": kind,
                        "invocations": len(samples),
                        "p50_ms": round(statistics.median(samples), 2),
                        "p99_ms": round(percentile(samples, 0.99), 2),
                        "max_ms": round(max(samples), 2),
                        "target_p99_ms": 30,
                    }
                )
            )

        await bot.close()
        runner.cancel()
        await double.stop()


if __name__ == "__main__":
    main()
