"""Names of the discussion threads opened on premiere and episode posts."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.episodes import Episode
from bot.domain.shows import Show, clean_text

THREAD_NAME_MAX = 100  # Discord's limit


def _fit(title: str, rest: str) -> str:
    """The show's title, shortened as needed, then `rest`, within Discord's 100 characters."""
    title = clean_text(title)
    room = THREAD_NAME_MAX - len(rest)
    if len(title) > room:
        title = title[: max(room - 1, 1)].rstrip() + "…"
    return (title + rest)[:THREAD_NAME_MAX]


def premiere_thread(show: Show) -> str:
    """ "Severance S2 · premiere discussion" """
    season = f" S{show.season}" if show.season else ""
    return _fit(show.title, f"{season} · premiere discussion")


def episode_thread(show: Show, episodes: Sequence[Episode]) -> str:
    """ "Severance S2E3 · episode discussion", or "Severance S2E2–E8 · episodes discussion"
    for a drop."""
    first, last = episodes[0], episodes[-1]
    if len(episodes) == 1:
        return _fit(show.title, f" S{first.season}E{first.number} · episode discussion")
    return _fit(show.title, f" S{first.season}E{first.number}–E{last.number} · episodes discussion")
