"""The reminder rules in bot.domain.reminders: which rungs a premiere's ladder still has, and
what triage does with reminders that fell due (on time, late, or after the bot was away)."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.dates import Precision
from bot.domain.reminders import (
    LATE_AFTER,
    OFFLINE_WINDOW,
    Kind,
    Rung,
    Style,
    Triage,
    ladder,
    triage,
)

# Tuesday, 2026-11-24 15:00 UTC, as in the other tests.
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
DEFAULT_OFFSETS = (
    timedelta(days=7),
    timedelta(days=1),
    timedelta(hours=1),
    timedelta(0),
)
STALE = "the premiere was over 6 hours ago when the bot got to it"
SUPERSEDED = "superseded by a later reminder"

# Offsets as /settings reminders accepts them: whole minutes, 0 to 60 days, at most six, no
# duplicates.
offset_sets = st.frozensets(
    st.integers(0, 60 * 24 * 60).map(lambda minutes: timedelta(minutes=minutes)), max_size=6
)
premieres = st.integers(-90 * 24 * 60, 90 * 24 * 60).map(lambda m: NOW + timedelta(minutes=m))
# Premieres that put a default rung exactly at NOW, and the default offsets, drawn often enough
# that the edges are tried on every run.
ladder_premieres = premieres | st.sampled_from([NOW + offset for offset in DEFAULT_OFFSETS])
ladder_offsets = offset_sets | st.just(frozenset(DEFAULT_OFFSETS))
countdown_precisions = st.sampled_from([Precision.DAY, Precision.TIME])


# ------------------------------------------------------------------------------------ ladder


def test_a_premiere_ten_days_away_gets_every_rung_earliest_first() -> None:
    premiere = NOW + timedelta(days=10)

    rungs = ladder(premiere, Precision.TIME, DEFAULT_OFFSETS, NOW)

    assert rungs == [Rung(offset, premiere - offset) for offset in DEFAULT_OFFSETS]


def test_rungs_already_past_are_left_out() -> None:
    premiere = NOW + timedelta(days=2)

    rungs = ladder(premiere, Precision.DAY, DEFAULT_OFFSETS, NOW)

    assert [rung.offset for rung in rungs] == [timedelta(days=1), timedelta(hours=1), timedelta(0)]


def test_offsets_in_any_order_give_the_same_ladder() -> None:
    premiere = NOW + timedelta(days=10)
    shuffled = [timedelta(hours=1), timedelta(0), timedelta(days=7), timedelta(days=1)]

    assert ladder(premiere, Precision.TIME, shuffled, NOW) == ladder(
        premiere, Precision.TIME, DEFAULT_OFFSETS, NOW
    )


def test_a_rung_due_this_very_instant_is_left_out() -> None:
    premiere = NOW + timedelta(hours=1)

    rungs = ladder(premiere, Precision.TIME, DEFAULT_OFFSETS, NOW)

    assert [rung.offset for rung in rungs] == [timedelta(0)]


def test_a_premiere_already_past_has_no_rungs() -> None:
    assert ladder(NOW - timedelta(minutes=1), Precision.TIME, DEFAULT_OFFSETS, NOW) == []


def test_no_offsets_no_rungs() -> None:
    assert ladder(NOW + timedelta(days=3), Precision.DAY, (), NOW) == []


@pytest.mark.parametrize("precision", [Precision.MONTH, Precision.YEAR])
def test_a_month_or_year_gets_no_countdown(precision: Precision) -> None:
    # "March 2027" starts on the 1st only as a storage convention: counting down to it would lie.
    assert ladder(NOW + timedelta(days=100), precision, DEFAULT_OFFSETS, NOW) == []


@given(premiere=ladder_premieres, precision=countdown_precisions, offsets=ladder_offsets)
def test_every_rung_is_after_now_and_not_after_the_premiere(
    premiere: datetime, precision: Precision, offsets: frozenset[timedelta]
) -> None:
    for rung in ladder(premiere, precision, offsets, NOW):
        assert NOW < rung.due <= premiere
        assert rung.due == premiere - rung.offset


@given(premiere=ladder_premieres, precision=countdown_precisions, offsets=ladder_offsets)
def test_the_ladder_holds_exactly_the_offsets_still_ahead_in_time_order(
    premiere: datetime, precision: Precision, offsets: frozenset[timedelta]
) -> None:
    rungs = ladder(premiere, precision, offsets, NOW)

    assert {rung.offset for rung in rungs} == {o for o in offsets if premiere - o > NOW}
    assert len(rungs) == len({rung.offset for rung in rungs})  # no rung twice
    dues = [rung.due for rung in rungs]
    assert dues == sorted(dues)


@given(
    premiere=ladder_premieres,
    precision=countdown_precisions,
    offsets=ladder_offsets,
    later=st.integers(0, 120 * 24 * 60).map(lambda m: timedelta(minutes=m)),
)
def test_time_passing_only_drops_the_earliest_rungs(
    premiere: datetime, precision: Precision, offsets: frozenset[timedelta], later: timedelta
) -> None:
    now_rungs = ladder(premiere, precision, offsets, NOW)
    later_rungs = ladder(premiere, precision, offsets, NOW + later)

    assert now_rungs[len(now_rungs) - len(later_rungs) :] == later_rungs


@given(
    premiere=premieres,
    precision=st.sampled_from([Precision.MONTH, Precision.YEAR]),
    offsets=offset_sets,
)
def test_imprecise_premieres_never_get_rungs(
    premiere: datetime, precision: Precision, offsets: frozenset[timedelta]
) -> None:
    assert ladder(premiere, precision, offsets, NOW) == []


# ------------------------------------------------------------------------------------ triage


@dataclass(frozen=True, slots=True)
class DueReminder:
    """Just what triage reads of a stored reminder."""

    id: int
    guild_id: int
    show_id: int
    kind: Kind
    premiere: datetime
    due: datetime


def countdown(
    id: int, premiere: datetime, offset: timedelta, *, guild_id: int = 1, show_id: int = 1
) -> DueReminder:
    return DueReminder(id, guild_id, show_id, Kind.COUNTDOWN, premiere, premiere - offset)


def moved(
    id: int, premiere: datetime, noticed: datetime, *, guild_id: int = 1, show_id: int = 1
) -> DueReminder:
    return DueReminder(id, guild_id, show_id, Kind.MOVED, premiere, noticed)


def sent(verdict: Triage[DueReminder]) -> list[tuple[int, Style]]:
    return sorted((reminder.id, style) for reminder, style in verdict.send)


def skipped(verdict: Triage[DueReminder]) -> list[tuple[int, str]]:
    return sorted((reminder.id, reason) for reminder, reason in verdict.skip)


def test_nothing_due_nothing_to_do() -> None:
    verdict = triage([], NOW)
    assert verdict.send == [] and verdict.skip == []


def test_a_reminder_on_time_is_sent_on_time() -> None:
    reminder = countdown(1, NOW + timedelta(days=1), timedelta(days=1))

    assert sent(triage([reminder], NOW)) == [(1, Style.ON_TIME)]


def test_a_few_minutes_late_still_counts_as_on_time() -> None:
    on_the_edge = countdown(1, NOW + timedelta(days=1), timedelta(days=1) + LATE_AFTER)
    just_past = countdown(
        2, NOW + timedelta(days=2), timedelta(days=2) + LATE_AFTER + timedelta(seconds=1)
    )

    assert sent(triage([on_the_edge, just_past], NOW)) == [(1, Style.ON_TIME), (2, Style.LATE)]


def test_downtime_before_the_premiere_sends_only_the_latest_missed_rung_marked_late() -> None:
    premiere = NOW + timedelta(hours=12)
    week, day = countdown(1, premiere, timedelta(days=7)), countdown(2, premiere, timedelta(days=1))

    verdict = triage([week, day], NOW)

    assert sent(verdict) == [(2, Style.LATE)]
    assert skipped(verdict) == [(1, SUPERSEDED)]


def test_downtime_across_the_premiere_gives_one_offline_post() -> None:
    premiere = NOW - timedelta(hours=2)
    rungs = [countdown(n, premiere, offset) for n, offset in enumerate(DEFAULT_OFFSETS, 1)]

    verdict = triage(rungs, NOW)

    assert sent(verdict) == [(4, Style.OFFLINE)]  # the "premiering now" rung speaks for all
    assert skipped(verdict) == [(1, SUPERSEDED), (2, SUPERSEDED), (3, SUPERSEDED)]


def test_the_premiering_now_rung_a_little_late_is_still_on_time() -> None:
    premiere = NOW - timedelta(minutes=3)
    verdict = triage([countdown(1, premiere, timedelta(0))], NOW)
    assert sent(verdict) == [(1, Style.ON_TIME)]


@pytest.mark.parametrize(
    ("since_premiere", "expected"),
    [
        (OFFLINE_WINDOW - timedelta(seconds=1), [(1, Style.OFFLINE)]),
        (OFFLINE_WINDOW, []),
        (OFFLINE_WINDOW + timedelta(days=3), []),
    ],
)
def test_an_offline_post_is_news_for_six_hours(
    since_premiere: timedelta, expected: list[tuple[int, Style]]
) -> None:
    reminder = countdown(1, NOW - since_premiere, timedelta(hours=1))

    verdict = triage([reminder], NOW)

    assert sent(verdict) == expected
    assert skipped(verdict) == ([] if expected else [(1, STALE)])


def test_a_stale_premiere_skips_every_kind_of_reminder() -> None:
    premiere = NOW - timedelta(days=1)
    reminders = [countdown(1, premiere, timedelta(0)), moved(2, premiere, NOW - timedelta(days=2))]

    verdict = triage(reminders, NOW)

    assert verdict.send == []
    assert skipped(verdict) == [(1, STALE), (2, STALE)]


def test_a_move_notice_and_a_countdown_are_sent_side_by_side() -> None:
    premiere = NOW + timedelta(days=1)
    notice = moved(1, premiere, NOW - timedelta(minutes=1))
    rung = countdown(2, premiere, timedelta(days=1))

    assert sent(triage([notice, rung], NOW)) == [(1, Style.ON_TIME), (2, Style.ON_TIME)]


def test_of_two_move_notices_the_newest_is_sent() -> None:
    premiere = NOW + timedelta(days=3)
    older = moved(1, premiere, NOW - timedelta(hours=2))
    newer = moved(2, premiere, NOW - timedelta(hours=1))

    verdict = triage([newer, older], NOW)

    assert sent(verdict) == [(2, Style.LATE)]
    assert skipped(verdict) == [(1, SUPERSEDED)]


def test_notices_due_at_the_same_moment_go_to_the_later_id() -> None:
    premiere = NOW + timedelta(days=3)
    same_time = NOW - timedelta(minutes=1)

    verdict = triage([moved(7, premiere, same_time), moved(3, premiere, same_time)], NOW)

    assert sent(verdict) == [(7, Style.ON_TIME)]


def test_each_server_and_each_show_is_triaged_apart() -> None:
    premiere = NOW + timedelta(hours=12)
    reminders = [
        countdown(1, premiere, timedelta(days=1), guild_id=1, show_id=1),
        countdown(2, premiere, timedelta(days=1), guild_id=2, show_id=1),
        countdown(3, premiere, timedelta(days=1), guild_id=1, show_id=2),
        countdown(4, premiere, timedelta(days=7), guild_id=1, show_id=2),
    ]

    verdict = triage(reminders, NOW)

    assert sent(verdict) == [(1, Style.LATE), (2, Style.LATE), (3, Style.LATE)]
    assert skipped(verdict) == [(4, SUPERSEDED)]


def test_reminders_for_an_old_and_a_new_date_are_triaged_apart() -> None:
    old_date, new_date = NOW + timedelta(hours=1), NOW + timedelta(days=1)
    reminders = [
        countdown(1, old_date, timedelta(hours=1)),
        countdown(2, new_date, timedelta(days=1)),
    ]

    assert sent(triage(reminders, NOW)) == [(1, Style.ON_TIME), (2, Style.ON_TIME)]


# Premieres around the edges that matter (the six-hour window, "now", five minutes late), plus
# a few ordinary ones, so generated reminders share premieres and fall into the same groups.
EDGE_PREMIERES = [
    NOW + delta
    for delta in (
        -OFFLINE_WINDOW - timedelta(minutes=1),
        -OFFLINE_WINDOW,
        -OFFLINE_WINDOW + timedelta(minutes=1),
        -timedelta(hours=1),
        -LATE_AFTER,
        timedelta(0),
        LATE_AFTER,
        timedelta(hours=3),
        timedelta(days=2),
    )
]
OFFSET_CHOICES = [*DEFAULT_OFFSETS, timedelta(minutes=5), timedelta(hours=6), timedelta(days=3)]


@st.composite
def due_reminders(draw: st.DrawFn) -> list[DueReminder]:
    """Reminders that have fallen due by NOW, with distinct ids, sharing servers and shows."""
    count = draw(st.integers(0, 12))
    reminders: list[DueReminder] = []
    for reminder_id in range(1, count + 1):
        guild_id, show_id = draw(st.integers(1, 2)), draw(st.integers(1, 2))
        premiere = draw(st.sampled_from(EDGE_PREMIERES) | premieres)
        if draw(st.booleans()):
            offset = draw(st.sampled_from(OFFSET_CHOICES))
            due = min(premiere - offset, NOW)  # a rung with no time left falls due now
            kind = Kind.COUNTDOWN
        else:
            due = NOW - timedelta(minutes=draw(st.integers(0, 3 * 24 * 60)))
            kind = Kind.MOVED
        reminders.append(DueReminder(reminder_id, guild_id, show_id, kind, premiere, due))
    return reminders


def group_of(reminder: DueReminder) -> tuple[int, int, datetime, Kind]:
    return reminder.guild_id, reminder.show_id, reminder.premiere, reminder.kind


@given(due_reminders())
def test_every_due_reminder_is_either_sent_or_skipped_never_both(
    reminders: list[DueReminder],
) -> None:
    verdict = triage(reminders, NOW)

    sent_ids = [reminder.id for reminder, _ in verdict.send]
    skipped_ids = [reminder.id for reminder, _ in verdict.skip]
    assert sorted(sent_ids + skipped_ids) == sorted(r.id for r in reminders)
    assert not set(sent_ids) & set(skipped_ids)


@given(due_reminders())
def test_each_server_show_premiere_and_kind_sends_at_most_one_and_only_while_news(
    reminders: list[DueReminder],
) -> None:
    verdict = triage(reminders, NOW)

    per_group = Counter(group_of(reminder) for reminder, _ in verdict.send)
    for group in {group_of(r) for r in reminders}:
        premiere = group[2]
        expected = 1 if NOW - premiere < OFFLINE_WINDOW else 0
        assert per_group[group] == expected, group


@given(due_reminders())
def test_the_sent_reminder_is_the_latest_of_its_group(reminders: list[DueReminder]) -> None:
    verdict = triage(reminders, NOW)

    for chosen, _ in verdict.send:
        rivals = [r for r in reminders if group_of(r) == group_of(chosen)]
        assert (chosen.due, chosen.id) == max((r.due, r.id) for r in rivals)


@given(due_reminders())
def test_the_style_says_on_time_late_or_offline(reminders: list[DueReminder]) -> None:
    for reminder, style in triage(reminders, NOW).send:
        if NOW - reminder.due <= LATE_AFTER:
            assert style is Style.ON_TIME
        elif reminder.premiere <= NOW:
            assert style is Style.OFFLINE
        else:
            assert style is Style.LATE


@given(due_reminders())
def test_a_skip_always_says_why(reminders: list[DueReminder]) -> None:
    for reminder, reason in triage(reminders, NOW).skip:
        stale = NOW - reminder.premiere >= OFFLINE_WINDOW
        assert reason == (STALE if stale else SUPERSEDED)


@given(due_reminders(), st.randoms(use_true_random=False))
def test_the_order_reminders_arrive_in_does_not_matter(
    reminders: list[DueReminder], shuffler: random.Random
) -> None:
    shuffled = list(reminders)
    shuffler.shuffle(shuffled)

    first, second = triage(reminders, NOW), triage(shuffled, NOW)

    assert sent(first) == sent(second)
    assert skipped(first) == skipped(second)
