"""A feed's new entry, posted in its server: read as an article, checked against what the server
already has and wants, then posted with the show's news subscribers told."""

from __future__ import annotations

import asyncio
import html
import json
import logging
import re
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence

from bot.articles import Article, ArticleError, Fetcher, read_article
from bot.clock import Clock
from bot.db.reminders import ReminderRepository
from bot.db.shows import ShowRepository
from bot.db.subscriptions import SubscriptionRepository
from bot.domain.feeds import Feed
from bot.domain.shows import Show, title_key
from bot.domain.subscriptions import Delivery, Subscription
from bot.feeds.parse import FeedEntry
from bot.outbox.mentions import mention_batches
from bot.outbox.sender import Sender, SendError
from bot.render import articles as render
from bot.services.articles import AlreadyPosted, ArticleService
from bot.services.once import Placed, post_once

log = logging.getLogger(__name__)

# Short titles ("You", "Lost") are ordinary words: a headline naming them proves nothing.
_SHORTEST_TITLE_IN_HEADLINE = 4
FEED_POSTER = 0  # posted_by for articles the bot posted from a feed: no member did


def about_tracked(article: Article, headline: str, shows: Sequence[Show]) -> Show | None:
    """The tracked show an entry is about: one its facts name (the same season first), else
    one whose title the headline spells out. None when it is about none of them."""
    by_key: dict[str, list[Show]] = {}
    for show in shows:
        by_key.setdefault(title_key(show.title), []).append(show)
    named = [article.facts, *article.other_premieres]
    for facts in named:
        candidates = by_key.get(title_key(facts.show or ""), [])
        if candidates:
            same_season = [s for s in candidates if s.season == facts.season]
            return max(same_season or candidates, key=lambda s: s.premiere)
    text = f" {_words(f'{headline} {article.title}')} "
    for key, candidates in sorted(by_key.items(), key=lambda pair: -len(pair[0])):
        words = _words(key)
        if len(words) >= _SHORTEST_TITLE_IN_HEADLINE and f" {words} " in text:
            return max(candidates, key=lambda s: s.premiere)
    return None


class NewsDesk:
    def __init__(
        self,
        articles: ArticleService,
        shows: ShowRepository,
        subscriptions: SubscriptionRepository,
        sender: Sender,
        *,
        held: ReminderRepository,
        clock: Clock,
        fetcher: Fetcher | None = None,
    ) -> None:
        self._articles = articles
        self._shows = shows
        self._subscriptions = subscriptions
        self._sender = sender
        self._held = held  # DMs kept for members' quiet hours
        self._clock = clock
        # Told when news is held, so the timer that sends held DMs wakes at the right time.
        self.news_held: Callable[[], Awaitable[object]] | None = None
        self._fetcher = fetcher
        self._locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def publish(self, feed: Feed, entry: FeedEntry) -> int | None:
        """Post the entry in the feed's channel and return the message id; None when the server
        doesn't want it: a story it already has, not about a tracked show (only_tracked), or
        nothing readable. Raises SendError when Discord refused the post."""
        guild_id = feed.guild_id
        if await self._articles.story_known(guild_id, url=entry.link, headline=entry.title):
            return None
        article = await self._read(entry)
        if article is None:
            return None
        tracked = about_tracked(article, entry.title, await self._shows.all_in_guild(guild_id))
        if feed.only_tracked and tracked is None:
            return None
        readers = await self._subscriptions.news_readers(guild_id, tracked.id) if tracked else []
        # Feeds of one server are checked concurrently: the same story arriving from two of
        # them must be claimed by one, so the check and the claim happen under one lock.
        async with self._locks[guild_id]:
            if await self._articles.story_known(
                guild_id, url=entry.link, headline=entry.title
            ) or await self._articles.story_known(
                guild_id, url=article.url, headline=article.title
            ):
                return None
            try:
                claim = await self._articles.reserve(
                    guild_id,
                    article,
                    url=entry.link,
                    # An entry without a link is known by its feed, id or title, and date.
                    text=None
                    if entry.link
                    else f"feed{feed.id}:{entry.id or entry.title}|{entry.published}",
                    posted_by=FEED_POSTER,
                    feed_id=feed.id,
                )
            except AlreadyPosted:
                return None
        posted = claim.article

        async def post() -> Placed:
            message_id = await self._post(feed, posted.id, article, tracked, readers)
            return Placed(feed.channel_id, message_id)

        placed = await post_once(claim, post)
        assert placed is not None
        await self._direct(guild_id, posted.id, article, [r for r in readers if _by_dm(r)])
        return placed.message_id

    async def _read(self, entry: FeedEntry) -> Article | None:
        """The linked page when it can be fetched; else the feed's own content; else its
        headline alone."""
        published = entry.published.date() if entry.published else None
        if entry.link:
            try:
                return await read_article(
                    url=entry.link, published=published, fetcher=self._fetcher
                )
            except ArticleError as error:
                log.info("feed entry %s: page unreadable (%s); using the feed", entry.link, error)
        page = _page(entry)
        copies = [("html", page)] if page else []
        copies += [("text", entry.title)] if entry.title else []
        for kind, copy in copies:
            try:
                if kind == "html":
                    return await read_article(url=entry.link, published=published, html=copy)
                return await read_article(url=entry.link, published=published, text=copy)
            except ArticleError:
                continue
        return None

    async def _post(
        self,
        feed: Feed,
        article_id: int,
        article: Article,
        tracked: Show | None,
        readers: Sequence[Subscription],
    ) -> int:
        in_channel = [r.user_id for r in readers if not _by_dm(r)]
        batches = mention_batches(None, in_channel)
        first = batches[0]
        message_id = await self._sender.to_channel(
            feed.channel_id,
            content=_mentions(first.user_ids),
            embed=render.article_embed(article, tracked=tracked),
            view=render.article_buttons(article_id, about_a_show=article.facts.trackable),
            role_id=None,
            user_ids=first.user_ids,
            nonce=f"news{article_id}",
        )
        for part, batch in enumerate(batches[1:], start=1):
            try:
                await self._sender.to_channel(
                    feed.channel_id,
                    content=_mentions(batch.user_ids),
                    embed=None,
                    view=None,
                    role_id=None,
                    user_ids=batch.user_ids,
                    nonce=f"news{article_id}p{part}",
                )
            except SendError as error:
                # The story is posted; a missing mention is not worth posting it twice.
                log.info("news mentions %d for article %d not sent: %s", part, article_id, error)
        return message_id

    async def _direct(
        self, guild_id: int, article_id: int, article: Article, readers: Sequence[Subscription]
    ) -> None:
        """Members who asked for DMs get the news privately; a closed DM only costs them it.
        A member in their quiet hours gets it when they end, with their other held DMs."""
        now = self._clock.now()
        for reader in readers:
            quiet = await self._subscriptions.quiet_hours(guild_id, reader.user_id)
            if quiet is not None and quiet.covers(now):
                embed = json.dumps(render.article_embed(article).to_dict())
                await self._held.hold_news(
                    guild_id, reader.user_id, article_id, embed, quiet.ends_after(now)
                )
                if self.news_held is not None:
                    await self.news_held()
                continue
            try:
                await self._sender.to_user(
                    reader.user_id,
                    embed=render.article_embed(article),
                    view=None,
                    nonce=f"news{article_id}u{reader.user_id}"[:25],
                )
            except SendError as error:
                log.info("news DM to %s not sent: %s", reader.user_id, error)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _by_dm(subscription: Subscription) -> bool:
    return subscription.delivery is Delivery.DM and not subscription.dm_blocked


def _mentions(user_ids: Sequence[int]) -> str:
    return " ".join(f"<@{user_id}>" for user_id in user_ids)


def _page(entry: FeedEntry) -> str | None:
    """The feed's own copy of the story as a small page, headline first."""
    if not entry.content_html:
        return None
    return (
        f"<html><head><title>{html.escape(entry.title)}</title></head><body><article>"
        f"<h1>{html.escape(entry.title)}</h1>{entry.content_html}</article></body></html>"
    )
