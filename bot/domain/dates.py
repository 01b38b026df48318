"""Turn premiere dates typed by server admins into UTC instants with a precision.

Grammar (case-insensitive; commas, extra spaces and the words "at", "on", "of", "the" are
ignored; the time and the zone may stand before or after the date):

    date      "March 8 2027", "8th March 2027", "Monday, March 8, 2027", "2027-03-08",
              "13/3/2027", "March 8" (next occurrence), "March 2027" (MONTH), "2027" (YEAR)
    relative  "today", "tonight" (20:00), "tomorrow", "friday", "this friday", "next friday",
              "in 3 days", "in 2 weeks", "in 1 hour", "in 90 minutes"
    time      "9pm", "9:30 p.m.", "21:00", "noon", "midnight", ISO "21:00+01:00" / "20:00Z"
    zone      aliases (ET, PT, BST, ...), IANA names ("Europe/London"), "UTC", "GMT+1", "UTC-05:30"

Rules for ambiguous input (we never guess; anything else raises DateParseError):

* "friday" / "this friday" is the next Friday; today counts if today is Friday and the time,
  if one was given, is still ahead. "next friday" is the first Friday strictly after today, so
  on a Tuesday it is the same day as "friday" and on a Friday it is a week later.
* "March 8" without a year is the next March 8 on or after today's date in the zone.
* Numeric dates "a/b/yyyy" are read only when one part is over 12 (or both are equal).
* US abbreviations mean the wall time of the region on that date: "9pm EST" in July is
  9pm in America/New_York (EDT), because that is what people mean when they write it.
* A time needs a day: "9pm" alone, "March 2027 9pm" and "tonight 2am" are errors.
* Local times are built with fold=0 and converted to UTC: a time inside a spring-forward gap
  moves forward by the gap (02:30 becomes 03:30), a repeated fall-back time is the first one.
"""

import difflib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from datetime import timezone as fixed_offset
from enum import StrEnum
from functools import cache, lru_cache
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

__all__ = [
    "DateParseError",
    "ParsedDate",
    "Precision",
    "UnknownTimezoneError",
    "format_partial",
    "parse_premiere",
    "resolve_timezone",
    "timezone_suggestions",
    "zone_for",
]

MAX_INPUT_CHARS = 100
MIN_YEAR, MAX_YEAR = 1900, 2999
_QUOTE_CHARS = 60  # how much of the user's text an error message repeats
_EXAMPLES = 'Try "March 8 2027", "2027-03-08 21:00" or "next friday 9pm".'

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_MONTH_WORDS = {n.lower(): i for i, n in enumerate(MONTHS, 1)} | {
    n[:3].lower(): i for i, n in enumerate(MONTHS, 1)
}
_MONTH_WORDS["sept"] = 9
_WEEKDAY_WORDS = {n.lower(): i for i, n in enumerate(WEEKDAYS)} | {
    n[:3].lower(): i for i, n in enumerate(WEEKDAYS)
}
_WEEKDAY_WORDS |= {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}
_UNIT_WORDS = {
    **dict.fromkeys(("minute", "minutes", "min", "mins"), "minutes"),
    **dict.fromkeys(("hour", "hours", "hr", "hrs"), "hours"),
    **dict.fromkeys(("day", "days"), "days"),
    **dict.fromkeys(("week", "weeks"), "weeks"),
}
_KEYWORDS = frozenset({"today", "tonight", "tomorrow", "this", "next", "in", "a", "an"})
_FILLERS = frozenset({"at", "on", "of", "the"})
_VAGUE_RE = re.compile(
    r"\b(spring|summer|fall|autumn|winter|tba|tbc|tbd|soon|later|early|late|mid|sometime"
    r"|q[1-4]|h[12]|quarter|months?|years?)\b"
)
# Words a typo is most likely aimed at, for "Did you mean March?".
_SUGGESTABLE = {w.lower(): w for w in (*MONTHS, *WEEKDAYS)} | {
    w: w for w in ("today", "tonight", "tomorrow", "noon", "midnight")
}

_ALIASES = {
    **dict.fromkeys(("utc", "gmt"), "UTC"),
    **dict.fromkeys(("et", "est", "edt", "eastern"), "America/New_York"),
    **dict.fromkeys(("ct", "cst", "cdt", "central"), "America/Chicago"),
    **dict.fromkeys(("mt", "mst", "mdt", "mountain"), "America/Denver"),
    **dict.fromkeys(("pt", "pst", "pdt", "pacific"), "America/Los_Angeles"),
    **dict.fromkeys(("bst", "uk"), "Europe/London"),
    **dict.fromkeys(("cet", "cest"), "Europe/Paris"),
    "jst": "Asia/Tokyo",
    "kst": "Asia/Seoul",
    **dict.fromkeys(("aest", "aedt"), "Australia/Sydney"),
    "ist": "Asia/Kolkata",
}
_COMMON_ZONES = (
    "UTC", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
    "America/Sao_Paulo", "Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Moscow",
    "Africa/Johannesburg", "Asia/Kolkata", "Asia/Shanghai", "Asia/Tokyo", "Asia/Seoul",
    "Australia/Sydney", "Pacific/Auckland",
)  # fmt: skip

_OFFSET = r"(?:utc|gmt) ?(?P<off_sign>[+-])(?P<off_h>\d{1,2})(?::?(?P<off_m>\d{2}))?"
_OFFSET_NAME_RE = re.compile(_OFFSET, re.ASCII)
_TOKEN_RE = re.compile(
    rf"""(?:
        (?P<ymd>(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}}))
      | (?P<slash>(?P<sa>\d{{1,2}})/(?P<sb>\d{{1,2}})/(?P<sy>\d+))
      | (?P<offset>{_OFFSET})
      | (?P<ampm>(?P<ah>\d{{1,2}})(?::(?P<am>\d{{2}}))?\ ?(?P<ap>[ap])m)
      | (?P<clock>(?P<ch>\d{{1,2}}):(?P<cm>\d{{2}})(?::(?P<cs>\d{{2}}))?
            (?P<iso_off>z|[+-]\d{{2}}:?\d{{2}})?)
      | (?P<num>\d+(?:st|nd|rd|th)?)
      | (?P<word>[a-z][a-z0-9_]*(?:/[a-z0-9_+-]+)*)
    )(?=\ |$)""",
    re.VERBOSE | re.ASCII,
)


class Precision(StrEnum):
    TIME = "time"  # a clock time was given (e.g. 9pm)
    DAY = "day"  # a calendar day: 00:00 of that day in the zone
    MONTH = "month"  # 00:00 on the 1st of the month in the zone
    YEAR = "year"  # 00:00 on January 1 in the zone


@dataclass(frozen=True, slots=True)
class ParsedDate:
    instant: datetime  # aware, UTC
    precision: Precision
    timezone: str  # IANA name (or "UTC+01:00") of the zone the text was read in


class DateParseError(ValueError):
    """The text is not a date we understand; str(err) is a user-facing sentence."""


class UnknownTimezoneError(DateParseError):
    """A time zone name we do not know; carries up to 3 close suggestions."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean {_join_or(suggestions)}?" if suggestions else ""
        super().__init__(
            f"I don't know the time zone {_quote(name)}.{hint}"
            ' Try "America/New_York", "Europe/London" or "UTC".'
        )


@dataclass(frozen=True, slots=True)
class _Clock:
    hour: int
    minute: int
    second: int = 0


@dataclass(frozen=True, slots=True)
class _Zone:
    tz: tzinfo
    name: str


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # ymd, slash, clock, zone, num, month, weekday, unit, or the keyword itself
    text: str
    value: Any = None


@dataclass(frozen=True, slots=True)
class _ZoneIndex:
    names: tuple[str, ...]  # sorted IANA names
    lowered: tuple[str, ...]  # the same names, lowercased
    by_lower: dict[str, str]
    cities: dict[str, tuple[str, ...]]  # lowercased last part ("new_york") -> IANA names


# ---------------------------------------------------------------------------- public API


def parse_premiere(text: str, *, now: datetime, timezone: str = "UTC") -> ParsedDate:
    """Parse a premiere date; `now` is the caller's clock, `timezone` the default zone."""
    if now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    default = _zone_named(timezone)
    raw = " ".join(text.split())
    if not raw:
        raise DateParseError(f"Please give a premiere date. {_EXAMPLES}")
    if len(raw) > MAX_INPUT_CHARS:
        raise DateParseError(
            f"That date is too long (over {MAX_INPUT_CHARS} characters). {_EXAMPLES}"
        )
    normalised = _normalise(raw)
    if vague := _VAGUE_RE.search(normalised):
        word = "" if vague.group() == normalised else f' ("{vague.group()}")'
        raise DateParseError(
            f"{_quote(raw)} is too vague{word}: give a month or a day,"
            ' like "March 2027" or "March 8 2027".'
        )
    tokens = _tokenize(normalised, raw)
    clocks = [t for t in tokens if t.kind == "clock"]
    zones = [t for t in tokens if t.kind == "zone"]
    rest = [t for t in tokens if t.kind not in ("clock", "zone", *_FILLERS)]
    if len(clocks) > 1:
        raise DateParseError(f'{_quote(raw)} has more than one time. Try "March 8 2027 9pm".')
    if len(zones) > 1:
        raise DateParseError(
            f'{_quote(raw)} names more than one time zone. Try "9pm ET" or "21:00 Europe/London".'
        )
    zone = zones[0].value if zones else default
    clock = clocks[0].value if clocks else None
    return _resolve(rest, clock, zone, zone.name or default.name, now, raw)


def resolve_timezone(name: str) -> ZoneInfo:
    """Case-insensitive IANA name or common alias ("ET", "BST", ...) -> ZoneInfo."""
    key = "_".join(name.lower().split())
    canonical = _ALIASES.get(key) or _zone_index().by_lower.get(key)
    if canonical is None:
        raise UnknownTimezoneError(name, _close_zones(key, 3))
    return ZoneInfo(canonical)


def timezone_suggestions(query: str, limit: int = 25) -> list[str]:
    """IANA names for autocomplete: substring matches first, then fuzzy ones."""
    key = "_".join(query.lower().split())  # "new york" -> "new_york"
    if limit <= 0:
        return []
    if not key:
        return list(_COMMON_ZONES[:limit])
    return list(_suggest(key, limit))


def days_away(instant: datetime, timezone: str, now: datetime) -> int:
    """Calendar days from today to the instant's day, both in `timezone`: 0 is today, 1 is
    tomorrow, -1 yesterday. For a premiere known to the day, whose stored instant is the
    day's start and is already behind during the day itself."""
    tz = _zone_named(timezone).tz
    return (instant.astimezone(tz).date() - now.astimezone(tz).date()).days


def format_partial(instant: datetime, precision: Precision, timezone: str) -> str:
    """Human text for a stored instant: "March 2027", "2027", "March 8, 2027"."""
    if instant.utcoffset() is None:
        raise ValueError("instant must be timezone-aware")
    zone = _zone_named(timezone)
    local = instant.astimezone(zone.tz)
    if precision is Precision.YEAR:
        return str(local.year)
    if precision is Precision.MONTH:
        return f"{MONTHS[local.month - 1]} {local.year}"
    day_text = _long_date(local.date())
    if precision is Precision.TIME:
        return f"{day_text} at {local:%H:%M} ({zone.name})"
    return day_text


# ---------------------------------------------------------------------------- tokenizing


def _normalise(raw: str) -> str:
    text = raw.lower().replace(",", " ")
    text = re.sub(r"(?<=[a-z])\.", "", text)  # "p.m." -> "pm", "mar." -> "mar"
    text = re.sub(r"(\d{4}-\d{1,2}-\d{1,2})t(?=\d)", r"\1 ", text)  # ISO "T" separator
    return " ".join(text.split())


def _tokenize(text: str, raw: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(text):
        if text[pos] == " ":
            pos += 1
            continue
        match = _TOKEN_RE.match(text, pos)
        if match is None:
            piece = text[pos:].split(" ", 1)[0]
            raise DateParseError(
                f"I couldn't read {_quote(raw)} as a date: I don't understand {_quote(piece)}."
                f" {_EXAMPLES}"
            )
        tokens.extend(_make_tokens(match, raw))
        pos = match.end()
    return tokens


def _make_tokens(match: re.Match[str], raw: str) -> list[_Token]:
    kind, text = match.lastgroup or "", match.group()
    g = match.group
    if kind == "ymd":
        return [_Token("ymd", text, (int(g("y")), int(g("m")), int(g("d"))))]
    if kind == "slash":
        return [_Token("slash", text, (int(g("sa")), int(g("sb")), g("sy")))]
    if kind == "offset":
        zone = _offset_zone(g("off_sign"), g("off_h"), g("off_m"), text)
        return [_Token("zone", text, zone)]
    if kind == "clock":
        clock = _checked_clock(int(g("ch")), int(g("cm")), int(g("cs") or 0), text)
        tokens = [_Token("clock", text, clock)]
        if iso_off := g("iso_off"):
            tokens.append(_Token("zone", iso_off, _iso_offset_zone(iso_off, text)))
        return tokens
    if kind == "ampm":
        hour, minute = int(g("ah")), int(g("am") or 0)
        if not 1 <= hour <= 12:
            raise _bad_time(text)
        hour = hour % 12 + (12 if g("ap") == "p" else 0)
        return [_Token("clock", text, _checked_clock(hour, minute, 0, text))]
    if kind == "num":
        return [_Token("num", text, int(text.rstrip("stndrh")))]  # "8th" -> 8
    return [_word_token(text, raw)]


def _word_token(word: str, raw: str) -> _Token:
    if word in _FILLERS or word in _KEYWORDS:
        return _Token(word, word)
    if word in ("noon", "midnight"):
        return _Token("clock", word, _Clock(12 if word == "noon" else 0, 0))
    if word in _MONTH_WORDS:
        return _Token("month", word, _MONTH_WORDS[word])
    if word in _WEEKDAY_WORDS:
        return _Token("weekday", word, _WEEKDAY_WORDS[word])
    if word in _UNIT_WORDS:
        return _Token("unit", word, _UNIT_WORDS[word])
    if "/" in word or word in _ALIASES or word in _zone_index().by_lower:
        zone = resolve_timezone(_as_typed(word, raw))
        return _Token("zone", word, _Zone(zone, zone.key))
    close = difflib.get_close_matches(word, _SUGGESTABLE, n=1, cutoff=0.75)
    if close:
        hint = f". Did you mean {_SUGGESTABLE[close[0]]}?"
    else:
        hint = f": I don't understand {_quote(word)}."
    raise DateParseError(f"I couldn't read {_quote(raw)} as a date{hint} {_EXAMPLES}")


def _checked_clock(hour: int, minute: int, second: int, text: str) -> _Clock:
    if hour > 23 or minute > 59 or second > 59:
        raise _bad_time(text)
    return _Clock(hour, minute, second)


def _bad_time(text: str) -> DateParseError:
    return DateParseError(f'{_quote(text)} is not a valid time. Try "21:00", "9pm" or "9:30 p.m.".')


# ---------------------------------------------------------------------------- zones


def zone_for(name: str) -> tzinfo:
    """The tzinfo for a zone name this module produced (IANA, "UTC" or "UTC+01:00")."""
    return _zone_named(name).tz


def _zone_named(name: str) -> _Zone:
    """A stored zone name: IANA, alias or a fixed offset like "UTC+01:00"."""
    key = name.strip().lower()
    # Real IANA names win: "GMT+0" and "Etc/GMT+5" are zones, "UTC+01:00" is our offset form.
    if key not in _zone_index().by_lower and (match := _OFFSET_NAME_RE.fullmatch(key)):
        return _offset_zone(match["off_sign"], match["off_h"], match["off_m"], name)
    zone = resolve_timezone(name)
    return _Zone(zone, zone.key)


def _offset_zone(sign: str, hours: str, minutes: str | None, text: str) -> _Zone:
    offset = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if int(hours) > 14 or int(minutes or 0) > 59:
        raise DateParseError(
            f'{_quote(text)} is not a valid UTC offset. Try "UTC+1", "GMT-5" or "UTC+05:30".'
        )
    if not offset:
        return _Zone(UTC, "UTC")
    tz = fixed_offset(-offset if sign == "-" else offset)
    return _Zone(tz, tz.tzname(None))


def _iso_offset_zone(offset: str, text: str) -> _Zone:
    # ISO offsets fix the instant, yet the result keeps the server's zone name (or "UTC" for Z):
    # the offset says when, not where.
    if offset == "z":
        return _Zone(UTC, "UTC")
    hours, minutes = int(offset[1:3]), int(offset[-2:])
    if hours > 23 or minutes > 59:
        raise _bad_time(text)
    delta = timedelta(hours=hours, minutes=minutes)
    return _Zone(fixed_offset(-delta if offset[0] == "-" else delta), "")


@cache
def _zone_index() -> _ZoneIndex:
    # "localtime" mirrors the host's clock and "Factory" is a placeholder: neither is a place.
    names = tuple(sorted(available_timezones() - {"localtime", "Factory"}))
    lowered = tuple(n.lower() for n in names)
    cities: dict[str, tuple[str, ...]] = {}
    for low, name in zip(lowered, names, strict=True):
        city = low.rpartition("/")[2]
        cities[city] = (*cities.get(city, ()), name)
    return _ZoneIndex(names, lowered, dict(zip(lowered, names, strict=True)), cities)


def _close_zones(key: str, limit: int) -> list[str]:
    """Fuzzy matches on the city part only: it is where typos live, and it keeps this fast."""
    region, _, city = key.rpartition("/")
    cities = _zone_index().cities
    close = difflib.get_close_matches(city, cities, n=limit, cutoff=0.6)
    found = [name for match in close for name in cities[match]]
    found.sort(key=lambda name: not name.lower().startswith(region))  # stable: keeps closeness
    return list(dict.fromkeys(found))[:limit]


@lru_cache(maxsize=1024)
def _suggest(key: str, limit: int) -> tuple[str, ...]:
    index = _zone_index()
    ranked: list[tuple[int, int, str]] = []
    for name, low in zip(index.names, index.lowered, strict=True):
        at = low.find(key)
        if at < 0:
            continue
        # City prefix ("lon" -> Europe/London) beats any word start, which beats mid-word hits;
        # shorter names first, as they tend to be the well-known ones.
        city_start = at == low.rfind("/") + 1
        tier = 0 if city_start else 1 if at == 0 or low[at - 1] in "/_" else 2
        ranked.append((tier, len(name), name))
    found = [_ALIASES[key]] if key in _ALIASES else []
    found += [name for *_, name in sorted(ranked)]
    if len(found) < limit:
        found += _close_zones(key, limit)
    return tuple(dict.fromkeys(found))[:limit]


# ---------------------------------------------------------------------------- resolving


def _resolve(
    rest: list[_Token], clock: _Clock | None, zone: _Zone, name: str, now: datetime, raw: str
) -> ParsedDate:
    """Match the date words against the grammar; `name` is the zone name to report."""
    today = now.astimezone(zone.tz).date()
    precision = Precision.DAY
    match [t.kind for t in rest]:
        case []:
            if clock is None:
                raise _unreadable(raw)
            raise DateParseError(
                f'{_quote(raw)} has a time but no day. Try "today 9pm", "friday 9pm"'
                ' or "March 8 2027 9pm".'
            )
        case ["in", "num" | "a" | "an", "unit"]:
            amount = rest[1].value if rest[1].kind == "num" else 1
            unit = rest[2].value
            try:
                if unit in ("minutes", "hours"):
                    if clock is not None:
                        raise _unreadable(raw)
                    instant = (now + timedelta(**{unit: amount})).astimezone(UTC)
                    _check_year(instant.year, raw)
                    return ParsedDate(
                        instant.replace(second=0, microsecond=0), Precision.TIME, name
                    )
                day = today + timedelta(**{unit: amount})
            except OverflowError:
                raise _out_of_range(raw) from None
        case ["today"]:
            day = today
        case ["tomorrow"]:
            day = today + timedelta(days=1)
        case ["tonight"]:
            day, clock = today, clock or _Clock(20, 0)
            if clock.hour < 12:
                raise DateParseError(
                    f'{_quote(raw)} mixes "tonight" with a morning time.'
                    ' Try "tonight 9pm" or "tomorrow 2am".'
                )
        case ["weekday"] | ["this", "weekday"] | ["next", "weekday"]:
            ahead = (rest[-1].value - today.weekday()) % 7
            passed = clock is not None and _to_utc(today, clock, zone.tz) <= now
            if ahead == 0 and (rest[0].kind == "next" or passed):
                ahead = 7
            day = today + timedelta(days=ahead)
        case _:
            day, precision = _absolute(rest, today, raw)
    if clock is not None:
        if precision is not Precision.DAY:
            raise DateParseError(
                f'{_quote(raw)} has a time but no day. Try "March 8 2027 9pm"'
                ' or leave the time out, like "March 2027".'
            )
        precision = Precision.TIME
    _check_year(day.year, raw)
    instant = _to_utc(day, clock, zone.tz)
    if clock is not None and day == today and instant <= now:
        raise _time_passed(rest, clock, now.astimezone(zone.tz), name)
    return ParsedDate(instant, precision, name)


def _time_passed(
    rest: list[_Token], clock: _Clock, local_now: datetime, zone: str
) -> DateParseError:
    """A time today that has gone: say so, with the time it is now, rather than have the
    date refused later as "in the past" (a date-only "today" stays upcoming all day)."""
    given = f"{clock.hour:02}:{clock.minute:02}"
    now_text = f"{local_now:%H:%M} {zone}"
    if [t.kind for t in rest] == ["tonight"]:
        return DateParseError(
            f'"tonight" means {given} here, and it is already {now_text}. Give a time still '
            'to come, like "tonight 11pm", or "today" for the day without a time.'
        )
    return DateParseError(
        f"{given} today has already passed (it is {now_text}). Give a time still to come, "
        'like "today 11pm" or "tomorrow 9pm", or "today" for the day without a time.'
    )


def _absolute(rest: list[_Token], today: date, raw: str) -> tuple[date, Precision]:
    weekday = None
    if rest and rest[0].kind == "weekday":  # "Tuesday, March 8, 2027": checked, not used
        weekday, rest = rest[0].value, rest[1:]
    match [t.kind for t in rest]:
        case ["num"] if weekday is None and _is_year(rest[0]):
            return date(_year(rest[0], raw), 1, 1), Precision.YEAR
        case ["month", "num"] if weekday is None and _is_year(rest[1]):
            return date(_year(rest[1], raw), rest[0].value, 1), Precision.MONTH
        case ["ymd"]:
            year, month_number, day_number = rest[0].value
            day = _checked_date(year, month_number, day_number, raw)
        case ["slash"]:
            first, second, year_text = rest[0].value
            day = _slash_date(first, second, year_text, raw)
        case ["month", "num"] | ["num", "month"]:
            month, day_token = (rest[0], rest[1]) if rest[0].kind == "month" else (rest[1], rest[0])
            day = _next_occurrence(month.value, _day_of_month(day_token, raw), today)
        case ["month", "num", "num"] | ["num", "month", "num"]:
            month, day_token = (rest[0], rest[1]) if rest[0].kind == "month" else (rest[1], rest[0])
            year = _year(rest[2], raw)
            day = _checked_date(year, month.value, _day_of_month(day_token, raw), raw)
        case _:
            raise _unreadable(raw)
    if weekday is not None and day.weekday() != weekday:
        real, text = WEEKDAYS[day.weekday()], _long_date(day)
        raise DateParseError(
            f'{text} is a {real}, not a {WEEKDAYS[weekday]}. Try "{real}, {text}" or just "{text}".'
        )
    return day, Precision.DAY


def _is_year(token: _Token) -> bool:
    return token.kind == "num" and token.text.isdigit() and len(token.text) == 4


def _year(token: _Token, raw: str) -> int:
    if _is_year(token):
        year: int = token.value
        _check_year(year, raw)
        return year
    if token.text.isdigit() and len(token.text) == 2:
        raise _two_digit_year()
    raise _unreadable(raw)


def _day_of_month(token: _Token, raw: str) -> int:
    if len(token.text.rstrip("stndrh")) > 2:  # the digits without an ordinal suffix
        raise _unreadable(raw)
    day: int = token.value
    return day


def _slash_date(first: int, second: int, year_text: str, raw: str) -> date:
    if len(year_text) != 4:
        raise _two_digit_year()
    year = int(year_text)
    if first > 12 >= second:
        return _checked_date(year, second, first, raw)  # day/month
    if second > 12 >= first or first == second:
        return _checked_date(year, first, second, raw)  # month/day
    if first > 12:
        raise DateParseError(f"{_quote(raw)} is not a valid date. {_EXAMPLES}")
    iso = f"{year}-{first:02}-{second:02}"
    raise DateParseError(
        f"{_quote(raw)} could be {MONTHS[first - 1]} {second} or {MONTHS[second - 1]} {first}."
        f' Write it as {iso} or with the month name, like "{MONTHS[first - 1]} {second} {year}".'
    )


def _checked_date(year: int, month: int, day: int, raw: str) -> date:
    if not 1 <= month <= 12:
        raise DateParseError(f"{_quote(raw)} has no month {month}. {_EXAMPLES}")
    _check_year(year, raw)
    try:
        return date(year, month, day)
    except ValueError:
        raise DateParseError(
            f"There is no {MONTHS[month - 1]} {day}, {year}. {_EXAMPLES}"
        ) from None


def _next_occurrence(month: int, day: int, today: date) -> date:
    """The first month/day on or after today (Feb 29 waits for a leap year)."""
    for year in range(today.year, today.year + 9):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise DateParseError(f"There is no {MONTHS[month - 1]} {day}. {_EXAMPLES}")


def _check_year(year: int, raw: str) -> None:
    # Far years are typos, and they would overflow datetime when shifted to UTC.
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _out_of_range(raw)


def _to_utc(day: date, clock: _Clock | None, tz: tzinfo) -> datetime:
    # fold=0: in a spring-forward gap the pre-transition offset applies, so the UTC round trip
    # lands after the gap (02:30 -> 03:30); in a fall-back overlap the first 01:30 is taken.
    clock = clock or _Clock(0, 0)
    local = datetime(
        day.year, day.month, day.day, clock.hour, clock.minute, clock.second, tzinfo=tz
    )
    return local.astimezone(UTC)


# ---------------------------------------------------------------------------- wording


def _unreadable(raw: str) -> DateParseError:
    return DateParseError(f"I couldn't read {_quote(raw)} as a date. {_EXAMPLES}")


def _two_digit_year() -> DateParseError:
    return DateParseError(
        'Please write the year with four digits. Try "March 8 2027" or "2027-03-08".'
    )


def _out_of_range(raw: str) -> DateParseError:
    return DateParseError(f"{_quote(raw)} is outside the years {MIN_YEAR}–{MAX_YEAR}. {_EXAMPLES}")


def _as_typed(word: str, raw: str) -> str:
    """The user's own spelling of a normalised word, for error messages."""
    found = re.search(re.escape(word), raw, re.IGNORECASE)
    return found.group() if found else word


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _QUOTE_CHARS:
        text = text[: _QUOTE_CHARS - 1] + "…"
    return '"' + text.replace("@", "@\u200b") + '"'  # no accidental @everyone pings


def _long_date(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _join_or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
