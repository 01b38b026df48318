"""Premiere news in a server: read an article, post it once, and track what it announces.

No Discord here: the cog turns these results into messages, buttons and a modal.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.articles import (
    Article,
    ArticleError,
    Fetcher,
    PremiereFacts,
    normalise_url,
    read_article,
)
from bot.clock import Clock
from bot.db.articles import ArticleRepository, Duplicate, NewArticle, PostedArticle
from bot.db.connection import Database
from bot.db.shows import ShowRepository
from bot.domain.dates import Precision, zone_for
from bot.domain.settings import ArticlesWho
from bot.domain.shows import Show
from bot.errors import AlreadyExists, InvalidInput, NotFound, UserError
from bot.services.once import Placed
from bot.services.shows import ShowEdit, ShowService

UNSURE_BELOW = 0.6  # a fact less sure than this is marked, and Track asks to confirm it
SAME_STORY_WINDOW = timedelta(days=14)
# A member may make the bot post this many stories in a server in any rolling hour.
SHARES_PER_HOUR = 5
PREVIEWS_PER_HOUR = 20  # private previews, for members the server doesn't let post news
SHARING_WINDOW = timedelta(hours=1)
PREVIEW_MEMBERS_KEPT = 1024  # past this many, members who asked over an hour ago are forgotten


@dataclass(frozen=True, slots=True)
class TrackPlan:
    """What clicking Track on an article should do."""

    article: PostedArticle
    facts: PremiereFacts | None
    tracked: Show | None  # the server already tracks this show and season
    needs_confirmation: bool  # facts missing or unsure: confirm them in a form first

    @property
    def same_premiere(self) -> bool:
        return self.tracked is not None and same_premiere(self.facts, self.tracked)


class AlreadyPosted(UserError):
    def __init__(self, jump_url: str | None) -> None:
        where = f": {jump_url}" if jump_url else "."
        super().__init__(f"That article was already posted in this server{where}")
        self.jump_url = jump_url


class PreviewLimitReached(UserError):
    """The member asked for PREVIEWS_PER_HOUR private previews here within the hour: each is
    a page fetched for them, so they are counted too. The cog says when `retry_at` is."""

    def __init__(self, retry_at: datetime) -> None:
        super().__init__(
            f"You have asked for {PREVIEWS_PER_HOUR} article previews here in the last hour, "
            "the most allowed. Try again later."
        )
        self.retry_at = retry_at


class SharingLimitReached(UserError):
    """The member shared SHARES_PER_HOUR stories here within the hour; the cog says when
    `retry_at` is, as a Discord timestamp."""

    def __init__(self, retry_at: datetime) -> None:
        super().__init__(
            f"You have shared {SHARES_PER_HOUR} articles here in the last hour, the most "
            "allowed. Try again later; nothing was posted."
        )
        self.retry_at = retry_at


def posts_publicly(who: ArticlesWho, *, manager: bool) -> bool:
    """Whether a member's /article post goes in the channel, or is a private preview."""
    return who is ArticlesWho.EVERYONE or manager


@dataclass(frozen=True, slots=True)
class ArticleClaim:
    """A story claimed for a server, before it is posted (see bot.services.once)."""

    article: PostedArticle
    _articles: ArticleRepository

    async def posted(self, placed: Placed) -> None:
        await self._articles.posted(
            self.article.guild_id, self.article.id, placed.channel_id, placed.message_id
        )

    async def withdraw(self) -> None:
        await self._articles.withdraw(self.article.guild_id, self.article.id)


class ArticleService:
    def __init__(
        self, db: Database, shows: ShowService, clock: Clock, *, fetcher: Fetcher | None = None
    ) -> None:
        self._articles = ArticleRepository(db)
        self._fetcher = fetcher
        self._shows = shows
        self._show_rows = ShowRepository(db)
        self._clock = clock
        # When each member asked for their recent previews, per server. Kept in memory: a
        # preview stores nothing, and a server's commands all reach the process of its shard.
        self._previews: dict[tuple[int, int], deque[datetime]] = {}

    def ensure_may_preview(self, guild_id: int, member_id: int) -> None:
        """Count a private preview the member asks for, before anything is fetched; refuse the
        one past PREVIEWS_PER_HOUR within the hour."""
        now = self._clock.now()
        if len(self._previews) > PREVIEW_MEMBERS_KEPT:
            stale = [k for k, asked in self._previews.items() if asked[-1] <= now - SHARING_WINDOW]
            for key in stale:
                del self._previews[key]  # nobody asked within the hour: forget them
        asked = self._previews.setdefault((guild_id, member_id), deque())
        while asked and asked[0] <= now - SHARING_WINDOW:
            asked.popleft()
        if len(asked) >= PREVIEWS_PER_HOUR:
            raise PreviewLimitReached(asked[0] + SHARING_WINDOW)
        asked.append(now)

    async def read(
        self, *, url: str | None = None, text: str | None = None, spoiler_safe: bool = False
    ) -> Article:
        """Fetch and read an article; a failure becomes a refusal the member can act on."""
        try:
            return await read_article(
                url=url,
                text=text,
                spoiler_safe=spoiler_safe,
                fetcher=self._fetcher,
                today=self._clock.now().date(),
            )
        except ArticleError as error:
            raise InvalidInput(str(error)) from None

    async def ensure_new(self, guild_id: int, *, url: str | None, text: str | None) -> None:
        """Refuse, before fetching anything, an article this server already has (or a link
        that can't be read at all)."""
        try:
            key = source_key(url, text)
        except ArticleError as error:
            raise InvalidInput(str(error)) from None
        existing = await self._articles.by_source(guild_id, key)
        if existing is not None:
            raise AlreadyPosted(existing.jump_url)

    async def ensure_may_share(self, guild_id: int, member_id: int) -> None:
        """Refuse, before anything is fetched, a member who already shared SHARES_PER_HOUR
        stories in this server within the hour."""
        await self._check_shares(guild_id, member_id, before_id=None)

    async def _check_shares(self, guild_id: int, member_id: int, *, before_id: int | None) -> None:
        since = self._clock.now() - SHARING_WINDOW
        recent = await self._articles.shared_since(
            guild_id, member_id, since, limit=SHARES_PER_HOUR, before_id=before_id
        )
        if len(recent) >= SHARES_PER_HOUR:
            # Sharing opens again when the oldest of these is an hour old.
            raise SharingLimitReached(recent[-1] + SHARING_WINDOW)

    async def story_known(self, guild_id: int, *, url: str | None, headline: str) -> bool:
        """Whether this server already has the story: the same link, or the same headline
        within the last two weeks (the same news syndicated under another link)."""
        if url and await self._articles.by_source(guild_id, source_key(url, None)):
            return True
        key = headline_key(headline)
        if key is None:
            return False
        since = self._clock.now() - SAME_STORY_WINDOW
        return await self._articles.headline_since(guild_id, key, since)

    async def already_tracked(self, guild_id: int, facts: PremiereFacts | None) -> Show | None:
        if facts is None or not facts.show:
            return None
        return await self._show_rows.find(guild_id, facts.show, facts.season)

    async def reserve(
        self,
        guild_id: int,
        article: Article,
        *,
        url: str | None,
        text: str | None,
        posted_by: int,
        feed_id: int | None = None,
    ) -> ArticleClaim:
        """Claim the article for this server before posting it, so it is posted once even if
        two members share it at the same moment. It is known by the link the member gave (or
        the feed entry's), and its headline. A member's share (no feed) must be within
        SHARES_PER_HOUR. Post it with bot.services.once.post_once."""
        new = NewArticle(
            guild_id=guild_id,
            source_key=source_key(url, text),
            headline_key=headline_key(article.title),
            article=article,
            posted_by=posted_by,
            posted_at=self._clock.now(),
            feed_id=feed_id,
        )
        try:
            posted = await self._articles.claim(new)
        except Duplicate as duplicate:
            existing = duplicate.existing
            raise AlreadyPosted(existing.jump_url if existing else None) from None
        claim = ArticleClaim(posted, self._articles)
        if feed_id is None:
            # Checked again now the claim is written: of shares made at the same moment (the
            # check before fetching passed for each), only those within the limit go ahead.
            try:
                await self._check_shares(guild_id, posted_by, before_id=posted.id)
            except SharingLimitReached:
                await claim.withdraw()
                raise
        return claim

    async def get(self, guild_id: int, article_id: int) -> PostedArticle | None:
        return await self._articles.get(guild_id, article_id)

    async def plan_track(self, guild_id: int, article_id: int) -> TrackPlan:
        article = await self.get(guild_id, article_id)
        if article is None:
            raise NotFound("That article isn't known in this server any more.")
        facts = article.facts
        tracked = await self.already_tracked(guild_id, facts)
        return TrackPlan(article, facts, tracked, needs_confirmation=not is_sure(facts))

    async def track(self, guild_id: int, article_id: int, added_by: int) -> Show:
        """Track the article's show as it stands (facts sure enough, not yet tracked)."""
        plan = await self.plan_track(guild_id, article_id)
        facts = plan.facts
        if facts is None or not facts.show or facts.premiere is None or plan.needs_confirmation:
            raise InvalidInput("This article's facts need confirming first: click Track again.")
        if plan.tracked is not None:
            raise AlreadyExists(f"This server already tracks **{plan.tracked.label}**.")
        return await self._shows.add(
            guild_id,
            title=facts.show,
            premiere=premiere_text(facts),
            season=facts.season,
            network=facts.network,
            added_by=added_by,
            timezone=facts.timezone or "UTC",
        )

    async def update_tracked(self, guild_id: int, article_id: int) -> ShowEdit:
        """Move an already tracked show to the article's premiere."""
        plan = await self.plan_track(guild_id, article_id)
        if plan.tracked is None or plan.facts is None or plan.facts.premiere is None:
            raise NotFound("There is no tracked show to update from this article.")
        return await self._shows.edit(
            guild_id,
            plan.tracked.id,
            premiere=premiere_text(plan.facts),
            timezone=plan.facts.timezone or "UTC",
        )


def same_premiere(facts: PremiereFacts | None, show: Show) -> bool:
    """Whether the article and the tracked show name the same premiere: the same instant for
    a time, the same calendar day, month or year otherwise (each read in its own zone)."""
    if facts is None or facts.premiere is None or facts.premiere_precision != show.precision:
        return False
    if show.precision is Precision.TIME:
        return facts.premiere == show.premiere
    theirs = facts.premiere.astimezone(zone_for(facts.timezone or "UTC"))
    ours = show.premiere.astimezone(zone_for(show.timezone))
    fields = {
        Precision.DAY: ("year", "month", "day"),
        Precision.MONTH: ("year", "month"),
        Precision.YEAR: ("year",),
    }[show.precision]
    return all(getattr(theirs, f) == getattr(ours, f) for f in fields)


def is_sure(facts: PremiereFacts | None) -> bool:
    if facts is None or not facts.show or facts.premiere is None:
        return False
    return all(facts.confidence.get(k, 0.0) >= UNSURE_BELOW for k in ("show", "premiere"))


def unsure_fields(facts: PremiereFacts) -> set[str]:
    return {k for k, v in facts.confidence.items() if v < UNSURE_BELOW}


def premiere_text(facts: PremiereFacts) -> str:
    """The premiere as text our own date parser reads back exactly (for Track and the form)."""
    assert facts.premiere is not None
    precision = facts.premiere_precision or Precision.DAY
    instant = facts.premiere
    if precision is Precision.TIME:
        return instant.strftime("%Y-%m-%dT%H:%MZ")
    local = instant.astimezone(zone_for(facts.timezone or "UTC"))
    if precision is Precision.MONTH:
        return local.strftime("%B %Y")
    if precision is Precision.YEAR:
        return local.strftime("%Y")
    return local.strftime("%Y-%m-%d")


def headline_key(headline: str) -> str | None:
    """A headline's words without case or punctuation; None when too short to tell stories
    apart ("News", "Update")."""
    words = re.findall(r"\w+", headline.casefold())
    return " ".join(words) if len(words) >= 4 else None


def source_key(url: str | None, text: str | None) -> str:
    if url:
        return normalise_url(url)
    digest = hashlib.sha256(" ".join((text or "").split()).casefold().encode()).hexdigest()
    return f"text:{digest[:32]}"
