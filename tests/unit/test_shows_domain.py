"""Pure rules about shows: premiere windows, text cleaning, safe rendering, fuzzy search."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain import search
from bot.domain.dates import Precision
from bot.domain.shows import Show, clean_text, title_key, window_end
from bot.render.text import safe

NOW = datetime(2026, 11, 24, 15, tzinfo=UTC)


def show(
    title: str = "Jessica Jones",
    season: int | None = None,
    *,
    days: int = 10,
    precision: Precision = Precision.DAY,
    timezone: str = "UTC",
) -> Show:
    return Show(1, 1, title, season, None, NOW + timedelta(days=days), precision, timezone, 1, NOW)


@pytest.mark.parametrize(
    ("precision", "start", "end"),
    [
        (
            Precision.TIME,
            datetime(2027, 3, 8, 21, tzinfo=UTC),
            datetime(2027, 3, 8, 21, 1, tzinfo=UTC),
        ),
        (Precision.DAY, datetime(2027, 3, 8, tzinfo=UTC), datetime(2027, 3, 9, tzinfo=UTC)),
        (Precision.MONTH, datetime(2027, 12, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC)),
        (Precision.YEAR, datetime(2027, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC)),
    ],
)
def test_window_end(precision: Precision, start: datetime, end: datetime) -> None:
    assert window_end(start, precision, "UTC") == end


def test_a_day_window_follows_the_zone_across_dst() -> None:
    # 2027-03-14 is the US spring-forward day: that local day is 23 hours long.
    start = datetime(2027, 3, 14, 5, tzinfo=UTC)  # midnight in New York (EST)
    assert window_end(start, Precision.DAY, "America/New_York") - start == timedelta(hours=23)


def test_a_day_premiere_is_upcoming_all_day() -> None:
    today = Show(
        1, 1, "T", None, None, datetime(2026, 11, 24, tzinfo=UTC), Precision.DAY, "UTC", 1, NOW
    )
    assert today.is_upcoming(NOW)
    assert not today.is_upcoming(datetime(2026, 11, 25, tzinfo=UTC))


def test_clean_text_drops_control_and_format_characters() -> None:
    assert clean_text("  Jessica\u200b \x00Jones\n\tS2\u202e ") == "Jessica Jones S2"
    assert title_key("The  OFFICE") == title_key("the office")


@pytest.mark.parametrize(
    "text",
    [
        "@everyone",
        "@here",
        "<@123456789012345678>",
        "<@!123456789012345678>",
        "<@&123456789012345678>",
        "<#123456789012345678>",
    ],
)
def test_safe_text_cannot_mention(text: str) -> None:
    rendered = safe(f"Show {text}")
    assert text not in rendered


def test_safe_text_escapes_markdown_and_links() -> None:
    rendered = safe("**Bold** [click](https://evil.example) `code`")
    assert "\\*\\*Bold\\*\\*" in rendered
    assert "\\`code\\`" in rendered
    assert "\\[click](" in rendered  # an escaped [ is not a masked link


@given(st.text(max_size=200))
def test_safe_text_never_leaves_a_live_mention(text: str) -> None:
    import re

    rendered = safe(text)
    assert re.search(r"@(everyone|here)", rendered) is None
    assert re.search(r"<@[!&]?\d+>", rendered) is None


def test_search_forgives_case_articles_typos_and_season_shorthand() -> None:
    shows = [
        show("The Last of Us", 2),
        show("Jessica Jones", 2),
        show("Jessica Jones", 3),
        show("Severance", 2),
    ]
    assert search.rank("last of us", shows)[0].title == "The Last of Us"
    assert search.rank("jesica jnes", shows)[0].title == "Jessica Jones"
    assert [s.season for s in search.rank("jessica jones s3", shows)] == [3]
    assert search.rank("sev", shows)[0].title == "Severance"
    assert search.rank("zzzz", shows) == []


def test_search_caps_at_the_limit_and_an_empty_query_lists_soonest_first() -> None:
    shows = [show(f"Show {n}", days=30 - n) for n in range(30)]
    ranked = search.rank("", shows)
    assert len(ranked) == 25
    assert ranked[0].title == "Show 29"


@given(st.text(alphabet="_*~`|>@a ", min_size=250, max_size=400))
def test_safe_text_fits_its_limit_even_after_escaping(text: str) -> None:
    assert len(safe(text, limit=256)) <= 256
