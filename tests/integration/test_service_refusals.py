"""Odd values reaching a service straight from a member get a clear refusal, never a crash."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.clock import SystemClock
from bot.db.connection import Database
from bot.db.feeds import FeedRepository
from bot.errors import InvalidInput, NotFound
from bot.services.articles import ArticleService
from bot.services.feeds import FeedService


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "bot.sqlite3")
    yield database
    await database.close()


@pytest.mark.parametrize("url", ["https://example.com:99999/story", "http://[::1/story"])
async def test_a_link_that_cant_be_read_is_refused_before_anything_else(
    db: Database, url: str
) -> None:
    no_shows: Any = None  # refused before shows are looked at
    articles = ArticleService(db, no_shows, SystemClock())

    with pytest.raises(InvalidInput, match="link"):
        await articles.ensure_new(1, url=url, text=None)


@pytest.mark.parametrize("named", ["²", "٣", "9" * 30])
async def test_a_feed_named_by_odd_digits_is_simply_not_found(db: Database, named: str) -> None:
    feeds = FeedService(FeedRepository(db), SystemClock())

    with pytest.raises(NotFound):
        await feeds.resolve(1, named)
