"""The show ranker: which of a page's candidate titles is its show. Our own sentences."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from importlib import resources

from bot.articles import ranking
from bot.articles.facts import find_facts

ROUND_UP_HEADLINE = "Peacock Spring Schedule and More Details"
ROUND_UP = (
    "Peacock has named the dates for its spring originals, all of them arriving on Thursdays."
    "\n\nMarch 14th leads the way with the third season of “Killing Eve,” the second season of"
    " “Search Party” and a new docuseries, “The Hunt,” all landing together.\n\nAmong the new"
    " series there is “Gossip” on March 21st and the animated “Close Enough” on April 4th."
)


def candidate(name: str, **signals: object) -> ranking.Candidate:
    plain = ranking.Candidate(
        name=name,
        in_headline_run=False,
        quoted_in_headline=False,
        in_opening_run=True,
        quoted_in_opening=False,
        is_lead=False,
        lead_confidence=0.0,
        lead_from_headline=False,
        is_rules_choice=False,
        in_statement=False,
        is_chosen_statement=False,
        statements=0,
        in_slug=False,
        opening_count=1,
        first_at=0.5,
        words=len(name.split()),
        plausible=True,
        person=False,
        known=False,
    )
    return replace(plain, **signals)  # type: ignore[arg-type]


def test_tvmaze_knows_shows_by_their_names_not_words_or_people() -> None:
    assert ranking.known_show("Stranger Things")
    assert ranking.known_show("the good wife")  # case and a leading "The" do not matter
    assert not ranking.known_show("Tighten the Schedule Now")
    assert not ranking.known_show("Jeremy Allen White")


def test_the_stored_weights_are_for_the_features_the_ranker_computes() -> None:
    stored = json.loads((resources.files("bot.articles") / "data" / "show_ranker.json").read_text())
    assert tuple(stored["features"]) == ranking.FEATURES
    assert len(ranking.weights()) == len(candidate("X").vector()) == len(ranking.FEATURES)


def test_a_title_the_headline_quotes_and_tvmaze_knows_beats_a_passing_run() -> None:
    passing = candidate("Jeremy Allen White", person=True, first_at=0.9)
    show = candidate("The Bear", quoted_in_headline=True, quoted_in_opening=True, known=True)
    ranked = ranking.best([passing, show])
    assert ranked is not None and ranked.candidate is show
    assert 0.5 < ranked.probability <= 1.0


def test_no_candidates_rank_nothing() -> None:
    assert ranking.best([]) is None


def test_recording_shows_the_trainer_what_the_rules_alone_make_of_a_page() -> None:
    with ranking.recording() as offered:
        rules_only, _ = find_facts(ROUND_UP_HEADLINE, ROUND_UP, published=date(2024, 2, 1))
    assert rules_only.show is None  # a round-up: the rules name no lead
    assert offered and "Killing Eve" in {c.name for c in offered[0]}


def test_a_round_ups_first_show_is_named_where_the_rules_name_none_as_a_guess() -> None:
    facts, _ = find_facts(ROUND_UP_HEADLINE, ROUND_UP, published=date(2024, 2, 1))
    assert facts.show == "Killing Eve"
    assert not facts.trackable  # several shows compete: shown as unsure, never offered to track


def test_a_bare_run_of_the_opening_never_replaces_the_rules_show() -> None:
    headline = "Thornfield returns to ITV this autumn"
    body = (
        "Between the harvest and the first frost, Thornfield comes back. ITV said the second"
        " series of Thornfield will begin on Sunday, September 29, 2024, at 9pm."
    )
    facts, _ = find_facts(headline, body, published=date(2024, 8, 1))
    assert facts.show == "Thornfield"
    assert facts.premiere is not None and facts.premiere.date() == date(2024, 9, 29)
