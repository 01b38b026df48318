"""/show add, /show list and /show remove, end to end through the double."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from bot.sandbox.double import InvocationError
from tests.conftest import ON_BOTH_ENGINES, StartBot, World, build_world

pytestmark = [pytest.mark.usefixtures("at_t0"), ON_BOTH_ENGINES]


async def test_add_replies_with_the_premiere_as_discord_timestamps(world: World, bot) -> None:
    reply = await world.slash(
        world.admin,
        "show add",
        title="Jessica Jones",
        premiere="March 8 2027 21:00",
        season=2,
        network="Netflix",
    )

    assert not reply.ephemeral
    assert "**Jessica Jones** · Season 2 · Netflix" in reply.embed["description"]
    premiere = reply.embed["fields"][0]["value"]
    stamp = int(datetime(2027, 3, 8, 21, tzinfo=UTC).timestamp())
    assert f"<t:{stamp}:F>" in premiere
    assert f"<t:{stamp}:R>" in premiere
    assert reply.pings.users == frozenset()
    assert not reply.pings.everyone


async def test_list_shows_upcoming_premieres_soonest_first(world: World, bot) -> None:
    for title, date in [
        ("Later Show", "2027-05-01"),
        ("Sooner Show", "2027-01-10 21:00"),
        ("Middle Show", "March 2027"),
    ]:
        await world.slash(world.admin, "show add", title=title, premiere=date)

    reply = await world.slash(world.member, "show list")

    assert reply.ephemeral
    text = reply.embed["description"]
    assert text.index("Sooner Show") < text.index("Middle Show") < text.index("Later Show")
    assert "March 2027" in text  # month precision is shown as a month, not an invented day


async def test_long_list_is_paged_and_the_buttons_turn_pages(world: World, bot) -> None:
    for n in range(23):
        await world.slash(
            world.admin, "show add", title=f"Show {n:02d}", premiere=f"2027-02-{n + 1:02d}"
        )

    first = await world.slash(world.member, "show list")
    assert "Page 1 of 3" in first.embed["footer"]["text"]
    assert "Show 00" in first.embed["description"]
    assert "Show 10" not in first.embed["description"]

    click = await world.double.click(world.member, first, "Next ▶")
    second = await world.double.reply(click)
    await world.double.wait_for(lambda: "Page 2 of 3" in second.embed["footer"]["text"])
    assert "Show 10" in second.embed["description"]


async def test_remove_autocomplete_offers_only_this_servers_shows(world: World, bot) -> None:
    other = build_world(world.double, "Other Server")
    await world.slash(world.admin, "show add", title="Jessica Jones", premiere="March 8 2027")
    await other.slash(
        other.admin, "show add", title="Jessica Jones Origins", premiere="April 1 2027"
    )

    choices = await world.double.autocomplete(
        world.admin, world.channel, "show remove", focused="show", value="jess"
    )

    assert [c["name"] for c in choices] == ["Jessica Jones"]


async def test_remove_deletes_the_show(world: World, bot) -> None:
    await world.slash(world.admin, "show add", title="Jessica Jones", premiere="March 8 2027")
    [choice] = await world.double.autocomplete(
        world.admin, world.channel, "show remove", focused="show", value="jessica"
    )

    reply = await world.slash(world.admin, "show remove", show=choice["value"])

    assert "Stopped tracking" in reply.embed["title"]
    listing = await world.slash(world.member, "show list")
    assert "Jessica Jones" not in listing.text()


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"title": "   ", "premiere": "March 8 2027"}, "title is empty"),
        ({"title": "Old Show", "premiere": "March 8 2020"}, "in the past"),
        ({"title": "Odd Show", "premiere": "whenever it's ready"}, "couldn't read"),
    ],
)
async def test_add_refuses_bad_input_privately_and_stores_nothing(
    world: World, bot, options: dict[str, str], expected: str
) -> None:
    reply = await world.slash(world.admin, "show add", **options)

    assert reply.ephemeral
    assert expected in reply.content
    assert await bot.services.shows.upcoming(world.guild.id) == []


async def test_add_refuses_a_duplicate_and_keeps_the_first(world: World, bot) -> None:
    await world.slash(
        world.admin, "show add", title="Jessica Jones", season=2, premiere="March 8 2027"
    )

    reply = await world.slash(
        world.admin, "show add", title="jessica  jones", season=2, premiere="April 1 2027"
    )

    assert reply.ephemeral
    assert "already tracks" in reply.content
    [show] = await bot.services.shows.upcoming(world.guild.id)
    assert show.premiere.month == 3


async def test_same_title_with_another_season_is_not_a_duplicate(world: World, bot) -> None:
    await world.slash(
        world.admin, "show add", title="Jessica Jones", season=2, premiere="March 8 2027"
    )
    reply = await world.slash(
        world.admin, "show add", title="Jessica Jones", season=3, premiere="March 8 2028"
    )
    assert not reply.ephemeral
    assert len(await bot.services.shows.upcoming(world.guild.id)) == 2


async def test_an_over_long_title_cannot_be_sent(world: World, bot) -> None:
    # The command declares max_length 100, so Discord's client refuses it before the bot sees it.
    with pytest.raises(InvocationError):
        await world.double.invoke(
            world.admin, world.channel, "show add", title="x" * 101, premiere="March 8 2027"
        )


async def test_members_without_manage_server_are_refused(world: World, bot) -> None:
    reply = await world.slash(
        world.member, "show add", title="Jessica Jones", premiere="March 8 2027"
    )

    assert reply.ephemeral
    assert "Manage Server" in reply.content
    assert await bot.services.shows.upcoming(world.guild.id) == []


async def test_remove_refuses_unknown_show_and_non_managers(world: World, bot) -> None:
    await world.slash(world.admin, "show add", title="Jessica Jones", premiere="March 8 2027")

    unknown = await world.slash(world.admin, "show remove", show="Nonexistent Thing")
    forbidden = await world.slash(world.member, "show remove", show="Jessica Jones")

    assert unknown.ephemeral
    assert "No show here matches" in unknown.content
    assert forbidden.ephemeral
    assert "Manage Server" in forbidden.content
    assert len(await bot.services.shows.upcoming(world.guild.id)) == 1


async def test_mass_mention_text_is_shown_not_pinged(world: World, bot) -> None:
    role = next(iter(r for r in world.guild.roles.values() if r.name == "Moderators"))
    title = f"@everyone @here <@&{role.id}> <@{world.member.id}> [x](https://evil.example)"

    reply = await world.slash(world.admin, "show add", title=title, premiere="March 8 2027")
    listing = await world.slash(world.member, "show list")

    for message in (reply, listing):
        assert message.pings.users == frozenset()
        assert message.pings.roles == frozenset()
        assert not message.pings.everyone
        assert "@everyone" not in message.text()
        assert f"<@&{role.id}>" not in message.text()
        # The brackets arrive escaped, so Discord shows them as text, not as a masked link.
        assert "\\[x](https://evil.example)" in message.text()
        assert re.search(r"(?<!\\)\[x\]\(https", message.text()) is None


async def test_data_survives_a_restart(world: World, start_bot: StartBot) -> None:
    first = await start_bot()
    await world.slash(world.admin, "show add", title="Jessica Jones", premiere="March 8 2027")
    await first.close()

    await start_bot()
    listing = await world.slash(world.member, "show list")
    assert "Jessica Jones" in listing.text()


async def test_a_premiere_known_to_the_day_reads_as_that_day_even_on_the_day(
    world: World, bot
) -> None:
    """A day without a time is stored as the day's start: a timestamp would show midnight, and
    "hours ago" all through the day itself. It reads as the day, with the time to come."""
    await world.slash(world.admin, "show add", title="Tonight Show", premiere="today")

    listing = await world.slash(world.member, "show list")

    assert "Tonight Show" in listing.text()
    assert "(time TBA)" in listing.text()
    assert "<t:" not in listing.embed["description"]
