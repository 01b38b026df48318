"""What "today", "tonight" and "today 9pm" mean: what a member means by them, consistently."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.dates import DateParseError, Precision, days_away, parse_premiere
from bot.domain.shows import window_end

# Tuesday 24 November 2026, 15:00 UTC (16:00 in Berlin).
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin", "America/Los_Angeles"])
def test_today_is_the_whole_day_and_still_upcoming(zone: str) -> None:
    parsed = parse_premiere("today", now=NOW, timezone=zone)

    assert parsed.precision is Precision.DAY
    assert days_away(parsed.instant, zone, NOW) == 0
    assert window_end(parsed.instant, parsed.precision, zone) > NOW


def test_a_time_later_today_is_accepted() -> None:
    parsed = parse_premiere("today 9pm", now=NOW)
    assert parsed.instant == datetime(2026, 11, 24, 21, tzinfo=UTC)
    assert parsed.precision is Precision.TIME


@pytest.mark.parametrize("text", ["today 9am", "9am today", "today 15:00", "November 24 2026 9am"])
def test_a_time_today_that_has_passed_says_so_with_the_time_now(text: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_premiere(text, now=NOW)
    message = str(refused.value)
    assert "already passed" in message
    assert "15:00 UTC" in message  # what time it is now, where the date was read
    assert '"today"' in message  # the day alone is still open


def test_the_time_now_is_given_in_the_zone_the_date_was_read_in() -> None:
    with pytest.raises(DateParseError) as refused:
        parse_premiere("today 9am", now=NOW, timezone="Europe/Berlin")
    assert "16:00 Europe/Berlin" in str(refused.value)


def test_tonight_is_8pm_while_that_is_ahead() -> None:
    parsed = parse_premiere("tonight", now=NOW)
    assert parsed.instant == datetime(2026, 11, 24, 20, tzinfo=UTC)


def test_tonight_after_8pm_asks_for_the_time() -> None:
    late = NOW.replace(hour=21, minute=30)
    with pytest.raises(DateParseError) as refused:
        parse_premiere("tonight", now=late)
    assert '"tonight" means 20:00' in str(refused.value)
    assert "tonight 11pm" in str(refused.value)
    assert parse_premiere("tonight 11pm", now=late).instant == late.replace(hour=23, minute=0)


def test_a_weekday_time_that_passed_today_is_next_week_not_refused() -> None:
    parsed = parse_premiere("tuesday 9am", now=NOW)
    assert parsed.instant == datetime(2026, 11, 24, 9, tzinfo=UTC) + timedelta(days=7)


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        (datetime(2026, 11, 24, 0, tzinfo=UTC), 0),
        (datetime(2026, 11, 25, 0, tzinfo=UTC), 1),
        (datetime(2026, 11, 23, 0, tzinfo=UTC), -1),
    ],
)
def test_days_away_counts_calendar_days(instant: datetime, expected: int) -> None:
    assert days_away(instant, "UTC", NOW) == expected


def test_days_away_counts_in_the_shows_zone() -> None:
    # Midnight in Tokyo on the 25th is 15:00 UTC on the 24th: in Tokyo it is already the 25th.
    tokyo_midnight = datetime(2026, 11, 24, 15, tzinfo=UTC)
    assert days_away(tokyo_midnight, "Asia/Tokyo", NOW) == 0
