"""A settings change the plan cannot follow is put back, and the member told nothing changed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.db.connection import Database
from bot.db.settings import SettingsRepository
from bot.errors import NotDone
from bot.services.settings import SettingsService


class BrokenPlan:
    """A listener whose first re-plan fails, as a database hiccup would make it."""

    def __init__(self) -> None:
        self.calls = 0

    async def offsets_changed(self, guild_id: int) -> None:
        self.calls += 1
        if self.calls == 1:
            raise RuntimeError("the plan could not be written")


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[SettingsService]:
    db = await Database.open(tmp_path / "bot.sqlite3")
    try:
        yield SettingsService(SettingsRepository(db))
    finally:
        await db.close()


async def test_offsets_the_plan_cannot_follow_are_put_back(service: SettingsService) -> None:
    plan = BrokenPlan()
    service.listeners.append(plan)
    with pytest.raises(NotDone, match="offsets were left as they were"):
        await service.set_offsets(1, "2d,3h")
    assert (await service.get(1)).reminder_offsets == (
        timedelta(days=7),
        timedelta(days=1),
        timedelta(hours=1),
        timedelta(0),
    )
    assert plan.calls == 2  # and the plan followed them back


async def test_a_delay_the_plan_cannot_follow_is_put_back(service: SettingsService) -> None:
    plan = BrokenPlan()
    service.listeners.append(plan)
    with pytest.raises(NotDone, match="delay was left as it was"):
        await service.set_episodes(1, delay="2h", names_hidden=True)
    settings = await service.get(1)
    assert settings.episode_delay == timedelta(0)
    assert settings.episode_names_hidden  # the names choice needs no re-plan: it stays
