"""/article post and "Summarize article", end to end: the real bot reads a page served on
127.0.0.1 (or pasted text), posts its summary once, and Track / Subscribe act on its facts."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiohttp import web

from bot.articles import Fetcher, FetchPolicy
from bot.sandbox.double import DiscordDouble, InvocationError, Member, Message
from bot.sandbox.double.state import Pings
from bot.services.articles import PREVIEWS_PER_HOUR
from tests.conftest import ON_BOTH_ENGINES, StartBot, World

pytestmark = [pytest.mark.usefixtures("at_t0"), ON_BOTH_ENGINES]

HARBOR = """Netflix Sets a Date for 'Harbor Lights' Season 3

The wait for the third season of Harbor Lights is almost over. Netflix confirmed on Tuesday \
that the coastal mystery will return with all eight episodes at once.

The new season follows detective Mara Quint as she looks into a string of disappearances near \
the old lighthouse, while her partner weighs a job offer in the city.

Harbor Lights season 3 premieres on Netflix on March 12, 2027.

About the Author
Pat Example writes about television for a living and has reviewed more police dramas than is \
healthy.
"""

HARBOR_HTML = """<!doctype html><html><head><meta charset="utf-8">
<title>Netflix Sets a Date for 'Harbor Lights' Season 3 | Screen Notes</title>
<meta property="article:published_time" content="2026-11-20T10:00:00Z"></head>
<body><nav>Home · TV · Movies · Sign in to comment</nav><article>
<h1>Netflix Sets a Date for 'Harbor Lights' Season 3</h1>
<p>The wait for the third season of Harbor Lights is almost over. Netflix confirmed on Tuesday
that the coastal mystery will return with all eight episodes at once.</p>
<p>The new season follows detective Mara Quint as she looks into a string of disappearances
near the old lighthouse, while her partner weighs a job offer in the city.</p>
<p>Harbor Lights season 3 premieres on Netflix on March 12, 2027.</p></article>
<aside><h3>About the Author</h3><p>Pat Example writes about television for a living.</p></aside>
<footer>Share this article · Related: Ten shows to watch this winter</footer></body></html>"""

VAGUE = """A New Season of Quiet Valley Is Coming

Quiet Valley will be back for another run of episodes, the network said on Friday, though it \
gave few details. Fans can expect the new episodes sometime in 2027.
"""

# A bare date for a US network is read in US Eastern time: midnight there.
PREMIERE = datetime(2027, 3, 12, 5, tzinfo=UTC)


@pytest.fixture
async def site() -> AsyncIterator[dict[str, Any]]:
    """A news site on 127.0.0.1; `delay` slows every page down, `visits` counts them."""
    state: dict[str, Any] = {"delay": 0.0, "visits": 0}

    async def page(request: web.Request) -> web.Response:
        state["visits"] += 1
        await asyncio.sleep(state["delay"])
        return web.Response(text=HARBOR_HTML, content_type="text/html")

    app = web.Application()
    app.router.add_get("/tv/harbor-lights-season-3", page)
    runner = web.AppRunner(app)
    await runner.setup()
    server = web.TCPSite(runner, "127.0.0.1", 0)
    await server.start()
    port = server._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    state["url"] = f"http://127.0.0.1:{port}/tv/harbor-lights-season-3"
    state["fetcher"] = Fetcher(FetchPolicy(allow=frozenset({("127.0.0.1", port)})))
    yield state
    await runner.cleanup()


@pytest.fixture
async def news_bot(start_bot: StartBot, site: dict[str, Any]):  # type: ignore[no-untyped-def]
    return await start_bot(article_fetcher=site["fetcher"])


SLOW_ANSWER = 15.0  # seconds an answer may take when Discord's rate limit paces the bot


async def post(
    world: World, who: Member | None = None, **options: str
) -> tuple[Message, Message | None]:
    """Run /article post (as the ordinary member unless `who` is given); returns the private
    answer and the channel post it made, if any."""
    before = set(world.double.messages)
    # Five posts in a row meet Discord's limit of five a channel in five seconds: discord.py
    # waits out the window after the fifth, before the answer is filled in.
    interaction = await world.double.invoke(
        who or world.member, world.channel, "article post", **options
    )
    answer = await world.double.reply(interaction, timeout=SLOW_ANSWER)
    posts = [
        m
        for i, m in world.double.messages.items()
        if i not in before and not m.ephemeral and m.interaction_id is None
    ]
    return answer, posts[0] if posts else None


def fields(message: Message) -> dict[str, str]:
    return {f["name"]: f["value"] for f in message.embed["fields"]}


async def test_pasted_text_is_summarised_with_its_facts(world: World, news_bot) -> None:
    answer, posted = await post(world, text=HARBOR)

    assert answer.ephemeral and answer.content.startswith("Posted: https://discord.com/channels/")
    assert posted is not None
    assert posted.embed["title"] == "Netflix Sets a Date for 'Harbor Lights' Season 3"
    assert "premieres on Netflix on March 12, 2027" in posted.embed["description"]
    assert "About the Author" not in posted.embed["description"]
    facts = fields(posted)
    assert facts["Show"] == "Harbor Lights" and facts["Season"] == "3"
    assert facts["Network"] == "Netflix"
    assert f"<t:{int(PREMIERE.timestamp())}:F>" in facts["Premieres"]
    assert [b["label"] for b in posted.buttons()] == ["Track", "Subscribe"]


async def test_news_that_is_not_about_tv_is_posted_without_a_show_to_track(
    world: World, news_bot
) -> None:
    politics = (
        "Minister to visit Nairobi\n\n"
        "The foreign minister lands in Kenya later on Friday for a series of talks, the BBC "
        "reported. She arrives in Addis Ababa on Sunday and flies home next week."
    )

    answer, posted = await post(world, text=politics)

    assert answer.ephemeral and answer.content.startswith("Posted: ")
    assert posted is not None
    facts = fields(posted)
    assert "Premieres" not in facts or "not announced" in facts["Premieres"].lower()
    assert posted.buttons() == []
    assert world.double.problems == []


async def test_a_link_is_fetched_and_posted_once_however_it_is_spelled(
    world: World, news_bot, site: dict[str, Any]
) -> None:
    _, posted = await post(world, url=site["url"])
    assert posted is not None and posted.embed["url"] == site["url"].replace("http:", "https:")
    assert "Related" not in posted.embed["description"]

    again, second = await post(world, url=site["url"] + "/?utm_source=feed&utm_medium=rss")

    assert second is None
    assert again.ephemeral and "already posted" in again.content
    assert str(posted.id) in again.content  # a link to the first post


async def test_a_slow_site_is_answered_at_once_and_posted_later(
    world: World, news_bot, site: dict[str, Any]
) -> None:
    site["delay"] = 3.5  # longer than Discord waits for an answer

    answer, posted = await post(world, url=site["url"])

    assert posted is not None and answer.content.startswith("Posted:")
    interaction = next(
        i for i in world.double.interactions.values() if i.original_message_id == answer.id
    )
    assert interaction.response_type == 5  # deferred within Discord's 3 seconds


async def test_private_addresses_are_refused(
    world: World, start_bot: StartBot, site: dict[str, Any]
) -> None:
    await start_bot()  # the real policy: nothing private, loopback included

    answer, posted = await post(world, url=site["url"])

    assert posted is None
    assert answer.ephemeral and "loopback" in answer.content


@pytest.mark.parametrize(
    ("options", "complaint"),
    [
        ({}, "Give either url"),
        ({"url": "https://example.com/a", "text": "both"}, "Give either url"),
        ({"url": "not a link"}, "isn't a web link"),
    ],
)
async def test_bad_input_is_refused(
    world: World, news_bot, options: dict[str, str], complaint: str
) -> None:
    answer, posted = await post(world, **options)
    assert posted is None
    assert answer.ephemeral and complaint in answer.content


async def test_track_adds_the_show_and_subscribe_follows_it(world: World, news_bot) -> None:
    _, posted = await post(world, text=HARBOR)
    assert posted is not None

    early = await world.double.reply(await world.double.click(world.member, posted, "Subscribe"))
    assert early.ephemeral and "isn't tracked here yet" in early.content
    refused = await world.double.reply(await world.double.click(world.member, posted, "Track"))
    assert refused.ephemeral and "Manage Server" in refused.content

    tracked = await world.double.reply(await world.double.click(world.admin, posted, "Track"))
    assert tracked.embed["title"] == "Now tracking" and not tracked.ephemeral
    [show] = await news_bot.services.shows.upcoming(world.guild.id)
    assert (show.title, show.season, show.network, show.premiere) == (
        "Harbor Lights",
        3,
        "Netflix",
        PREMIERE,
    )

    joined = await world.double.reply(await world.double.click(world.member, posted, "Subscribe"))
    assert "Subscribed to **Harbor Lights — Season 3**" in joined.content


async def test_an_already_tracked_premiere_is_pointed_to_not_announced_again(
    world: World, news_bot
) -> None:
    await world.slash(
        world.admin,
        "show add",
        title="Harbor Lights",
        season=3,
        premiere="March 12 2027",
        network="Netflix",
    )

    answer, posted = await post(world, text=HARBOR)

    assert posted is None
    assert answer.ephemeral and "Already tracked here" in answer.content


async def test_track_offers_to_move_a_tracked_show_to_the_articles_date(
    world: World, news_bot
) -> None:
    await world.slash(
        world.admin, "show add", title="Harbor Lights", season=3, premiere="April 2 2027"
    )
    _, posted = await post(world, text=HARBOR)
    assert posted is not None and "Tracked here" in fields(posted)

    offer = await world.double.reply(await world.double.click(world.admin, posted, "Track"))
    assert offer.ephemeral and "already tracks" in offer.content
    moved = await world.double.reply(
        await world.double.click(world.admin, offer, "Update the premiere")
    )

    assert "Premiere is now" in moved.text()
    [show] = await news_bot.services.shows.upcoming(world.guild.id)
    assert show.premiere == PREMIERE


async def test_unsure_facts_are_marked_and_confirmed_in_a_form(world: World, news_bot) -> None:
    _, posted = await post(world, text=VAGUE)
    assert posted is not None
    assert "*(unsure)*" in posted.text()

    click = await world.double.click(world.admin, posted, "Track")
    await world.double.wait_for(lambda: click.acknowledged)
    assert click.response_type == 9  # a form, prefilled with what the article said
    form = click.response["data"]  # type: ignore[index]
    prefilled = {
        c["custom_id"]: c.get("value") for row in form["components"] for c in row["components"]
    }
    assert prefilled["show"] == "Quiet Valley"
    assert prefilled["premiere"] is None  # "sometime in 2027" is not a premiere date

    submitted = await world.double.submit_modal(
        world.admin, click, {"premiere": "June 4 2027", "season": "2"}
    )
    reply = await world.double.reply(submitted)

    assert reply.embed["title"] == "Now tracking"
    [show] = await news_bot.services.shows.upcoming(world.guild.id)
    assert (show.title, show.season) == ("Quiet Valley", 2)
    assert show.premiere == datetime(2027, 6, 4, tzinfo=UTC)


async def test_a_bad_season_in_the_form_is_refused(world: World, news_bot) -> None:
    _, posted = await post(world, text=VAGUE)
    assert posted is not None
    click = await world.double.click(world.admin, posted, "Track")
    await world.double.wait_for(lambda: click.acknowledged)

    submitted = await world.double.submit_modal(
        world.admin, click, {"season": "two", "premiere": "June 4 2027"}
    )
    reply = await world.double.reply(submitted)

    assert reply.ephemeral and "not a season number" in reply.content
    assert await news_bot.services.shows.upcoming(world.guild.id) == []


async def test_summarize_article_reads_a_members_message(world: World, news_bot) -> None:
    shared = world.double.post_as(world.member, world.channel, HARBOR)

    answer = await world.double.reply(
        await world.double.invoke_on_message(world.member, shared, "Summarize article")
    )

    assert answer.ephemeral and answer.content.startswith("Posted:")
    posts = [m for m in world.double.channel_messages(world.channel) if m.embeds]
    assert fields(posts[-1])["Show"] == "Harbor Lights"


async def test_summarize_article_on_an_empty_message_is_refused(world: World, news_bot) -> None:
    empty = world.double.post_as(world.member, world.channel, "   ")
    answer = await world.double.reply(
        await world.double.invoke_on_message(world.member, empty, "Summarize article")
    )
    assert answer.ephemeral and "no link or text" in answer.content


async def test_message_commands_must_exist(world: World, news_bot, double: DiscordDouble) -> None:
    message = double.post_as(world.member, world.channel, "hello")
    with pytest.raises(InvocationError, match="no message command"):
        await double.invoke_on_message(world.member, message, "Translate")


async def test_spoiler_safe_hides_plot_details(world: World, news_bot) -> None:
    _, posted = await post(world, text=HARBOR, spoiler_safe="true")
    assert posted is not None
    pieces = posted.embed["description"].split("||")
    hidden, shown = pieces[1::2], pieces[0::2]
    assert any(h.strip() for h in hidden)  # something is behind a spoiler tag
    assert any("premieres on Netflix on March 12, 2027" in p for p in shown)  # not the date


@pytest.mark.parametrize("link", ["https://example.com:99999/story", "https://[::1/story"])
async def test_a_link_that_cannot_be_read_is_refused_clearly(
    world: World, news_bot, link: str
) -> None:
    answer, posted = await post(world, url=link)
    shared = world.double.post_as(world.member, world.channel, f"look: {link}")
    summarised = await world.double.reply(
        await world.double.invoke_on_message(world.member, shared, "Summarize article")
    )

    for reply in (answer, summarised):
        assert reply.ephemeral and "can't be read" in reply.content
        assert "Something went wrong" not in reply.content
    assert posted is None


@pytest.mark.parametrize("season", ["²", "٣", "-1", "1e3"])
async def test_a_season_that_is_no_plain_number_in_the_form_is_refused(
    world: World, news_bot, season: str
) -> None:
    _, posted = await post(world, text=VAGUE)
    assert posted is not None
    click = await world.double.click(world.admin, posted, "Track")
    await world.double.wait_for(lambda: click.acknowledged)

    submitted = await world.double.submit_modal(
        world.admin, click, {"season": season, "premiere": "June 4 2027"}
    )
    reply = await world.double.reply(submitted)

    assert reply.ephemeral and "not a season number" in reply.content
    assert await news_bot.services.shows.upcoming(world.guild.id) == []


def story(number: int) -> str:
    """A different short piece of premiere news for each number."""
    return (
        f"Show Number {number} Returns in Spring\n\n"
        f"Show Number {number} season 2 premieres on HBO on April {number}, 2027, the network "
        "said on Monday."
    )


def retry_time(answer: Message) -> datetime:
    """The time a refusal says sharing opens again, from its Discord relative timestamp."""
    found = re.search(r"<t:(\d+):R>", answer.content)
    assert found is not None, answer.content
    return datetime.fromtimestamp(int(found.group(1)), UTC)


async def test_the_public_post_names_the_sharer_and_pings_nobody(world: World, news_bot) -> None:
    _, posted = await post(world, text=HARBOR)

    assert posted is not None
    assert posted.content == f"Shared by <@{world.member.id}>"
    assert posted.pings == Pings()  # named, not notified


async def test_a_member_limited_to_managers_gets_a_private_preview(world: World, news_bot) -> None:
    await world.slash(world.admin, "settings articles", who="managers")
    channel_before = len(world.double.channel_messages(world.channel))

    answer, posted = await post(world, text=HARBOR)

    assert posted is None
    assert answer.ephemeral and "only managers post news publicly" in answer.content
    assert answer.embed["title"] == "Netflix Sets a Date for 'Harbor Lights' Season 3"
    assert fields(answer)["Show"] == "Harbor Lights"
    assert answer.buttons() == []  # nothing was recorded for Track to act on
    channel_after = world.double.channel_messages(world.channel)
    assert [m for m in channel_after[channel_before:] if not m.ephemeral] == []

    # Nothing was recorded as posted: a manager can still post the story.
    shared, by_manager = await post(world, world.admin, text=HARBOR)
    assert by_manager is not None and shared.content.startswith("Posted:")
    assert by_manager.content == f"Shared by <@{world.admin.id}>"


async def test_summarize_article_is_a_preview_too_for_a_member_limited_to_managers(
    world: World, news_bot
) -> None:
    await world.slash(world.admin, "settings articles", who="managers")
    shared = world.double.post_as(world.member, world.channel, HARBOR)

    answer = await world.double.reply(
        await world.double.invoke_on_message(world.member, shared, "Summarize article")
    )

    assert answer.ephemeral and "only managers" in answer.content
    assert not [m for m in world.double.channel_messages(world.channel) if m.embeds]


async def test_previews_do_not_count_toward_the_hourly_limit(world: World, news_bot) -> None:
    await world.slash(world.admin, "settings articles", who="managers")
    for number in range(1, 7):
        answer, posted = await post(world, text=story(number))
        assert posted is None and "private preview" in answer.content

    await world.slash(world.admin, "settings articles", who="everyone")
    answer, posted = await post(world, text=story(7))
    assert posted is not None and answer.content.startswith("Posted:")


async def test_previews_have_an_hourly_limit_of_their_own(
    world: World, news_bot, at_t0: Any
) -> None:
    await world.slash(world.admin, "settings articles", who="managers")
    for number in range(1, PREVIEWS_PER_HOUR + 1):
        answer, _ = await post(world, text=story(number))
        assert "private preview" in answer.content
        at_t0.shift(timedelta(minutes=1))

    refused, posted = await post(world, text=story(99))
    assert posted is None and refused.ephemeral and refused.embeds == []
    assert f"{PREVIEWS_PER_HOUR} article previews" in refused.content
    # Open again when the first of them, 20 minutes ago, is an hour old.
    wait = retry_time(refused) - datetime.now(UTC)
    assert timedelta(minutes=39) < wait <= timedelta(minutes=40)
    second = world.double.add_member(world.guild, "second member")
    other, _ = await post(world, second, text=story(99))  # each member has their own
    assert "private preview" in other.content

    at_t0.move_to(retry_time(refused) + timedelta(seconds=1))
    again, _ = await post(world, text=story(99))
    assert "private preview" in again.content


@pytest.mark.parametrize("poster", ["member", "admin"])
async def test_the_sixth_share_within_an_hour_is_refused_privately_with_when(
    world: World, news_bot, site: dict[str, Any], at_t0: Any, poster: str
) -> None:
    who: Member = getattr(world, poster)
    for number in range(1, 6):
        _, posted = await post(world, who, text=story(number))
        assert posted is not None

    refused, posted = await post(world, who, url=site["url"])

    assert posted is None
    assert refused.ephemeral and "You can post again <t:" in refused.content
    assert site["visits"] == 0  # refused before anything was fetched
    opens = retry_time(refused)
    assert timedelta(minutes=59) < opens - datetime.now(UTC) <= timedelta(hours=1)
    # Another member of the server is not held back.
    other = world.admin if who is world.member else world.member
    assert (await post(world, other, text=story(9)))[1] is not None

    at_t0.move_to(opens - timedelta(seconds=30))
    still, posted = await post(world, who, url=site["url"])
    assert posted is None and retry_time(still) == opens

    at_t0.move_to(opens)
    answer, posted = await post(world, who, url=site["url"])
    assert posted is not None and answer.content.startswith("Posted:")
    assert site["visits"] == 1


async def test_shares_made_at_the_same_moment_stop_at_the_limit(world: World, news_bot) -> None:
    for number in range(1, 5):
        assert (await post(world, text=story(number)))[1] is not None

    answers = await asyncio.gather(
        *(world.slash(world.member, "article post", text=story(n)) for n in range(5, 8))
    )

    posted = [a for a in answers if a.content.startswith("Posted:")]
    refused = [a for a in answers if "You can post again" in a.content]
    assert (len(posted), len(refused)) == (1, 2)
    shares = [m for m in world.double.channel_messages(world.channel) if m.embeds]
    assert len(shares) == 5
