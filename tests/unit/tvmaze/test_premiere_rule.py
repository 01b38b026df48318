"""Which TVmaze episode is a season's premiere: its first regular episode, never a special.

The shapes follow recorded TVmaze answers: specials keep their season, have "number": null and
"type": "significant_special" or "insignificant_special"; they can air before episode 1 (a
preview) or after the finale (a documentary), and a season's listing can put a special that
aired first after the regular episodes. Names and ids here are made up.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.dates import Precision
from bot.services.tvmaze import needs_episodes, next_regular, premiere_of, season_premiere
from bot.tvmaze import TvEpisode, TvShow, parse_episode

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
NEW_YORK = ZoneInfo("America/New_York")


def ep(
    id: int,
    season: int,
    number: int | None,
    airstamp: str | None,
    *,
    kind: str | None = None,
    airtime: str = "21:00",
    airdate: str | None = None,
) -> TvEpisode:
    """An episode as TVmaze sends it; airdate defaults to the airstamp's New York day."""
    raw: dict[str, Any] = {
        "id": id,
        "season": season,
        "number": number,
        "airtime": airtime,
        "airstamp": airstamp,
        "airdate": airdate if airdate is not None else _new_york_day(airstamp),
    }
    if kind is not None:
        raw["type"] = kind
    episode = parse_episode(raw)
    assert episode is not None
    return episode


def _new_york_day(airstamp: str | None) -> str:
    if not airstamp:
        return ""
    return datetime.fromisoformat(airstamp).astimezone(NEW_YORK).date().isoformat()


def weekly(first_id: int, season: int, count: int, first: datetime) -> list[TvEpisode]:
    """Episodes 1..count of a season, a week apart, in TVmaze's "+00:00" form."""
    return [
        ep(first_id + n, season, n, (first + timedelta(weeks=n - 1)).isoformat())
        for n in range(1, count + 1)
    ]


def show(next_episode: TvEpisode | None) -> TvShow:
    return TvShow(
        id=7,
        name="Iron Crown",
        premiered=date(2025, 4, 13),
        network="HBO",
        streaming=False,
        timezone="America/New_York",
        status="Running",
        updated=1,
        next_episode=next_episode,
    )


# Season 2: a preview special a week before episode 1, all at 9 pm New York (EDT, -04:00).
PREVIEW = ep(900, 2, None, "2027-03-29T01:00:00+00:00", kind="significant_special")
S2 = weekly(200, 2, 3, datetime(2027, 4, 4, 1, 0, tzinfo=UTC))
S1 = weekly(100, 1, 3, datetime(2026, 4, 13, 1, 0, tzinfo=UTC))


def test_a_special_a_week_before_episode_1_is_not_the_premiere() -> None:
    iron_crown = show(PREVIEW)
    episodes = [*S1, PREVIEW, *S2]

    assert needs_episodes(iron_crown)
    premiere = season_premiere(iron_crown, episodes, now=NOW)

    assert premiere is not None
    assert (premiere.season, premiere.instant, premiere.precision) == (
        2,
        datetime(2027, 4, 4, 1, 0, tzinfo=UTC),  # episode 1, not the preview on 29 March
        Precision.TIME,
    )


def test_the_order_of_the_listing_does_not_matter() -> None:
    # A recorded TVmaze season listing puts a special that aired first after the finale.
    episodes = [*S2, *S1, PREVIEW]
    for _ in range(5):
        random.shuffle(episodes)
        found = next_regular(show(PREVIEW), episodes, now=NOW)
        assert found is not None and found.episode.id == 201 and found.opens_season


# Season 8: six episodes, then a documentary special in season 8, numbered null.
S8 = weekly(800, 8, 6, datetime(2027, 1, 4, 2, 0, tzinfo=UTC))  # the finale: 8 February
DOCUMENTARY = ep(899, 8, None, "2027-02-15T02:00:00+00:00", kind="significant_special")


AFTER_FINALE = datetime(2027, 2, 10, tzinfo=UTC)


def test_a_documentary_after_the_finale_is_no_premiere() -> None:
    iron_crown = show(DOCUMENTARY)

    assert next_regular(iron_crown, [*S8, DOCUMENTARY], now=AFTER_FINALE) is None
    assert season_premiere(iron_crown, [*S8, DOCUMENTARY], now=AFTER_FINALE) is None


def test_after_the_documentary_the_next_season_premiere_counts() -> None:
    s9 = weekly(900, 9, 2, datetime(2028, 4, 10, 1, 0, tzinfo=UTC))

    premiere = season_premiere(show(DOCUMENTARY), [*S8, DOCUMENTARY, *s9], now=AFTER_FINALE)

    assert premiere is not None and premiere.season == 9
    assert premiere.instant == datetime(2028, 4, 10, 1, 0, tzinfo=UTC)


def test_a_special_mid_season_leads_to_an_episode_that_opens_nothing() -> None:
    recap = ep(950, 2, None, "2027-04-08T01:00:00+00:00", kind="insignificant_special")

    found = next_regular(show(recap), [*S2, recap], now=NOW)

    assert found is not None and found.episode.number == 2 and not found.opens_season
    assert season_premiere(show(recap), [*S2, recap], now=NOW) is None


def test_a_special_with_no_regular_episode_listed_yet_has_no_premiere() -> None:
    assert season_premiere(show(PREVIEW), [PREVIEW], now=NOW) is None


def test_a_regular_next_episode_needs_no_listing() -> None:
    first, fifth = S2[0], ep(205, 2, 5, "2027-05-02T01:00:00+00:00")

    assert not needs_episodes(show(first))
    assert season_premiere(show(first), now=NOW) == premiere_of(show(first), first)
    assert season_premiere(show(fifth), now=NOW) is None
    assert season_premiere(show(None), now=NOW) is None


def test_episodes_without_a_type_are_regular_when_numbered() -> None:
    # Older TVmaze answers have no "type": a number makes an episode regular, null a special.
    untyped_special = ep(901, 2, None, "2027-03-29T01:00:00+00:00")
    untyped_first = ep(902, 2, 1, "2027-04-04T01:00:00+00:00")

    assert untyped_first.is_regular and not untyped_special.is_regular
    premiere = season_premiere(show(untyped_special), [untyped_special, untyped_first], now=NOW)
    assert premiere is not None and premiere.instant == untyped_first.airstamp


def test_a_numbered_special_is_still_a_special() -> None:
    odd = ep(903, 2, 1, "2027-03-29T01:00:00+00:00", kind="significant_special")
    assert not odd.is_regular
    assert season_premiere(show(odd), [odd, *S2], now=NOW) == premiere_of(show(odd), S2[0])


def test_local_offsets_order_like_utc() -> None:
    # 9 pm in New York written with its own offset is the same instant as 01:00 UTC next day.
    local_first = ep(210, 2, 1, "2027-04-03T21:00:00-04:00")
    preview = ep(911, 2, None, "2027-03-27T21:00:00-04:00", kind="significant_special")

    premiere = season_premiere(show(preview), [preview, local_first, S2[1]], now=NOW)

    assert premiere is not None
    assert premiere.instant == datetime(2027, 4, 4, 1, 0, tzinfo=UTC)
    assert premiere.instant.tzinfo is UTC


def test_an_episode_without_airstamp_is_dated_by_its_day() -> None:
    # A streaming drop: no airtime, no airstamp, only the day.
    drop = ep(220, 2, 1, None, airtime="", airdate="2027-04-02")

    premiere = season_premiere(show(PREVIEW), [PREVIEW, drop], now=NOW)

    assert premiere is not None and premiere.precision is Precision.DAY
    assert premiere.instant == datetime(2027, 4, 2, 4, 0, tzinfo=UTC)  # midnight in New York
    assert premiere.text == "2027-04-02"


def test_an_episode_without_airdate_or_airstamp_is_not_a_dated_premiere() -> None:
    undated_first = ep(230, 2, 1, None, airtime="", airdate="")
    dated_second = ep(231, 2, 2, "2027-04-11T01:00:00+00:00")

    assert season_premiere(show(PREVIEW), [PREVIEW, undated_first], now=NOW) is None
    # Episode 1 undated and episode 2 dated: episode 2 does not become the premiere.
    found = next_regular(show(PREVIEW), [PREVIEW, undated_first, dated_second], now=NOW)
    assert found is not None and found.episode.number == 2 and not found.opens_season


def test_an_undated_special_measures_from_now() -> None:
    undated = ep(940, 2, None, None, kind="significant_special", airtime="", airdate="")
    aired = ep(241, 2, 1, "2027-02-01T02:00:00+00:00")
    upcoming = ep(242, 2, 2, "2027-03-08T02:00:00+00:00")

    found = next_regular(show(undated), [aired, upcoming, undated], now=NOW)

    assert found is not None and found.episode.id == 242 and not found.opens_season


def test_a_day_only_episode_on_the_special_s_day_still_counts() -> None:
    # The special is timed in the evening; episode 1 drops the same day with no time.
    evening = ep(960, 2, None, "2027-04-02T23:00:00+00:00", kind="significant_special")
    drop = ep(250, 2, 1, None, airtime="", airdate="2027-04-02")

    premiere = season_premiere(show(evening), [evening, drop], now=NOW)

    assert premiere is not None and premiere.precision is Precision.DAY
