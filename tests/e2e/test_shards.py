"""Shards end to end: the real bot against the double, with servers placed on chosen shards.

One process running both shards answers every server and posts reminders in each; two
processes (here two bots in one test, each with its own database for now) split the shards,
each answering only its own servers, and together all of them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import discord

from bot.app import PremiereBot
from bot.sandbox.double import DiscordDouble, Message, Perm, guild_id_on_shard
from tests.conftest import StartBot, World
from tests.e2e.reminder_support import Ladder, just_after, titles


def world_on_shard(double: DiscordDouble, name: str, shard_id: int, shard_count: int) -> World:
    """A server (an admin with Manage Server, a member, #general) on the shard chosen."""
    guild = double.add_guild(name, id=guild_id_on_shard(shard_id, shard_count))
    moderators = double.add_role(guild, "Moderators", Perm.MANAGE_GUILD)
    admin = double.add_member(guild, f"{name} admin", roles=[moderators])
    member = double.add_member(guild, f"{name} member")
    return World(double, guild, admin, member, double.channel_named(guild, "general"))


def field(reply: Message, name: str) -> str:
    return next(f["value"] for f in reply.embed["fields"] if f["name"] == name)


def record_interactions(bot: PremiereBot) -> list[int | None]:
    """The server of every interaction `bot` receives, in order."""
    seen: list[int | None] = []

    async def on_interaction(interaction: discord.Interaction) -> None:
        seen.append(interaction.guild_id)

    bot.add_listener(on_interaction)
    return seen


async def test_one_process_runs_both_shards_and_serves_every_server(
    double: DiscordDouble, start_bot: StartBot, at_t0: Any
) -> None:
    worlds = [world_on_shard(double, f"Shard {n} Club", n, 2) for n in (0, 1)]
    ladders = [Ladder(world, at_t0) for world in worlds]

    bot = await start_bot(shard_count=2)

    assert bot.shard_count == 2
    assert sorted(bot.shards) == [0, 1]
    assert bot.process_shard_ids == (0, 1)
    assert double.gateway.identified_shards == [[0, 2], [1, 2]]
    for n, world in enumerate(worlds):
        guild = bot.get_guild(world.guild.id)
        assert guild is not None and guild.shard_id == n

    for ladder in ladders:
        await ladder.configure(bot, role=False)
        await ladder.track()
    for n, world in enumerate(worlds):
        status = await world.slash(world.admin, "status")
        shards = field(status, "Shards")
        assert f"This server is on shard {n} of 2" in shards
        assert "This process runs every shard." in shards

    await ladders[0].advance_to(bot, just_after(days=7))

    for ladder in ladders:
        assert titles(ladder.posts()) == ["⏰ Premieres in 7 days"]


async def test_two_processes_split_the_shards_and_together_answer_every_server(
    double: DiscordDouble, start_bot: StartBot, tmp_path: Path
) -> None:
    worlds = [world_on_shard(double, f"Shard {n} Club", n, 2) for n in (0, 1)]

    bots = [
        await start_bot(
            shard_count=2, shard_ids=(n,), database_path=tmp_path / f"shard-{n}.sqlite3"
        )
        for n in (0, 1)
    ]
    seen = [record_interactions(bot) for bot in bots]

    for n, bot in enumerate(bots):
        assert list(bot.shards) == [n]
        assert bot.process_shard_ids == (n,)
        assert bot.get_guild(worlds[n].guild.id) is not None
        assert bot.get_guild(worlds[1 - n].guild.id) is None  # the other process holds it
    assert sorted(double.gateway.identified_shards) == [[0, 2], [1, 2]]

    for world in worlds:
        added = await world.slash(world.admin, "show add", title="Severance", premiere="2099-01-17")
        assert added.embed["title"] == "Now tracking"
        listed = await world.slash(world.member, "show list")
        assert "Severance" in listed.text()

    assert seen == [[worlds[0].guild.id] * 2, [worlds[1].guild.id] * 2]
    for n, bot in enumerate(bots):  # each stored what its own servers asked, and only that
        assert [s.title for s in await bot.services.shows.upcoming(worlds[n].guild.id)] == [
            "Severance"
        ]
        assert await bot.services.shows.upcoming(worlds[1 - n].guild.id) == []

    status = await worlds[1].slash(worlds[1].admin, "status")
    shards = field(status, "Shards")
    assert "This server is on shard 1 of 2" in shards
    assert "This process runs shard 1; other processes run the rest." in shards


async def test_a_process_keeps_the_event_of_a_server_on_another_processs_shard(
    double: DiscordDouble, start_bot: StartBot
) -> None:
    """A show can change in a process that doesn't hold its server (the one TVmaze refresh of
    the whole bot moved it): that process asks Discord for the server and keeps its event."""
    elsewhere = double.add_guild(
        "Elsewhere",
        id=guild_id_on_shard(1, 2),
        bot_permissions=int(Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES | Perm.MANAGE_EVENTS),
    )
    bot = await start_bot(shard_count=2, shard_ids=(0,))
    assert bot.get_guild(elsewhere.id) is None  # not this process's server

    show = await bot.services.shows.add(
        elsewhere.id, title="Dark", premiere="2026-12-24 20:00", added_by=1
    )
    await bot.events.idle()

    [event] = [e.to_json() for e in elsewhere.scheduled_events.values()]
    assert event["name"] == "Dark"
    assert await bot.events.store.event_for(show.id) == int(event["id"])
    assert await bot.events.problems(elsewhere.id) == []
