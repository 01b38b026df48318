"""/settings, end to end: where and how the bot speaks, and every refusal."""

from __future__ import annotations

import pytest

from bot.domain.settings import DEFAULT_OFFSETS
from bot.sandbox.double import InvocationError, Perm
from tests.conftest import ON_BOTH_ENGINES, World

pytestmark = ON_BOTH_ENGINES


async def settings_of(bot, world: World):  # type: ignore[no-untyped-def]
    return await bot.services.settings.get(world.guild.id)


async def test_channel_is_set_when_the_bot_can_post_there(world: World, bot) -> None:
    premieres = world.double.add_channel(world.guild, "premieres")
    reply = await world.slash(world.admin, "settings channel", channel=premieres)

    assert reply.ephemeral and f"<#{premieres.id}>" in reply.content
    assert (await settings_of(bot, world)).announce_channel_id == premieres.id


@pytest.mark.parametrize(
    ("denied", "named"),
    [
        (Perm.SEND_MESSAGES, "Send Messages"),
        (Perm.EMBED_LINKS, "Embed Links"),
        (Perm.VIEW_CHANNEL, "View Channel"),
    ],
)
async def test_channel_is_refused_naming_the_missing_permission(
    world: World, bot, denied: int, named: str
) -> None:
    locked = world.double.add_channel(world.guild, "locked")
    world.double.deny_bot(locked, denied)
    await world.double.wait_for(
        lambda: (c := bot.get_channel(locked.id)) is not None and c.overwrites
    )

    reply = await world.slash(world.admin, "settings channel", channel=locked)

    assert reply.ephemeral and named in reply.content
    assert (await settings_of(bot, world)).announce_channel_id is None


async def test_role_is_set_and_cleared(world: World, bot) -> None:
    fans = world.double.add_role(world.guild, "Fans")
    await world.double.wait_for(lambda: bot.get_guild(world.guild.id).get_role(fans.id))

    set_reply = await world.slash(world.admin, "settings role", role=fans)
    assert (await settings_of(bot, world)).mention_role_id == fans.id
    assert set_reply.pings.roles == frozenset()  # the confirmation mentions, never pings

    cleared = await world.slash(world.admin, "settings role")
    assert "won't mention a role" in cleared.content
    assert (await settings_of(bot, world)).mention_role_id is None


async def test_an_unmentionable_role_gets_a_warning(world: World, bot) -> None:
    quiet = world.double.add_role(world.guild, "Quiet", mentionable=False)
    await world.double.wait_for(lambda: bot.get_guild(world.guild.id).get_role(quiet.id))
    reply = await world.slash(world.admin, "settings role", role=quiet)
    assert "isn't mentionable" in reply.content


async def test_everyone_is_not_a_role_to_mention(world: World, bot) -> None:
    reply = await world.slash(world.admin, "settings role", role=world.guild.everyone)
    assert reply.ephemeral and "not @everyone" in reply.content
    assert (await settings_of(bot, world)).mention_role_id is None


async def test_timezone_accepts_aliases_and_suggests_for_typos(world: World, bot) -> None:
    ok = await world.slash(world.admin, "settings timezone", timezone="ET")
    bad = await world.slash(world.admin, "settings timezone", timezone="Europe/Lodnon")

    assert "America/New_York" in ok.content
    assert bad.ephemeral and "Europe/London" in bad.content
    assert (await settings_of(bot, world)).timezone == "America/New_York"


async def test_timezone_autocomplete(world: World, bot) -> None:
    choices = await world.double.autocomplete(
        world.admin, world.channel, "settings timezone", focused="timezone", value="london"
    )
    assert choices[0]["value"] == "Europe/London"


async def test_reminder_offsets_are_merged_and_sorted(world: World, bot) -> None:
    reply = await world.slash(world.admin, "settings reminders", offsets="1h, 0, 2d, 1h, 30m")
    assert "`2d,1h,30m,0`" in reply.content
    assert "2 days before, 1 hour before, 30 minutes before, at the premiere" in reply.content


@pytest.mark.parametrize(
    ("offsets", "complaint"),
    [
        ("soon", "is not an offset"),
        ("1d,2d,3d,4d,5d,6d,7d", "At most 6"),
        ("61d", "more than 60 days"),
        ("5", "needs a unit"),
    ],
)
async def test_bad_offsets_are_refused_with_an_example(
    world: World, bot, offsets: str, complaint: str
) -> None:
    reply = await world.slash(world.admin, "settings reminders", offsets=offsets)
    assert reply.ephemeral and complaint in reply.content
    assert (await settings_of(bot, world)).reminder_offsets == DEFAULT_OFFSETS


async def test_settings_show_says_what_is_missing(world: World, bot) -> None:
    fresh = await world.slash(world.admin, "settings show")
    assert fresh.ephemeral and "Run /settings channel" in fresh.text()
    assert "7 days before, 1 day before, 1 hour before, at the premiere" in fresh.text()

    premieres = world.double.add_channel(world.guild, "premieres")
    await world.slash(world.admin, "settings channel", channel=premieres)
    world.double.deny_bot(premieres, Perm.EMBED_LINKS)
    await world.double.wait_for(lambda: bot.get_channel(premieres.id).overwrites)

    later = await world.slash(world.admin, "settings show")
    assert f"<#{premieres.id}>" in later.text() and "Embed Links" in later.text()


async def test_settings_are_hidden_from_members_and_refused_if_overridden(
    world: World, bot
) -> None:
    with pytest.raises(InvocationError, match="cannot see /settings"):
        await world.double.invoke(world.member, world.channel, "settings show")

    world.guild.command_overrides["settings"] = {world.member.id}
    reply = await world.slash(world.member, "settings timezone", timezone="UTC")

    assert reply.ephemeral and "Manage Server" in reply.content
    assert (await settings_of(bot, world)).timezone == "UTC"
    assert int(world.double.global_commands["settings"]["default_member_permissions"]) == (
        int(Perm.MANAGE_GUILD)
    )
