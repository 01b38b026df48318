"""The weekly digest's pure parts: its next moment (across DST changes), which entries fall in
its week and on which day, and how it is drawn within Discord's limits."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.calendar import CalendarEntry, EntryKind
from bot.news.digest import next_digest_at, week_days
from bot.render.digest import DESCRIPTION_LIMIT, NOTHING_THIS_WEEK, digest_embed

NEW_YORK = ZoneInfo("America/New_York")
SUNDAY, MONDAY, WEDNESDAY = 6, 0, 2


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_the_digest_keeps_its_local_time_when_the_clocks_go_back() -> None:
    # New York leaves daylight saving time at 02:00 on Sunday 1 November 2026.
    before = next_digest_at(utc(2026, 10, 24), SUNDAY, time(9, 0), "America/New_York")
    after = next_digest_at(before, SUNDAY, time(9, 0), "America/New_York")

    assert before == utc(2026, 10, 25, 13, 0)  # 09:00 EDT
    assert after == utc(2026, 11, 1, 14, 0)  # 09:00 EST: a week and an hour later
    assert after.astimezone(NEW_YORK).time() == time(9, 0)


def test_the_digest_keeps_its_local_time_when_the_clocks_go_forward() -> None:
    # London moves to summer time at 01:00 on Sunday 29 March 2026.
    moment = next_digest_at(utc(2026, 3, 27), SUNDAY, time(10, 0), "Europe/London")
    assert moment == utc(2026, 3, 29, 9, 0)  # 10:00 BST


def test_a_time_the_clocks_skip_goes_out_when_the_day_reaches_it() -> None:
    # 02:30 does not exist in New York on Sunday 8 March 2026: the clocks jump from 02:00 to 03:00.
    moment = next_digest_at(utc(2026, 3, 7), SUNDAY, time(2, 30), "America/New_York")
    assert moment == utc(2026, 3, 8, 7, 30)  # 03:30 EDT, the same instant as 02:30 EST
    assert moment.astimezone(NEW_YORK).date() == date(2026, 3, 8)


def test_the_next_moment_is_strictly_after_now() -> None:
    wednesday_ten = utc(2026, 11, 25, 10, 0)
    assert next_digest_at(utc(2026, 11, 25, 9, 59), WEDNESDAY, time(10), "UTC") == wednesday_ten
    assert next_digest_at(wednesday_ten, WEDNESDAY, time(10), "UTC") == wednesday_ten + timedelta(
        days=7
    )


@given(
    seconds=st.integers(0, 15 * 365 * 86400),
    weekday=st.integers(0, 6),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    zone=st.sampled_from(["UTC", "America/New_York", "Europe/London", "Australia/Sydney"]),
)
def test_the_next_moment_is_that_weekday_within_a_week(
    seconds: int, weekday: int, hour: int, minute: int, zone: str
) -> None:
    after = utc(2020, 1, 1) + timedelta(seconds=seconds)
    moment = next_digest_at(after, weekday, time(hour, minute), zone)
    local = moment.astimezone(ZoneInfo(zone))
    assert after < moment <= after + timedelta(days=7, hours=1)
    assert local.weekday() == weekday
    # The wall time is the one asked for, or (in a gap the clocks skip) just after it.
    asked = datetime.combine(local.date(), time(hour, minute))
    assert timedelta(0) <= local.replace(tzinfo=None) - asked <= timedelta(hours=1)


def entry(
    title: str,
    starts: datetime,
    *,
    has_time: bool = True,
    kind: EntryKind = EntryKind.PREMIERE,
    summary: str | None = None,
    network: str | None = "HBO",
) -> CalendarEntry:
    return CalendarEntry(
        uid=f"{title}-{starts.isoformat()}",
        sequence=0,
        kind=kind,
        show_id=1,
        show_title=title,
        summary=summary or f"{title} premiere",
        starts=starts,
        has_time=has_time,
        local_day=starts.date(),
        network=network,
        url=None,
        poster_url=None,
        stamp=starts,
    )


def test_the_week_holds_seven_days_from_its_moment_by_the_servers_days() -> None:
    start = utc(2026, 11, 25, 10, 0)  # Wednesday 10:00 UTC; 05:00 in New York
    earlier = entry("Aired this morning", utc(2026, 11, 25, 8, 0))
    friday_late = entry("Friday night", utc(2026, 11, 28, 2, 0))  # Friday 21:00 in New York
    all_day = entry("All day", utc(2026, 11, 26, 5, 0), has_time=False)
    last = entry("Last moment", start + timedelta(days=7) - timedelta(seconds=1))
    beyond = entry("Next week", start + timedelta(days=7))

    days = week_days([earlier, all_day, friday_late, last, beyond], start, NEW_YORK)

    assert [(day, [e.show_title for e in entries]) for day, entries in days] == [
        (date(2026, 11, 26), ["All day"]),
        (date(2026, 11, 27), ["Friday night"]),
        (date(2026, 12, 2), ["Last moment"]),
    ]


def test_a_line_names_the_show_season_network_and_a_discord_timestamp() -> None:
    starts = utc(2026, 11, 27, 21, 0)
    premiere = entry("Severance", starts, summary="Severance · Season 2 premiere")
    episode = entry(
        "Severance",
        starts + timedelta(hours=1),
        kind=EntryKind.EPISODE,
        summary="Severance · S2·E3 Who Is Alive?",
    )

    embed = digest_embed(
        [(date(2026, 11, 27), [premiere, episode])], week_start=utc(2026, 11, 25), timezone="UTC"
    )

    lines = (embed.description or "").splitlines()
    assert "**Friday 27 November**" in lines
    assert f"• **Severance** · Season 2 premiere · HBO · <t:{int(starts.timestamp())}:f>" in lines
    assert any("S2·E3 Who Is Alive?" in line for line in lines)


def test_names_cannot_ping_or_format() -> None:
    show = entry("@everyone <@&123> **Loud**", utc(2026, 11, 27, 21, 0), network="@here")

    embed = digest_embed(
        [(date(2026, 11, 27), [show])], week_start=utc(2026, 11, 25), timezone="UTC"
    )

    text = embed.description or ""
    assert "@everyone" not in text and "@here" not in text and "<@&123>" not in text
    assert "\\*\\*Loud" in text


def test_an_empty_week_says_so_in_one_line() -> None:
    embed = digest_embed([], week_start=utc(2026, 11, 25), timezone="UTC")
    assert (embed.description or "").splitlines()[-1] == NOTHING_THIS_WEEK
    busy = digest_embed(
        [(date(2026, 11, 27), [entry("Show", utc(2026, 11, 27, 21))])],
        week_start=utc(2026, 11, 25),
        timezone="UTC",
    )
    assert NOTHING_THIS_WEEK not in (busy.description or "")


def test_a_crowded_week_is_cut_to_fit_and_says_how_many_more() -> None:
    start = utc(2026, 11, 25, 10, 0)
    shows = [entry(f"Show number {n:03}", start + timedelta(minutes=n)) for n in range(200)]

    embed = digest_embed([(date(2026, 11, 25), shows)], week_start=start, timezone="UTC")

    text = embed.description or ""
    shown = text.count("• ")
    assert len(text) <= DESCRIPTION_LIMIT
    assert 0 < shown < 200
    assert text.splitlines()[-1] == f"…and {200 - shown} more"


def test_a_late_digest_says_so() -> None:
    embed = digest_embed([], week_start=utc(2026, 11, 25, 10), timezone="UTC", late=True)
    assert (embed.description or "").startswith("⏰ Late: this was due <t:")
