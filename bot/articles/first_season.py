"""Whether a piece that writes no season number tells its show as a new series (season 1).

The rules give season 1 where the text says so outright ("the new drama X", "miniseries X").
Most pages say it less plainly: a K-drama line-up, a fall preview of "new shows", a synopsis
and a cast for a title no one has seen. Each such page is scored by a logistic model over what
the text says around and about the show (new and returning words, season numbers, synopsis and
cast, the kind of show and where it airs); above `THRESHOLD` the show is new.

The weights are learned from the development part of the real-page set only, by
`bench/train_first_season.py`, and stored in `data/first_season.json`. The threshold was set
on the same part, by cross-validation, to favour leaving a season empty over a wrong 1.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import astuple, dataclass, fields

from bot.articles import learned, networks, ranking, seasons

THRESHOLD = 0.8


@dataclass(frozen=True, slots=True)
class Signals:
    """What the text says for and against a new series; counts are log(1 + n)."""

    new_words: float  # "new drama", "upcoming series", "original comedy"
    new_words_near: float  # ... within a few lines of the show's name
    return_words: float  # "returns", "renewed", "next season", "revival"
    return_words_near: float
    season_numbers: float  # "season 3", "second series": written for some show
    any_season_number: float
    told_new: float  # the rules' own "a new series" mentions
    season_words: float
    season_words_near: float
    debut_words: float
    series_premiere: float
    asian_network: float  # one-season formats: K-dramas, anime, telenovelas of the region
    drama_words: float
    anime_words: float
    episode_counts: float  # "six-part", "10 x 30", "16 episodes"
    cast_words: float  # "starring": a new show introduces its cast
    adaptation_words: float
    first_look: float
    one_show: float  # the piece is about this show alone
    known: float  # TVmaze knew the title in 2022: more likely an old one
    roundup_words: float  # "line-up", "slate", "schedule"
    history_words: float  # "fans", "last season", "picks up"

    @property
    def told_as_new(self) -> bool:
        """Something in the text speaks of a first run: a new or upcoming show, a debut, a cast
        introduced, a count of episodes, an adaptation. Genre and region alone never do."""
        return any(
            (
                self.new_words, self.told_new, self.debut_words, self.series_premiere,
                self.cast_words, self.episode_counts, self.adaptation_words,
            )
        )  # fmt: skip

    def vector(self) -> tuple[float, ...]:
        return (1.0, *astuple(self))


FEATURES = ("bias", *(f.name for f in fields(Signals)))

_NEW = re.compile(
    r"(?i)\b(?:brand[-\s]new|new|upcoming|latest|original|fresh)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:series|dramas?|k-dramas?|comedy|comedies|shows?|thriller|sitcom|docu-?series|anime"
    r"|adaptation|procedural|mystery|telenovela|teleserye|serial)\b"
)
_RETURN = re.compile(
    r"(?i)\b(?:return(?:s|ing|ed)?|comeback|comes\s+back|back\s+for|renew(?:ed|al)|new\s+season"
    r"|next\s+season|another\s+season|final\s+season|revival|reboot|season\s+premiere)\b"
)
_SEASON = re.compile(r"(?i)\bseasons?\b")
_DEBUT = re.compile(r"(?i)\bdebut")
_SERIES_PREMIERE = re.compile(r"(?i)\bseries\s+premiere")
_DRAMA = re.compile(r"(?i)\b(?:k-?)?dramas?\b")
_ANIME = re.compile(r"(?i)\banime\b")
_EPISODES = re.compile(r"(?i)\b\d+[-\s]part\b|\b\d+\s*x\s*\d+|\b\d+\s+episodes\b|\beps\b")
_CAST = re.compile(r"(?i)\bstar(?:s|ring)\b")
_ADAPTATION = re.compile(r"(?i)\bbased\s+on|adapt")
_FIRST_LOOK = re.compile(r"(?i)\bfirst\s+(?:episode|look)")
_ROUNDUP = re.compile(r"(?i)\b(?:line-?up|slate|round-?up|schedule)\b")
_HISTORY = re.compile(r"(?i)\b(?:fans|last\s+season|previous\s+season|left\s+off|picks?\s+up)\b")
_ASIAN_ZONES = frozenset(
    {
        "Asia/Seoul", "Asia/Tokyo", "Asia/Shanghai", "Asia/Kolkata", "Asia/Manila",
        "Asia/Karachi", "Asia/Bangkok", "Asia/Taipei", "Asia/Jakarta", "Asia/Hong_Kong",
    }
)  # fmt: skip
_OPENING = 1500  # where the networks that say what kind of page it is are named


def signals(body: str, show: str, *, single: bool) -> Signals:
    def count(pattern: re.Pattern[str], text: str) -> float:
        return math.log1p(len(pattern.findall(text)))

    at = body.lower().find(show.lower())
    near = body[max(0, at - 200) : at + len(show) + 300] if at >= 0 else ""
    found = seasons.find_seasons(body)
    numbered = [s for s in found if not s.implied]
    zones = {networks.network_zone(n.name) for n in networks.find_networks(body[:_OPENING])}
    return Signals(
        new_words=count(_NEW, body),
        new_words_near=count(_NEW, near),
        return_words=count(_RETURN, body),
        return_words_near=count(_RETURN, near),
        season_numbers=math.log1p(len(numbered)),
        any_season_number=float(bool(numbered)),
        told_new=math.log1p(len(found) - len(numbered)),
        season_words=count(_SEASON, body),
        season_words_near=count(_SEASON, near),
        debut_words=count(_DEBUT, body),
        series_premiere=count(_SERIES_PREMIERE, body),
        asian_network=float(bool(zones & _ASIAN_ZONES)),
        drama_words=count(_DRAMA, body),
        anime_words=count(_ANIME, body),
        episode_counts=count(_EPISODES, body),
        cast_words=count(_CAST, body),
        adaptation_words=count(_ADAPTATION, body),
        first_look=count(_FIRST_LOOK, body),
        one_show=float(single),
        known=float(ranking.known_show(show)),
        roundup_words=count(_ROUNDUP, body),
        history_words=count(_HISTORY, body),
    )


def weights() -> tuple[float, ...]:
    return learned.load_weights("first_season.json", FEATURES)


def chance(found: Signals, w: tuple[float, ...] | None = None) -> float | None:
    """How likely the show is new; None while a trainer records (the rules alone decide)."""
    if _offered.offer(found):
        return None
    return learned.logistic(learned.dot(w or weights(), found.vector()))


def is_new(body: str, show: str, *, single: bool) -> bool:
    found = signals(body, show, single=single)
    if not found.told_as_new:
        return False  # a drama that "will premiere on tvN" and no more: its season is unstated
    likely = chance(found)
    return likely is not None and likely >= THRESHOLD


# The trainer's one seam: the signals of each page whose season the rules leave empty.
_offered: learned.Recorder[Signals] = learned.Recorder("first season signals")


@contextmanager
def recording() -> Iterator[list[Signals]]:
    with _offered.recording() as log:
        yield log
