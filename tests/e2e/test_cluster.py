"""Two bot processes on two shards of one bot, sharing one PostgreSQL database, as an owner runs
them: real `python -m bot run` processes against the double. Each does the reminders of its own
servers; one killed mid-fan-out and started again finishes its half-sent reminders with the
same nonces; every server gets its post exactly once."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

from bot.db.connection import Database
from bot.db.reminders import ReminderRepository
from bot.db.settings import SettingsRepository
from bot.db.shows import NewShow, ShowRepository
from bot.domain.dates import Precision
from bot.domain.reminders import Rung
from bot.sandbox.double import Channel, DiscordDouble, Message, Perm, guild_id_on_shard
from tests.conftest import NOWHERE, World
from tests.e2e.reminder_support import titles

SERVERS_PER_SHARD = 40
SHARDS = (0, 1)
MESSAGES = "/channels/{channel_id}/messages"
# A process starts (imports, connects, syncs) in a few seconds; a busy machine may need more.
STARTED_WITHIN = 60.0
DONE_WITHIN = 60.0
UNFINISHED = "SELECT count(*) FROM reminders WHERE status != 'sent'"
POSTER = int(Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES | Perm.EMBED_LINKS)


async def plant_due_reminders(double: DiscordDouble, url: str, shard_id: int) -> list[Channel]:
    """Servers on `shard_id`, each with an announcement channel and a reminder due now (an
    hour before its premiere), written straight into the shared database."""
    now = datetime.now(UTC)
    premiere = now + timedelta(hours=1)
    db = await Database.open(url)
    try:
        shows, settings, reminders = (
            ShowRepository(db),
            SettingsRepository(db),
            ReminderRepository(db),
        )
        channels = []
        for n in range(SERVERS_PER_SHARD):
            guild = double.add_guild(
                f"Shard {shard_id} fans {n}",
                id=guild_id_on_shard(shard_id, len(SHARDS), n + 1),
                bot_permissions=POSTER,
            )
            channel = double.add_channel(guild, "premieres")
            await settings.update(guild.id, announce_channel_id=channel.id)
            show = await shows.insert(
                NewShow(guild.id, "Severance", 2, None, premiere, Precision.TIME, "UTC", 1, now)
            )
            await reminders.replan(show, [Rung(timedelta(hours=1), now)])
            channels.append(channel)
        return channels
    finally:
        await db.close()


def admin_world(double: DiscordDouble, shard_id: int) -> World:
    """A server on `shard_id` with a member who may ask for /status."""
    guild = double.add_guild(f"Shard {shard_id} club", id=guild_id_on_shard(shard_id, 2, 0))
    moderators = double.add_role(guild, "Moderators", Perm.MANAGE_GUILD)
    admin = double.add_member(guild, "admin", roles=[moderators])
    member = double.add_member(guild, "member")
    return World(double, guild, admin, member, double.channel_named(guild, "general"))


class BotProcess:
    """`python -m bot run` for some shards of the bot; its output goes to a file."""

    def __init__(self, double: DiscordDouble, url: str, shard_id: int, folder: Path) -> None:
        self.shard_id = shard_id
        self.folder = folder
        self.env = {
            k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DEV_GUILD"))
        } | {
            "DISCORD_TOKEN": double.token,
            "DISCORD_API_BASE": double.api_base,
            "DISCORD_GATEWAY_URL": double.gateway_url,
            "DATABASE_URL": url,
            "TVMAZE_API_BASE": NOWHERE,
            "SHARD_COUNT": str(len(SHARDS)),
            "SHARD_IDS": str(shard_id),
            "LOG_LEVEL": "WARNING",
        }
        self.process: asyncio.subprocess.Process | None = None
        self.runs = 0
        self._log: IO[bytes] | None = None

    async def start(self) -> None:
        self.runs += 1
        self._log = (self.folder / f"shard-{self.shard_id}-run-{self.runs}.log").open("wb")
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=self.folder,
            env=self.env,
            stdout=self._log,
            stderr=asyncio.subprocess.STDOUT,
        )

    async def stop(self, sig: int = signal.SIGTERM) -> int | None:
        if self.process is None:
            return None
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(sig)
        try:
            code = await asyncio.wait_for(self.process.wait(), 30)
        except TimeoutError:
            self.process.kill()
            code = await self.process.wait()
        assert self._log is not None
        self._log.close()
        return code

    def output(self) -> str:
        return "\n".join(
            path.read_text(errors="replace")
            for path in sorted(self.folder.glob(f"shard-{self.shard_id}-run-*.log"))
        )


def posts(double: DiscordDouble, channels: list[Channel]) -> list[list[Message]]:
    return [double.channel_messages(c) for c in channels]


def posted(double: DiscordDouble, channels: list[Channel]) -> int:
    return sum(map(len, posts(double, channels)))


def nonces_sent(double: DiscordDouble, channels: list[Channel]) -> Counter[str]:
    """How many times each nonce was sent to these channels (the double keeps one message)."""
    paths = {f"/api/v10/channels/{c.id}/messages" for c in channels}
    return Counter(
        str(r.body["nonce"])
        for r in double.requests_to("POST", MESSAGES)
        if r.path in paths and r.body and r.body.get("nonce")
    )


def field(reply: Message, name: str) -> str:
    return next(f["value"] for f in reply.embed["fields"] if f["name"] == name)


async def test_a_process_killed_mid_fan_out_and_restarted_posts_everything_exactly_once(
    double: DiscordDouble, postgres_url: str, tmp_path: Path
) -> None:
    worlds = [admin_world(double, shard_id) for shard_id in SHARDS]
    channels = [await plant_due_reminders(double, postgres_url, s) for s in SHARDS]
    first, second = (BotProcess(double, postgres_url, s, tmp_path) for s in SHARDS)
    try:
        # Shard 1's process starts first, so it is the one running the work of no server.
        await second.start()
        await double.wait_for(lambda: [1, 2] in double.gateway.identified_shards, STARTED_WITHIN)
        await first.start()
        await double.wait_for(lambda: posted(double, channels[0]) >= 5, STARTED_WITHIN)
        await first.stop(signal.SIGKILL)
        at_kill = posted(double, channels[0])
        nonces_at_kill = {m.nonce for p in posts(double, channels[0]) for m in p}

        assert at_kill < SERVERS_PER_SHARD  # killed mid-fan-out
        await double.wait_for(lambda: posted(double, channels[1]) == SERVERS_PER_SHARD, DONE_WITHIN)
        await asyncio.sleep(1)  # the survivor does not touch what the dead one left half-sent
        assert posted(double, channels[0]) <= at_kill + 1  # at most one request was on its way

        await first.start()
        await double.wait_for(lambda: posted(double, channels[0]) == SERVERS_PER_SHARD, DONE_WITHIN)
        db = await Database.open(postgres_url)
        try:
            async with asyncio.timeout(DONE_WITHIN):
                # The ledger is in another process's database: nothing to wait on but a look.
                while await db.scalar(UNFINISHED):  # noqa: ASYNC110
                    await asyncio.sleep(0.1)
            undelivered = await db.scalar("SELECT count(*) FROM deliveries WHERE status != 'sent'")
        finally:
            await db.close()

        for shard_id in SHARDS:
            assert [len(p) for p in posts(double, channels[shard_id])] == [1] * SERVERS_PER_SHARD
            for server_posts in posts(double, channels[shard_id]):
                assert titles(server_posts)[0].startswith("⏰")
        assert undelivered == 0
        # The survivor sent each of its posts once; only posts the killed process had on their
        # way were sent again, with the same nonce, which Discord (and the double) keep once.
        assert set(nonces_sent(double, channels[1]).values()) == {1}
        sent_to_first = nonces_sent(double, channels[0])
        assert len(sent_to_first) == SERVERS_PER_SHARD
        resent = {nonce for nonce, times in sent_to_first.items() if times > 1}
        assert resent <= nonces_at_kill
        assert all(sent_to_first[nonce] == 2 for nonce in resent)
        # Two processes posting at their shares (24.5 a second each) stay under Discord's 50.
        assert double.rate_limited == 0

        await double.wait_for(lambda: double.gateway.connected, STARTED_WITHIN)
        reports = [field(await world.slash(world.admin, "status"), "Shards") for world in worlds]
        for shard_id, report in zip(SHARDS, reports, strict=True):
            assert f"This process runs shard {shard_id}; other processes run the rest." in report
            assert "This process posts up to 24.5 messages a second" in report
        assert "The TVmaze refresh runs in this process." in reports[1]
        assert "The TVmaze refresh runs in another process (" in reports[0]
    finally:
        codes = [await process.stop() for process in (first, second)]
    assert codes == [0, 0], first.output() + second.output()
    for process in (first, second):
        assert "Traceback" not in process.output(), process.output()
