"""Dates and times as news prose writes them."""

from __future__ import annotations

from datetime import date

import pytest

from bot.articles.when import find_dates, find_times, resolve
from bot.domain.dates import Precision

PUBLISHED = date(2019, 11, 20)  # a Wednesday


def day_of(text: str, *, published: date = PUBLISHED, day_first: bool = False) -> date | None:
    mentions = find_dates(text)
    assert mentions, f"no date found in {text!r}"
    resolved = resolve(mentions[0], published, day_first=day_first)
    return resolved.day if resolved else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("premieres on March 8, 2018", date(2018, 3, 8)),
        ("premieres Tuesday, Jan. 14", date(2020, 1, 14)),  # the Tuesday names the year
        ("begins on 12 May", date(2020, 5, 12)),
        ("from 3 November 2019", date(2019, 11, 3)),
        ("debuts Tuesday (Jan. 14)", date(2020, 1, 14)),
        ("on Christmas Day", date(2019, 12, 25)),
        ("premieres January 12", date(2020, 1, 12)),  # published in November: next year
        ("starting Aug. 23rd", date(2020, 8, 23)),  # long gone this year: next year's
        ("since Oct. 2", date(2019, 10, 2)),  # a few weeks back: a recap, this year's
        ("on 2019-12-04", date(2019, 12, 4)),
        ("over two nights, Jan. 5-6", date(2020, 1, 5)),
        ("on the 4th of July", date(2020, 7, 4)),
        ("on Thanksgiving", date(2019, 11, 28)),
    ],
)
def test_explicit_days(text: str, expected: date) -> None:
    assert day_of(text) == expected


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("airs 5/2/18", False, date(2018, 5, 2)),
        ("airs 5/2/18", True, date(2018, 2, 5)),
        ("airs 07.03.19", False, date(2019, 3, 7)),  # dotted dates are European
        ("airs 13/3/2020", False, date(2020, 3, 13)),  # one order only
    ],
)
def test_numeric_dates_follow_the_locale(text: str, day_first: bool, expected: date) -> None:
    assert day_of(text, day_first=day_first) == expected


def test_an_ambiguous_numeric_date_is_unsure() -> None:
    ambiguous = resolve(find_dates("on 5/2/18")[0], PUBLISHED)
    clear = resolve(find_dates("on 13/2/18")[0], PUBLISHED)

    assert ambiguous is not None
    assert clear is not None
    assert ambiguous.confidence < clear.confidence < 0.9


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tonight", date(2019, 11, 20)),
        ("tomorrow", date(2019, 11, 21)),
        ("this Friday", date(2019, 11, 22)),
        ("on Friday", date(2019, 11, 22)),
        ("next Wednesday", date(2019, 11, 27)),
        ("this Wednesday", date(2019, 11, 20)),
    ],
)
def test_relative_days_count_from_the_publication_day(text: str, expected: date) -> None:
    resolved = resolve(find_dates(f"premieres {text}")[0], PUBLISHED)

    assert resolved is not None
    assert resolved.day == expected
    assert not resolved.explicit


@pytest.mark.parametrize(
    ("text", "precision", "expected"),
    [
        ("returns in August", Precision.MONTH, date(2020, 8, 1)),
        ("returns in March 2021", Precision.MONTH, date(2021, 3, 1)),
        ("arrives later this year", Precision.YEAR, date(2019, 1, 1)),
        ("arrives early next year", Precision.YEAR, date(2020, 1, 1)),
        ("debuts in 2021", Precision.YEAR, date(2021, 1, 1)),
        ("debuts in spring 2021", Precision.YEAR, date(2021, 1, 1)),
    ],
)
def test_coarse_dates_keep_their_precision(text: str, precision: Precision, expected: date) -> None:
    resolved = resolve(find_dates(text)[0], PUBLISHED)

    assert resolved is not None
    assert (resolved.precision, resolved.day) == (precision, expected)


@pytest.mark.parametrize(
    "text",
    [
        "a 0.9/4 rating",
        "at 10/9c",
        "3:2 in extra time",
        "season 2 May be late",
        "the Thursdays slot",
    ],
)
def test_things_that_are_not_dates(text: str) -> None:
    assert [m for m in find_dates(text) if m.kind != "vague"] == []


@pytest.mark.parametrize(
    ("text", "hour", "minute", "zone"),
    [
        ("at 9 p.m. ET", 21, 0, "America/New_York"),
        ("at 10/9c", 22, 0, "America/New_York"),
        ("at 8:00 AM PT", 8, 0, "America/Los_Angeles"),
        ("at 9pm", 21, 0, None),
        ("at 21:00 KST", 21, 0, "Asia/Seoul"),
        ("at 25:30 JST", 25, 30, "Asia/Tokyo"),
        ("(8:00-9:00 PM ET/PT)", 20, 0, "America/New_York"),
        ("at 9 Eastern", 21, 0, "America/New_York"),
    ],
)
def test_times_and_zones(text: str, hour: int, minute: int, zone: str | None) -> None:
    [time] = find_times(text)

    assert (time.hour, time.minute, time.zone) == (hour, minute, zone)


def test_a_show_named_for_a_weekday_is_no_date() -> None:
    assert find_dates("Wednesday season 2 does not yet have a date.") == []
    assert [m.text for m in find_dates("It premieres on Wednesday.")] == ["on Wednesday"]


def test_a_weekday_in_a_programmes_name_is_no_date() -> None:
    text = "the return of Hidden Hours’ Saturday Edition on Sept. 12"
    assert [m.text for m in find_dates(text)] == ["Sept. 12"]
    assert find_dates("NBC's Sunday Night Football comes back") == []
    # Lowercase after it, the weekday is the day: "its Sunday premiere".
    assert [m.text for m in find_dates("the drama's Sunday premiere")] == ["Sunday"]


def test_weekday_nights_capitalised_are_a_slot_not_a_date() -> None:
    assert find_dates("The drama currently airs Saturday Nights on the channel.") == []


def test_a_holiday_before_a_kind_of_film_is_no_date() -> None:
    assert find_dates("her first Christmas movie for the channel") == []
    assert [m.text for m in find_dates("It returns on Christmas Day")] == ["Christmas Day"]


def test_a_misspelt_month_is_still_its_month() -> None:
    assert day_of("Monday, Septemeber 23, 8 p.m.") == date(2019, 9, 23)
    assert day_of("returns Feburary 3, 2020") == date(2020, 2, 3)


def test_a_weekday_after_a_or_every_is_no_day() -> None:
    text = "It will stream on Thursday, May 27. It is fitting it streams on a Thursday."
    assert [m.text for m in find_dates(text)] == ["Thursday, May 27"]
    assert [m.word for m in find_dates("It airs every Sunday and next Sunday.")] == ["next"]
