"""A page that writes no season: is its show a new series? Our own sentences."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

from bot.articles import first_season
from bot.articles.facts import find_facts

HEADLINE = "Harbour Lights gets a premiere date"
FIRST_RUN = (
    "Harbour Lights, starring Mae Santos and Tom Reyes, premieres on tvN on Monday, July 22. "
    "The 16-episode series is based on a popular webtoon and follows a lighthouse keeper who "
    "finds a letter."
)
COMING_BACK = (
    "Fans of Harbour Lights, starring Mae Santos and Tom Reyes, can rejoice: the drama returns "
    "to ITV on Monday, July 22, picking up where last season left off."
)
PUBLISHED = date(2024, 6, 21)


def season(body: str) -> int | None:
    facts, _ = find_facts(HEADLINE, body, published=PUBLISHED)
    assert facts.show == "Harbour Lights"
    return facts.season


def test_the_stored_weights_are_for_the_signals_the_model_computes() -> None:
    stored = resources.files("bot.articles") / "data" / "first_season.json"
    assert tuple(json.loads(stored.read_text())["features"]) == first_season.FEATURES
    signals = first_season.signals(FIRST_RUN, "Harbour Lights", single=True)
    assert len(first_season.weights()) == len(signals.vector()) == len(first_season.FEATURES)


def test_a_cast_a_synopsis_and_a_source_tell_a_first_run() -> None:
    assert season(FIRST_RUN) == 1


def test_fans_and_a_return_tell_a_show_coming_back_whose_season_is_unstated() -> None:
    assert season(COMING_BACK) is None


def test_genre_and_region_alone_leave_the_season_unstated() -> None:
    bare = "tvN's romantic drama Harbour Lights will premiere on Monday, July 22 at 8:40 p.m. KST."
    assert not first_season.told_as_a_first_run(bare, "Harbour Lights", single=True)
    assert season(bare) is None


def test_recording_shows_the_trainer_the_pages_whose_season_the_rules_leave_empty() -> None:
    with first_season.recording() as offered:
        assert season(FIRST_RUN) is None  # while recording, the rules alone decide
    assert [s.cast_words > 0 and s.adaptation_words > 0 for s in offered] == [True]
