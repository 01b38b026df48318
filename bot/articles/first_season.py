"""Whether a piece that writes no season number tells its show as a new series (season 1).

The rules give season 1 where the text says so outright ("the new drama X", "miniseries X").
Most pages say it less plainly: a synopsis and a cast for a title no one has seen, a count of
episodes, "based on the webtoon". Such a page counts only if its text speaks of a first run and
of no return (`told_as_a_first_run`); then a logistic model over what the text says around and
about the show (new and returning words, season numbers, cast, the kind of show, where it airs)
decides, above `THRESHOLD`.

The weights are learned from the development part of the real-page set only, by
`bench/train_first_season.py`, and stored in `data/first_season.json`; the threshold was set on
the same part by cross-validation, where about five in six of the 1s given are right.
"""

from __future__ import annotations

import math
import re
from dataclasses import astuple, dataclass, fields
from functools import cache

from bot.articles import learned, networks, ranking, seasons
from bot.articles.text import split_sentences

THRESHOLD = 0.5


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

    def vector(self) -> tuple[float, ...]:
        return (1.0, *astuple(self))


FEATURES = ("bias", *(f.name for f in fields(Signals)))

_NEW = re.compile(
    r"(?i)\b(?:brand[-\s]new|new|upcoming|latest|original|fresh)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:series|dramas?|k-dramas?|comedy|comedies|shows?|thriller|sitcom|docu-?series|anime"
    r"|adaptation|procedural|mystery|telenovela|teleserye|serial)\b(?!\s+of\b)"
)  # "the new series of Garden Wars" is British for its next season
_RETURN = re.compile(
    r"(?i)\b(?:return(?:s|ing|ed)?|comeback|comes\s+back|back\s+for|renew(?:ed|al)|new\s+season"
    r"|next\s+season|another\s+season|final\s+season|revival|reboot|season\s+premiere)\b"
)
_SEASON = re.compile(r"(?i)\bseasons?\b")
_DEBUT = re.compile(r"(?i)\bdebut(?:s|ed|ing)?\b(?!\s+of\b)")  # "the debut of two judges": theirs
_SERIES_PREMIERE = re.compile(r"(?i)\bseries\s+premiere")
_DRAMA = re.compile(r"(?i)\b(?:k-?)?dramas?\b")
_ANIME = re.compile(r"(?i)\banime\b")
_EPISODES = re.compile(r"(?i)\b\d+[-\s]part\b|\b\d+\s*x\s*\d+|\b\d+\s+episodes\b|\beps\b")
_CAST = re.compile(r"(?i)\bstar(?:s|ring)\b")
_ADAPTATION = re.compile(r"(?i)\bbased\s+on|adapt")
_FIRST_LOOK = re.compile(r"(?i)\bfirst\s+(?:episode|look)")
_ROUNDUP = re.compile(r"(?i)\b(?:line-?up|slate|round-?up|schedule)\b")
_HISTORY = re.compile(r"(?i)\b(?:fans|last\s+season|previous\s+season|left\s+off|picks?\s+up)\b")
_FIRST_RUN = (_NEW, _DEBUT, _SERIES_PREMIERE, _CAST, _EPISODES, _ADAPTATION)
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


@cache
def weights() -> tuple[float, ...]:
    return learned.load_weights("first_season.json", FEATURES)


def chance(found: Signals, w: tuple[float, ...] | None = None) -> float | None:
    """How likely the show is new; None while a trainer records (the rules alone decide)."""
    if _offered.offer(found):
        return None
    return learned.logistic(learned.dot(w or weights(), found.vector()))


def told_as_a_first_run(body: str, show: str, *, single: bool) -> bool:
    """Something the text says speaks of a first run: a new or upcoming show, a debut, a cast
    introduced, a count of episodes, an adaptation; and nothing of a return. Genre and region
    alone never do. In a
    piece about several shows only what the show's own lines say counts (the sentence that
    first names it and the next): the rest is about the others."""
    told = body if single else _where_named(body, show)
    if _RETURN.search(told):
        return False  # "returns", "the final season", "renewed": it has run before
    return any(p.search(told) for p in _FIRST_RUN) or any(
        s.implied for s in seasons.find_seasons(told)
    )


def _where_named(body: str, show: str) -> str:
    at = body.lower().find(show.lower())
    sentences = split_sentences(body)
    for i, sentence in enumerate(sentences):
        if sentence.start <= at < sentence.start + len(sentence.text):
            return " ".join(s.text for s in sentences[i : i + 2])
    return ""


def is_new(body: str, show: str, *, single: bool) -> bool:
    if not told_as_a_first_run(body, show, single=single):
        return False  # a drama that "will premiere on tvN" and no more: its season is unstated
    likely = chance(signals(body, show, single=single))
    return likely is not None and likely >= THRESHOLD


# The trainer's one seam: the signals of each page whose season the rules leave empty.
_offered: learned.Recorder[Signals] = learned.Recorder("first season signals")
recording = _offered.recording
