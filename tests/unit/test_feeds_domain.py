"""The pure rules behind feeds: when to check next, backing off, which tracked show a story is
about, and when two headlines are the same story."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from bot.articles import analyse
from bot.domain.dates import Precision
from bot.domain.feeds import (
    DEFAULT_INTERVAL,
    JITTER,
    MAX_BACKOFF,
    next_check,
    retry_after_failure,
    should_pause,
)
from bot.domain.shows import Show
from bot.news.desk import about_tracked
from bot.services.articles import headline_key

NOW = datetime(2026, 11, 24, 15, tzinfo=UTC)


def show(title: str, season: int | None = None, days: int = 30, id: int = 1) -> Show:
    return Show(
        id=id,
        guild_id=1,
        title=title,
        season=season,
        network=None,
        premiere=NOW + timedelta(days=days),
        precision=Precision.DAY,
        timezone="UTC",
        added_by=1,
        added_at=NOW,
    )


def test_checks_are_spread_around_the_interval() -> None:
    rng = random.Random(7)
    waits = [next_check(NOW, DEFAULT_INTERVAL, rng) - NOW for _ in range(500)]

    assert min(waits) >= DEFAULT_INTERVAL * (1 - JITTER)
    assert max(waits) <= DEFAULT_INTERVAL * (1 + JITTER)
    assert max(waits) - min(waits) > DEFAULT_INTERVAL * JITTER  # really spread, not one value


def test_failures_back_off_doubling_up_to_a_cap() -> None:
    rng = random.Random(1)
    waits = [retry_after_failure(NOW, DEFAULT_INTERVAL, n, rng) - NOW for n in range(1, 12)]

    assert waits[0] < DEFAULT_INTERVAL * 1.2
    assert waits[1] >= DEFAULT_INTERVAL * 2 and waits[2] >= DEFAULT_INTERVAL * 4
    assert all(w <= MAX_BACKOFF * (1 + JITTER) for w in waits)
    assert waits[-1] >= MAX_BACKOFF


def test_retry_after_is_a_floor() -> None:
    rng = random.Random(1)
    wait = retry_after_failure(NOW, DEFAULT_INTERVAL, 1, rng, retry_after=3600) - NOW

    assert wait >= timedelta(hours=1)


def test_pausing_comes_after_repeated_failures_only() -> None:
    assert not should_pause(4) and should_pause(5)


def test_a_story_is_about_the_tracked_show_its_facts_name_same_season_first() -> None:
    story = analyse(
        text="Harbor Lights Season 3 Gets a Date\n\n"
        "Harbor Lights season 3 premieres on Netflix on March 12, 2027."
    )
    s2, s3 = show("Harbor Lights", 2, days=-200, id=2), show("Harbor Lights", 3, id=3)

    assert about_tracked(story, story.title, [s2, s3, show("Quiet Valley", id=4)]) == s3


def test_a_headline_naming_a_tracked_title_is_about_it() -> None:
    story = analyse(text="The cast of Quiet Valley talks about the finale\n\nA long interview.")

    assert about_tracked(story, story.title, [show("Quiet Valley")]) is not None
    assert about_tracked(story, story.title, [show("Harbor Lights")]) is None


def test_short_titles_inside_other_words_or_as_plain_words_do_not_match() -> None:
    story = analyse(text="You won't believe these renewals\n\nSeveral dramas return next year.")

    assert about_tracked(story, story.title, [show("You")]) is None


def test_headlines_match_without_case_or_punctuation() -> None:
    assert headline_key("Netflix Sets a Date for 'Harbor Lights' S3!") == headline_key(
        "netflix sets a date for harbor lights s3"
    )
    assert headline_key("Renewed!") is None  # too short to tell stories apart
