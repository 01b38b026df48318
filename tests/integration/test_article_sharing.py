"""The hourly sharing limit on each engine: what counts toward a member's five (their own
shares in that server within the rolling hour) and what doesn't (feed posts, other servers)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.articles import Article, PremiereFacts
from bot.db.articles import ArticleRepository
from bot.db.connection import Database, Dialect
from bot.services.articles import SHARES_PER_HOUR, ArticleService, SharingLimitReached
from tests.postgres import PostgresServer

NOW = datetime(2026, 11, 24, 15, tzinfo=UTC)
SERVER, OTHER_SERVER = 1, 2
MEMBER, OTHER_MEMBER = 10, 11


class SetClock:
    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current


@pytest.fixture(params=list(Dialect))
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    if request.param is Dialect.SQLITE:
        database = await Database.open(tmp_path / "bot.sqlite3")
        yield database
        await database.close()
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = await server.fresh_database()
    database = await Database.open(url)
    yield database
    await database.close()
    await server.drop_database(url)


@pytest.fixture
def clock() -> SetClock:
    return SetClock(NOW)


@pytest.fixture
def service(db: Database, clock: SetClock) -> ArticleService:
    no_shows: Any = None  # sharing never looks at shows
    return ArticleService(db, no_shows, clock)


def piece(number: int) -> Article:
    facts = PremiereFacts(None, None, None, None, None, None)
    return Article(f"Story number {number} about television", None, None, "A summary.", facts, ())


async def share(
    service: ArticleService, number: int, *, guild_id: int = SERVER, member_id: int = MEMBER
) -> None:
    await service.reserve(
        guild_id, piece(number), url=None, text=f"story {number}", posted_by=member_id
    )


async def test_the_limit_counts_only_the_members_own_shares_in_that_server(
    service: ArticleService, clock: SetClock
) -> None:
    first_share = NOW
    for number in range(SHARES_PER_HOUR):
        await share(service, number)
        clock.current += timedelta(minutes=5)
    # None of these are the member's shares here.
    await share(service, 100, guild_id=OTHER_SERVER)
    await share(service, 101, member_id=OTHER_MEMBER)
    await service.reserve(
        SERVER, piece(102), url=None, text="feed entry", posted_by=MEMBER, feed_id=7
    )

    with pytest.raises(SharingLimitReached) as refused:
        await service.ensure_may_share(SERVER, MEMBER)
    assert refused.value.retry_at == first_share + timedelta(hours=1)
    await service.ensure_may_share(OTHER_SERVER, MEMBER)
    await service.ensure_may_share(SERVER, OTHER_MEMBER)

    clock.current = first_share + timedelta(hours=1)
    await service.ensure_may_share(SERVER, MEMBER)
    await share(service, 6)


async def test_a_claim_beyond_the_limit_is_given_back(
    service: ArticleService, db: Database
) -> None:
    for number in range(SHARES_PER_HOUR):
        await share(service, number)

    with pytest.raises(SharingLimitReached):
        await share(service, 99)

    recent = await ArticleRepository(db).shared_since(
        SERVER, MEMBER, NOW - timedelta(hours=1), limit=10
    )
    assert len(recent) == SHARES_PER_HOUR  # the refused claim was not kept
