"""Fuzzy matching of what a member types against a server's show titles (for autocomplete).

Forgiving in the ways people are: case, a missing "The", "S2" for season 2, a typo or two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from bot.domain.shows import Show

_ARTICLES = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_SEASON = re.compile(r"\b(?:s|season|series)\s*(\d{1,3})\b", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w\s]")


def _normalise(text: str) -> str:
    text = _NON_WORD.sub(" ", text.casefold())
    return _ARTICLES.sub("", " ".join(text.split()))


def split_season(query: str) -> tuple[str, int | None]:
    """ "jessica jones s2" → ("jessica jones", 2)."""
    match = _SEASON.search(query)
    if match is None:
        return query, None
    return (query[: match.start()] + query[match.end() :]).strip(), int(match.group(1))


def score(query: str, show: Show) -> float:
    """0..1, how well the typed text names this show; 0 means not at all."""
    text, season = split_season(query)
    wanted, title = _normalise(text), _normalise(show.title)
    if season is not None and show.season != season:
        return 0.0
    if not wanted:
        return 0.5
    if title == wanted:
        base = 1.0
    elif title.startswith(wanted):
        base = 0.95  # below the whole title: "Severance" names Severance, not Severance Pay
    elif f" {wanted}" in f" {title}":
        base = 0.9
    elif wanted in title:
        base = 0.8
    else:
        # Compare against the title's leading part as long as what was typed, so a typo in
        # the first word of a long title still finds it.
        head = title[: len(wanted) + 2]
        base = (
            max(
                SequenceMatcher(None, wanted, head).ratio(),
                SequenceMatcher(None, wanted, title).ratio(),
            )
            * 0.75
        )
        if base < 0.5:
            return 0.0
    return base + (0.05 if season is not None else 0.0)


def is_exact(query: str, show: Show) -> bool:
    """Whether the typed text is the show's whole title (as forgivingly as score reads it)."""
    text, season = split_season(query)
    if season is not None and show.season != season:
        return False
    wanted = _normalise(text)
    return bool(wanted) and wanted == _normalise(show.title)


def rank(query: str, shows: Iterable[Show], limit: int = 25) -> list[Show]:
    """The best matches first; among equals the whole title typed comes first ("Severance"
    before "Severance Pay"), then the sooner premiere, then the title."""
    scored = [(score(query, s), s) for s in shows]
    kept = [(sc, not is_exact(query, s), s) for sc, s in scored if sc > 0]
    kept.sort(key=lambda entry: (-entry[0], entry[1], entry[2].premiere, entry[2].title.casefold()))
    return [s for _, _, s in kept[:limit]]
