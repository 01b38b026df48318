"""Reading TVmaze's JSON into TvShow and TvEpisode, and the label members pick from."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot.tvmaze import TvEpisode, TvShow, parse_episode, parse_show


def show(**fields: Any) -> TvShow:
    defaults: dict[str, Any] = {
        "id": 1,
        "name": "Severance",
        "premiered": date(2022, 2, 18),
        "network": "Apple TV+",
        "streaming": True,
        "timezone": "UTC",
        "status": "Running",
        "updated": 0,
    }
    return TvShow(**{**defaults, **fields})


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({}, "Severance (2022, Apple TV+)"),
        ({"network": None}, "Severance (2022)"),
        ({"premiered": None}, "Severance (Apple TV+)"),
        ({"premiered": None, "network": None}, "Severance"),
    ],
)
def test_label_names_what_exists(fields: dict[str, Any], label: str) -> None:
    assert show(**fields).label == label


def test_long_label_shortens_the_name_and_keeps_the_details() -> None:
    label = show(name="A" * 150).label
    assert len(label) == 100
    assert label.endswith("… (2022, Apple TV+)")


def test_label_with_a_huge_network_still_fits() -> None:
    label = show(network="N" * 200).label
    assert len(label) <= 100
    assert label.startswith("Severance (2022, NNN")
    assert label.endswith("…")


def test_network_wins_over_web_channel() -> None:
    parsed = parse_show(
        {
            "id": 2,
            "name": "Both",
            "network": {"name": "BBC One", "country": {"timezone": "Europe/London"}},
            "webChannel": {"name": "BBC iPlayer", "country": {"timezone": "Asia/Tokyo"}},
        }
    )
    assert parsed is not None
    assert (parsed.network, parsed.streaming, parsed.timezone) == (
        "BBC One",
        False,
        "Europe/London",
    )


def test_web_channel_gives_name_and_timezone_when_there_is_no_network() -> None:
    parsed = parse_show(
        {
            "id": 3,
            "name": "Streamed",
            "network": None,
            "webChannel": {"name": "Hulu", "country": {"timezone": "America/New_York"}},
        }
    )
    assert parsed is not None
    assert (parsed.network, parsed.streaming, parsed.timezone) == (
        "Hulu",
        True,
        "America/New_York",
    )


@pytest.mark.parametrize(
    "raw", [None, [], "show", {}, {"id": None}, {"id": "5"}, {"id": True}, {"id": -1}]
)
def test_a_show_without_a_usable_id_is_skipped(raw: Any) -> None:
    assert parse_show(raw) is None


@pytest.mark.parametrize("timezone", [None, "", "Mars/Olympus", "America", "../../etc/passwd", 5])
def test_a_timezone_zoneinfo_cannot_load_becomes_utc(timezone: Any) -> None:
    parsed = parse_show(
        {"id": 4, "name": "X", "network": {"name": "N", "country": {"timezone": timezone}}}
    )
    assert parsed is not None
    assert parsed.timezone == "UTC"


@pytest.mark.parametrize(
    ("airstamp", "expected"),
    [
        ("2027-03-09T02:00:00+00:00", datetime(2027, 3, 9, 2, 0, tzinfo=UTC)),
        ("2027-03-08T21:00:00-05:00", datetime(2027, 3, 9, 2, 0, tzinfo=UTC)),
        # Older TVmaze answers give the network's own offset, daylight saving included.
        ("2019-04-14T21:00:00-04:00", datetime(2019, 4, 15, 1, 0, tzinfo=UTC)),
        ("2027-10-03T20:30:00+11:00", datetime(2027, 10, 3, 9, 30, tzinfo=UTC)),
        ("2027-03-08T21:00:00+05:30", datetime(2027, 3, 8, 15, 30, tzinfo=UTC)),
        ("2027-03-09T02:00:00Z", datetime(2027, 3, 9, 2, 0, tzinfo=UTC)),
        ("2027-03-09T02:00:00", None),  # no offset: unknowable, not guessed
        ("soon", None),
        ("", None),
        (None, None),
        (1_800_000_000, None),
    ],
)
def test_airstamp_becomes_aware_utc_or_none(airstamp: Any, expected: datetime | None) -> None:
    episode = parse_episode({"id": 1, "season": 1, "airstamp": airstamp})
    assert episode is not None
    assert episode.airstamp == expected
    if episode.airstamp is not None:
        assert episode.airstamp.tzinfo is UTC


def test_episode_fields() -> None:
    raw = {
        "id": 9,
        "season": 2,
        "number": None,
        "name": "  Special\n",
        "airdate": "2027-03-08",
        "airtime": "",
        "airstamp": "2027-03-08T12:00:00+00:00",
    }
    assert parse_episode(raw) == TvEpisode(
        id=9,
        season=2,
        number=None,
        name="Special",
        airdate=date(2027, 3, 8),
        airstamp=datetime(2027, 3, 8, 12, tzinfo=UTC),
        has_time=False,
    )


@pytest.mark.parametrize(
    ("fields", "kind", "regular"),
    [
        ({"number": 1, "type": "regular"}, "regular", True),
        ({"number": 1}, "regular", True),  # older answers have no "type"
        ({"number": 1, "type": ""}, "regular", True),
        ({"number": None, "type": "significant_special"}, "significant_special", False),
        ({"number": None, "type": "insignificant_special"}, "insignificant_special", False),
        ({"number": None}, "regular", False),  # no number: never a season's regular episode
        ({"number": 3, "type": "significant_special"}, "significant_special", False),
        ({"number": 2, "type": "some_future_type"}, "some_future_type", False),
    ],
)
def test_episode_type_says_which_episodes_are_regular(
    fields: dict[str, Any], kind: str, regular: bool
) -> None:
    episode = parse_episode({"id": 1, "season": 8, **fields})
    assert episode is not None
    assert (episode.kind, episode.is_regular) == (kind, regular)


def test_a_special_not_dated_yet() -> None:
    # TVmaze's shape for an episode with no date yet: airdate "", airtime "", airstamp null.
    raw = {
        "id": 12,
        "season": 5,
        "number": None,
        "type": "insignificant_special",
        "airdate": "",
        "airtime": "",
        "airstamp": None,
        "runtime": None,
    }
    assert parse_episode(raw) == TvEpisode(
        id=12,
        season=5,
        number=None,
        name="",
        airdate=None,
        airstamp=None,
        has_time=False,
        kind="insignificant_special",
    )


@pytest.mark.parametrize("raw", [None, {}, {"id": 1}, {"season": 1}, {"id": 1, "season": "1"}])
def test_an_episode_without_id_or_season_is_skipped(raw: Any) -> None:
    assert parse_episode(raw) is None


def test_embedded_next_episode_is_read() -> None:
    parsed = parse_show(
        {
            "id": 5,
            "name": "Next",
            "_embedded": {"nextepisode": {"id": 50, "season": 1, "number": 1, "airtime": "21:00"}},
        }
    )
    assert parsed is not None
    assert parsed.next_episode is not None
    assert parsed.next_episode.has_time is True
    assert parsed.next_episode.id == 50


def test_a_show_keeps_only_tvmazes_own_https_poster() -> None:
    base = {"id": 7, "name": "Quiet Valley"}
    medium = "https://static.tvmaze.com/uploads/images/medium_portrait/1/2.jpg"
    shown = parse_show(base | {"image": {"medium": medium, "original": medium}})
    assert shown is not None and shown.image_url == medium
    for image in (
        None,
        {},
        {"medium": "http://static.tvmaze.com/x.jpg"},
        {"medium": 5},
        {"medium": "https://evil.example/x.jpg"},
        "poster.jpg",
    ):
        parsed = parse_show(base | {"image": image})
        assert parsed is not None and parsed.image_url is None
