"""bot.domain.search: how what a member types is matched against a server's show titles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.domain.dates import Precision
from bot.domain.search import rank, score, split_season
from bot.domain.shows import Show

NOW = datetime(2026, 11, 24, 15, tzinfo=UTC)

PREFIX_SCORE = 0.95  # the start of a title: just below the whole title typed


def show(title: str, season: int | None = None, *, days: int = 10, show_id: int = 1) -> Show:
    premiere = NOW + timedelta(days=days)
    return Show(show_id, 1, title, season, None, premiere, Precision.DAY, "UTC", 1, NOW)


def titles(shows: list[Show]) -> list[str]:
    return [s.title for s in shows]


# Titles made of plain lowercase words: no digits (so no season shorthand), no leading article,
# and single spaces, so the text a member types and the title compare word for word.
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)
plain_titles = (
    st.lists(words, min_size=1, max_size=4)
    .map(" ".join)
    .filter(lambda title: title.split()[0] not in {"the", "a", "an"})
)
days_ahead = st.integers(0, 400)


@st.composite
def libraries(draw: st.DrawFn, min_size: int = 0) -> list[Show]:
    """A server's shows: distinct titles, some with seasons, premieres spread over a year."""
    names = draw(st.lists(plain_titles, min_size=min_size, max_size=12, unique=True))
    return [
        show(name, draw(st.none() | st.integers(1, 5)), days=draw(days_ahead), show_id=n)
        for n, name in enumerate(names, 1)
    ]


# ------------------------------------------------------------------------------ split_season


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("jessica jones s2", ("jessica jones", 2)),
        ("jessica jones S02", ("jessica jones", 2)),
        ("jessica jones season 3", ("jessica jones", 3)),
        ("Doctor Who series 14", ("Doctor Who", 14)),
        ("s2 severance", ("severance", 2)),
        ("severance", ("severance", None)),
        ("class of 1999", ("class of 1999", None)),
        ("seasons", ("seasons", None)),
        ("s2x", ("s2x", None)),
    ],
)
def test_split_season(query: str, expected: tuple[str, int | None]) -> None:
    assert split_season(query) == expected


# ------------------------------------------------------------------------------ score


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("severance", "Severance"),
        ("SEVERANCE", "Severance"),
        ("last of us", "The Last of Us"),
        ("the last of us", "The Last of Us"),
        ("dr who", "Dr. Who"),
        ("grey's", "Grey's Anatomy"),
        ("  jessica   jones ", "Jessica Jones"),
    ],
)
def test_case_articles_punctuation_and_spacing_are_forgiven(query: str, title: str) -> None:
    assert score(query, show(title)) >= PREFIX_SCORE


def test_a_word_inside_the_title_beats_letters_inside_a_word() -> None:
    harbor = show("Harbor Lights", days=30)
    spot = show("Spotlights", days=1)

    assert score("lights", harbor) > score("lights", spot) > 0
    assert titles(rank("lights", [spot, harbor])) == ["Harbor Lights", "Spotlights"]


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("severnace", "Severance"),
        ("jesica jnes", "Jessica Jones"),
        ("stranger thigns", "Stranger Things"),
    ],
)
def test_a_typo_or_two_still_finds_the_show(query: str, title: str) -> None:
    assert 0 < score(query, show(title)) < 1.0


def test_text_that_names_nothing_scores_zero() -> None:
    assert score("zzzz", show("Severance")) == 0.0


def test_the_right_season_helps_and_a_wrong_one_rules_the_show_out() -> None:
    second, third = show("Jessica Jones", 2), show("Jessica Jones", 3)

    assert score("jessica jones s2", second) > score("jessica jones", second)
    assert score("jessica jones s2", third) == 0.0
    assert score("jessica jones season 2", show("Jessica Jones")) == 0.0  # no season on record


def test_an_empty_query_matches_everything_alike() -> None:
    assert score("", show("Severance")) == score("   ", show("Jessica Jones", 2)) > 0


def test_an_exact_title_beats_a_longer_title_that_starts_with_it() -> None:
    # "/show info show:Severance" typed by hand must find "Severance", not tie with
    # "Severance Pay" (a tie makes the typed name ambiguous), and autocomplete must list the
    # exact title first even when the longer one premieres sooner.
    severance = show("Severance", days=30, show_id=1)
    severance_pay = show("Severance Pay", days=5, show_id=2)

    assert score("Severance", severance) > score("Severance", severance_pay)
    assert titles(rank("Severance", [severance_pay, severance])) == ["Severance", "Severance Pay"]


@given(title=plain_titles, query=plain_titles)
def test_case_never_matters(title: str, query: str) -> None:
    expected = score(query, show(title))
    assert score(query.upper(), show(title)) == expected
    assert score(query.title(), show(title.upper())) == expected


@given(title=plain_titles, query=st.text(max_size=40))
def test_without_a_season_a_score_is_between_0_and_1(title: str, query: str) -> None:
    assume(split_season(query)[1] is None)
    assert 0.0 <= score(query, show(title)) <= 1.0


@given(title=plain_titles, cut=st.integers(1, 40))
def test_the_start_of_a_title_is_a_full_match(title: str, cut: int) -> None:
    typed = title[:cut].strip()
    assume(typed)
    assert score(typed, show(title)) >= PREFIX_SCORE


@given(title=plain_titles, season=st.integers(1, 200), other=st.integers(1, 200))
def test_a_season_in_the_query_must_match_the_shows(title: str, season: int, other: int) -> None:
    assume(season != other)
    assert score(f"{title} s{other}", show(title, season)) == 0.0
    assert score(f"{title} season {season}", show(title, season)) > score(
        title, show(title, season)
    )


# ------------------------------------------------------------------------------ rank


def test_an_empty_query_lists_the_soonest_premieres_first_up_to_the_limit() -> None:
    shows = [show(f"Show {n}", days=30 - n, show_id=n) for n in range(30)]

    ranked = rank("", shows)

    assert titles(ranked) == [f"Show {n}" for n in range(29, 4, -1)]


def test_equal_matches_go_to_the_sooner_premiere_then_the_title() -> None:
    later = show("Jessica Jones", 3, days=40)
    sooner = show("Jessica Jones", 2, days=20)
    same_day = [show("Bravo", days=20), show("alpha", days=20)]

    assert [s.season for s in rank("jessica jones", [later, sooner])] == [2, 3]
    assert titles(rank("", same_day)) == ["alpha", "Bravo"]


def test_shows_that_do_not_match_are_left_out() -> None:
    shows = [show("Severance"), show("Jessica Jones", 2), show("The Last of Us")]
    assert titles(rank("jessica", shows)) == ["Jessica Jones"]
    assert rank("zzzz", shows) == []


@given(
    shows=libraries(), query=st.one_of(plain_titles, st.text(max_size=20)), limit=st.integers(0, 30)
)
def test_rank_keeps_the_best_matches_in_order(shows: list[Show], query: str, limit: int) -> None:
    ranked = rank(query, shows, limit)
    scores = [score(query, s) for s in ranked]

    assert len(ranked) <= limit
    assert all(value > 0 for value in scores)
    assert scores == sorted(scores, reverse=True)
    for (first, one), (second, other) in pairwise(zip(scores, ranked, strict=True)):
        if first == second:
            assert one.premiere <= other.premiere
    left_out = [s for s in shows if s not in ranked and score(query, s) > 0]
    if left_out:  # only when the list is full, and never a better match than those kept
        assert len(ranked) == limit
        if ranked:
            assert all(score(query, s) <= scores[-1] for s in left_out)


@given(
    others=libraries(),
    wanted=plain_titles,
    more=words,
    wanted_in=days_ahead,
    longer_in=days_ahead,
)
def test_an_exact_title_is_ranked_first(
    others: list[Show], wanted: str, more: str, wanted_in: int, longer_in: int
) -> None:
    # Beside whatever else the server tracks, a title that begins with the wanted one.
    exact = show(wanted, days=wanted_in, show_id=100)
    longer = show(f"{wanted} {more}", days=longer_in, show_id=101)
    shows = [s for s in others if s.title not in {exact.title, longer.title}] + [longer, exact]

    ranked = rank(wanted, shows)

    assert ranked[0].title == wanted
