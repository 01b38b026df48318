"""The news feeds a server follows: adding (read once, nothing posted), listing, removing."""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from bot.articles import Fetcher
from bot.clock import Clock
from bot.db.feeds import FeedRepository, NewFeed
from bot.domain.feeds import (
    DEFAULT_INTERVAL,
    MAX_FEEDS_PER_SERVER,
    TITLE_MAX,
    Feed,
    feed_key,
    next_check,
)
from bot.domain.shows import clean_text
from bot.errors import AlreadyExists, InvalidInput, NotFound
from bot.feeds.reader import FeedError, read_feed

FeedsChanged = Callable[[], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class FeedAdded:
    feed: Feed
    resumed: bool  # it was paused and the member added it again
    entries: int  # how many stories it had: all marked as seen, none posted


class FeedService:
    def __init__(
        self,
        feeds: FeedRepository,
        clock: Clock,
        *,
        fetcher: Fetcher | None = None,
        interval: timedelta = DEFAULT_INTERVAL,
        rng: random.Random | None = None,
    ) -> None:
        self._feeds = feeds
        self._clock = clock
        self._fetcher = fetcher or Fetcher()
        self._interval = interval
        self._rng = rng or random.Random()  # noqa: S311 (jitter, not secrecy)
        self.listeners: list[FeedsChanged] = []  # the poller: its next wake-up may move

    async def add(
        self, guild_id: int, url: str, *, channel_id: int, only_tracked: bool, added_by: int
    ) -> FeedAdded:
        """Follow a feed. It is read now: a link that is not a feed is refused with the reason,
        and what it already lists is remembered, so it starts posting with the next story."""
        url = url.strip()
        url_key = _key(url)
        existing = await self._feeds.find(guild_id, url_key)
        now = self._clock.now()
        if existing is not None and existing.paused:
            feed = await self._feeds.resume(
                guild_id,
                existing.id,
                channel_id=channel_id,
                only_tracked=only_tracked,
                next_poll_at=now,
            )
            await self._changed()
            return FeedAdded(feed, resumed=True, entries=0)
        if existing is not None:
            raise AlreadyExists(
                f"This server already follows that feed ({existing.title}), posting in "
                f"<#{existing.channel_id}>. Use /feed remove first to change where it posts."
            )
        if await self._feeds.count(guild_id) >= MAX_FEEDS_PER_SERVER:
            raise InvalidInput(
                f"This server follows {MAX_FEEDS_PER_SERVER} feeds, the most it can. "
                "Remove one with /feed remove first."
            )
        try:
            read = await read_feed(self._fetcher, url)
        except FeedError as error:
            raise InvalidInput(f"I can't follow that: {error}") from None
        assert read.feed is not None  # a first read is never conditional
        title = clean_text(read.feed.title)[:TITLE_MAX] or _host(url)
        try:
            feed = await self._feeds.insert(
                NewFeed(
                    guild_id=guild_id,
                    url=url,
                    url_key=url_key,
                    title=title,
                    channel_id=channel_id,
                    only_tracked=only_tracked,
                    added_by=added_by,
                    added_at=now,
                    interval=self._interval,
                    next_poll_at=next_check(now, self._interval, self._rng),
                    etag=read.etag,
                    last_modified=read.last_modified,
                ),
                [key for entry in read.feed.entries for key in entry.keys],
            )
        except AlreadyExists:
            raise AlreadyExists(
                "That feed was just added here by someone else. See /feed list."
            ) from None
        await self._changed()
        return FeedAdded(feed, resumed=False, entries=len(read.feed.entries))

    async def remove(self, guild_id: int, feed_id: int) -> Feed:
        feed = await self.get(guild_id, feed_id)
        if not await self._feeds.delete(guild_id, feed_id):
            raise _not_found()
        await self._changed()
        return feed

    async def get(self, guild_id: int, feed_id: int) -> Feed:
        feed = await self._feeds.get(guild_id, feed_id)
        if feed is None:
            raise _not_found()
        return feed

    async def in_guild(self, guild_id: int) -> list[Feed]:
        return await self._feeds.in_guild(guild_id)

    async def resolve(self, guild_id: int, text: str) -> Feed:
        """The feed a member named: an autocomplete pick (its id), its link, or its title."""
        text = text.strip()
        if (
            text.isascii()  # "²" is a digit to str.isdigit, not to int()
            and text.isdigit()
            and int(text) < 2**63
            and (feed := await self._feeds.get(guild_id, int(text)))
        ):
            return feed
        feeds = await self._feeds.in_guild(guild_id)
        if "://" in text:
            key = _key(text)
            for feed in feeds:
                if _key(feed.url) == key:
                    return feed
        named = [f for f in feeds if f.title.casefold() == text.casefold()]
        if len(named) == 1:
            return named[0]
        raise _not_found()

    async def suggest(self, guild_id: int, typed: str, limit: int = 25) -> list[Feed]:
        feeds = await self._feeds.in_guild(guild_id)
        wanted = typed.strip().casefold()
        return [f for f in feeds if wanted in f"{f.title} {f.url}".casefold()][:limit]

    async def _changed(self) -> None:
        for listener in self.listeners:
            await listener()


def _key(url: str) -> str:
    try:
        return feed_key(url)
    except ValueError:
        raise InvalidInput(
            "That isn't a feed link I can read. Give the whole link, starting https://."
        ) from None


def _host(url: str) -> str:
    return feed_key(url).split("/")[0]


def _not_found() -> NotFound:
    return NotFound("This server doesn't follow that feed. See /feed list for the ones it does.")
