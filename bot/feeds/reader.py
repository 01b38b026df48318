"""Read a feed once: a conditional GET through the article fetcher's guard, then parsing."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from bot.articles import ArticleError, Fetcher, FetchFailed
from bot.feeds.parse import NotAFeed, ParsedFeed, parse_feed


class FeedError(Exception):
    """The feed could not be read; str() says why, in words for the server's admins."""

    def __init__(self, reason: str, *, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class FeedRead:
    url: str  # where the feed was found, after redirects
    feed: ParsedFeed | None  # None when the site said nothing changed (304)
    etag: str | None
    last_modified: str | None

    @property
    def unchanged(self) -> bool:
        return self.feed is None


async def read_feed(
    fetcher: Fetcher, url: str, *, etag: str | None = None, last_modified: str | None = None
) -> FeedRead:
    try:
        response = await fetcher.fetch_feed(url, etag=etag, last_modified=last_modified)
    except FetchFailed as error:
        raise FeedError(str(error), retry_after=error.retry_after) from None
    except ArticleError as error:
        raise FeedError(str(error)) from None
    if response.status == 304:
        # Some servers omit the validators on a 304: keep the ones that earned it.
        return FeedRead(
            response.url, None, response.etag or etag, response.last_modified or last_modified
        )
    try:
        # feedparser is CPU work: off the event loop, as article parsing is.
        parsed = await asyncio.to_thread(
            parse_feed, response.body, url=response.url, content_type=response.content_type
        )
    except NotAFeed as error:
        raise FeedError(str(error)) from None
    return FeedRead(response.url, parsed, response.etag, response.last_modified)
