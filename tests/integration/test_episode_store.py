"""TVmaze's episodes as the bot keeps them: a re-read with nothing new changes nothing (and
re-plans nothing); a moved episode's sequence grows, so calendars update it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.db.connection import Database
from bot.db.episodes import EpisodeRepository
from bot.domain.episodes import Episode, Finale
from tests.conftest import ON_BOTH_ENGINES

pytestmark = ON_BOTH_ENGINES

AIR = datetime(2027, 1, 11, 2, 0, tzinfo=UTC)
SEASON = [
    Episode(301, 9000 + n, 4, n, f"Part {n}", AIR + timedelta(weeks=n - 1), True)
    for n in range(1, 4)
]


@pytest.fixture
async def store(database_url: str | None, tmp_path: Path) -> AsyncIterator[EpisodeRepository]:
    db = await Database.open(database_url or tmp_path / "bot.sqlite3")
    try:
        yield EpisodeRepository(db)
    finally:
        await db.close()


async def test_a_reread_with_nothing_new_changes_nothing(store: EpisodeRepository) -> None:
    assert await store.replace(301, SEASON) is True
    assert await store.replace(301, SEASON) is False
    renamed = [*SEASON[:2], replace(SEASON[2], name="The End", finale=Finale.SEASON)]
    assert await store.replace(301, renamed) is True
    assert [e.finale for e in await store.of_season(301, 4)] == [None, None, Finale.SEASON]


async def test_a_moved_episode_keeps_its_id_and_its_sequence_grows(
    store: EpisodeRepository,
) -> None:
    await store.replace(301, SEASON)
    moved = replace(SEASON[1], airs_at=SEASON[1].airs_at + timedelta(days=3))
    await store.replace(301, [SEASON[0], moved, SEASON[2]])
    await store.replace(301, [SEASON[0], moved])  # episode 3 leaves the schedule

    kept = await store.of_season(301, 4)
    assert [(e.number, e.sequence) for e in kept] == [(1, 0), (2, 1)]
    assert kept[1].airs_at == moved.airs_at
