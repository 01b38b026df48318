"""Discord events for premieres, end to end: made, moved and deleted with the show, switched off
per server, refused without Manage Events, and Interested members mentioned in reminders."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.app import PremiereBot
from bot.sandbox.double import DiscordDouble, Guild, Member, Perm, Role
from tests.conftest import ON_BOTH_ENGINES, StartBot, World
from tests.e2e.reminder_support import PREMIERE, Ladder, just_after

pytestmark = [pytest.mark.usefixtures("at_t0"), ON_BOTH_ENGINES]

EVENTS_ROUTE = "/guilds/{guild_id}/scheduled-events"
EVENT_ROUTE = "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}"


def events(guild: Guild) -> list[dict[str, Any]]:
    return [e.to_json() for e in guild.scheduled_events.values()]


def start_of(event: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(event["scheduled_start_time"])


def end_of(event: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(event["scheduled_end_time"])


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 5.0) -> None:
    """For the bot's own state, which changes without the double hearing of it."""
    async with asyncio.timeout(timeout):
        while not await check():  # noqa: ASYNC110 - the database has no event to wait on
            await asyncio.sleep(0.02)


async def add(world: World, **options: Any) -> None:
    options = {"title": "Jessica Jones", "premiere": "2026-12-10 21:00", **options}
    reply = await world.slash(world.admin, "show add", **options)
    assert not reply.ephemeral, reply.content


async def one_event(world: World, bot: PremiereBot) -> dict[str, Any]:
    await bot.events.idle()
    [event] = events(world.guild)
    return event


def bot_role(double: DiscordDouble, guild: Guild) -> Role:
    [role_id] = double.bot_member(guild).role_ids
    return guild.roles[role_id]


async def interested(bot: PremiereBot, event: dict[str, Any]) -> list[int]:
    return await bot.events.store.interested(int(event["id"]))


async def mark(
    double: DiscordDouble, bot: PremiereBot, member: Member, event: dict[str, Any]
) -> None:
    """Marked Interested in Discord: the bot asks who is when a reminder is about to go out."""
    await double.mark_interested(member, int(event["id"]))


async def unmark(
    double: DiscordDouble, bot: PremiereBot, member: Member, event: dict[str, Any]
) -> None:
    await double.unmark_interested(member, int(event["id"]))


async def _has(bot: PremiereBot, event: dict[str, Any], user_id: int, wanted: bool) -> bool:
    return (user_id in await interested(bot, event)) is wanted


# -------------------------------------------------------------- the event follows the show


async def test_a_dated_premiere_gets_an_external_event(world: World, bot) -> None:
    await add(world, season=2, network="Netflix")

    event = await one_event(world, bot)
    assert event["name"] == "Jessica Jones — Season 2"
    assert event["entity_type"] == 3  # external
    assert event["privacy_level"] == 2  # this server only
    assert event["entity_metadata"] == {"location": "Netflix"}
    assert start_of(event) == PREMIERE
    assert end_of(event) == PREMIERE + timedelta(hours=1)
    assert "Jessica Jones" in event["description"] and "Interested" in event["description"]
    [show] = await bot.services.shows.upcoming(world.guild.id)
    assert await bot.events.store.event_for(show.id) == int(event["id"])


async def test_without_a_network_the_location_is_tba(world: World, bot) -> None:
    await add(world)
    assert (await one_event(world, bot))["entity_metadata"] == {"location": "TBA"}


async def test_a_long_title_and_season_fit_discords_name_limit(world: World, bot) -> None:
    await add(world, title="x" * 100, season=200)
    name = (await one_event(world, bot))["name"]
    assert len(name) == 100 and name.endswith("…")


async def test_editing_the_show_updates_its_event(world: World, bot) -> None:
    await add(world, network="Netflix")
    created = await one_event(world, bot)

    await world.slash(world.admin, "show edit", show="Jessica Jones", premiere="2026-12-12 20:00")
    moved = await one_event(world, bot)
    await world.slash(world.admin, "show edit", show="Jessica Jones", title="The Defenders")
    renamed = await one_event(world, bot)

    assert moved["id"] == renamed["id"] == created["id"]  # the same event, edited
    assert start_of(moved) == datetime(2026, 12, 12, 20, tzinfo=UTC)
    assert end_of(moved) == datetime(2026, 12, 12, 21, tzinfo=UTC)
    assert renamed["name"] == "The Defenders"
    assert renamed["entity_metadata"] == {"location": "Netflix"}
    assert len(world.double.requests_to("PATCH", EVENT_ROUTE)) == 2
    assert len(world.double.requests_to("POST", EVENTS_ROUTE)) == 1


async def test_an_edit_that_changes_nothing_on_the_event_leaves_it_alone(world: World, bot) -> None:
    await add(world, premiere="2026-12-10 21:00 UTC")
    await one_event(world, bot)
    # Same instant and wall time, given in another zone: nothing the event shows changes.
    await world.slash(world.admin, "show edit", show="Jessica Jones", premiere="2026-12-10 21:00")
    await bot.events.idle()
    assert world.double.requests_to("PATCH", EVENT_ROUTE) == []


async def test_removing_the_show_deletes_its_event(world: World, bot) -> None:
    await add(world)
    event = await one_event(world, bot)

    await world.slash(world.admin, "show remove", show="Jessica Jones")
    await bot.events.idle()

    assert events(world.guild) == []
    assert await bot.events.store.event_for(int(event["id"])) is None
    assert await bot.db.scalar("SELECT count(*) FROM show_events") == 0


async def test_a_month_gets_an_event_only_once_the_day_is_known(world: World, bot) -> None:
    await add(world, premiere="December 2026")
    await bot.events.idle()
    assert events(world.guild) == []

    await world.slash(world.admin, "show edit", show="Jessica Jones", premiere="December 10 2026")
    dated = await one_event(world, bot)
    assert start_of(dated) == datetime(2026, 12, 10, tzinfo=UTC)  # the day, in server time
    assert "isn't announced" in dated["description"]

    await world.slash(world.admin, "show edit", show="Jessica Jones", premiere="January 2027")
    await bot.events.idle()
    assert events(world.guild) == []


async def test_a_premiere_already_under_way_gets_no_event(world: World, bot) -> None:
    await add(world, premiere="2026-11-24")  # today: its day began hours before T0
    await bot.events.idle()

    assert events(world.guild) == []
    assert world.double.requests_to("POST", EVENTS_ROUTE) == []
    status = await world.slash(world.admin, "status")
    assert "Couldn't" not in status.text()


async def test_a_rapid_add_edit_remove_leaves_no_event_behind(world: World, bot) -> None:
    await add(world)
    await world.slash(world.admin, "show edit", show="Jessica Jones", premiere="2026-12-11 21:00")
    await world.slash(world.admin, "show remove", show="Jessica Jones")
    await bot.events.idle()

    assert events(world.guild) == []
    assert await bot.db.scalar("SELECT count(*) FROM show_events") == 0


# -------------------------------------------------------------- refusals, and the switch


async def test_without_manage_events_commands_still_work_and_status_says_why(
    world: World, start_bot: StartBot
) -> None:
    role = bot_role(world.double, world.guild)
    role.permissions &= ~Perm.MANAGE_EVENTS  # before the bot connects and sees it
    bot = await start_bot()

    await add(world)
    await bot.events.idle()

    assert events(world.guild) == []
    assert world.double.requests_to("POST", EVENTS_ROUTE) == []  # not even asked: it'd refuse
    status = (await world.slash(world.admin, "status")).text()
    assert "Jessica Jones" in status and "Couldn't create its Discord event" in status
    assert "Manage Events" in status
    overview = (await world.slash(world.admin, "settings show")).text()
    assert "lack **Manage Events**" in overview

    world.double.set_role_permissions(role, role.permissions | Perm.MANAGE_EVENTS)
    await world.double.wait_for(
        lambda: bot.get_guild(world.guild.id).me.guild_permissions.manage_events
    )
    reply = await world.slash(world.admin, "settings events", enabled=True)
    assert reply.ephemeral and "Manage Events" not in reply.content

    assert (await one_event(world, bot))["name"] == "Jessica Jones"
    status = (await world.slash(world.admin, "status")).text()
    assert "Couldn't" not in status and "Manage Events" not in status


async def test_a_discord_refusal_is_recorded_for_status(world: World, bot) -> None:
    world.double.inject_fault("POST", EVENTS_ROUTE, status=400)

    await add(world)
    await bot.events.idle()

    status = (await world.slash(world.admin, "status")).text()
    assert "Couldn't create its Discord event" in status
    assert "400" in status and "injected by the double" in status


async def test_events_can_be_switched_off_and_on(world: World, bot) -> None:
    await add(world)
    await add(world, title="Daredevil", premiere="2027-03-04 08:00")
    await add(world, title="Someday", premiere="2027")
    await bot.events.idle()
    assert len(events(world.guild)) == 2

    off = await world.slash(world.admin, "settings events", enabled=False)
    await bot.events.idle()
    assert off.ephemeral and "deleting" in off.content
    assert events(world.guild) == []
    assert "Off" in (await world.slash(world.admin, "settings show")).text()

    await add(world, title="Luke Cage")
    await world.slash(world.admin, "show edit", show="Daredevil", premiere="2027-03-05 08:00")
    await bot.events.idle()
    assert events(world.guild) == []
    assert world.double.requests_to("POST", EVENTS_ROUTE)[2:] == []

    on = await world.slash(world.admin, "settings events", enabled=True)
    await bot.events.idle()
    assert on.ephemeral
    assert sorted(e["name"] for e in events(world.guild)) == [
        "Daredevil",
        "Jessica Jones",
        "Luke Cage",
    ]


async def test_settings_events_is_for_managers_only(world: World, bot) -> None:
    world.guild.command_overrides["settings"] = {world.member.id}
    reply = await world.slash(world.member, "settings events", enabled=False)
    assert reply.ephemeral and "Manage Server" in reply.content
    assert (await bot.services.settings.get(world.guild.id)).scheduled_events


# -------------------------------------------------------------- Interested members


async def test_interested_members_are_mentioned_while_they_stay_interested(
    ladder: Ladder, bot
) -> None:
    await ladder.configure(bot, role=False)
    await ladder.track()
    event = await one_event(ladder.world, bot)
    curious = ladder.double.add_member(ladder.world.guild, "curious")

    await mark(ladder.double, bot, curious, event)
    await ladder.advance_to(bot, just_after(days=7))
    await unmark(ladder.double, bot, curious, event)
    await ladder.advance_to(bot, just_after(days=1))

    seven_days, one_day = ladder.posts()
    assert seven_days.pings.users == {curious.id}
    assert one_day.pings.users == frozenset()
    assert ladder.double.dms_to(curious) == []


async def test_an_interested_subscriber_is_mentioned_once(ladder: Ladder, bot) -> None:
    await ladder.configure(bot, role=False)
    await ladder.track()
    await ladder.subscribe_fans()
    event = await one_event(ladder.world, bot)
    await mark(ladder.double, bot, ladder.fan, event)

    await ladder.advance_to(bot, just_after(days=7))

    [post] = ladder.posts()
    assert post.pings.users == {ladder.fan.id}
    assert post.content.count(f"<@{ladder.fan.id}>") == 1


async def test_an_interested_dm_subscriber_gets_a_dm_not_a_mention(ladder: Ladder, bot) -> None:
    await ladder.configure(bot, role=False)
    await ladder.track()
    await ladder.world.slash(ladder.dm_fan, "subscribe", show="Jessica Jones", delivery="dm")
    event = await one_event(ladder.world, bot)
    await mark(ladder.double, bot, ladder.dm_fan, event)

    await ladder.advance_to(bot, just_after(days=7))

    [post] = ladder.posts()
    assert ladder.dm_fan.id not in post.pings.users
    assert len(ladder.double.dms_to(ladder.dm_fan)) == 1


async def test_an_event_deleted_in_discord_forgets_who_was_interested(ladder: Ladder, bot) -> None:
    await ladder.configure(bot, role=False)
    await ladder.track()
    event = await one_event(ladder.world, bot)
    curious = ladder.double.add_member(ladder.world.guild, "curious")
    await mark(ladder.double, bot, curious, event)

    owner = ladder.world.guild.members[ladder.world.guild.owner_id]
    await ladder.double.delete_event(owner, int(event["id"]))
    await eventually(lambda: _has(bot, event, curious.id, False))
    await ladder.advance_to(bot, just_after(days=7))

    [post] = ladder.posts()
    assert post.pings.users == frozenset()
    # A later edit of the show makes it a new event.
    await ladder.world.slash(
        ladder.world.admin, "show edit", show="Jessica Jones", network="Netflix"
    )
    replacement = await one_event(ladder.world, bot)
    assert replacement["id"] != event["id"]


async def test_a_mark_made_while_the_bot_was_away_counts(
    ladder: Ladder, start_bot: StartBot
) -> None:
    first = await start_bot()
    await ladder.configure(first, role=False)
    await ladder.track()
    event = await one_event(ladder.world, first)
    curious = ladder.double.add_member(ladder.world.guild, "curious")
    await first.close()
    await ladder.double.mark_interested(curious, int(event["id"]))

    second = await start_bot()
    await ladder.advance_to(second, just_after(days=7))

    [post] = ladder.posts()
    assert post.pings.users == {curious.id}


async def test_subscriptions_clear_forgets_interested_marks_too(ladder: Ladder, bot) -> None:
    await ladder.configure(bot, role=False)
    await ladder.track()
    event = await one_event(ladder.world, bot)
    curious = ladder.double.add_member(ladder.world.guild, "curious")
    await mark(ladder.double, bot, curious, event)

    await ladder.advance_to(bot, just_after(days=7))  # the bot now keeps a copy of the mark
    assert await interested(bot, event) == [curious.id]

    reply = await ladder.world.slash(curious, "subscriptions clear")

    assert "copy of 1 event Interested mark" in reply.content
    assert "unmark them" in reply.content  # the mark itself is Discord's, and still counts
    assert await interested(bot, event) == []
    await unmark(ladder.double, bot, curious, event)
    await ladder.advance_to(bot, just_after(days=1))
    seven_days, one_day = ladder.posts()
    assert curious.id in seven_days.pings.users
    assert curious.id not in one_day.pings.users
