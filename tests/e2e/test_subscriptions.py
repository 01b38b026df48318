"""/subscribe, /unsubscribe, /subscriptions and the persistent buttons, end to end."""

from __future__ import annotations

import pytest

from bot.domain.subscriptions import Delivery
from bot.render.components import SUBSCRIBE_ID
from tests.conftest import ON_BOTH_ENGINES, StartBot, World, build_world

pytestmark = [pytest.mark.usefixtures("at_t0"), ON_BOTH_ENGINES]


@pytest.fixture
async def tracked(world: World, bot) -> int:
    reply = await world.slash(
        world.admin,
        "show add",
        title="Jessica Jones",
        season=2,
        network="Netflix",
        premiere="March 8 2027",
    )
    [show] = await bot.services.shows.upcoming(world.guild.id)
    assert reply.embed["title"] == "Now tracking"
    return show.id


async def subscriptions_of(bot, world: World, member) -> dict[int, Delivery]:  # type: ignore[no-untyped-def]
    pairs = await bot.services.subscriptions.of_member(world.guild.id, member.id)
    return {show.id: sub.delivery for show, sub in pairs}


async def test_subscribe_defaults_to_channel_mentions(world: World, bot, tracked: int) -> None:
    reply = await world.slash(world.member, "subscribe", show="Jessica Jones")

    assert reply.ephemeral
    assert "Subscribed to **Jessica Jones — Season 2**" in reply.content
    assert "no announcement channel yet" in reply.content  # and how to fix that
    assert await subscriptions_of(bot, world, world.member) == {tracked: Delivery.CHANNEL}


async def test_subscribing_twice_is_a_friendly_no_op_and_delivery_can_change(
    world: World, bot, tracked: int
) -> None:
    await world.slash(world.member, "subscribe", show="Jessica Jones", delivery="dm")
    again = await world.slash(world.member, "subscribe", show="Jessica Jones", delivery="dm")
    changed = await world.slash(world.member, "subscribe", show="Jessica Jones", delivery="channel")

    assert "already subscribed" in again.content and "Nothing changed" in again.content
    assert changed.content.startswith("Updated")
    assert await subscriptions_of(bot, world, world.member) == {tracked: Delivery.CHANNEL}


async def test_unsubscribe_and_unsubscribe_again(world: World, bot, tracked: int) -> None:
    await world.slash(world.member, "subscribe", show="Jessica Jones")
    first = await world.slash(world.member, "unsubscribe", show="Jessica Jones")
    second = await world.slash(world.member, "unsubscribe", show="Jessica Jones")

    assert first.ephemeral and "Unsubscribed" in first.content
    assert "weren't subscribed" in second.content
    assert await subscriptions_of(bot, world, world.member) == {}


async def test_subscriptions_list_shows_each_delivery(world: World, bot, tracked: int) -> None:
    await world.slash(world.admin, "show add", title="Severance", premiere="April 1 2027")
    await world.slash(world.member, "subscribe", show="Jessica Jones", delivery="dm")
    await world.slash(world.member, "subscribe", show="Severance")

    reply = await world.slash(world.member, "subscriptions list")

    assert reply.ephemeral
    text = reply.embed["description"]
    assert "Jessica Jones** · Season 2 · Netflix — DM" in text
    assert "Severance** — channel" in text


async def test_subscriptions_clear_forgets_the_member_here_only(
    world: World, bot, tracked: int
) -> None:
    other = build_world(world.double, "Elsewhere")
    await other.slash(other.admin, "show add", title="Dark", premiere="April 1 2027")
    other_member = other.guild.members[world.member.id] = type(world.member)(
        world.member.user, other.guild.id
    )
    await other.double.slash(other_member, other.channel, "subscribe", show="Dark")
    await world.slash(world.member, "subscribe", show="Jessica Jones")

    reply = await world.slash(world.member, "subscriptions clear")

    assert reply.ephemeral and "deleted your 1 subscription." in reply.content
    assert await subscriptions_of(bot, world, world.member) == {}
    assert len(await bot.services.subscriptions.of_member(other.guild.id, world.member.id)) == 1


async def test_removing_a_show_removes_its_subscriptions(world: World, bot, tracked: int) -> None:
    await world.slash(world.member, "subscribe", show="Jessica Jones")
    await world.slash(world.admin, "show remove", show="Jessica Jones")
    assert await subscriptions_of(bot, world, world.member) == {}


async def test_buttons_on_show_info_subscribe_and_unsubscribe(
    world: World, bot, tracked: int
) -> None:
    info = await world.slash(world.member, "show info", show="Jessica Jones")

    subscribed = await world.double.reply(await world.double.click(world.member, info, "Subscribe"))
    assert subscribed.ephemeral and "Subscribed to" in subscribed.content
    assert await subscriptions_of(bot, world, world.member) == {tracked: Delivery.CHANNEL}

    gone = await world.double.reply(await world.double.click(world.member, info, "Unsubscribe"))
    assert gone.ephemeral and "Unsubscribed" in gone.content
    assert await subscriptions_of(bot, world, world.member) == {}


async def test_a_button_click_keeps_a_dm_choice(world: World, bot, tracked: int) -> None:
    await world.slash(world.member, "subscribe", show="Jessica Jones", delivery="dm")
    info = await world.slash(world.member, "show info", show="Jessica Jones")
    reply = await world.double.reply(await world.double.click(world.member, info, "Subscribe"))
    assert "already subscribed" in reply.content
    assert await subscriptions_of(bot, world, world.member) == {tracked: Delivery.DM}


async def test_buttons_keep_working_after_a_restart(world: World, start_bot: StartBot) -> None:
    first = await start_bot()
    await world.slash(world.admin, "show add", title="Jessica Jones", premiere="March 8 2027")
    info = await world.slash(world.member, "show info", show="Jessica Jones")
    await first.close()

    second = await start_bot()
    reply = await world.double.reply(await world.double.click(world.member, info, "Subscribe"))

    assert "Subscribed to" in reply.content
    assert len(await second.services.subscriptions.of_member(world.guild.id, world.member.id)) == 1


async def test_a_button_naming_another_servers_show_is_refused(
    world: World, bot, tracked: int
) -> None:
    other = build_world(world.double, "Elsewhere")
    copied = world.double.post_as_bot(
        other.channel,
        "copied",
        [
            {
                "type": 1,
                "components": [
                    {
                        "type": 2,
                        "style": 1,
                        "label": "Subscribe",
                        "custom_id": SUBSCRIBE_ID.format(show_id=tracked),
                    }
                ],
            }
        ],
    )

    reply = await world.double.reply(await world.double.click(other.member, copied, "Subscribe"))

    assert reply.ephemeral and "isn't tracked in this server" in reply.content
    assert await bot.services.subscriptions.of_member(other.guild.id, other.member.id) == []


async def test_a_button_for_a_removed_show_is_refused(world: World, bot, tracked: int) -> None:
    info = await world.slash(world.member, "show info", show="Jessica Jones")
    await world.slash(world.admin, "show remove", show="Jessica Jones")

    reply = await world.double.reply(await world.double.click(world.member, info, "Subscribe"))

    assert reply.ephemeral and "isn't tracked in this server" in reply.content


async def test_subscribe_to_an_unknown_show_is_refused(world: World, bot) -> None:
    reply = await world.slash(world.member, "subscribe", show="Nothing Like It")
    assert reply.ephemeral and "No show here matches" in reply.content


async def test_subscribing_by_a_loose_name_asks_which_show(world: World, bot) -> None:
    await world.slash(world.admin, "show add", title="Jessica Jones", premiere="March 8 2027")
    await world.slash(world.member, "subscribe", show="Jessica Jones")

    loose_off = await world.slash(world.member, "unsubscribe", show="jess")
    loose_on = await world.slash(world.member, "subscribe", show="jess", delivery="dm")

    for reply in (loose_off, loose_on):
        assert reply.ephemeral and "Did you mean “Jessica Jones”?" in reply.content
    [(show, subscription)] = await bot.services.subscriptions.of_member(
        world.guild.id, world.member.id
    )
    assert show.title == "Jessica Jones" and subscription.delivery.value == "channel"
