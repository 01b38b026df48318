"""News feeds end to end: the real bot follows RSS/Atom feeds served on 127.0.0.1, checks them
on its APScheduler timer as time moves, and posts new stories through the double."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.app import PremiereBot
from bot.domain.feeds import PAUSE_AFTER_FAILURES
from bot.sandbox.double import InvocationError, Message, Perm
from tests.conftest import ON_BOTH_ENGINES, StartBot, World, build_world
from tests.e2e.reminder_support import settle
from tests.feed_site import FeedHandle, FeedSite, html_page

pytestmark = ON_BOTH_ENGINES

STORY_DAY = datetime(2026, 11, 24, 9, tzinfo=UTC)


def article(headline: str, sentence: str) -> str:
    return (
        f"<!doctype html><html><head><title>{headline}</title></head><body><article>"
        f"<h1>{headline}</h1><p>{sentence}</p>"
        "<p>The streamer shared a first look at the new episodes on Tuesday, with the main cast "
        "returning alongside two new faces.</p></article></body></html>"
    )


@pytest.fixture
async def site() -> AsyncIterator[FeedSite]:
    async with FeedSite() as served:
        yield served


@pytest.fixture
async def news_bot(start_bot: StartBot, site: FeedSite, at_t0: Any) -> PremiereBot:
    return await start_bot(article_fetcher=site.fetcher())


def tv_feed(site: FeedSite, path: str = "/tv/rss.xml", **options: Any) -> FeedHandle:
    """A feed that already lists two old stories."""
    feed = site.feed(path, title="Screen Notes TV", **options)
    feed.add("Old news about a cancelled drama", link="/old/1", guid="old-1", published=STORY_DAY)
    feed.add("Another old story", link="/old/2", guid="old-2", published=STORY_DAY)
    return feed


def publish(
    site: FeedSite,
    feed: FeedHandle,
    slug: str,
    headline: str,
    sentence: str,
    *,
    page: bool = True,
) -> None:
    """A new story in the feed, with its article page on the site unless page=False."""
    if page:
        site.page(f"/tv/{slug}", article(headline, sentence))
    feed.add(
        headline,
        link=site.url(f"/tv/{slug}"),
        guid=f"story-{slug}",
        published=datetime.now(UTC),
        content=f"<p>{sentence}</p>",
    )


async def follow(world: World, url: str, **options: Any) -> Message:
    return await world.slash(world.admin, "feed add", url=url, **options)


async def check_feeds(bot: PremiereBot, traveller: Any, minutes: float = 20) -> Any:
    """Move time past the next check and run what is due, as the timer would."""
    traveller.shift(timedelta(minutes=minutes))
    return await bot.feeds.catch_up()


def posts(world: World) -> list[Message]:
    return [m for m in world.double.channel_messages(world.channel) if m.interaction_id is None]


async def test_a_new_feed_posts_nothing_until_it_publishes_something_new(
    world: World, news_bot: PremiereBot, site: FeedSite, at_t0: Any
) -> None:
    feed = tv_feed(site)

    answer = await follow(world, feed.url)

    assert (
        answer.ephemeral and "Following" in answer.content and "Screen Notes TV" in answer.content
    )
    assert posts(world) == []  # the two stories it already had are remembered, not posted

    publish(
        site,
        feed,
        "harbor-lights-3",
        "Netflix Sets a Date for Harbor Lights Season 3",
        "Harbor Lights season 3 premieres on Netflix on March 12, 2027.",
    )
    stats = await check_feeds(news_bot, at_t0)

    assert stats.posted == 1
    [post] = posts(world)
    assert post.embed["title"] == "Netflix Sets a Date for Harbor Lights Season 3"
    fields = {f["name"]: f["value"] for f in post.embed["fields"]}
    assert fields["Show"] == "Harbor Lights" and fields["Season"] == "3"
    assert [b["label"] for b in post.buttons()] == ["Track", "Subscribe"]
    assert not post.pings.users and not post.pings.roles and not post.pings.everyone

    # Nothing new: the site answers 304 to the validators the bot kept, and nothing is posted.
    stats = await check_feeds(news_bot, at_t0)
    assert stats.unchanged == 1 and stats.posted == 0
    last = feed.requests[-1]
    assert last.status == 304 and last.if_none_match == feed.etag
    assert len(posts(world)) == 1


async def test_track_works_on_a_story_from_a_feed(
    world: World, news_bot: PremiereBot, site: FeedSite, at_t0: Any
) -> None:
    feed = tv_feed(site)
    await follow(world, feed.url)
    publish(
        site,
        feed,
        "harbor-lights-3",
        "Netflix Sets a Date for Harbor Lights Season 3",
        "Harbor Lights season 3 premieres on Netflix on March 12, 2027.",
    )
    await check_feeds(news_bot, at_t0)
    [post] = posts(world)

    tracked = await world.double.reply(await world.double.click(world.admin, post, "Track"))

    assert not tracked.ephemeral and tracked.embed["title"] == "Now tracking"
    listed = await world.slash(world.member, "show list")
    assert "Harbor Lights" in listed.text()


async def test_changed_ids_and_an_https_move_post_nothing_again(
    world: World, news_bot: PremiereBot, site: FeedSite, at_t0: Any
) -> None:
    feed = tv_feed(site)
    publish(site, feed, "a", "Quiet Valley Renewed for a Fourth Season", "It returns in 2027.")
    await follow(world, feed.url)

    for item in feed.items:  # a new CMS: new ids, links now https, retitled stories
        item.guid = f"cms2-{item.guid}"
        item.title = f"{item.title} (updated)"
        if item.link and item.link.startswith("http://"):
            item.link = "https://" + item.link.removeprefix("http://")
    stats = await check_feeds(news_bot, at_t0)

    assert feed.requests[-1].status == 200  # the body changed, so it was read again
    assert stats.posted == 0 and posts(world) == []


async def test_a_link_that_is_not_a_feed_is_refused_with_the_reason(
    world: World, news_bot: PremiereBot, site: FeedSite
) -> None:
    tv_feed(site, "/tv/rss.xml")
    site.page("/tv", html_page("Screen Notes — TV", feeds=["/tv/rss.xml"]))

    answer = await follow(world, site.url("/tv"))

    assert answer.ephemeral
    assert "web page, not an RSS or Atom feed" in answer.content
    assert site.url("/tv/rss.xml") in answer.content
    listed = await world.slash(world.admin, "feed list")
    assert "follows no feeds" in listed.embed["description"]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.com/feed", "isn't a web link"),
        ("http://10.0.0.7/feed.xml", "private network address"),
        ("http://169.254.169.254/latest", "metadata"),
        ("https://example.com:99999/rss", "isn't a feed link I can read"),
    ],
)
async def test_links_the_bot_must_not_fetch_are_refused(
    world: World, news_bot: PremiereBot, url: str, reason: str
) -> None:
    answer = await follow(world, url)

    assert answer.ephemeral and reason in answer.content


async def test_a_failing_feed_backs_off_then_pauses_and_add_resumes_it(
    world: World, news_bot: PremiereBot, site: FeedSite, at_t0: Any
) -> None:
    feed = tv_feed(site)
    await follow(world, feed.url)
    feed.fail(500, times=None)

    waits = []
    for _ in range(PAUSE_AFTER_FAILURES):
        stored = (await news_bot.services.feeds.in_guild(world.guild.id))[0]
        at_t0.move_to(stored.next_poll_at + timedelta(seconds=1))
        stats = await news_bot.feeds.catch_up()
        assert stats.failed == 1
        after = (await news_bot.services.feeds.in_guild(world.guild.id))[0]
        waits.append(after.next_poll_at - datetime.now(UTC))
    assert waits[1] > waits[0] * 1.5 and waits[2] > waits[1] * 1.5  # backing off

    listed = await world.slash(world.admin, "feed list")
    assert "paused" in listed.embed["description"] and "HTTP 500" in listed.embed["description"]
    status = await world.slash(world.admin, "status")
    assert "HTTP 500" in status.text() and "paused" in status.text()
    hits = feed.hits
    at_t0.shift(timedelta(days=2))
    await news_bot.feeds.catch_up()
    assert feed.hits == hits  # paused: not checked at all

    feed.recover()
    publish(site, feed, "b", "Harbor Lights Gets a Season 4 Date", "It returns May 2, 2027.")
    answer = await follow(world, feed.url)
    assert "Resumed" in answer.content
    # Resuming checks it at once: the story published while it was paused is posted.
    await world.double.wait_for(lambda: posts(world), 5)
    assert [p.embed["title"] for p in posts(world)] == ["Harbor Lights Gets a Season 4 Date"]
    listed = await world.slash(world.admin, "feed list")
    assert "paused" not in listed.embed["description"]


async def test_retry_after_is_respected(
    world: World, news_bot: PremiereBot, site: FeedSite, at_t0: Any
) -> None:
    feed = tv_feed(site)
    await follow(world, feed.url)
    feed.fail(429, times=1, retry_after=7200)

    await check_feeds(news_bot, at_t0)

    stored = (await news_bot.services.feeds.in_guild(world.guild.id))[0]
    assert stored.next_poll_at - datetime.now(UTC) >= timedelta(hours=2) - timedelta(seconds=5)


async def test_only_tracked_posts_only_stories_about_tracked_shows(
    world: World, news_bot: PremiereBot, site: FeedSite, at_t0: Any
) -> None:
    await world.slash(world.admin, "show add", title="Harbor Lights", premiere="March 12 2027")
    feed = tv_feed(site)
    await follow(world, feed.url, only_tracked=True)

    publish(site, feed, "a", "Quiet Valley Renewed for a Fourth Season", "It returns in 2027.")
    publish(
        site,
        feed,
        "b",
        "Harbor Lights Adds Two Faces for Its Third Season",
        "The coastal mystery returns on Netflix next year.",
    )
    stats = await check_feeds(news_bot, at_t0)

    assert stats.posted == 1
    assert [p.embed["title"] for p in posts(world)][-1].startswith("Harbor Lights Adds")
    assert all("Quiet Valley" not in p.text() for p in posts(world))


async def test_news_subscribers_are_mentioned_and_others_are_not(
    world: World, news_bot: PremiereBot, site: FeedSite, at_t0: Any
) -> None:
    await world.slash(world.admin, "show add", title="Harbor Lights", premiere="March 12 2027")
    reader = world.double.add_member(world.guild, "news reader")
    dm_reader = world.double.add_member(world.guild, "dm news reader")
    answer = await world.slash(reader, "subscribe", show="Harbor Lights", news=True)
    assert "news as well as reminders" in answer.content
    await world.slash(dm_reader, "subscribe", show="Harbor Lights", delivery="dm", news=True)
    await world.slash(world.member, "subscribe", show="Harbor Lights")  # reminders only
    feed = tv_feed(site)
    await follow(world, feed.url)

    publish(
        site,
        feed,
        "b",
        "Harbor Lights Season 3 Gets a March Premiere",
        "Harbor Lights season 3 premieres on Netflix on March 12, 2027.",
    )
    await check_feeds(news_bot, at_t0)

    [post] = posts(world)
    assert post.pings.users == {reader.id}
    assert f"<@{world.member.id}>" not in post.content
    [dm] = world.double.dms_to(dm_reader)
    assert dm.embed["title"] == "Harbor Lights Season 3 Gets a March Premiere"
    assert world.double.dms_to(world.member) == []


async def test_news_by_dm_waits_for_the_end_of_quiet_hours(
    world: World, news_bot: PremiereBot, site: FeedSite, at_t0: Any
) -> None:
    await world.slash(world.admin, "show add", title="Harbor Lights", premiere="March 12 2027")
    dm_reader = world.double.add_member(world.guild, "dm news reader")
    await world.slash(dm_reader, "subscribe", show="Harbor Lights", delivery="dm", news=True)
    # The checks below run around 15:20 UTC: quiet until 16:00.
    await world.slash(dm_reader, "subscriptions quiet", start="14:00", end="16:00", timezone="UTC")
    feed = tv_feed(site)
    await follow(world, feed.url)
    publish(
        site,
        feed,
        "b",
        "Harbor Lights Season 3 Gets a March Premiere",
        "Harbor Lights season 3 premieres on Netflix on March 12, 2027.",
    )
    await check_feeds(news_bot, at_t0)
    assert len(posts(world)) == 1 and world.double.dms_to(dm_reader) == []

    at_t0.move_to(datetime(2026, 11, 24, 16, 0, 1, tzinfo=UTC))
    news_bot.reminders.timer.wakeup()
    await settle(news_bot)

    [dm] = world.double.dms_to(dm_reader)
    assert dm.embed["title"] == "Harbor Lights Season 3 Gets a March Premiere"
    assert await news_bot.db.scalar("SELECT count(*) FROM held_news") == 0


async def test_the_same_story_from_two_feeds_is_posted_once(
    world: World, news_bot: PremiereBot, site: FeedSite, at_t0: Any
) -> None:
    first = tv_feed(site, "/a/rss.xml")
    second = tv_feed(site, "/b/atom.xml", kind="atom")
    await follow(world, first.url)
    await follow(world, second.url)

    headline = "Netflix Sets a Date for Harbor Lights Season 3"
    sentence = "Harbor Lights season 3 premieres on Netflix on March 12, 2027."
    publish(site, first, "harbor", headline, sentence)
    publish(site, second, "harbor", headline, sentence)  # the same link
    # The same story syndicated under another link, with the same headline.
    site.page("/syndicated/harbor", article(headline, sentence))
    second.add(headline, link=site.url("/syndicated/harbor"), guid="syn-1")
    await check_feeds(news_bot, at_t0)

    assert [p.embed["title"] for p in posts(world)] == [headline]


async def test_an_unreachable_page_is_summarised_from_the_feeds_own_text(
    world: World, news_bot: PremiereBot, site: FeedSite, at_t0: Any
) -> None:
    feed = tv_feed(site)
    await follow(world, feed.url)

    publish(
        site,
        feed,
        "missing",
        "Harbor Lights Season 3 Sets Its Date",
        "Harbor Lights season 3 premieres on Netflix on March 12, 2027.",
        page=False,  # the page answers 404
    )
    await check_feeds(news_bot, at_t0)

    [post] = posts(world)
    assert "premieres on Netflix on March 12, 2027" in post.embed["description"]


async def test_feeds_are_removed_by_autocomplete_and_kept_per_server(
    world: World, news_bot: PremiereBot, site: FeedSite, at_t0: Any
) -> None:
    other = build_world(world.double, "Another Server")
    feed = tv_feed(site)
    await follow(world, feed.url)
    await follow(other, feed.url)

    choices = await world.double.autocomplete(
        world.admin, world.channel, "feed remove", focused="feed", value="screen"
    )
    assert [c["name"] for c in choices] == ["Screen Notes TV"]
    theirs = await other.double.autocomplete(
        other.admin, other.channel, "feed remove", focused="feed", value=""
    )
    assert theirs[0]["value"] != choices[0]["value"]

    # Another server can't remove this server's feed by naming its id.
    refused = await other.slash(other.admin, "feed remove", feed=choices[0]["value"])
    assert refused.ephemeral and "doesn't follow that feed" in refused.content

    removed = await world.slash(world.admin, "feed remove", feed=choices[0]["value"])
    assert removed.ephemeral and "Stopped following" in removed.content
    listed = await world.slash(world.admin, "feed list")
    assert "follows no feeds" in listed.embed["description"]
    still = await other.slash(other.admin, "feed list")
    assert "Screen Notes TV" in still.embed["description"]


async def test_adding_the_same_feed_twice_is_refused(
    world: World, news_bot: PremiereBot, site: FeedSite
) -> None:
    feed = tv_feed(site)
    await follow(world, feed.url)

    again = await follow(world, feed.url.replace("127.0.0.1", "127.0.0.1.") + "/?utm_source=x")

    assert again.ephemeral and "already follows that feed" in again.content


async def test_members_without_manage_server_cannot_use_feed_commands(
    world: World, news_bot: PremiereBot, site: FeedSite
) -> None:
    with pytest.raises(InvocationError):
        await world.slash(world.member, "feed add", url=tv_feed(site).url)


async def test_a_story_the_bot_may_not_post_is_kept_until_it_can(
    world: World, news_bot: PremiereBot, site: FeedSite, at_t0: Any
) -> None:
    feed = tv_feed(site)
    await follow(world, feed.url)
    world.double.deny_bot(world.channel, Perm.SEND_MESSAGES)
    publish(site, feed, "a", "Harbor Lights Season 3 Sets Its Date", "It returns March 12, 2027.")

    stats = await check_feeds(news_bot, at_t0)

    assert stats.failed == 1 and posts(world) == []
    listed = await world.slash(world.admin, "feed list")
    assert "couldn't post its news" in listed.embed["description"]

    world.double.set_overwrites(world.channel, [])
    stored = (await news_bot.services.feeds.in_guild(world.guild.id))[0]
    at_t0.move_to(stored.next_poll_at + timedelta(seconds=1))
    stats = await news_bot.feeds.catch_up()

    assert stats.posted == 1
    assert [p.embed["title"] for p in posts(world)] == ["Harbor Lights Season 3 Sets Its Date"]


async def test_a_channel_the_bot_cannot_post_in_is_refused_at_once(
    world: World, news_bot: PremiereBot, site: FeedSite
) -> None:
    locked = world.double.add_channel(world.guild, "locked")
    world.double.deny_bot(locked, Perm.SEND_MESSAGES)
    await world.double.wait_for(lambda: news_bot.get_channel(locked.id))
    await world.double.wait_for(
        lambda: (
            not news_bot.get_channel(locked.id)
            .permissions_for(news_bot.get_guild(world.guild.id).me)
            .send_messages
        )
    )

    answer = await follow(world, tv_feed(site).url, channel=locked)

    assert answer.ephemeral and "I can't post in" in answer.content
    assert "Send Messages" in answer.content
    assert await news_bot.services.feeds.in_guild(world.guild.id) == []


async def test_a_story_through_a_feedburner_redirect_is_posted_once_with_its_own_link(
    world: World, news_bot: PremiereBot, site: FeedSite, at_t0: Any
) -> None:
    own = tv_feed(site, "/a/rss.xml")
    # The same site through FeedBurner: each <link> is a redirect through the service (which no
    # longer answers here), the story's own address is in <feedburner:origLink>.
    burned = tv_feed(site, "/burner/atom.xml", kind="atom")
    await follow(world, own.url)
    await follow(world, burned.url)

    headline = "Netflix Sets a Date for Harbor Lights Season 3"
    sentence = "Harbor Lights season 3 premieres on Netflix on March 12, 2027."
    publish(site, own, "harbor", headline, sentence)
    burned.add(
        "Harbor Lights: Third Season Lands in March",  # its own headline for the same story
        link=site.url("/~r/ScreenNotesTV/~3/hX81kQ/harbor"),
        guid="tag:screennotes.example,2026:post-9120",
        published=datetime.now(UTC),
        content=f"<p>{sentence}</p>",
        orig_link=site.url("/tv/harbor?utm_source=feedburner&utm_medium=feed"),
        categories=("Harbor Lights", "Premiere dates"),
    )
    stats = await check_feeds(news_bot, at_t0)

    assert stats.posted == 1
    [post] = posts(world)
    assert post.embed["title"] == headline  # read from the story's own page
    assert post.embed["url"] == site.url("/tv/harbor").replace("http:", "https:")
    assert site.hits("/~r/ScreenNotesTV/~3/hX81kQ/harbor") == 0  # the redirect is never used


async def test_an_undated_feed_posts_a_new_story_under_a_title_it_used_before(
    world: World, news_bot: PremiereBot, site: FeedSite, at_t0: Any
) -> None:
    # A weekly column's feed: no dates, no ids, only the latest column, always the same title.
    column = site.feed("/columns/trailers.xml", title="Trailer Tuesday")
    site.page(
        "/columns/trailers-41",
        article("Quiet Valley Drops a Teaser for Season 4", "Quiet Valley returns in 2027."),
    )
    column.add("Trailer Tuesday", link=site.url("/columns/trailers-41"))
    await follow(world, column.url)
    assert posts(world) == []

    column.items.clear()
    site.page(
        "/columns/trailers-42",
        article(
            "Harbor Lights Season 3 Trailer Teases a Storm",
            "Harbor Lights season 3 premieres on Netflix on March 12, 2027.",
        ),
    )
    column.add("Trailer Tuesday", link=site.url("/columns/trailers-42"))
    stats = await check_feeds(news_bot, at_t0)

    assert stats.posted == 1
    assert [p.embed["title"] for p in posts(world)] == [
        "Harbor Lights Season 3 Trailer Teases a Storm"
    ]

    # Seen once, it is not posted again.
    column.title = "Trailer Tuesday (weekly)"
    stats = await check_feeds(news_bot, at_t0)
    assert stats.posted == 0 and len(posts(world)) == 1
