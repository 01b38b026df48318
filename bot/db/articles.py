"""The articles table: each story a server has, claimed before it is posted, and where it went."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from bot.articles import Article, PremiereFacts
from bot.db.connection import Database, Row, UniqueViolation
from bot.db.shows import from_epoch, to_epoch
from bot.domain.dates import Precision


@dataclass(frozen=True, slots=True)
class PostedArticle:
    id: int
    guild_id: int
    url: str | None
    title: str
    facts: PremiereFacts | None
    channel_id: int | None
    message_id: int | None

    @property
    def jump_url(self) -> str | None:
        if self.message_id is None:
            return None
        return f"https://discord.com/channels/{self.guild_id}/{self.channel_id}/{self.message_id}"


@dataclass(frozen=True, slots=True)
class NewArticle:
    """What a server claims when it is about to post a story."""

    guild_id: int
    source_key: str  # the link, normalised, or a digest of pasted text
    headline_key: str | None
    article: Article
    posted_by: int
    posted_at: datetime
    feed_id: int | None = None


class Duplicate(Exception):
    """The server already has a story with that source; `existing` is it."""

    def __init__(self, existing: PostedArticle | None) -> None:
        super().__init__("already posted")
        self.existing = existing


SELECT_ARTICLES = """
    SELECT id, guild_id, url, title, show, season, network, premiere_at, premiere_precision,
           premiere_timezone, confidence, channel_id, message_id
    FROM articles
"""


# A member's own shares (feed posts have a feed_id), newest first after the filters added.
SHARED_BY_MEMBER = """
    SELECT posted_at FROM articles
    WHERE guild_id = ? AND posted_by = ? AND feed_id IS NULL AND posted_at > ?
"""


class ArticleRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def by_source(self, guild_id: int, source_key: str) -> PostedArticle | None:
        row = await self._db.fetch_one(
            SELECT_ARTICLES + "WHERE guild_id = ? AND source_key = ?", (guild_id, source_key)
        )
        return None if row is None else _posted(row)

    async def headline_since(self, guild_id: int, headline_key: str, since: datetime) -> bool:
        """Whether the server has had a story under this headline since `since`."""
        row = await self._db.fetch_one(
            "SELECT 1 FROM articles WHERE guild_id = ? AND headline_key = ? AND posted_at >= ?",
            (guild_id, headline_key, to_epoch(since)),
        )
        return row is not None

    async def shared_since(
        self,
        guild_id: int,
        member_id: int,
        since: datetime,
        *,
        limit: int,
        before_id: int | None = None,
    ) -> list[datetime]:
        """When the member shared stories in this server after `since` (feed posts aside),
        newest first, at most `limit`; `before_id` counts only claims made before that one."""
        sql = SHARED_BY_MEMBER
        params: tuple[int, ...] = (guild_id, member_id, to_epoch(since))
        if before_id is not None:
            sql += " AND id < ?"
            params += (before_id,)
        rows = await self._db.fetch_all(
            sql + " ORDER BY posted_at DESC, id DESC LIMIT ?", (*params, limit)
        )
        return [from_epoch(row["posted_at"]) for row in rows]

    async def claim(self, new: NewArticle) -> PostedArticle:
        """Write the story down before it is posted; raises Duplicate when the server already
        has one from that source (the table's unique key decides, so two at once can't both)."""
        facts = new.article.facts
        try:
            async with self._db.transaction() as tx:
                article_id = await tx.insert(
                    """INSERT INTO articles (guild_id, source_key, url, title, show, season,
                                             network, premiere_at, premiere_precision,
                                             premiere_timezone, confidence, posted_by,
                                             posted_at, feed_id, headline_key)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (
                        new.guild_id,
                        new.source_key,
                        new.article.url,
                        new.article.title[:300],
                        facts.show,
                        facts.season,
                        facts.network,
                        to_epoch(facts.premiere) if facts.premiere else None,
                        facts.premiere_precision,
                        facts.timezone,
                        json.dumps(dict(facts.confidence)),
                        new.posted_by,
                        to_epoch(new.posted_at),
                        new.feed_id,
                        new.headline_key,
                    ),
                )
        except UniqueViolation:
            raise Duplicate(await self.by_source(new.guild_id, new.source_key)) from None
        posted = await self.get(new.guild_id, article_id)
        assert posted is not None
        return posted

    async def posted(
        self, guild_id: int, article_id: int, channel_id: int, message_id: int
    ) -> None:
        await self._db.execute(
            "UPDATE articles SET channel_id = ?, message_id = ? WHERE guild_id = ? AND id = ?",
            (channel_id, message_id, guild_id, article_id),
        )

    async def withdraw(self, guild_id: int, article_id: int) -> None:
        """Forget a claim whose post was never made (a posted one stays)."""
        await self._db.execute(
            "DELETE FROM articles WHERE guild_id = ? AND id = ? AND message_id IS NULL",
            (guild_id, article_id),
        )

    async def get(self, guild_id: int, article_id: int) -> PostedArticle | None:
        row = await self._db.fetch_one(
            SELECT_ARTICLES + "WHERE guild_id = ? AND id = ?", (guild_id, article_id)
        )
        return None if row is None else _posted(row)


def _posted(row: Row) -> PostedArticle:
    facts = None
    if row["show"] or row["premiere_at"] is not None:
        confidence: Mapping[str, float] = json.loads(row["confidence"])
        facts = PremiereFacts(
            show=row["show"],
            season=row["season"],
            network=row["network"],
            premiere=from_epoch(row["premiere_at"]) if row["premiere_at"] is not None else None,
            premiere_precision=Precision(row["premiere_precision"])
            if row["premiere_precision"]
            else None,
            timezone=row["premiere_timezone"],
            confidence=confidence,
        )
    return PostedArticle(
        row["id"],
        row["guild_id"],
        row["url"],
        row["title"],
        facts,
        row["channel_id"],
        row["message_id"],
    )
