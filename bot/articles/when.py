"""Dates and times as news prose writes them, found in text and resolved against a day.

Scanning finds mentions ("Tuesday, Jan. 14", "12 May", "5/2/18", "in August", "later this
year", "this Friday", "Christmas Day", "10/9c", "8:00 AM PT"); resolving turns one into a
calendar day with a precision, given the publication day it is read against, whether its
sentence speaks of the past, and whether the outlet writes the day first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache, lru_cache

from bot.domain.dates import MONTHS, WEEKDAYS, Precision, UnknownTimezoneError, resolve_timezone

_MONTH_NAMES = MONTHS
_MONTH_NUMBER = {name.lower(): i for i, name in enumerate(_MONTH_NAMES, 1)} | {
    name[:3].lower(): i for i, name in enumerate(_MONTH_NAMES, 1)
}
_MONTH_NUMBER["sept"] = 9
_WEEKDAY_NAMES = WEEKDAYS
_WEEKDAY_NUMBER = {name.lower(): i for i, name in enumerate(_WEEKDAY_NAMES)} | {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
    "sat": 5, "sun": 6,
}  # fmt: skip


def _alternation(words: list[str]) -> str:
    return "|".join(words)


# Month and weekday names are proper nouns: matching them case-sensitively keeps "may" (the
# verb) and "march" (the walk) out. Headlines in capitals are matched too.
# Slips real pages print ("Monday, Septemeber 20"); the first letters still say the month.
_MISSPELT_MONTHS = ("Septemeber", "Feburary", "Febuary", "Janurary")
_MONTH_FULL = _alternation([*_MISSPELT_MONTHS, *_MONTH_NAMES, *(n.upper() for n in _MONTH_NAMES)])
_MONTH_ABBR = _alternation(
    [f"{a}\\.?" for a in ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct",
                          "Nov", "Dec")]
    + [f"{a}\\.?" for a in ("JAN", "FEB", "MAR", "APR", "JUN", "JUL", "AUG", "SEPT", "SEP",
                            "OCT", "NOV", "DEC")]
)  # fmt: skip
_MONTH = f"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_WEEKDAY_FULL = _alternation(list(_WEEKDAY_NAMES) + [n.upper() for n in _WEEKDAY_NAMES])
_WEEKDAY = f"(?:{_WEEKDAY_FULL}|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\\.?)"
_YEAR = r"(?:1[89]\d\d|20\d\d|21[0-4]\d)"
_ORD = r"(?:st|nd|rd|th)?"
# "Jan. 5-6", "Jan. 5 and Monday, Jan. 6", "March 3 to 4": a range starts on its first day.
# "to" with a month is left alone: "moved from Feb. 15 to March 29" names two dates.
_RANGE_TAIL = (
    rf"(?:(?:\s*(?:-|–|—|through|thru|and|&)\s*(?:{_WEEKDAY},?\s*)?(?:{_MONTH}\s*)?"
    rf"|\s+to\s+)\d{{1,2}}{_ORD}\b(?!\s*(?:[:/.]\d|[ap]\.?m\b|%)))?"
)
_NOT_A_DAY_AFTER = (
    r"(?!\s*(?:[:/]\d|[ap]\.?m\.?(?![a-z])|%|,\d|\.\d|\s*(?:million|billion|percent)))"
)

_DATE_RE = re.compile(
    # Every kind starts a word (or a capital glued to one, "Pop CultureOctober 24"): one look
    # back skips the positions inside words at once, one look ahead those between words; the
    # kinds written in any case look at their first letter before their words.
    rf"""(?:(?<!\w)|(?<=[a-z])(?=[A-Z]))(?=[^\W_])(?:
      (?P<iso>\b(?P<iso_y>{_YEAR})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)\b)
    | (?P<num>(?<![\w.,/:$£€])(?P<n_a>\d{{1,2}})(?P<n_sep>[/.-])(?P<n_b>\d{{1,2}})(?P=n_sep)
          (?P<n_y>\d{{4}}|\d{{2}})(?![\w/.-]?\d))
    | (?P<md>(?:(?P<md_wd>{_WEEKDAY}),?\s*\(?\s*)?(?P<md_m>{_MONTH})
          (?:,?\s*|-(?=\d))(?P<md_d>\d{{1,2}}){_ORD}\b  # "Sept. 4", "Mar-02"
          {_NOT_A_DAY_AFTER}{_RANGE_TAIL}\)?(?:,?\s*(?P<md_y>{_YEAR})\b)?)
    | (?P<dm>(?:(?P<dm_wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?<![\d.,/])(?P<dm_d>\d{{1,2}}){_ORD}
          (?:\s*(?:-|–|and|&|to)\s*\d{{1,2}}{_ORD})?(?:\s+of)?\s+(?P<dm_m>{_MONTH})\b
          (?:,?\s+(?P<dm_y>{_YEAR})\b)?)
    | (?P<slash>(?<![\w.,/:$£€])(?P<s_a>\d{{1,2}})/(?P<s_b>\d{{1,2}})(?![\d/]|\s*c\b|c\b|:))
    | (?P<hol>(?P<hol_n>Christmas\ Day|Christmas\ Eve|Christmas|New\ Year['’]?s\ Day
          |New\ Year['’]?s\ Eve|Halloween|Valentine['’]?s\ Day|Thanksgiving(?:\ Day)?|Boxing\ Day
          |Independence\ Day|Fourth\ of\ July|July\ Fourth|Memorial\ Day|Labor\ Day
          |Easter(?:\ Sunday)?|Mother['’]?s\ Day|Father['’]?s\ Day
          |St\.?\ Patrick['’]?s\ Day)(?![a-z])
          (?:,?\s+(?P<hol_y>{_YEAR})\b)?)
    | (?P<my>(?P<my_m>{_MONTH}),?\s+(?P<my_y>{_YEAR})\b)
    | (?P<ma>(?=[iItTnNbBuUsSfFcCdDeEmMlL])
          \b(?i:in|this|next|by|until|till|starting|from|come|during|throughout|early|mid
          |late|end\ of|beginning\ of|start\ of|later\ in)\s+(?:(?i:early|mid|late)[-\s]+)?
          (?P<ma_m>{_MONTH_FULL}|{_MONTH_ABBR})\b(?!\.?\s*\d))
    | (?P<sy>(?=[eEmMlLtTsSfFaAwWhHqQ])
          (?i:(?:(?:early|mid|late|later\ in|the\ (?:end|start|beginning|first\ half
          |second\ half)\ of)\s+|mid-)?(?:the\s+)?(?P<sy_s>spring|summer|fall|autumn|winter
          |holiday\ season|first\ quarter|second\ quarter|third\ quarter|fourth\ quarter|q[1-4]
          |first\ half|second\ half)(?:\s+of)?,?\s+)(?P<sy_y>{_YEAR})\b)
    | (?P<ry>(?=[eElLmMsSaAtTnNiIbB])
          (?i:(?:(?:early|late|later|mid|sometime|at\ some\ point)\s+)?(?P<ry_w>this|next
          |later\ this|early\ next|late\ next|in\ the\ new)\s+(?:calendar\ )?(?:year|spring|summer
          |fall|autumn|winter)\b(?!['’]s)|(?:before|by)\ the\ end\ of\ (?:the|this)\ year
          |in\ the\ new\ year|in\ the\ (?P<ry_s>spring|summer|fall|autumn)\b))
    | (?P<yr>(?=[iIbBdDfFuUeElLmMsSaA])
          \b(?i:in|by|during|for|until|early|late|mid-?|sometime\ in|at\ some\ point\ in
          |later\ in|slated\ for|set\ for|due\ in)\s+(?:(?i:early|late|mid)[-\s]+)?
          (?P<yr_y>{_YEAR})\b(?!\s*[-–/]\s*\d|'s))
    | (?P<vague>(?=[tTnNlLcC])
          (?i:this\ weekend|next\ weekend|next\ week|this\ week|later\ this\ week
          |coming\ weeks|coming\ months|later\ this\ month|this\ month|next\ month))
    | (?P<rel>(?=[tTyYlL])
          (?i:tonight|today|tomorrow(?:\ night)?|yesterday|last\ night))
    | (?P<rw>(?:(?P<rw_mod>(?i:this\ coming|this\ past|this|next|last|coming|on|early\ on
          |late\ on))\s+)?(?P<rw_wd>{_WEEKDAY_FULL})(?![a-z]|s\b|\s*,?\s*\(?\s*{_MONTH}
          |\s+(?i:season|series|part)\b|\s+S\d        # "Wednesday season 2": the show
          |\s*,?\s*\d{{1,2}}\b
          |\s+(?i:night|evening|morning|afternoon)s\b
          |\s+(?:night|evening|morning|afternoon)\s+(?:[\w-]+\s+)?(?i:line-?up|block|slot
            |schedule|programming|comedy|drama))(?:\s+(?:night|evening|morning|afternoon))?)
    )""",
    re.VERBOSE,
)
_MAYBE_DATE = re.compile(
    # A digit anywhere, or a word where a date's word can start (not inside a word).
    r"\d|(?:(?<![^\W\d_])|(?<=[a-z])(?=[A-Z]))(?=[A-Za-z])"
    rf"(?:{_MONTH_FULL}|{_MONTH_ABBR}|{_WEEKDAY_FULL}|Christmas|New Year|Halloween|Valentine"
    r"|Thanksgiving|Boxing|Independence|Fourth|Memorial|Labor|Easter|Mother|Father|Patrick"
    r"|(?i:tonight|today|tomorrow|yesterday|last night|year|spring|summer|fall|autumn|winter"
    r"|quarter|week|month|\bq[1-4]\b|\bh[12]\b))"
)
# Words that, right before a number, make "2 May" something else ("season 2 May...").
_COUNTED_BEFORE = re.compile(
    r"(?i)\b(?:season|series|part|episode|episodes|cycle|volume|vol\.|chapter|book|top|s|no\.)\s*$"
)

_ZONE_WORD = (
    r"(?:ET|EST|EDT|PT|PST|PDT|CT|CST|CDT|MT|MST|MDT|GMT|BST|UTC|JST|KST|AEST|AEDT|CET|CEST"
    r"|Eastern|Pacific|Central|Mountain|UK\ time|Korean\ time|Japan(?:ese)?\ time)"
)
_TIME_RE = re.compile(
    rf"""
    (?=[\dnm])  # a digit, "noon" or "midnight": the cheap test first
    (?:
        (?P<rh>\d{{1,2}})(?::(?P<rm>\d{{2}}))?\s*[-–]\s*\d{{1,2}}(?::\d{{2}})?\s*(?P<rap>[aApP])\.?\s?[mM]\b\.?
      | (?P<h>\d{{1,2}})(?:[:.](?P<m>\d{{2}}))?\s*(?P<ap>[aApP])\.?\s?[mM]\b\.?
      | (?P<ch>\d{{1,2}})(?::(?P<cm>\d{{2}}))?/\d{{1,2}}(?::\d{{2}})?\s?[cC]\b
      | (?P<word>noon|midnight)
      | (?<![\d.:/])(?P<hh>[0-2]?\d):(?P<hm>[0-5]\d)(?![\d:])
      | (?<=at\ )(?P<bare>\d{{1,2}})(?=\s*(?:{_ZONE_WORD}|o['’]clock)\b)
    )
    (?:\s*(?:o['’]clock\s*)?\(?(?P<zone>{_ZONE_WORD})(?:\s+[Tt]ime)?\b(?:\s*/\s*{_ZONE_WORD}\b)?)?
    """,
    re.VERBOSE,
)
_AT_BEFORE = re.compile(r"(?i)\b(?:at|from)\s+$")
_ALL_TIMES_RE = re.compile(
    rf"(?i:all\s+times\s+(?:are\s+)?(?:listed\s+)?(?:in\s+)?|times\s+(?:are|listed\s+are)\s+"
    rf"(?:in\s+)?)(?P<zone>{_ZONE_WORD})"
)
_EXTRA_ZONES = {
    "uk time": "Europe/London",
    "korean time": "Asia/Seoul",
    "japan time": "Asia/Tokyo",
    "japanese time": "Asia/Tokyo",
}
_US_ZONES = frozenset(
    {"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"}
)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    kind: str  # day, numeric, holiday, month, year, relative, weekday, vague
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    word: str | None = None  # holiday name, relative word or modifier ("this", "next", ...)
    year_offset: int | None = None  # for "this year" (0) and "next year" (1)


@dataclass(frozen=True, slots=True)
class TimeMention:
    start: int
    end: int
    hour: int  # 0..29: Japanese schedules count past midnight ("25:30")
    minute: int
    zone: str | None  # IANA name


@dataclass(frozen=True, slots=True)
class Resolved:
    day: date  # the first day of the period for month and year precision
    precision: Precision
    confidence: float
    explicit: bool  # written as a date, not worked out from "tomorrow" or "Friday"


def find_dates(text: str) -> list[DateMention]:
    """Every date-like mention in the text, in order, none overlapping."""
    return list(_dates_in(text))


@lru_cache(maxsize=256)
def _dates_in(text: str) -> tuple[DateMention, ...]:
    if not _MAYBE_DATE.search(text):
        return ()  # most sentences name no date: one cheap look instead of the full scan
    mentions: list[DateMention] = []
    for match in _DATE_RE.finditer(text):
        mention = _mention(match, text)
        if mention is None:
            continue
        previous = mentions[-1] if mentions else None
        if (
            previous is not None
            and previous.kind == "day"
            and previous.year is None
            and mention.kind == "year"
            and mention.year_offset is not None
            and mention.word in ("this", "next")
            and re.fullmatch(r",?\s*", text[previous.end : mention.start])
        ):
            # "February 27th next year": the day, in the year the words name.
            mentions[-1] = replace(
                previous, end=mention.end, text=text[previous.start : mention.end],
                year_offset=mention.year_offset,
            )  # fmt: skip
            continue
        mentions.append(mention)
    return tuple(mentions)


def find_times(text: str) -> list[TimeMention]:
    times = []
    for match in _TIME_RE.finditer(text):
        found = _time(match)
        if found is not None:
            times.append(found)
    return times


def article_zone(text: str) -> str | None:
    """The zone an article says all its times are in ("all times Eastern"), if it says so."""
    match = _ALL_TIMES_RE.search(text)
    return _zone_name(match["zone"]) if match else None


def resolve(
    mention: DateMention,
    anchor: date,
    *,
    past: bool = False,
    day_first: bool = False,
    anchor_known: bool = True,
    weekday_years: int = 15,
) -> Resolved | None:
    """The day a mention means, read on `anchor` (the publication day); None if it names none.

    `past` says the sentence speaks of what already happened, so a date without a year, or a
    bare weekday, is the latest such day before the anchor instead of the next one. Without
    a publication day (`anchor_known` false) `anchor` is only an estimate, and a weekday
    ("Sunday, Oct. 20") names the year: the nearest to the estimate where that day fits.
    """
    try:
        weekday_names_year = (
            not anchor_known
            and mention.kind == "day"
            and mention.year is None
            and mention.weekday is not None
            and mention.year_offset is None
        )
        if weekday_names_year:
            # No year near the estimate has this day on this weekday: the guess is wrong, and
            # so would any year we named be.
            day = _year_by_weekday(mention, anchor, weekday_years)
            return Resolved(day, Precision.DAY, 0.9, True) if day is not None else None
        return _resolve(mention, anchor, past, day_first, 75 if anchor_known else 0)
    except (ValueError, OverflowError):
        return None  # "February 30", "31/31/18": not a day


# ---------------------------------------------------------------------------- scanning


_HOLIDAY_AS_ADJECTIVE = re.compile(
    r"(?i)\s+(?:movies?|films?|specials?|episodes?|parties|party|albums?|songs?|romances?"
    r"|rom-?coms?|stor(?:y|ies)|cards?|lights|markets?|trees?|themed)\b"
)
_ANY_SUCH_DAY = re.compile(r"(?i)\b(?:a|any|every)\s+$")
# A weekday after a possessive and before a capitalised word names a programme.
_PROGRAMME_NAME = re.compile(r"\w['’]s?\s+$")
_NAME_GOES_ON = re.compile(rf"\s+(?!{_MONTH}|(?:At|On|From)\b)[A-Z]")
_TITLE_GOES_ON = re.compile(
    rf"[ \t]+(?!{_MONTH}|{_WEEKDAY}|(?:At|On|From|In|And|The|This)\b)[A-Z][a-z]"
)


_SEASON_NUMBER_AFTER = re.compile(
    r"\s+(?:[Ss]eason|SEASON)\s+(?:\d{1,2}|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even"
    r"|[Ee]ight|[Nn]ine|[Tt]en)\b"
)


def season_number_after(text: str, end: int) -> bool:
    """Whether a season's number follows: "Wednesday season 2" names a show, not a day."""
    return _SEASON_NUMBER_AFTER.match(text, end) is not None


def _mention(match: re.Match[str], text: str) -> DateMention | None:
    kind = match.lastgroup
    g = match.group
    start, end, raw = match.start(), match.end(), match.group()
    if kind == "iso":
        return DateMention(
            start, end, raw, "day", int(g("iso_y")), int(g("iso_m")), int(g("iso_d"))
        )
    if kind == "num":
        year = int(g("n_y"))
        if g("n_sep") == "." and len(g("n_y")) == 2 and int(g("n_a")) > 31:
            return None
        year += 2000 if year < 100 else 0
        return DateMention(
            start, end, raw, "numeric", year, int(g("n_a")), int(g("n_b")), word=g("n_sep")
        )
    if kind == "md":
        return DateMention(
            start, end, raw, "day", _int(g("md_y")), _month(g("md_m")), int(g("md_d")),
            _weekday(g("md_wd")),
        )  # fmt: skip
    if kind == "dm":
        if _COUNTED_BEFORE.search(text[max(0, start - 12) : start]):
            return None
        return DateMention(
            start, end, raw, "day", _int(g("dm_y")), _month(g("dm_m")), int(g("dm_d")),
            _weekday(g("dm_wd")),
        )  # fmt: skip
    if kind == "slash":
        # "5/2" without a year is a date only where a premiere is announced ("premieres 5/2"),
        # never a time ("at 10/9"), a score or a fraction.
        before = text[max(0, start - 20) : start].lower()
        if re.search(r"\bat\s*$|[\d.]\s*$", before):
            return None
        return DateMention(start, end, raw, "numeric", None, int(g("s_a")), int(g("s_b")), word="/")
    if kind == "hol":
        if _HOLIDAY_AS_ADJECTIVE.match(text, end):
            return None  # "her Christmas movie debut": a kind of film, not the day
        if not g("hol_y") and _TITLE_GOES_ON.match(text, end):
            return None  # "Halloween Wars (Food Network, Season 12)": a title's first word
        return DateMention(start, end, raw, "holiday", _int(g("hol_y")), word=g("hol_n"))
    if kind == "my":
        return DateMention(start, end, raw, "month", int(g("my_y")), _month(g("my_m")))
    if kind == "ma":
        return DateMention(start, end, raw, "month", None, _month(g("ma_m")))
    if kind == "sy":
        return DateMention(start, end, raw, "year", int(g("sy_y")), word=g("sy_s").lower())
    if kind == "ry":
        if g("ry_s"):
            # "in the fall": the next one, this year's unless it is over (resolved per anchor).
            return DateMention(start, end, raw, "year", None, word=g("ry_s").lower())
        word = (g("ry_w") or "").lower()
        offset = 1 if "next" in word else 0
        if "new year" in raw.lower():
            offset = 1
        return DateMention(start, end, raw, "year", None, word=word or "this", year_offset=offset)
    if kind == "yr":
        return DateMention(start, end, raw, "year", int(g("yr_y")))
    if kind == "vague":
        return DateMention(start, end, raw, "vague", word=raw.lower())
    if kind == "rel":
        return DateMention(start, end, raw, "relative", word=" ".join(raw.lower().split()))
    if kind == "rw":
        if raw.strip() in _WEEKDAY_NAMES and season_number_after(text, end):
            return None  # "Wednesday season 2": the show's name
        if _PROGRAMME_NAME.search(text, max(0, start - 4), start) and _NAME_GOES_ON.match(
            text, end
        ):
            return None  # "48 Hours’ Saturday Edition", "NBC's Sunday Night Football": a name
        if _ANY_SUCH_DAY.search(text, max(0, start - 6), start):
            return None  # "it will stream on a Thursday": any Thursday, no day
        modifier = " ".join((g("rw_mod") or "").lower().split())
        return DateMention(
            start, end, raw, "weekday", weekday=_weekday(g("rw_wd")), word=modifier or None
        )
    return None


def _time(match: re.Match[str]) -> TimeMention | None:
    g = match.group
    zone = _zone_name(g("zone")) if g("zone") else None
    if g("rh"):
        # "8:00-9:00 PM": the slot starts at 8, in the half of the day its end names.
        hour, minute = int(g("rh")), int(g("rm") or 0)
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if g("rap").lower() == "p" else 0)
    elif g("h"):
        hour, minute = int(g("h")), int(g("m") or 0)
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if g("ap").lower() == "p" else 0)
    elif g("ch"):
        # "10/9c": 10 Eastern, 9 Central; network schedules mean the evening.
        hour, minute = int(g("ch")), int(g("cm") or 0)
        hour = hour + 12 if 1 <= hour <= 11 else hour
        zone = zone or "America/New_York"
    elif g("word"):
        hour, minute = (12, 0) if g("word") == "noon" else (0, 0)
    elif g("hh"):
        hour, minute = int(g("hh")), int(g("hm"))
        if hour > 29:
            return None
        if zone is None and not (
            hour > 12 and _AT_BEFORE.search(match.string, max(0, match.start() - 5), match.start())
        ):
            # "3:2" is a score, "10:30" alone too unsure to be a premiere time; "at 22:30" and
            # a late-night slot "at 25:05" are clocks (the zone is then the network's)
            return None
        if hour < 12 and zone in _US_ZONES and hour >= 1:
            hour += 12  # "at 9:00 ET" is the evening slot
    else:
        hour, minute = int(g("bare")), 0
        if 1 <= hour <= 11:
            hour += 12
    if minute > 59:
        return None
    return TimeMention(match.start(), match.end(), hour, minute, zone)


def _zone_name(word: str) -> str | None:
    key = " ".join(word.lower().split())
    if key in _EXTRA_ZONES:
        return _EXTRA_ZONES[key]
    try:
        return resolve_timezone(key).key
    except UnknownTimezoneError:
        return None


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def month_number(word: str) -> int:
    """1..12 for a month's name or its abbreviation ("sept", "Jan."); KeyError otherwise."""
    return _MONTH_NUMBER[word.lower().rstrip(".")[: 4 if word.lower().startswith("sept") else 3]]


def _month(text: str) -> int:
    key = text.rstrip(".").lower()
    return _MONTH_NUMBER.get(key) or _MONTH_NUMBER[key[:3]]


def _weekday(text: str | None) -> int | None:
    if not text:
        return None
    key = text.rstrip(".").lower()
    return _WEEKDAY_NUMBER.get(key, _WEEKDAY_NUMBER.get(key[:3]))


# ---------------------------------------------------------------------------- resolving


def _resolve(
    m: DateMention, anchor: date, past: bool, day_first: bool, lookback: int
) -> Resolved | None:
    if m.kind == "day":
        assert m.month is not None
        assert m.day is not None
        if m.year is not None:
            return Resolved(date(m.year, m.month, m.day), Precision.DAY, 0.95, True)
        if m.year_offset is not None:
            return Resolved(
                date(anchor.year + m.year_offset, m.month, m.day), Precision.DAY, 0.9, True
            )
        day = _infer_year(m.month, m.day, anchor, past, m.weekday, lookback)
        if day is None:
            return None
        confirmed = m.weekday is not None and day.weekday() == m.weekday
        return Resolved(day, Precision.DAY, 0.92 if confirmed else 0.88, True)
    if m.kind == "numeric":
        return _numeric(m, anchor, past, day_first, lookback)
    if m.kind == "holiday":
        assert m.word is not None
        year = m.year if m.year is not None else anchor.year
        day = _holiday(m.word, year)
        if m.year is None and not past and day < anchor - timedelta(days=30):
            day = _holiday(m.word, year + 1)
        return Resolved(day, Precision.DAY, 0.8, True)
    if m.kind == "month":
        assert m.month is not None
        if m.year is not None:
            return Resolved(date(m.year, m.month, 1), Precision.MONTH, 0.85, True)
        year = anchor.year
        months_ahead = m.month - anchor.month
        if past and months_ahead > 0:
            year -= 1
        elif not past and months_ahead < -2:
            year += 1
        return Resolved(date(year, m.month, 1), Precision.MONTH, 0.78, True)
    if m.kind == "year":
        if m.year is not None:
            return Resolved(date(m.year, 1, 1), Precision.YEAR, 0.8, True)
        if m.year_offset is None and m.word in _SEASON_LAST_MONTH:
            over = anchor.month > _SEASON_LAST_MONTH[m.word]  # "in the spring", said in July
            return Resolved(date(anchor.year + over, 1, 1), Precision.YEAR, 0.7, False)
        return Resolved(date(anchor.year + (m.year_offset or 0), 1, 1), Precision.YEAR, 0.7, False)
    if m.kind == "relative":
        offsets = {"today": 0, "tonight": 0, "tomorrow": 1, "tomorrow night": 1,
                   "yesterday": -1, "last night": -1}  # fmt: skip
        offset = offsets.get(m.word or "")
        if offset is None:
            return None
        return Resolved(anchor + timedelta(days=offset), Precision.DAY, 0.75, False)
    if m.kind == "weekday":
        assert m.weekday is not None
        return Resolved(_weekday_day(m, anchor, past), Precision.DAY, 0.72, False)
    return None  # vague: "next week", "this weekend" name no day, month or year


def _numeric(
    m: DateMention, anchor: date, past: bool, day_first: bool, lookback: int
) -> Resolved | None:
    assert m.month is not None
    assert m.day is not None
    first, second = m.month, m.day  # as written: the order is what we are deciding
    if first > 12 and second > 12:
        return None
    if first > 12 or second > 12 or first == second:
        month, day, confidence = (second, first, 0.85) if first > 12 else (first, second, 0.85)
    else:
        # Both orders are real days: the outlet's habit decides, and we say we are unsure.
        # Dotted dates ("07.03.19") are European whoever writes them.
        dotted = m.word == "."
        month, day = (second, first) if (day_first or dotted) else (first, second)
        confidence = 0.6
    if m.year is None:
        inferred = _infer_year(month, day, anchor, past, None, lookback)
        if inferred is None:
            return None
        return Resolved(inferred, Precision.DAY, confidence - 0.1, True)
    return Resolved(date(m.year, month, day), Precision.DAY, confidence, True)


def _infer_year(
    month: int, day: int, anchor: date, past: bool, weekday: int | None, lookback: int = 75
) -> date | None:
    """The year a date without one means: the next such day (or the last, in past tense).

    `lookback` days before the anchor still count as ahead (a recap's day a few weeks back);
    0 when the anchor is only an estimate (the first day of the year an address files under).
    """
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue  # February 29
    if not candidates:
        return None
    if weekday is not None:
        # "Tuesday, Jan. 14" names its year: the nearest one where Jan 14 is a Tuesday.
        named = [
            d
            for d in candidates
            if d.weekday() == weekday and (past or d >= anchor - timedelta(days=lookback))
        ]
        if named:
            return min(named, key=lambda d: abs((d - anchor).days))
        if not any(d.weekday() == weekday for d in candidates):
            # "Friday, September 17" where no September 17 near the publication day is a
            # Friday: the stamp is a later edit's, or the day a slip. Neither names a day.
            return None
    if past:
        before = [d for d in candidates if d <= anchor + timedelta(days=1)]
        return before[-1] if before else candidates[0]
    # A recap may mention a day a few weeks back; anything older is next year's.
    ahead = [d for d in candidates if d >= anchor - timedelta(days=lookback)]
    return ahead[0] if ahead else candidates[-1]


_SEASON_LAST_MONTH = {"spring": 5, "summer": 8, "fall": 11, "autumn": 11}


def _year_by_weekday(m: DateMention, anchor: date, back: int = 15) -> date | None:
    """The year, nearest the estimated one and at most `back` years before it, where this
    day falls on the weekday written."""
    assert m.month is not None
    assert m.day is not None
    fits = [
        date(year, m.month, m.day)
        for year in range(anchor.year - back, anchor.year + 2)
        if on_its_weekday(m, year)
    ]
    return min(fits, key=lambda d: (abs(d.year - anchor.year), -d.year)) if fits else None


def on_its_weekday(m: DateMention, year: int) -> bool:
    """Whether a day written with its weekday ("Sunday, Nov. 14") falls on it in `year`."""
    if m.month is None or m.day is None or m.weekday is None:
        return False
    try:
        return date(year, m.month, m.day).weekday() == m.weekday
    except ValueError:
        return False  # February 29 of a common year


def _weekday_day(m: DateMention, anchor: date, past: bool) -> date:
    assert m.weekday is not None
    word = m.word or ""
    if past or word in ("last", "this past"):
        back = (anchor.weekday() - m.weekday) % 7
        if back == 0 and word in ("last", "this past"):
            back = 7
        return anchor - timedelta(days=back)
    ahead = (m.weekday - anchor.weekday()) % 7
    if ahead == 0 and word == "next":
        ahead = 7
    return anchor + timedelta(days=ahead)


def _holiday(name: str, year: int) -> date:
    key = re.sub(
        r"\b(year|valentine|patrick|mother|father)s\b", r"\1's", name.lower().replace("’", "'")
    )
    fixed = {
        "christmas day": (12, 25), "christmas": (12, 25), "christmas eve": (12, 24),
        "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
        "valentine's day": (2, 14), "boxing day": (12, 26), "independence day": (7, 4),
        "fourth of july": (7, 4), "july fourth": (7, 4), "st patrick's day": (3, 17),
        "st. patrick's day": (3, 17),
    }  # fmt: skip
    if key in fixed:
        return date(year, *fixed[key])
    if key.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 3, 4)
    if key == "memorial day":
        last = date(year, 5, 31)
        return last - timedelta(days=(last.weekday() - 0) % 7)
    if key == "labor day":
        return _nth_weekday(year, 9, 0, 1)
    if key == "mother's day":
        return _nth_weekday(year, 5, 6, 2)
    if key == "father's day":
        return _nth_weekday(year, 6, 6, 3)
    if key.startswith("easter"):
        return _easter(year)
    raise ValueError(f"no such holiday: {name}")  # resolve() answers None


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


@cache
def _easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)
