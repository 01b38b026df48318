"""/show add options, /show edit, /show info and /show list filters, end to end."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.conftest import ON_BOTH_ENGINES, World, build_world
from tests.e2e.unchecked_options import drop_option_bounds

pytestmark = [pytest.mark.usefixtures("at_t0"), ON_BOTH_ENGINES]


def stamp(*parts: int) -> int:
    return int(datetime(*parts, tzinfo=UTC).timestamp())


async def add(world: World, **options: object):  # type: ignore[no-untyped-def]
    return await world.slash(world.admin, "show add", **options)


async def test_a_time_with_a_zone_is_honoured(world: World, bot) -> None:
    reply = await add(world, title="Severance", premiere="March 8 2027 9pm ET")
    # 9pm Eastern (EST, UTC-5) on March 8 2027 is 02:00 UTC on March 9.
    assert f"<t:{stamp(2027, 3, 9, 2)}:F>" in reply.text()


async def test_the_timezone_option_reads_the_premiere_there(world: World, bot) -> None:
    reply = await add(
        world, title="Severance", premiere="2027-07-01 21:00", timezone="America/Los_Angeles"
    )
    assert f"<t:{stamp(2027, 7, 2, 4)}:F>" in reply.text()  # PDT is UTC-7


async def test_a_date_without_time_starts_at_midnight_in_the_servers_zone(
    world: World, bot
) -> None:
    await world.slash(world.admin, "settings timezone", timezone="Europe/Berlin")
    reply = await add(world, title="Dark", premiere="March 8 2027")
    assert "March 8, 2027 (time TBA)" in reply.text()  # the day in the server's own zone
    [show] = await bot.services.shows.upcoming(world.guild.id)
    assert show.premiere == datetime(2027, 3, 7, 23, tzinfo=UTC)  # midnight CET


@pytest.mark.parametrize(("premiere", "shown"), [("March 2027", "March 2027"), ("2028", "2028")])
async def test_partial_precision_is_kept_and_shown_as_such(
    world: World, bot, premiere: str, shown: str
) -> None:
    reply = await add(world, title="Someday Show", premiere=premiere)
    assert f"{shown} (exact date TBA)" in reply.text()
    assert "<t:" not in reply.text()
    listing = await world.slash(world.member, "show list")
    assert f"{shown} (exact date TBA)" in listing.text()


async def test_an_unknown_timezone_is_refused_with_suggestions(world: World, bot) -> None:
    reply = await add(world, title="Dark", premiere="March 8 2027", timezone="Europe/Berln")
    assert reply.ephemeral
    assert "Europe/Berlin" in reply.content
    assert await bot.services.shows.upcoming(world.guild.id) == []


async def test_timezone_autocomplete_suggests_zones(world: World, bot) -> None:
    choices = await world.double.autocomplete(
        world.admin,
        world.channel,
        "show add",
        focused="timezone",
        value="new y",
        title="x",
        premiere="y",
    )
    assert choices[0]["value"] == "America/New_York"
    assert len(choices) <= 25


async def test_edit_changes_only_what_is_given_and_shows_the_move(world: World, bot) -> None:
    await add(world, title="Jessica Jones", season=2, network="Netflix", premiere="March 8 2027")

    reply = await world.slash(
        world.admin, "show edit", show="Jessica Jones", premiere="April 1 2027 9pm"
    )

    assert "Premiere was" in reply.text() and "Premiere is now" in reply.text()
    [show] = await bot.services.shows.upcoming(world.guild.id)
    assert (show.title, show.season, show.network) == ("Jessica Jones", 2, "Netflix")
    assert show.premiere == datetime(2027, 4, 1, 21, tzinfo=UTC)


async def test_edit_timezone_alone_keeps_the_wall_time(world: World, bot) -> None:
    await add(world, title="Jessica Jones", premiere="2027-03-08 21:00")
    await world.slash(world.admin, "show edit", show="Jessica Jones", timezone="PT")
    [show] = await bot.services.shows.upcoming(world.guild.id)
    assert show.premiere == datetime(2027, 3, 9, 5, tzinfo=UTC)  # 21:00 PST
    assert show.timezone == "America/Los_Angeles"


@pytest.mark.parametrize(
    ("options", "complaint"),
    [
        ({}, "Nothing to change"),
        ({"premiere": "March 8 2020"}, "in the past"),
        ({"title": "Other Show"}, "already tracks"),
        ({"premiere": "sometime"}, "too vague"),
    ],
)
async def test_edit_refusals_leave_the_show_unchanged(
    world: World, bot, options: dict[str, str], complaint: str
) -> None:
    await add(world, title="Jessica Jones", premiere="March 8 2027")
    await add(world, title="Other Show", premiere="March 9 2027")
    before = await bot.services.shows.upcoming(world.guild.id)

    reply = await world.slash(world.admin, "show edit", show="Jessica Jones", **options)

    assert reply.ephemeral and complaint in reply.content
    assert await bot.services.shows.upcoming(world.guild.id) == before


async def test_edit_needs_manage_server(world: World, bot) -> None:
    await add(world, title="Jessica Jones", premiere="March 8 2027")
    reply = await world.slash(world.member, "show edit", show="Jessica Jones", title="Mine")
    assert reply.ephemeral and "Manage Server" in reply.content


async def test_info_shows_everything_with_subscribe_buttons(world: World, bot) -> None:
    await add(world, title="Jessica Jones", season=2, network="Netflix", premiere="March 8 2027")
    await world.slash(world.member, "subscribe", show="Jessica Jones")

    info = await world.slash(world.member, "show info", show="jessica jones s2")

    fields = {f["name"]: f["value"] for f in info.embed["fields"]}
    assert info.embed["title"] == "Jessica Jones"
    assert fields["Season"] == "2" and fields["Network"] == "Netflix"
    assert fields["Subscribers"] == "1"
    assert f"<@{world.admin.id}>" in fields["Added"] and "<t:" in fields["Added"]
    assert fields["Premieres"] == "March 8, 2027 (time TBA)"
    assert [b["label"] for b in info.buttons()] == ["Subscribe", "Unsubscribe"]
    assert info.pings.users == frozenset()  # naming who added it pings nobody


async def test_info_for_an_unknown_show_is_refused(world: World, bot) -> None:
    reply = await world.slash(world.member, "show info", show="Nothing Like It")
    assert reply.ephemeral and "No show here matches" in reply.content


async def test_list_days_filter_and_subscription_marks(world: World, bot) -> None:
    await add(world, title="Soon Show", premiere="December 1 2026")
    await add(world, title="Later Show", premiere="June 1 2027")
    await world.slash(world.member, "subscribe", show="Later Show")

    soon = await world.slash(world.member, "show list", days=30)
    everything = await world.slash(world.member, "show list")
    admins_view = await world.slash(world.admin, "show list")

    assert "Soon Show" in soon.text() and "Later Show" not in soon.text()
    assert "🔔 **Later Show**" in everything.text()
    assert "🔔" not in admins_view.embed["description"]


async def test_autocomplete_is_fuzzy_and_limited_to_this_server(world: World, bot) -> None:
    other = build_world(world.double, "Elsewhere")
    await add(world, title="The Last of Us", season=2, premiere="April 1 2027")
    await add(world, title="Jessica Jones", season=2, premiere="March 8 2027")
    await other.slash(other.admin, "show add", title="Last Week Tonight", premiere="May 1 2027")

    def names(choices: list[dict[str, str]]) -> list[str]:
        return [c["name"] for c in choices]

    typo = await world.double.autocomplete(
        world.member, world.channel, "show info", focused="show", value="jesica"
    )
    article = await world.double.autocomplete(
        world.member, world.channel, "subscribe", focused="show", value="last of"
    )
    season = await world.double.autocomplete(
        world.admin, world.channel, "show edit", focused="show", value="last of us s2"
    )
    assert names(typo) == ["Jessica Jones — Season 2"]
    assert names(article) == ["The Last of Us — Season 2"]
    assert names(season) == ["The Last of Us — Season 2"]


async def test_autocomplete_offers_at_most_25(world: World, bot) -> None:
    for n in range(30):
        await bot.services.shows.add(
            world.guild.id, title=f"Show {n}", premiere="2027-05-01", added_by=world.admin.id
        )
    choices = await world.double.autocomplete(
        world.member, world.channel, "show info", focused="show", value="show"
    )
    assert len(choices) == 25


async def test_imprecise_premieres_list_after_dated_ones_in_their_window(world: World, bot) -> None:
    await add(world, title="Some Year Show", premiere="2027")
    await add(world, title="Some Month Show", premiere="March 2027")
    await add(world, title="Dated Show", premiere="March 20 2027")
    await add(world, title="Earlier Show", premiere="February 1 2027")

    text = (await world.slash(world.member, "show list")).embed["description"]

    order = ["Earlier Show", "Dated Show", "Some Month Show", "Some Year Show"]
    assert sorted(order, key=text.index) == order


async def test_a_huge_number_for_a_show_is_no_match_not_a_crash(world: World, bot) -> None:
    reply = await world.slash(world.member, "show info", show="9" * 25)
    assert reply.ephemeral and "No show here matches" in reply.content


# --- changes act only on a show the member picked or named exactly ------------------------


async def test_remove_by_a_number_never_removes_a_show_whose_title_merely_contains_it(
    world: World, bot
) -> None:
    await add(world, title="{0}", premiere="March 8 2027")
    await add(world, title="Channel 0 News", premiere="March 9 2027")
    before = await bot.services.shows.upcoming(world.guild.id)

    reply = await world.slash(world.admin, "show remove", show="0")

    assert reply.ephemeral
    assert "Did you mean" in reply.content and "Pick it from the list" in reply.content
    assert "Nothing was changed" in reply.content
    assert await bot.services.shows.upcoming(world.guild.id) == before


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("show remove", {}),
        ("show edit", {"network": "HBO"}),
    ],
)
async def test_a_change_with_a_loose_name_asks_and_changes_nothing(
    world: World, bot, command: str, options: dict[str, str]
) -> None:
    await add(world, title="Jessica Jones", season=2, premiere="March 8 2027")
    await add(world, title="Jessica Jones", season=3, premiere="March 8 2028")
    before = await bot.services.shows.upcoming(world.guild.id)

    reply = await world.slash(world.admin, command, show="jessica", **options)

    assert reply.ephemeral
    assert "“Jessica Jones — Season 2” or “Jessica Jones — Season 3”" in reply.content
    assert await bot.services.shows.upcoming(world.guild.id) == before


async def test_the_whole_title_in_any_case_names_the_show(world: World, bot) -> None:
    await add(world, title="Jessica Jones", premiere="March 8 2027")
    await add(world, title="Jessica Jones Origins", premiere="March 9 2027")

    reply = await world.slash(world.admin, "show remove", show="  jessica JONES ")

    assert "Stopped tracking" in reply.embed["title"]
    [left] = await bot.services.shows.upcoming(world.guild.id)
    assert left.title == "Jessica Jones Origins"


async def test_a_same_titled_season_is_named_by_its_label(world: World, bot) -> None:
    await add(world, title="Jessica Jones", season=2, premiere="March 8 2027")
    await add(world, title="Jessica Jones", season=3, premiere="March 8 2028")

    await world.slash(world.admin, "show edit", show="jessica jones — season 3", network="HBO")

    networks = {s.season: s.network for s in await bot.services.shows.upcoming(world.guild.id)}
    assert networks == {2: None, 3: "HBO"}


async def test_the_did_you_mean_question_shows_titles_as_plain_words(world: World, bot) -> None:
    await add(world, title="**Bold** <@&123> Show", premiere="March 8 2027")

    reply = await world.slash(world.admin, "show remove", show="bold")

    assert "\\*\\*Bold\\*\\*" in reply.content
    assert reply.pings.roles == frozenset() and not reply.pings.everyone


async def test_reading_commands_still_match_loosely(world: World, bot) -> None:
    await add(world, title="Jessica Jones", season=2, premiere="March 8 2027")
    info = await world.slash(world.member, "show info", show="jessica")
    assert info.embed["title"] == "Jessica Jones"


# --- options outside their declared bounds ---------------------------------------------------


@pytest.mark.parametrize("days", [0, -5, 3651, 10**12, 2**70])
async def test_list_days_out_of_range_is_a_clear_refusal(world: World, bot, days: int) -> None:
    drop_option_bounds(world.double, world.guild)
    await add(world, title="Jessica Jones", premiere="March 8 2027")

    reply = await world.slash(world.member, "show list", days=days)

    assert reply.ephemeral
    assert "**days** must be a number from 1 to 3650" in reply.content


@pytest.mark.parametrize("season", [-1, 1000, 10**30])
async def test_a_season_out_of_range_is_a_clear_refusal(world: World, bot, season: int) -> None:
    drop_option_bounds(world.double, world.guild)
    await add(world, title="Jessica Jones", season=2, premiere="March 8 2027")
    before = await bot.services.shows.upcoming(world.guild.id)

    added = await add(world, title="Other Show", premiere="March 8 2027", season=season)
    edited = await world.slash(world.admin, "show edit", show="Jessica Jones", season=season)

    for reply in (added, edited):
        assert reply.ephemeral and "**season** must be a number from 0 to" in reply.content
    assert await bot.services.shows.upcoming(world.guild.id) == before


async def test_an_overlong_title_is_a_clear_refusal(world: World, bot) -> None:
    drop_option_bounds(world.double, world.guild)
    reply = await add(world, title="x" * 5000, premiere="March 8 2027")
    assert reply.ephemeral and "**title** must be from 1 to 100 characters long" in reply.content
    assert await bot.services.shows.upcoming(world.guild.id) == []


async def test_a_mangled_page_button_still_lands_on_a_page(world: World, bot) -> None:
    for n in range(12):
        await add(world, title=f"Show {n:02}", premiere="March 8 2027")
    listing = await world.slash(world.member, "show list")
    forged = world.double.post_as(world.member, world.channel, "forged")
    forged.components = [
        {
            "type": 1,
            "components": [
                {
                    "type": 2,
                    "style": 2,
                    "label": "Far",
                    "custom_id": f"shows:page:{'9' * 60}:{'9' * 30}",
                }
            ],
        }
    ]

    reply = await world.double.reply(await world.double.click(world.member, forged, "Far"))

    assert "Something went wrong" not in reply.text()
    assert listing.embed["title"].startswith("Upcoming premieres")


# --- buttons keep no view per message ------------------------------------------------------


async def test_messages_with_buttons_leave_no_view_behind(world: World, bot) -> None:
    for n in range(5):
        await add(world, title=f"Show {n}", premiere="March 8 2027")
        await world.slash(world.member, "show info", show=f"Show {n}")

    assert bot.persistent_views == []
    info = await world.slash(world.member, "show info", show="Show 1")
    click = await world.double.click(world.member, info, "Subscribe")
    assert "Show 1" in (await world.double.reply(click)).content


async def test_a_whole_title_beside_a_longer_one_is_found_by_reading_commands(
    world: World, bot
) -> None:
    await add(world, title="Severance Pay", premiere="December 1 2026")
    await add(world, title="Severance", premiere="March 8 2027")

    info = await world.slash(world.member, "show info", show="severance")
    choices = await world.double.autocomplete(
        world.member, world.channel, "show info", focused="show", value="Severance"
    )

    assert info.embed["title"] == "Severance"
    assert [c["name"] for c in choices] == ["Severance", "Severance Pay"]
