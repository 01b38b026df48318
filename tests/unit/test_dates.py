"""Tests for bot.domain.dates: premiere-date parsing, zones and formatting."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.domain import dates
from bot.domain.dates import (
    DateParseError,
    ParsedDate,
    Precision,
    UnknownTimezoneError,
    format_partial,
    parse_premiere,
    resolve_timezone,
    timezone_suggestions,
)

# Tuesday, 2026-11-24 15:00 UTC (10:00 in New York, 16:00 in Berlin).
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
NY = "America/New_York"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def parse(text: str, timezone: str = "UTC", now: datetime = NOW) -> ParsedDate:
    return parse_premiere(text, now=now, timezone=timezone)


def error_for(text: str, timezone: str = "UTC") -> str:
    with pytest.raises(DateParseError) as info:
        parse(text, timezone)
    return str(info.value)


def test_fixed_now_is_a_tuesday() -> None:
    assert NOW.strftime("%A") == "Tuesday"
    assert datetime(2027, 3, 8, tzinfo=UTC).strftime("%A") == "Monday"


# --------------------------------------------------------------------------- absolute dates


@pytest.mark.parametrize(
    "text",
    [
        "March 8 2027",
        "March 8, 2027",
        "Mar 8 2027",
        "Mar. 8, 2027",
        "8 March 2027",
        "8th March 2027",
        "March 8th, 2027",
        "the 8th of March 2027",
        "MARCH 8 2027",
        "  march   8 ,,  2027  ",
        "2027-03-08",
        "2027-3-8",
        "Monday, March 8, 2027",
        "mon 8 march 2027",
        "8 march, 2027",
    ],
)
def test_absolute_day_forms(text: str) -> None:
    parsed = parse(text)
    assert parsed == ParsedDate(utc(2027, 3, 8), Precision.DAY, "UTC")


def test_day_is_midnight_in_the_zone() -> None:
    parsed = parse("March 8 2027", NY)
    assert parsed.instant == utc(2027, 3, 8, 5)  # EST, UTC-5
    assert parsed.instant.tzinfo is UTC
    assert parsed.timezone == NY


def test_default_zone_name_is_canonicalised() -> None:
    assert parse("March 8 2027", "america/new_york").timezone == NY
    assert parse("March 8 2027", "ET").timezone == NY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-03-08 21:00", utc(2027, 3, 8, 21)),
        ("2027-03-08T21:00", utc(2027, 3, 8, 21)),
        ("2027-03-08T21:00:30", utc(2027, 3, 8, 21, 0, 30)),
        ("2027-03-08 9pm", utc(2027, 3, 8, 21)),
    ],
)
def test_iso_with_time(text: str, expected: datetime) -> None:
    assert parse(text) == ParsedDate(expected, Precision.TIME, "UTC")


def test_iso_offset_is_honoured_and_zone_name_stays_default() -> None:
    parsed = parse("2027-03-08T21:00:00+01:00", NY)
    assert parsed.instant == utc(2027, 3, 8, 20)
    assert parsed.timezone == NY
    assert parse("2027-03-08T21:00-0530").instant == utc(2027, 3, 9, 2, 30)


def test_iso_z_means_utc() -> None:
    assert parse("2027-03-08T20:00Z", NY) == ParsedDate(utc(2027, 3, 8, 20), Precision.TIME, "UTC")


# --------------------------------------------------------------------------- month-day, no year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 8", utc(2027, 3, 8)),  # already passed in 2026
        ("8 March", utc(2027, 3, 8)),
        ("December 25", utc(2026, 12, 25)),  # still ahead this year
        ("November 24", utc(2026, 11, 24)),  # today counts
        ("November 23", utc(2027, 11, 23)),  # yesterday rolls over
        ("Feb 29", utc(2028, 2, 29)),  # waits for a leap year
    ],
)
def test_month_day_without_year_is_next_occurrence(text: str, expected: datetime) -> None:
    assert parse(text) == ParsedDate(expected, Precision.DAY, "UTC")


def test_month_day_uses_todays_date_in_the_zone() -> None:
    # 15:00 UTC is already November 25 in Kiritimati (UTC+14), so November 24 has passed there.
    parsed = parse("November 24", "Pacific/Kiritimati")
    assert parsed.instant == utc(2027, 11, 23, 10)


def test_month_day_with_time_and_weekday() -> None:
    assert parse("Monday March 8 9pm").instant == utc(2027, 3, 8, 21)
    with pytest.raises(DateParseError, match="Monday, not a Friday"):
        parse("Friday March 8")


# --------------------------------------------------------------------------- weekday checks


def test_contradicting_weekday_names_the_real_one() -> None:
    message = error_for("Tuesday, March 8, 2027")
    assert "March 8, 2027 is a Monday, not a Tuesday" in message
    assert '"March 8, 2027"' in message


def test_contradicting_weekday_on_iso_date() -> None:
    assert "is a Monday" in error_for("fri 2027-03-08")


# --------------------------------------------------------------------------- numeric dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13/3/2027", utc(2027, 3, 13)),
        ("3/13/2027", utc(2027, 3, 13)),
        ("3/3/2027", utc(2027, 3, 3)),
        ("31/12/2027", utc(2027, 12, 31)),
        ("13/3/2027 9pm", utc(2027, 3, 13, 21)),
    ],
)
def test_unambiguous_numeric_dates(text: str, expected: datetime) -> None:
    assert parse(text).instant == expected


def test_ambiguous_numeric_date_suggests_iso_and_month_name() -> None:
    message = error_for("3/8/2027")
    assert "March 8 or August 3" in message
    assert "2027-03-08" in message
    assert "March 8 2027" in message


@pytest.mark.parametrize("text", ["13/13/2027", "3/32/2027", "2/30/2027"])
def test_impossible_numeric_dates(text: str) -> None:
    with pytest.raises(DateParseError):
        parse(text)


@pytest.mark.parametrize(
    ("text", "readings"),
    [("12/3/2027", "December 3 or March 12"), ("3/12/2027", "March 12 or December 3")],
)
def test_twelve_is_still_ambiguous(text: str, readings: str) -> None:
    assert readings in error_for(text)


def test_numeric_date_needs_four_digit_year() -> None:
    assert "four digits" in error_for("3/13/27")


# --------------------------------------------------------------------------- times


@pytest.mark.parametrize(
    ("time_text", "hour", "minute"),
    [
        ("9pm", 21, 0),
        ("9 pm", 21, 0),
        ("9PM", 21, 0),
        ("9:30pm", 21, 30),
        ("9 p.m.", 21, 0),
        ("9:30 P.M.", 21, 30),
        ("9am", 9, 0),
        ("12am", 0, 0),
        ("12pm", 12, 0),
        ("21:00", 21, 0),
        ("07:05", 7, 5),
        ("noon", 12, 0),
        ("midnight", 0, 0),
    ],
)
@pytest.mark.parametrize("layout", ["March 8 2027 {t}", "{t} March 8 2027", "March 8, 2027 at {t}"])
def test_time_forms(time_text: str, hour: int, minute: int, layout: str) -> None:
    parsed = parse(layout.format(t=time_text))
    assert parsed == ParsedDate(utc(2027, 3, 8, hour, minute), Precision.TIME, "UTC")


def test_time_before_date_with_at_and_on() -> None:
    assert parse("at 9pm on 8th March 2027").instant == utc(2027, 3, 8, 21)


@pytest.mark.parametrize("text", ["March 8 2027 25:00", "March 8 2027 13pm", "March 8 2027 9:61"])
def test_impossible_times(text: str) -> None:
    assert "is not a valid time" in error_for(text)


def test_time_alone_is_not_a_date() -> None:
    message = error_for("9pm")
    assert "no day" in message
    assert "today 9pm" in message


def test_time_with_month_or_year_precision_is_an_error() -> None:
    assert "no day" in error_for("March 2027 9pm")
    assert "no day" in error_for("2027 21:00")


def test_two_times_are_an_error() -> None:
    assert "more than one time" in error_for("March 8 2027 9pm 10pm")


# --------------------------------------------------------------------------- zones in the text


@pytest.mark.parametrize(
    ("alias", "zone"),
    [
        ("ET", NY),
        ("EST", NY),
        ("EDT", NY),
        ("Eastern", NY),
        ("CT", "America/Chicago"),
        ("Central", "America/Chicago"),
        ("MT", "America/Denver"),
        ("Mountain", "America/Denver"),
        ("PT", "America/Los_Angeles"),
        ("PST", "America/Los_Angeles"),
        ("PDT", "America/Los_Angeles"),
        ("Pacific", "America/Los_Angeles"),
        ("BST", "Europe/London"),
        ("UK", "Europe/London"),
        ("CET", "Europe/Paris"),
        ("CEST", "Europe/Paris"),
        ("JST", "Asia/Tokyo"),
        ("KST", "Asia/Seoul"),
        ("AEST", "Australia/Sydney"),
        ("AEDT", "Australia/Sydney"),
        ("IST", "Asia/Kolkata"),
        ("UTC", "UTC"),
        ("GMT", "UTC"),
        ("Europe/London", "Europe/London"),
        ("asia/TOKYO", "Asia/Tokyo"),
    ],
)
def test_zone_after_time(alias: str, zone: str) -> None:
    parsed = parse(f"March 8 2027 9pm {alias}", "Europe/Berlin")
    local = datetime(2027, 3, 8, 21, tzinfo=ZoneInfo(zone))
    assert parsed == ParsedDate(local.astimezone(UTC), Precision.TIME, zone)


@pytest.mark.parametrize(
    ("text", "expected", "zone_name"),
    [
        ("March 8 2027 9pm ET", utc(2027, 3, 9, 2), NY),  # EST, UTC-5
        ("March 8 2027 21:00 PT", utc(2027, 3, 9, 5), "America/Los_Angeles"),  # PST, UTC-8
        ("March 8 2027 9pm UTC", utc(2027, 3, 8, 21), "UTC"),
        ("March 8 2027 9pm GMT+1", utc(2027, 3, 8, 20), "UTC+01:00"),
        ("March 8 2027 9pm UTC-5", utc(2027, 3, 9, 2), "UTC-05:00"),
        ("March 8 2027 9pm utc+05:30", utc(2027, 3, 8, 15, 30), "UTC+05:30"),
        ("March 8 2027 9pm UTC+0", utc(2027, 3, 8, 21), "UTC"),
        ("9pm ET March 8 2027", utc(2027, 3, 9, 2), NY),
        ("March 8 2027 ET", utc(2027, 3, 8, 5), NY),  # a zone without a time: day start there
    ],
)
def test_explicit_zone_overrides_default(text: str, expected: datetime, zone_name: str) -> None:
    parsed = parse(text, "Asia/Tokyo")
    assert parsed.instant == expected
    assert parsed.timezone == zone_name


def test_est_in_summer_means_new_york_wall_time() -> None:
    # People write "EST" all year; 9pm "EST" in July is 9pm EDT (UTC-4), not UTC-5.
    assert parse("July 8 2027 9pm EST").instant == utc(2027, 7, 9, 1)
    assert parse("July 8 2027 9pm PST").instant == utc(2027, 7, 9, 4)


def test_dst_changes_the_utc_hour() -> None:
    assert parse("March 8 2027 9pm", NY).instant == utc(2027, 3, 9, 2)  # EST
    assert parse("July 8 2027 9pm", NY).instant == utc(2027, 7, 9, 1)  # EDT


def test_spring_forward_gap_moves_forward() -> None:
    # 2027-03-14 02:30 does not exist in New York; it becomes 03:30 EDT.
    parsed = parse("2027-03-14 02:30", NY)
    assert parsed.instant == utc(2027, 3, 14, 7, 30)
    assert parsed.instant.astimezone(ZoneInfo(NY)).hour == 3


def test_fall_back_overlap_takes_first_occurrence() -> None:
    # 2027-11-07 01:30 happens twice in New York; the first one is EDT (UTC-4).
    assert parse("2027-11-07 01:30", NY).instant == utc(2027, 11, 7, 5, 30)


def test_two_zones_are_an_error() -> None:
    assert "more than one time zone" in error_for("March 8 2027 9pm ET PT")


def test_invalid_offset_is_an_error() -> None:
    assert "not a valid UTC offset" in error_for("March 8 2027 9pm UTC+15")


def test_unknown_zone_in_text_suggests_close_names() -> None:
    with pytest.raises(UnknownTimezoneError) as info:
        parse("March 8 2027 9pm Europe/Londn")
    assert "Europe/London" in info.value.suggestions
    assert '"Europe/Londn"' in str(info.value)


# --------------------------------------------------------------------------- relative forms


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("today", utc(2026, 11, 24), Precision.DAY),
        ("tonight", utc(2026, 11, 24, 20), Precision.TIME),
        ("tonight at 9pm", utc(2026, 11, 24, 21), Precision.TIME),
        ("tomorrow", utc(2026, 11, 25), Precision.DAY),
        ("Tomorrow 9pm", utc(2026, 11, 25, 21), Precision.TIME),
        ("tomorrow at noon", utc(2026, 11, 25, 12), Precision.TIME),
        ("in 3 days", utc(2026, 11, 27), Precision.DAY),
        ("in 1 day", utc(2026, 11, 25), Precision.DAY),
        ("in 2 weeks", utc(2026, 12, 8), Precision.DAY),
        ("in a week", utc(2026, 12, 1), Precision.DAY),
        ("in 3 days 9pm", utc(2026, 11, 27, 21), Precision.TIME),
        ("in 1 hour", utc(2026, 11, 24, 16), Precision.TIME),
        ("in 90 minutes", utc(2026, 11, 24, 16, 30), Precision.TIME),
        ("in 45 mins", utc(2026, 11, 24, 15, 45), Precision.TIME),
    ],
)
def test_relative_forms(text: str, expected: datetime, precision: Precision) -> None:
    assert parse(text) == ParsedDate(expected, precision, "UTC")


def test_relative_offsets_drop_seconds() -> None:
    now = NOW + timedelta(seconds=42, microseconds=7)
    assert parse("in 1 hour", now=now).instant == utc(2026, 11, 24, 16)


def test_relative_forms_use_the_zones_calendar() -> None:
    # 03:00 UTC on Nov 24 is still Nov 23 in Los Angeles.
    early = utc(2026, 11, 24, 3)
    la = "America/Los_Angeles"
    assert parse("today", la, now=early).instant == utc(2026, 11, 23, 8)
    assert parse("tonight", la, now=early).instant == utc(2026, 11, 24, 4)
    assert parse("tomorrow 9pm", la, now=early).instant == utc(2026, 11, 25, 5)


def test_tonight_with_a_morning_time_is_an_error() -> None:
    assert "tomorrow 2am" in error_for("tonight 2am")


def test_relative_hours_with_a_clock_time_is_an_error() -> None:
    with pytest.raises(DateParseError):
        parse("in 1 hour 9pm")


# --------------------------------------------------------------------------- weekdays


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("friday", utc(2026, 11, 27), Precision.DAY),
        ("Fri", utc(2026, 11, 27), Precision.DAY),
        ("this friday", utc(2026, 11, 27), Precision.DAY),
        ("next friday", utc(2026, 11, 27), Precision.DAY),  # strictly after today: same Friday
        ("next friday 9pm", utc(2026, 11, 27, 21), Precision.TIME),
        ("monday", utc(2026, 11, 30), Precision.DAY),
        ("wednesday", utc(2026, 11, 25), Precision.DAY),
        ("tuesday", utc(2026, 11, 24), Precision.DAY),  # today counts without a time
        ("tuesday 9pm", utc(2026, 11, 24, 21), Precision.TIME),  # still ahead today
        ("tuesday 9am", utc(2026, 12, 1, 9), Precision.TIME),  # already passed today
        ("tuesday 15:00", utc(2026, 12, 1, 15), Precision.TIME),  # exactly now is not ahead
        ("next tuesday", utc(2026, 12, 1), Precision.DAY),  # never today
        ("this tuesday", utc(2026, 11, 24), Precision.DAY),
    ],
)
def test_weekdays(text: str, expected: datetime, precision: Precision) -> None:
    assert parse(text) == ParsedDate(expected, precision, "UTC")


def test_weekday_with_zone() -> None:
    parsed = parse("friday at 9pm ET")
    assert parsed == ParsedDate(utc(2026, 11, 28, 2), Precision.TIME, NY)


def test_weekday_today_is_judged_in_the_zone() -> None:
    # At 15:00 UTC it is 10:00 in New York: "tuesday 11am ET" is still ahead today.
    assert parse("tuesday 11am ET").instant == utc(2026, 11, 24, 16)
    assert parse("tuesday 9am ET").instant == utc(2026, 12, 1, 14)


# --------------------------------------------------------------------------- partial precision


@pytest.mark.parametrize(
    ("text", "timezone", "expected", "precision"),
    [
        ("March 2027", "UTC", utc(2027, 3, 1), Precision.MONTH),
        ("Mar 2027", "UTC", utc(2027, 3, 1), Precision.MONTH),
        ("march, 2027", NY, utc(2027, 3, 1, 5), Precision.MONTH),
        ("2027", "UTC", utc(2027, 1, 1), Precision.YEAR),
        ("2027", "Asia/Tokyo", utc(2026, 12, 31, 15), Precision.YEAR),
    ],
)
def test_partial_precision(
    text: str, timezone: str, expected: datetime, precision: Precision
) -> None:
    assert parse(text, timezone) == ParsedDate(expected, precision, timezone)


@pytest.mark.parametrize(
    "text", ["spring 2027", "Fall 2027", "TBA", "later this year", "mid-March"]
)
def test_vague_dates_ask_for_a_month_or_day(text: str) -> None:
    message = error_for(text)
    assert "give a month or a day" in message
    assert "March 2027" in message


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text(text: str) -> None:
    assert "Please give a premiere date" in error_for(text)


def test_over_long_text_is_refused_without_echo() -> None:
    text = "March 8 2027 " + "x" * 100
    message = error_for(text)
    assert "too long" in message
    assert "xxxx" not in message


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("Marhc 8", "March"),
        ("Febuary 3 2027", "February"),
        ("Decmber 25", "December"),
        ("fridya 9pm", "Friday"),
        ("tomorow", "tomorrow"),
    ],
)
def test_misspellings_get_a_suggestion(text: str, suggestion: str) -> None:
    message = error_for(text)
    assert f"Did you mean {suggestion}?" in message
    assert f'"{text}"' in message
    assert message.endswith('"next friday 9pm".')


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Feb 30 2027", "There is no February 30, 2027"),
        ("2027-02-29", "There is no February 29, 2027"),
        ("March 32", "There is no March 32"),
        ("2027-13-01", "no month 13"),
        ("March 8 27", "four digits"),
        ("March 8 1850", "outside the years"),
        ("in 99999999999999 days", "outside the years"),
        ("banana", 'I couldn\'t read "banana" as a date: I don\'t understand "banana"'),
        ("March 8 2027 bananas", 'I don\'t understand "bananas"'),
        ("21.00 March 8", 'I don\'t understand "21.00"'),
    ],
)
def test_error_wording(text: str, fragment: str) -> None:
    assert fragment in error_for(text)


@pytest.mark.parametrize(
    "text",
    [
        "8",
        "8th",
        "March",
        "next",
        "at",
        "27",
        "20277",
        "March 8 2027 2028",
        "2027 March 8",
        "next march",
        "friday tomorrow",
        "in days",
        "Monday March 2027",
        "March 123",
        "9pm ET",
        "2027-03-08+01:00",
    ],
)
def test_garbage_is_an_error_not_a_guess(text: str) -> None:
    message = error_for(text)
    assert len(message) <= 300
    assert "Try" in message


def test_messages_stay_short_and_do_not_ping() -> None:
    text = "@everyone " + "blah " * 17
    message = error_for(text.strip())
    assert len(message) <= 300
    assert "@everyone" not in message


def test_naive_now_is_rejected() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse_premiere("today", now=NOW.replace(tzinfo=None), timezone="UTC")


def test_unknown_default_zone() -> None:
    with pytest.raises(UnknownTimezoneError):
        parse("today", "Mars/Olympus_Mons")


def test_fixed_offset_default_zone() -> None:
    parsed = parse("March 8 2027 9pm", "UTC+01:00")
    assert parsed == ParsedDate(utc(2027, 3, 8, 20), Precision.TIME, "UTC+01:00")


def test_parsed_date_is_frozen() -> None:
    parsed = parse("today")
    with pytest.raises(AttributeError):
        parsed.precision = Precision.YEAR  # type: ignore[misc]


# --------------------------------------------------------------------------- resolve_timezone


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("UTC", "UTC"),
        ("utc", "UTC"),
        ("GMT", "UTC"),
        ("et", NY),
        ("Eastern", NY),
        ("EST", NY),
        ("CT", "America/Chicago"),
        ("MT", "America/Denver"),
        ("pacific", "America/Los_Angeles"),
        ("BST", "Europe/London"),
        ("CET", "Europe/Paris"),
        ("JST", "Asia/Tokyo"),
        ("KST", "Asia/Seoul"),
        ("AEDT", "Australia/Sydney"),
        ("IST", "Asia/Kolkata"),
        ("europe/berlin", "Europe/Berlin"),
        ("  America/Sao_Paulo ", "America/Sao_Paulo"),
        ("america/new york", NY),
    ],
)
def test_resolve_timezone(name: str, key: str) -> None:
    zone = resolve_timezone(name)
    assert isinstance(zone, ZoneInfo)
    assert zone.key == key


def test_resolve_timezone_suggests_up_to_three() -> None:
    with pytest.raises(UnknownTimezoneError) as info:
        resolve_timezone("Amerika/Chicgo")
    error = info.value
    assert isinstance(error, DateParseError)
    assert 1 <= len(error.suggestions) <= 3
    assert error.suggestions[0] == "America/Chicago"
    assert "Did you mean America/Chicago" in str(error)


def test_resolve_timezone_prefers_the_region_typed() -> None:
    with pytest.raises(UnknownTimezoneError) as info:
        resolve_timezone("US/Pacifc")
    assert info.value.suggestions[:2] == ["US/Pacific", "Canada/Pacific"]


def test_resolve_timezone_without_suggestions() -> None:
    with pytest.raises(UnknownTimezoneError) as info:
        resolve_timezone("qqqqqqqq")
    assert info.value.suggestions == []
    assert "Did you mean" not in str(info.value)
    assert '"UTC"' in str(info.value)


def test_resolve_timezone_refuses_host_local_time() -> None:
    with pytest.raises(UnknownTimezoneError):
        resolve_timezone("localtime")


# --------------------------------------------------------------------------- suggestions


def test_suggestions_substring_case_insensitive() -> None:
    assert timezone_suggestions("york") == [NY]
    assert timezone_suggestions("NEW YORK") == [NY]
    assert timezone_suggestions("lon")[0] == "Europe/London"


def test_suggestions_rank_city_prefix_before_region_prefix() -> None:
    # "am" starts "America/..." hundreds of times, but Amman and Amsterdam are cities.
    assert timezone_suggestions("am")[:2] == ["Asia/Amman", "Europe/Amsterdam"]
    assert timezone_suggestions("indiana")[:2] == ["US/Indiana-Starke", "America/Indianapolis"]


def test_suggestions_alias_comes_first() -> None:
    assert timezone_suggestions("pst")[0] == "America/Los_Angeles"


def test_suggestions_fuzzy() -> None:
    assert timezone_suggestions("tokio")[0] == "Asia/Tokyo"
    assert "Europe/Berlin" in timezone_suggestions("berln")


def test_suggestions_substring_before_fuzzy() -> None:
    result = timezone_suggestions("paris")
    assert result[0] == "Europe/Paris"
    assert len(result) == len(set(result))


def test_suggestions_limit() -> None:
    assert len(timezone_suggestions("a")) == 25
    assert len(timezone_suggestions("a", limit=5)) == 5
    assert timezone_suggestions("a", limit=0) == []


def test_suggestions_empty_query_gives_common_zones() -> None:
    common = timezone_suggestions("")
    assert common[0] == "UTC"
    assert {NY, "Europe/London", "Asia/Tokyo"} <= set(common)
    assert len(common) <= 25
    assert timezone_suggestions("  ", limit=3) == common[:3]


def test_suggestions_are_real_zone_names() -> None:
    zones = available_timezones()
    for query in ("", "a", "tokio", "europe", "xyz"):
        assert set(timezone_suggestions(query)) <= zones


def test_suggestions_read_the_zone_list_once_not_per_keystroke(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Autocomplete runs on every keystroke: the zone names are read from disk and indexed once,
    # then each query only scans that index. Start from an empty index to see it built.
    reads: list[None] = []

    def counted_zones() -> set[str]:
        reads.append(None)
        return available_timezones()

    monkeypatch.setattr(dates, "available_timezones", counted_zones)
    dates._zone_index.cache_clear()
    dates._suggest.cache_clear()
    try:
        for query in (f"{word}{n}" for n in range(4) for word in ("tokio", "berln", "new yrok")):
            timezone_suggestions(query)  # distinct queries, so the result cache does not help
        assert resolve_timezone("Europe/Berlin") == ZoneInfo("Europe/Berlin")
        assert timezone_suggestions("tokio")[0] == "Asia/Tokyo"
    finally:
        # Leave no index built from the counting stand-in for the tests that follow.
        dates._zone_index.cache_clear()
        dates._suggest.cache_clear()

    assert len(reads) == 1


# --------------------------------------------------------------------------- format_partial


@pytest.mark.parametrize(
    ("instant", "precision", "timezone", "expected"),
    [
        (utc(2027, 3, 1), Precision.MONTH, "UTC", "March 2027"),
        (utc(2027, 3, 1, 5), Precision.MONTH, NY, "March 2027"),
        (utc(2027, 3, 1, 2), Precision.MONTH, "America/Los_Angeles", "February 2027"),
        (utc(2027, 1, 1), Precision.YEAR, "UTC", "2027"),
        (utc(2027, 1, 1), Precision.YEAR, NY, "2026"),
        (utc(2027, 3, 8), Precision.DAY, "UTC", "March 8, 2027"),
        (utc(2027, 3, 9, 2), Precision.TIME, NY, "March 8, 2027 at 21:00 (America/New_York)"),
        (utc(2027, 3, 8, 20), Precision.TIME, "UTC+01:00", "March 8, 2027 at 21:00 (UTC+01:00)"),
    ],
)
def test_format_partial(
    instant: datetime, precision: Precision, timezone: str, expected: str
) -> None:
    assert format_partial(instant, precision, timezone) == expected


@pytest.mark.parametrize("text", ["March 2027", "2027", "March 8 2027"])
@pytest.mark.parametrize("timezone", ["UTC", NY, "Asia/Tokyo"])
def test_format_partial_round_trips_parse(text: str, timezone: str) -> None:
    parsed = parse(text, timezone)
    rendered = format_partial(parsed.instant, parsed.precision, parsed.timezone)
    assert parse(rendered, timezone) == parsed


def test_format_partial_rejects_naive() -> None:
    with pytest.raises(ValueError, match="aware"):
        format_partial(utc(2027, 3, 1).replace(tzinfo=None), Precision.MONTH, "UTC")


# --------------------------------------------------------------------------- properties

# Zones whose name means exactly that zone (aliases such as "EST" deliberately mean New York).
ROUND_TRIP_ZONES = sorted(
    name
    for name in available_timezones() - {"localtime", "Factory"}
    if resolve_timezone(name).key == name
)


@given(
    seconds=st.integers(
        min_value=int(utc(1972, 1, 1).timestamp()), max_value=int(utc(2100, 1, 1).timestamp())
    ),
    zone_name=st.sampled_from(ROUND_TRIP_ZONES),
)
def test_iso_local_time_round_trips(seconds: int, zone_name: str) -> None:
    instant = datetime.fromtimestamp(seconds, UTC)
    local = instant.astimezone(ZoneInfo(zone_name))
    offset = local.utcoffset()
    assert offset is not None
    assume(offset.total_seconds() % 60 == 0)  # old offsets with seconds do not fit "%H:%M"
    assume(local.replace(fold=0).utcoffset() == local.replace(fold=1).utcoffset())  # ambiguous
    parsed = parse_premiere(local.strftime("%Y-%m-%d %H:%M"), now=NOW, timezone=zone_name)
    assert parsed.instant == instant.replace(second=0)
    assert parsed.precision is Precision.TIME
    assert parsed.timezone == zone_name


@given(
    day=st.dates(min_value=utc(2026, 11, 24).date(), max_value=utc(2034, 12, 31).date()),
)
def test_month_day_without_year_is_never_in_the_past(day: date) -> None:
    parsed = parse(f"{day:%B} {day.day}")
    assert NOW.date() <= parsed.instant.date() <= NOW.date() + timedelta(days=366 * 4 + 1)
    assert (parsed.instant.month, parsed.instant.day) == (day.month, day.day)
