"""Shared pieces for reminder tests: a server set up for reminders, and a hand on the clock."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.app import PremiereBot
from bot.sandbox.double import Channel, Member, Message, Role
from tests.conftest import World

PREMIERE = datetime(2026, 12, 10, 21, 0, tzinfo=UTC)  # 16 days after T0


class Ladder:
    """A server set up for reminders, and a hand on the clock."""

    def __init__(self, world: World, traveller: Any) -> None:
        self.world, self.traveller = world, traveller
        self.double = world.double
        self.channel: Channel = self.double.add_channel(world.guild, "premieres")
        self.role: Role = self.double.add_role(world.guild, "Premiere Fans")
        self.fan: Member = self.double.add_member(world.guild, "channel fan")
        self.dm_fan: Member = self.double.add_member(world.guild, "dm fan")
        self.bot: PremiereBot | None = None  # known once configured

    async def configure(self, bot: PremiereBot, *, role: bool = True) -> None:
        self.bot = bot
        w = self.world
        await self.double.wait_for(lambda: bot.get_channel(self.channel.id))
        await w.slash(w.admin, "settings channel", channel=self.channel)
        if role:
            await self.double.wait_for(lambda: self._bot_sees_role(bot))
            await w.slash(w.admin, "settings role", role=self.role)

    def _bot_sees_role(self, bot: PremiereBot) -> bool:
        guild = bot.get_guild(self.world.guild.id)
        return guild is not None and guild.get_role(self.role.id) is not None

    async def track(
        self, title: str = "Jessica Jones", premiere: str = "2026-12-10 21:00", **options: Any
    ) -> Message:
        reply: Message = await self.world.slash(
            self.world.admin, "show add", title=title, premiere=premiere, **options
        )
        assert not reply.ephemeral, reply.content
        await self.events_done()
        return reply

    async def events_done(self) -> None:
        """Wait for the Discord event a change asked for. The double judges an event's start
        by its own clock, so a test that moves the clock while the request is in flight would
        see the bot blamed for scheduling in the past."""
        if self.bot is not None:
            await self.bot.events.idle()

    async def subscribe_fans(self, title: str = "Jessica Jones") -> None:
        await self.world.slash(self.fan, "subscribe", show=title)
        await self.world.slash(self.dm_fan, "subscribe", show=title, delivery="dm")

    def posts(self) -> list[Message]:
        return self.double.channel_messages(self.channel)

    async def advance_to(self, bot: PremiereBot, when: datetime) -> None:
        await bot.events.idle()  # see events_done
        self.traveller.move_to(when)
        bot.reminders.timer.wakeup()
        await settle(bot)


# Paced fan-outs to dozens of channels take seconds; a wake-up that never comes still fails.
SETTLE_TIMEOUT = 30.0
# How often to look again: the engine's state changes without telling anyone.
SETTLE_POLL = 0.02


async def settle(bot: PremiereBot, timeout: float = SETTLE_TIMEOUT) -> None:
    """Wait until the reminder engine has done everything due by the bot's clock: no wake-up
    running, no delivery under way, and nothing due that is still waiting for one."""
    async with asyncio.timeout(timeout):
        while not await _settled(bot):  # noqa: ASYNC110 - the engine has no event to wait on
            await asyncio.sleep(SETTLE_POLL)


async def _settled(bot: PremiereBot) -> bool:
    engine = bot.reminders
    # Read what is due first: a wake-up that runs meanwhile only takes due work away, and
    # the checks after idle() see it still running, or its deliveries finished.
    due = await engine.store.next_wake()
    await engine.idle()
    return not engine.timer.running.locked() and (due is None or due > bot.clock.now())


def titles(messages: list[Message]) -> list[str]:
    return [m.embeds[0]["title"] for m in messages if m.embeds]


def just_after(**before_premiere: float) -> datetime:
    """A second after the rung that far before PREMIERE: just_after(days=7), just_after()."""
    return PREMIERE - timedelta(**before_premiere) + timedelta(seconds=1)
