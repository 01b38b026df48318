"""Thread names read like the post they discuss and never pass Discord's 100 characters."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from bot.domain.dates import Precision
from bot.domain.episodes import Episode
from bot.domain.shows import Show
from bot.render.threads import THREAD_NAME_MAX, episode_thread, premiere_thread

AIR = datetime(2027, 1, 11, 2, 0, tzinfo=UTC)
SHOW = Show(1, 2, "Severance", 2, "Apple TV+", AIR, Precision.TIME, "UTC", 3, AIR)


def episode(number: int) -> Episode:
    return Episode(9, number, 2, number, f"Part {number}", AIR, True)


def test_names_say_the_show_season_and_episode() -> None:
    assert premiere_thread(SHOW) == "Severance S2 · premiere discussion"
    assert premiere_thread(replace(SHOW, season=None)) == "Severance · premiere discussion"
    assert episode_thread(SHOW, [episode(3)]) == "Severance S2E3 · episode discussion"
    drop = [episode(n) for n in range(2, 9)]
    assert episode_thread(SHOW, drop) == "Severance S2E2–E8 · episodes discussion"


def test_a_long_title_is_shortened_not_the_season_or_episode() -> None:
    long = replace(SHOW, title="The Extraordinarily Long-Winded Chronicles " * 3)
    for name in (premiere_thread(long), episode_thread(long, [episode(10)])):
        assert len(name) <= THREAD_NAME_MAX
        assert "…" in name
    assert premiere_thread(long).endswith("… S2 · premiere discussion")
