"""The calendar web server's parts that need no bot: its rate limiter, the feed's shape, and
the page's policy (every inline script and style allowed by its hash, nothing else)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from icalendar import Calendar

from bot.domain.calendar import CalendarEntry, EntryKind
from bot.web.ical import ical_feed
from bot.web.page import CONTENT_SECURITY_POLICY, SCRIPT, STYLE, _hash, calendar_page
from bot.web.server import RateLimiter

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


def entry(
    summary: str, starts: datetime, *, has_time: bool = True, **fields: object
) -> CalendarEntry:
    values: dict[str, object] = {
        "uid": f"premiere-{abs(hash(summary))}@premiere-bot",
        "sequence": 0,
        "kind": EntryKind.PREMIERE,
        "show_id": 1,
        "show_title": summary,
        "summary": summary,
        "starts": starts,
        "has_time": has_time,
        "local_day": starts.date(),
        "network": "HBO",
        "url": None,
        "poster_url": None,
        "stamp": NOW,
    }
    return CalendarEntry(**(values | fields))  # type: ignore[arg-type]


def test_an_address_gets_its_burst_then_waits_and_others_are_not_slowed() -> None:
    now = [0.0]
    limiter = RateLimiter(rate_per_second=1.0, burst=3, clock=lambda: now[0])
    assert [limiter.wait_for("10.0.0.1") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.wait_for("10.0.0.1") == 1.0
    assert limiter.wait_for("10.0.0.2") == 0.0
    now[0] = 1.0
    assert limiter.wait_for("10.0.0.1") == 0.0


def test_the_feed_writes_timed_events_in_utc_and_day_only_ones_as_all_day() -> None:
    body = ical_feed(
        "Club · Premieres",
        [
            entry("Timed", datetime(2027, 1, 11, 2, 0, tzinfo=UTC)),
            entry(
                "Day",
                datetime(2027, 1, 17, 5, 0, tzinfo=UTC),
                has_time=False,
                local_day=date(2027, 1, 17),
            ),
        ],
    )
    events = {str(e["summary"]): e for e in Calendar.from_ical(body).walk("VEVENT")}
    assert b"DTSTART:20270111T020000Z" in body
    assert events["Day"]["dtstart"].dt == date(2027, 1, 17)
    assert events["Day"]["dtend"].dt == date(2027, 1, 18)
    assert str(events["Timed"]["location"]) == "HBO"


def test_every_inline_style_and_script_is_allowed_by_its_hash_and_nothing_else_is() -> None:
    page = calendar_page(
        "Club",
        [entry("Soon", datetime(2026, 12, 1, tzinfo=UTC))],
        now=NOW,
        feed="https://x.example/c/s.ics",
        webcal="webcal://x.example/c/s.ics",
    )
    styles = re.findall(r"<style>(.*?)</style>", page, re.DOTALL)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert styles == [STYLE] and scripts == [SCRIPT]
    assert f"'{_hash(STYLE)}'" in CONTENT_SECURITY_POLICY
    assert f"'{_hash(SCRIPT)}'" in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert not re.search(r"<[^>]+\s(style|on\w+)=", page)  # no inline attributes to allow


def test_posters_come_only_from_tvmaze_and_names_are_escaped() -> None:
    page = calendar_page(
        "<Club & Co>",
        [
            entry(
                "A", datetime(2026, 12, 1, tzinfo=UTC), poster_url="https://static.tvmaze.com/a.jpg"
            ),
            entry("B", datetime(2026, 12, 2, tzinfo=UTC), poster_url="https://evil.example/b.jpg"),
        ],
        now=NOW,
        feed="https://x.example/c/s.ics",
        webcal="webcal://x.example/c/s.ics",
    )
    assert 'src="https://static.tvmaze.com/a.jpg"' in page
    assert "evil.example" not in page
    assert "<h1>&lt;Club &amp; Co&gt;</h1>" in page
