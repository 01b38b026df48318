"""Fan-out: one premiere tracked by many servers, reminded at the same instant.

    python bench/reminders_fanout.py [--servers 1000]

The double enforces Discord's limits (50 requests a second per bot, 5 messages per 5 seconds per
channel). Real time, no time travel: the reminder falls due a few seconds after setup. Prints
one JSON line: seconds from the due time to the last post and its ratio to the bound
servers / 50 s (target <= 1.05), the first post's delay after the due time (target <= 250 ms),
and the number of 429s (target 0).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import discord

from bot.app import PremiereBot
from bot.config import Settings
from bot.sandbox.double import DiscordDouble, DoubleConfig, Guild, Message, Perm

SETUP_SECONDS_PER_SERVER = 0.03  # generous: the reminder must not fall due during setup
DISCORD_GLOBAL_RATE = 50


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--servers", type=int, default=1000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        # The spec check is a test-time guard; here it would only slow the double down.
        double = DiscordDouble(DoubleConfig(spec_path=None))
        await double.start()
        permissions = int(Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES | Perm.EMBED_LINKS)
        guilds = [
            double.add_guild(f"Server {n}", bot_permissions=permissions)
            for n in range(args.servers)
        ]

        settings = replace(
            Settings(),
            discord_token=double.token,
            database_path=Path(folder) / "bench.sqlite3",
            discord_api_base=double.api_base,
            discord_gateway_url=double.gateway_url,
        )
        discord.utils.setup_logging(level=40)
        bot = PremiereBot(settings, guild_ready_timeout=0.05)
        runner = asyncio.create_task(bot.start(double.token))
        try:
            await asyncio.wait_for(bot.wait_until_ready(), 60)
            print(json.dumps(await fan_out(double, bot, guilds)))
        finally:
            await bot.close()
            runner.cancel()
            await double.stop()


async def fan_out(
    double: DiscordDouble, bot: PremiereBot, guilds: list[Guild]
) -> dict[str, object]:
    """Track the premiere everywhere, wait for the reminder, and time the posts."""
    lead = timedelta(seconds=5 + len(guilds) * SETUP_SECONDS_PER_SERVER)
    due = (datetime.now(UTC) + lead).replace(microsecond=0) + timedelta(seconds=1)
    premiere = (due + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S")
    started = datetime.now(UTC)
    for guild in guilds:
        channel = double.channel_named(guild, "general")
        await bot.services.settings.set_channel(guild.id, channel.id)
        await bot.services.settings.set_offsets(guild.id, "1h")
        await bot.services.shows.add(
            guild.id, title="Jessica Jones", premiere=premiere, added_by=guild.owner_id
        )
    # The premiere was given to the second, so the 1-hour reminder falls due exactly at `due`.
    setup_done = datetime.now(UTC)
    if setup_done >= due:
        raise RuntimeError("setup took longer than the lead; raise SETUP_SECONDS_PER_SERVER")

    # The same instant on both clocks, to place `due` on the monotonic clock.
    wall, mono = datetime.now(UTC), time.monotonic()
    due_mono = mono + (due - wall).total_seconds()
    servers = len(guilds)
    await double.wait_for(
        lambda: len(posts(double)) >= servers,
        timeout=(due - wall).total_seconds() + servers / 10 + 60,
    )
    await bot.reminders.idle()

    arrivals = sorted(m.created_monotonic for m in posts(double))
    last, first = arrivals[-1] - due_mono, arrivals[0] - due_mono
    bound = servers / DISCORD_GLOBAL_RATE
    return {
        "bench": "reminders_fanout",
        "servers": servers,
        "posts": len(arrivals),
        "setup_seconds": round((setup_done - started).total_seconds(), 1),
        "seconds_due_to_last_post": round(last, 3),
        "bound_seconds": bound,
        "ratio_to_bound": round(last / bound, 3),
        "target_ratio": 1.05,
        "first_post_delay_ms": round(first * 1000, 1),
        "target_first_post_ms": 250,
        "rate_limited_429s": double.rate_limited,
        "target_429s": 0,
    }


def posts(double: DiscordDouble) -> list[Message]:
    """The reminder posts (embeds the bot posted itself, not replies to commands)."""
    return [m for m in double.messages.values() if m.embeds and m.interaction_id is None]


if __name__ == "__main__":
    asyncio.run(main())
