"""Season numbers the way the press writes them: "season 2", "second season", "series two",
"S2", "cycle 17", "Part 2", "13th edition", and a new series (season 1)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


def _words(text: str) -> list[str]:
    return text.split()


_CARDINALS = _words(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
)
_ORDINALS = _words(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
_ROMANS = _words("I II III IV V VI VII VIII IX X XI XII XIII XIV XV")
_WORD_NUMBER = (
    {w: i for i, w in enumerate(_CARDINALS, 1)}
    | {w: i for i, w in enumerate(_ORDINALS, 1)}
    | {w.lower(): i for i, w in enumerate(_ROMANS, 1)}
)
MAX_SEASON = 60

CARDINAL = "|".join(_CARDINALS)  # "one|two|...": a number written as a word
_ORDINAL = "|".join(_ORDINALS)
_ROMAN = "|".join(reversed(_ROMANS[1:]))  # "I" alone is too often the pronoun
_SEASON_RE = re.compile(
    # Each kind starts a word: one look up front turns away the positions inside words.
    rf"""\b(?=[^\W_])(?:
      \b(?P<label>season|series|cycle|part|book|volume|vol\.)[\s-]+
          (?P<n>\d{{1,2}}|{CARDINAL}|(?-i:{_ROMAN}))\b
          (?!\s*(?:[-–]\s*\d|of\s+(?:the|its)\s+(?:interview|podcast))|[.:]\d\d\s*[ap]\.?m)
    | \b(?P<ord>{_ORDINAL}|\d{{1,2}}(?:st|nd|rd|th))\s+(?:(?:and|&)\s+(?:final|last)\s+)?
          (?:(?:full|new|official|installment\ of\ the)\s+)?
          (?:(?:\d{{1,2}}|{CARDINAL})[-\s](?:part|episode)\s+)?   # "second six-part series"
          (?P<label2>season|series|cycle|installment|instalment|outing|run|chapter|part)\b
          (?!\s*(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)\b
            |\s+of\s+(?:the|this|its)\s+season)
    | \b(?P<ed>{_ORDINAL}|\d{{1,2}}(?:st|nd|rd|th))\s+(?:(?-i:[A-Z])[\w'’:!-]*\s+){{0,3}}
          edition\b                            # "this fall's thirteenth Survivor edition"
    | (?-i:\bS(?P<s>\d{{1,2}})(?:\s*E\d{{1,3}})?\b)
    | \b(?P<soph>sophomore)\s+(?:season|series|outing|run|installment|instalment)s?\b
    | (?P<new>\bseries\s+premiere
          |\b(?:(?:brand[-\s])?new|upcoming)\s+(?!(?:season|seasons|episodes?|run|batch|chapter|series\s+of)\b)
          (?:[\w-]+\s+){{0,2}}?(?:series|dramas?|k-dramas?|comedy
          |show|thriller|sitcom|docuseries|docu-series|anime|adaptation|procedural|mystery)\b
          (?!\s+of)|\blimited\s+series
          |\bmini-?series|\bdocu-?series|\bfreshman\s+season|\bdebut\s+season|\binaugural\s+season
          |\bseries\s+debut|\bstraight[-\s]to[-\s]series|\b(?:TV|television)\s+anime\b
          |\banime\s+adaptation)
    )""",
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class SeasonMention:
    start: int
    end: int
    number: int
    implied: bool  # "a new series" says season 1 without a number


def find_seasons(text: str) -> list[SeasonMention]:
    return list(_seasons_in(text))


@lru_cache(maxsize=256)
def _seasons_in(text: str) -> tuple[SeasonMention, ...]:
    found = []
    for match in _SEASON_RE.finditer(text):
        if match["new"]:
            found.append(SeasonMention(match.start(), match.end(), 1, True))
            continue
        if match["soph"]:
            found.append(SeasonMention(match.start(), match.end(), 2, False))
            continue
        word = (match["n"] or match["ord"] or match["ed"] or match["s"] or "").lower()
        number = int(word) if word.isdigit() else _number(word)
        if number is None or not 1 <= number <= MAX_SEASON:
            continue
        found.append(SeasonMention(match.start(), match.end(), number, False))
    return tuple(found)


def _number(word: str) -> int | None:
    word = re.sub(r"(?<=\d)(?:st|nd|rd|th)$", "", word)
    return int(word) if word.isdigit() else _WORD_NUMBER.get(word)
