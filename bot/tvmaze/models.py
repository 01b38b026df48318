"""Shows and episodes as the bot needs them, read defensively from TVmaze's JSON.

TVmaze leaves many fields null or empty ("airtime": "" for streaming drops, "airstamp": null and
"airdate": "" for episodes not dated yet, "number": null for specials, "network": null for
streaming shows), so every reader here falls back rather than raising: a record the bot cannot use
at all (no id) becomes None and is skipped by the caller.

Specials keep the season they belong to, have "number": null and a "type" of
"significant_special" or "insignificant_special"; regular episodes have "type": "regular" (older
answers have no "type" at all). Airstamps carry an offset: "+00:00" today, the network's local
one ("-04:00") in older answers; both are read into aware UTC.

Seasons (/shows/{id}/seasons) have "episodeOrder", "premiereDate" and "endDate" null until TVmaze
knows them: the order once a network announces how many episodes a season has, the dates once
its episodes are dated (the end date is how TVmaze says a season is complete).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

LABEL_LIMIT = 100  # Discord's limit on an autocomplete choice name
UNTITLED = "Untitled show"
REGULAR = "regular"  # TVmaze's episode type for a numbered episode (specials have other types)


@dataclass(frozen=True, slots=True)
class TvEpisode:
    id: int
    season: int
    number: int | None  # None for specials
    name: str
    airdate: date | None
    airstamp: datetime | None  # aware, UTC
    has_time: bool  # False when TVmaze has no airtime (streaming drops): airstamp is a guess
    kind: str = REGULAR  # TVmaze's "type"; "regular" when an older answer has none

    @property
    def is_regular(self) -> bool:
        """A numbered episode of its season, not a special: only these can open a season."""
        return self.kind == REGULAR and self.number is not None


@dataclass(frozen=True, slots=True)
class TvSeason:
    id: int
    number: int
    episode_order: int | None  # how many episodes the season has; None until announced
    premiere_date: date | None
    end_date: date | None  # TVmaze fills it once the season's last episode is dated


@dataclass(frozen=True, slots=True)
class TvShow:
    id: int
    name: str
    premiered: date | None
    network: str | None  # network.name, else webChannel.name
    streaming: bool  # True when the name came from webChannel (no network)
    timezone: str  # an IANA name that zoneinfo knows; "UTC" when TVmaze gives none
    status: str  # "Running", "Ended", "To Be Determined", "In Development", ... or ""
    updated: int  # epoch seconds of TVmaze's last change to the show
    next_episode: TvEpisode | None = None  # filled by TvmazeClient.show(), None from search()
    image_url: str | None = None  # TVmaze's medium poster (https), when it has one

    @property
    def year(self) -> int | None:
        return self.premiered.year if self.premiered else None

    @property
    def label(self) -> str:
        """Name, then the year and network it has: "Severance (2022, Apple TV+)"; ≤ 100 chars."""
        details = [str(part) for part in (self.year, self.network) if part]
        suffix = f" ({', '.join(details)})" if details else ""
        if len(self.name) + len(suffix) <= LABEL_LIMIT:
            return self.name + suffix
        # Shorten the name, not the details: the year and network tell same-named shows apart.
        room = LABEL_LIMIT - len(suffix) - 1
        if room >= 20:
            return self.name[:room].rstrip() + "…" + suffix
        return (self.name + suffix)[: LABEL_LIMIT - 1].rstrip() + "…"


def parse_show(raw: Any) -> TvShow | None:
    """A show from TVmaze's show object; None when it has no usable id."""
    if not isinstance(raw, dict):
        return None
    show_id = _int(raw.get("id"))
    if show_id is None or show_id <= 0:
        return None
    network = _dict(raw.get("network"))
    web_channel = _dict(raw.get("webChannel"))
    network_name = _text(network.get("name")) or None
    web_channel_name = _text(web_channel.get("name")) or None
    embedded = _dict(raw.get("_embedded"))
    return TvShow(
        id=show_id,
        name=_text(raw.get("name")) or UNTITLED,
        premiered=_date(raw.get("premiered")),
        network=network_name or web_channel_name,
        streaming=network_name is None and web_channel_name is not None,
        timezone=_timezone(network) or _timezone(web_channel) or "UTC",
        status=_text(raw.get("status")),
        updated=_int(raw.get("updated")) or 0,
        next_episode=parse_episode(embedded.get("nextepisode")),
        image_url=_image(raw.get("image")),
    )


def parse_episode(raw: Any) -> TvEpisode | None:
    """An episode from TVmaze's episode object; None when it has no id or season."""
    if not isinstance(raw, dict):
        return None
    episode_id = _int(raw.get("id"))
    season = _int(raw.get("season"))
    if episode_id is None or season is None:
        return None
    return TvEpisode(
        id=episode_id,
        season=season,
        number=_int(raw.get("number")),
        name=_text(raw.get("name")),
        airdate=_date(raw.get("airdate")),
        airstamp=_instant(raw.get("airstamp")),
        has_time=bool(_text(raw.get("airtime"))),
        kind=_text(raw.get("type")) or REGULAR,
    )


def parse_season(raw: Any) -> TvSeason | None:
    """A season from TVmaze's season object; None when it has no id or number."""
    if not isinstance(raw, dict):
        return None
    season_id = _int(raw.get("id"))
    number = _int(raw.get("number"))
    if season_id is None or number is None:
        return None
    order = _int(raw.get("episodeOrder"))
    return TvSeason(
        id=season_id,
        number=number,
        # A season of no or fewer episodes is garbage, not an announcement.
        episode_order=order if order is not None and order > 0 else None,
        premiere_date=_date(raw.get("premiereDate")),
        end_date=_date(raw.get("endDate")),
    )


def _image(value: Any) -> str | None:
    """TVmaze's medium image; only an https address on its own image host is kept."""
    url = _text(_dict(value).get("medium")) or _text(_dict(value).get("original"))
    return url if url.startswith("https://static.tvmaze.com/") else None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _int(value: Any) -> int | None:
    # bool is an int subclass; true/false in an id field is garbage, not 1/0.
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _instant(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    # Without an offset the instant is unknowable; guessing would shift reminders by hours.
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        return None
    return parsed.astimezone(UTC)


def _timezone(channel: dict[str, Any]) -> str | None:
    name = _text(_dict(channel.get("country")).get("timezone"))
    if not name:
        return None
    # Callers build ZoneInfo from this, so only hand out names that zoneinfo can load.
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
    return name
