"""Starting, syncing, and stopping the bot against the double."""

from __future__ import annotations

import discord
import pytest

from bot.sync import SyncResult
from tests.conftest import StartBot, World


async def test_first_start_syncs_globally_and_an_unchanged_tree_is_not_synced_again(
    world: World, start_bot: StartBot
) -> None:
    first = await start_bot()
    assert first.sync_result is SyncResult.GLOBAL
    await first.close()

    second = await start_bot()

    assert second.sync_result is SyncResult.UNCHANGED
    assert len(world.double.requests_to("PUT", "/applications/{application_id}/commands")) == 1
    assert "show" in world.double.global_commands


async def test_a_changed_tree_is_synced_again(world: World, start_bot: StartBot) -> None:
    first = await start_bot()
    await first.close()

    changed = await start_bot(extensions=[])  # no cogs: a different command tree

    assert changed.sync_result is SyncResult.GLOBAL
    assert len(world.double.command_syncs) == 2


async def test_dev_guild_gets_the_commands_at_every_start(
    world: World, start_bot: StartBot
) -> None:
    first = await start_bot(dev_guild_id=world.guild.id)
    await first.close()
    second = await start_bot(dev_guild_id=world.guild.id)

    assert first.sync_result is second.sync_result is SyncResult.DEV_GUILD

    assert len(world.double.command_syncs) == 2
    assert {guild for guild, _ in world.double.command_syncs} == {world.guild.id}
    assert "show" in world.double.command_syncs[-1][1]
    reply = await world.double.slash(world.member, world.channel, "show list")
    assert reply.embed["title"].startswith("Upcoming premieres")


async def test_a_rejected_token_raises_login_failure(world: World, start_bot: StartBot) -> None:
    with pytest.raises(discord.LoginFailure):
        await start_bot(discord_token="not-the-token")


async def test_the_bot_aims_discord_py_at_its_own_endpoints_only_while_it_runs(
    world: World, start_bot: StartBot
) -> None:
    before = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    assert before[0] != world.double.api_base

    bot = await start_bot()
    assert world.double.api_base == discord.http.Route.BASE
    assert str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY) == world.double.gateway_url
    await bot.close()

    assert before == (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)


async def test_close_releases_the_database(world: World, start_bot: StartBot) -> None:
    bot = await start_bot()
    await bot.close()
    with pytest.raises(ValueError, match="no active connection"):
        await bot.db.scalar("SELECT 1")


async def test_every_command_is_guild_only(world: World, bot) -> None:
    commands = world.double.global_commands
    # Every command the bot defines was synced (/show among them), so each is checked below.
    assert set(commands) == {command.name for command in bot.tree.get_commands()}
    assert "show" in commands
    for name, definition in commands.items():
        assert definition.get("contexts") == [0], f"/{name} can be used outside servers"
