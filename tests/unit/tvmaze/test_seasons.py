"""Reading TVmaze's season objects into TvSeason: what is known, what is not yet, and junk."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.tvmaze import TvSeason, parse_season


def season_json(**fields: Any) -> dict[str, Any]:
    """A season as /shows/{id}/seasons lists it, complete unless fields say otherwise."""
    raw: dict[str, Any] = {
        "id": 4021,
        "url": "https://www.tvmaze.com/seasons/4021/quiet-valley-season-4",
        "number": 4,
        "name": "",
        "episodeOrder": 10,
        "premiereDate": "2027-01-10",
        "endDate": "2027-03-14",
        "network": {"id": 8, "name": "HBO", "country": {"timezone": "America/New_York"}},
        "webChannel": None,
        "image": None,
        "summary": None,
        "_links": {"self": {"href": "https://api.tvmaze.com/seasons/4021"}},
    }
    raw.update(fields)
    return raw


def test_a_complete_season() -> None:
    assert parse_season(season_json()) == TvSeason(
        id=4021,
        number=4,
        episode_order=10,
        premiere_date=date(2027, 1, 10),
        end_date=date(2027, 3, 14),
    )


def test_a_season_announced_but_not_dated() -> None:
    parsed = parse_season(season_json(episodeOrder=None, premiereDate=None, endDate=None))

    assert parsed == TvSeason(4021, 4, None, None, None)


def test_a_season_airing_with_its_order_known_but_no_end_yet() -> None:
    parsed = parse_season(season_json(endDate=None))

    assert parsed is not None
    assert (parsed.episode_order, parsed.premiere_date, parsed.end_date) == (
        10,
        date(2027, 1, 10),
        None,
    )


def test_missing_optional_fields_read_as_unknown() -> None:
    assert parse_season({"id": 7, "number": 1}) == TvSeason(7, 1, None, None, None)


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "season",
        [],
        {},
        {"id": 1},
        {"number": 1},
        {"id": None, "number": 1},
        {"id": 1, "number": None},
        {"id": "1", "number": 1},
        {"id": 1, "number": "2"},
        {"id": True, "number": 1},
        {"id": 1, "number": False},
        {"id": 1.0, "number": 1},
    ],
)
def test_a_season_without_a_usable_id_or_number_is_skipped(raw: Any) -> None:
    assert parse_season(raw) is None


@pytest.mark.parametrize("order", [None, "10", True, False, 0, -3, 10.0, [10], {"n": 10}])
def test_an_episode_order_that_is_not_a_count_is_unknown(order: Any) -> None:
    parsed = parse_season(season_json(episodeOrder=order))

    assert parsed is not None and parsed.episode_order is None


@pytest.mark.parametrize(
    "value", [None, "", "TBA", "2027-02-30", "2027/01/10", "10-01-2027", 20270110, True, {}]
)
def test_a_date_that_is_not_a_date_is_unknown(value: Any) -> None:
    parsed = parse_season(season_json(premiereDate=value, endDate=value))

    assert parsed is not None
    assert (parsed.premiere_date, parsed.end_date) == (None, None)
    assert parsed.episode_order == 10  # the rest of the season is still read


@given(
    st.dictionaries(
        st.sampled_from(["id", "number", "episodeOrder", "premiereDate", "endDate", "name"]),
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=True)
        | st.text(max_size=12)
        | st.lists(st.integers(), max_size=2),
    )
)
def test_any_shape_gives_a_season_or_none_and_never_raises(raw: dict[str, Any]) -> None:
    parsed = parse_season(raw)

    usable = all(
        isinstance(raw.get(key), int) and not isinstance(raw.get(key), bool)
        for key in ("id", "number")
    )
    assert (parsed is not None) == usable
    if parsed is not None:
        assert parsed.episode_order is None or parsed.episode_order > 0
        assert parsed.premiere_date is None or isinstance(parsed.premiere_date, date)
