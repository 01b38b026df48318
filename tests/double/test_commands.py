"""Slash commands in the double: members can use only what the bot has synced."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from bot.sandbox.double import DiscordDouble, InvocationError
from tests.double.conftest import TinyClient


async def test_commands_must_be_synced_before_members_can_use_them(
    double: DiscordDouble, tiny: Callable[[], Awaitable[TinyClient]]
) -> None:
    guild = double.add_guild()
    member = double.add_member(guild, "alex")
    channel = double.channel_named(guild, "general")

    with pytest.raises(InvocationError, match="not synced"):
        await double.invoke(member, channel, "hello")

    await tiny()  # the client syncs its commands as it starts
    reply = await double.slash(member, channel, "hello")

    assert reply.content == "hello"
