"""/status, end to end: the next reminders, recent failures, missing permissions, and who may
read it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.sandbox.double import InvocationError, Message, Perm
from tests.conftest import ON_BOTH_ENGINES, StartBot, World
from tests.e2e.reminder_support import PREMIERE, Ladder, just_after

pytestmark = [pytest.mark.usefixtures("at_t0"), ON_BOTH_ENGINES]


def field(reply: Message, name: str) -> str:
    return next(f["value"] for f in reply.embed["fields"] if f["name"] == name)


def stamp(when: datetime, style: str = "R") -> str:
    return f"<t:{int(when.timestamp())}:{style}>"


async def status(world: World) -> Message:
    reply = await world.slash(world.admin, "status")
    assert reply.ephemeral
    return reply


async def test_an_empty_server_reads_clearly(world: World, bot) -> None:
    reply = await status(world)

    assert field(reply, "Next reminders") == "Nothing scheduled."
    assert field(reply, "Recent failures") == "None."
    assert "No announcement channel yet — run /settings channel" in field(reply, "Permissions")


async def test_upcoming_reminders_are_listed_soonest_first(ladder: Ladder, bot) -> None:
    await ladder.configure(bot, role=False)
    later = datetime(2026, 12, 20, 21, 0, tzinfo=UTC)
    await ladder.track("Daredevil", premiere="2026-12-20 21:00")
    await ladder.track("Jessica Jones", season=2)

    lines = field(await status(ladder.world), "Next reminders").splitlines()

    assert lines == [
        f"• **Jessica Jones — Season 2** · 7 days before · {stamp(PREMIERE - timedelta(days=7))}",
        f"• **Jessica Jones — Season 2** · 1 day before · {stamp(PREMIERE - timedelta(days=1))}",
        f"• **Jessica Jones — Season 2** · 1 hour before · {stamp(PREMIERE - timedelta(hours=1))}",
        f"• **Jessica Jones — Season 2** · at the premiere · {stamp(PREMIERE)}",
        f"• **Daredevil** · 7 days before · {stamp(later - timedelta(days=7))}",
    ]


async def test_a_reminder_with_nowhere_to_go_is_a_failure_with_its_reason(
    ladder: Ladder, bot
) -> None:
    await ladder.track()  # no announcement channel, no DM subscribers
    await ladder.advance_to(bot, just_after(days=7))

    failures = field(await status(ladder.world), "Recent failures")

    assert "**Jessica Jones** · 7 days before" in failures
    assert "no announcement channel and no DM subscribers" in failures


async def test_a_refused_post_is_listed_with_why(ladder: Ladder, bot) -> None:
    await ladder.configure(bot, role=False)
    await ladder.track()
    ladder.double.deny_bot(ladder.channel, Perm.SEND_MESSAGES)
    await ladder.double.wait_for(lambda: bot.get_channel(ladder.channel.id).overwrites)
    await ladder.advance_to(bot, just_after(days=1))

    reply = await status(ladder.world)

    assert "missing permission to post" in field(reply, "Recent failures")
    permissions = field(reply, "Permissions")
    assert f"<#{ladder.channel.id}>" in permissions and "**Send Messages**" in permissions


async def test_every_missing_permission_is_named(ladder: Ladder, start_bot: StartBot) -> None:
    double, guild = ladder.double, ladder.world.guild
    [bot_role_id] = double.bot_member(guild).role_ids
    guild.roles[bot_role_id].permissions &= ~Perm.MANAGE_EVENTS
    quiet = double.add_role(guild, "Quiet", mentionable=False)
    bot = await start_bot()
    await ladder.configure(bot, role=False)
    await double.wait_for(lambda: bot.get_guild(guild.id).get_role(quiet.id))
    await ladder.world.slash(ladder.world.admin, "settings role", role=quiet)
    double.deny_bot(ladder.channel, Perm.SEND_MESSAGES | Perm.EMBED_LINKS)
    await double.wait_for(lambda: bot.get_channel(ladder.channel.id).overwrites)

    permissions = field(await status(ladder.world), "Permissions")

    for name in ("Send Messages", "Embed Links", "Mention Everyone", "Manage Events"):
        assert f"**{name}**" in permissions
    assert "View Channel" not in permissions

    await ladder.world.slash(ladder.world.admin, "settings events", enabled=False)
    assert "Manage Events" not in field(await status(ladder.world), "Permissions")


async def test_a_server_with_everything_says_so(ladder: Ladder, bot) -> None:
    await ladder.configure(bot)
    permissions = field(await status(ladder.world), "Permissions")
    assert permissions == f"I have everything I need in <#{ladder.channel.id}>."


async def test_members_without_manage_server_cannot_read_it(world: World, bot) -> None:
    with pytest.raises(InvocationError, match="cannot see /status"):
        await world.double.invoke(world.member, world.channel, "status")

    world.guild.command_overrides["status"] = {world.member.id}
    reply = await world.slash(world.member, "status")

    assert reply.ephemeral and "Manage Server" in reply.content
    assert reply.embeds == []
    command = world.double.global_commands["status"]
    assert int(command["default_member_permissions"]) == int(Perm.MANAGE_GUILD)
    assert command["contexts"] == [0]  # servers only


async def test_a_long_report_stays_within_discords_limits(ladder: Ladder, bot) -> None:
    ladder.double.inject_fault("POST", "/guilds/{guild_id}/scheduled-events", status=400, times=5)
    for n in range(5):
        await ladder.track(f"{n}" + "x" * 99)  # the longest titles, nowhere to post reminders
    await bot.events.idle()
    await ladder.advance_to(bot, just_after(days=7))

    failures = field(await status(ladder.world), "Recent failures")

    # Five reminder failures and five event failures don't fit in one field: the double would
    # have refused the reply had the bot not cut the list short.
    assert len(failures) <= 1024
    assert failures.splitlines()[-1].startswith("…and ")
