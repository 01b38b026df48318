"""Show titles: quoted ones, capitalised runs in prose, and the one a headline leads with."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.articles.networks import canonical_network


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CONNECTORS = _words(
    "of the and in on a an to for at with from is are & vs vs. de la le du von van or into "
    "over under upon without by"
)
# Words that start or end no title even when capitalised ("Fans of The Crown", "Season").
_GENERIC = _words(
    """
    a an the it its it's this that these those he she they we you i his her their our my your
    and but or so yet also meanwhile however now then plus still finally elsewhere additionally
    after before when while if as since because though although once following according ahead
    season seasons series episode episodes part premiere premieres premiered premiering debut
    date dates trailer teaser cast fans viewers audiences critics netflix tv show shows drama
    comedy thriller docuseries new official exclusive watch review recap first look everything
    here there what where why how who which today tonight tomorrow yesterday last next this
    spoilers spoiler update news report latest breaking photos video watch live streaming
    mr mrs ms dr in on at for with from by to of up out not no yes all every each both other
    another some many more most
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    nationwide worldwide global national international launch lineup slate summer winter spring
    fall autumn holiday weekend week month year years price prices deal deals service services
    so far far canceled cancelled renewed shows series every best worst top biggest ratings
    """
)
# Headline words that separate a title from the rest of the headline ("... Announces X ...").
_HEADLINE_BREAK = _words(
    """
    announces announced announce sets set reveals revealed reveal gets get got renewed renews
    renew returns return returning premieres premiere premiering premiered debuts debut
    debuting drops drop dropping unveils unveiled confirms confirmed lands land arrives arrive
    arriving launches launch teases tease trailer trailers teaser date dates dated release
    released releases photos images poster posters cast casting everything know need here's
    heres when where how why what season seasons series episode episodes finale official
    officially exclusive watch review recap renewal canceled cancelled cancels ends ending
    coming comes back will won't was were be been has have had schedule ratings orders ordered
    picks picked greenlights greenlit moves moved delays delayed pushes pushed postponed news
    update updates latest streaming streams airs airing hits starts begins final clip video
    sneak peek plot details spoilers theories rumors says said talks explains interview vs
    fans viewers via amid ahead after before about report look first-look sets
    """
)
_QUOTED_RE = re.compile(
    r"(?<![\w’'])(?:‘(?P<a>[A-Z0-9][^\n’]{0,80}?(?:’\w[^\n’]{0,40}?)*)’"
    r"|'(?P<b>[A-Z0-9][^\n']{0,80}?(?:'\w[^\n']{0,40}?)*)'"
    r"|[\"“](?P<c>[A-Z0-9][^\n\"“”]{0,80}?)[\"”])(?![\w’'])"
)
_TOKEN_RE = re.compile(r"\S+")
_LEADING = "\"'“‘([{*#"
_TRAILING = "\"'”’)]},;:.!?*"
_KEEP_DOT = frozenset({"mr.", "mrs.", "ms.", "dr.", "st.", "jr.", "vs.", "s.w.a.t."})
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SLUG_STOP = re.compile(r"^(?:\d{4,}|\d+-\d+|[a-f0-9]{8,}|amp|html?|php|index)$")


@dataclass(frozen=True, slots=True)
class TitleMention:
    text: str
    start: int
    end: int
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class HeadlineShow:
    title: str | None
    confidence: float
    source: str  # "quoted", "headline", "headline-only", "slug", "slug-only", "none"


@dataclass(frozen=True, slots=True)
class _Token:
    core: str  # the word without surrounding punctuation
    start: int
    end: int
    breaks_after: bool  # a comma, bracket or full stop ends a title here
    colon_after: bool
    opens: bool  # a bracket or quote opens before it


def title_key(title: str) -> str:
    """What makes two titles the same show: case, punctuation, a leading "The" do not."""
    key = re.sub(r"[^\w\s]", "", title.casefold().replace("&", "and"))
    key = " ".join(key.split())
    return key.removeprefix("the ").removeprefix("marvels ")


def same_show(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    ka, kb = title_key(a), title_key(b)
    if ka == kb:
        return True
    short, long = sorted((ka, kb), key=len)
    # "Jessica Jones" is "Marvel's Jessica Jones"; one word alone is not enough to say so.
    return len(short) >= 6 and " " in short and f" {short} " in f" {long} "


def quoted_titles(text: str) -> list[TitleMention]:
    """Titles in quotation marks: short, mostly capitalised, not someone's words."""
    found = []
    for match in _QUOTED_RE.finditer(text):
        group = "a" if match["a"] else "b" if match["b"] else "c"
        inner = match[group].strip()
        if _looks_like_title(inner):
            start = match.start(group)
            found.append(TitleMention(inner, start, start + len(inner), quoted=True))
    return found


def title_runs(text: str, blocked: Sequence[tuple[int, int]] = ()) -> list[TitleMention]:
    """Capitalised runs ("Only Murders in the Building") that could be titles.

    Runs stop at `blocked` spans (networks, dates, seasons found by the caller), at commas,
    brackets and full stops, and shed generic words at either end ("Fans of The Crown").
    """
    tokens = _tokens(text)
    spans = _Spans(blocked)
    runs: list[TitleMention] = []
    current: list[_Token] = []

    def close() -> None:
        if current:
            mention = _trimmed(text, current)
            if mention is not None:
                runs.append(mention)
            current.clear()

    for index, token in enumerate(tokens):
        if token.opens or _inside(token, spans):
            close()
        if _inside(token, spans):
            continue
        lowered = token.core.lower()
        capital = _is_capitalised(token.core)
        if capital or (current and lowered in _CONNECTORS):
            current.append(token)
        else:
            close()
            continue
        if token.breaks_after:
            close()
        elif token.colon_after:
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if (
                following is None
                or following.core.lower() in _GENERIC
                or not _is_capitalised(following.core)
            ):
                close()
    close()
    return runs


def headline_show(
    headline: str,
    body: str,
    blocker: Callable[[str], Sequence[tuple[int, int]]] = lambda text: (),
    slug: str | None = None,
) -> HeadlineShow:
    """The show a headline leads with, confirmed against the body where possible.

    `blocker` gives the spans of a text that are networks, seasons or dates: never a title.
    A title found only in the headline (or only in the URL slug) has a lower confidence.
    """
    if headline:
        quoted = quoted_titles(headline)
        if quoted:
            title = _strip_possessive(quoted[0].text)
            in_body = _count_in_body(title, body) > 0
            return HeadlineShow(title, 0.95 if in_body else 0.8, "quoted")
        found = _best_span(headline, body, blocker(headline))
        if found is not None:
            title, verified = found
            if verified:
                return HeadlineShow(title, 0.9, "headline")
            slug_title = _slug_show(slug, body, blocker) if slug else None
            if slug_title and slug_title.source == "slug":
                return slug_title
            return HeadlineShow(title, 0.55, "headline-only")
    if slug:
        return _slug_show(slug, body, blocker) or HeadlineShow(None, 0.0, "none")
    return HeadlineShow(None, 0.0, "none")


def _slug_show(
    slug: str, body: str, blocker: Callable[[str], Sequence[tuple[int, int]]]
) -> HeadlineShow | None:
    words = [w for w in re.split(r"[-_]+", slug) if w and not _SLUG_STOP.match(w)]
    if not words:
        return None
    # Slugs are lowercase: "nbc" is a network all the same, and never part of the title.
    words = ["|" if canonical_network(w.upper()) or canonical_network(w.capitalize()) else w
             for w in words]  # fmt: skip
    text = " ".join(w if w.lower() in _CONNECTORS else w.capitalize() for w in words)
    found = _best_span(text, body, blocker(text))
    if found is None:
        return None
    title, verified = found
    if verified:
        return HeadlineShow(_body_spelling(title, body), 0.7, "slug")
    return HeadlineShow(title, 0.35, "slug-only")


def _best_span(
    headline: str, body: str, blocked: Sequence[tuple[int, int]]
) -> tuple[str, bool] | None:
    """The longest run of headline words the body also writes as a title; else the first."""
    tokens = _tokens(headline)
    spans = _Spans(blocked)
    segments: list[list[_Token]] = [[]]
    for token in tokens:
        lowered = token.core.lower()
        breaker = (
            _inside(token, spans)
            or lowered in _HEADLINE_BREAK
            or not (_is_capitalised(token.core) or lowered in _CONNECTORS)
            or token.opens
        )
        if breaker:
            segments.append([])
            continue
        segments[-1].append(token)
        if token.breaks_after or token.colon_after or token.core in ("-", "–", "—", "|"):
            segments.append([])
    spans: list[tuple[int, int, str]] = []  # (segment, first word, text)
    for number, segment in enumerate(segments):
        for i in range(len(segment)):
            for j in range(i + 1, min(len(segment), i + 9) + 1):
                words = segment[i:j]
                if not _good_edges(words):
                    continue
                spans.append(
                    (number, i, _strip_possessive(headline[words[0].start : words[-1].end]))
                )
    if not spans:
        return None
    counted = [(span, _count_in_body(span[2], body)) for span in spans]
    verified = [(span, count) for span, count in counted if count]
    if verified:
        maximal = [
            (span, count)
            for span, count in verified
            if not any(
                other[2] != span[2] and f" {span[2].lower()} " in f" {other[2].lower()} "
                for other, _ in verified
            )
        ]
        best = max(maximal, key=lambda item: (len(item[0][2].split()), item[1], -item[0][0]))
        return _body_spelling(best[0][2], body), True
    # Nothing confirmed: the first segment's longest span, in the headline's own words, unless
    # the body writes it in lowercase ("midseason"): then it is a word, not a title.
    spans = [span for span in spans if not _written_lowercase(span[2], body)]
    if not spans:
        return None
    first_segment = min(span[0] for span in spans)
    candidates = [span for span in spans if span[0] == first_segment]
    return max(candidates, key=lambda span: (len(span[2]), -span[1]))[2], False


def _written_lowercase(span: str, body: str) -> bool:
    return bool(re.search(r"(?<![\w])" + re.escape(span.lower()) + r"(?![\w])", body))


def _good_edges(words: list[_Token]) -> bool:
    first, last = words[0].core.lower(), words[-1].core.lower()
    if first in _CONNECTORS and first not in ("the", "a", "an"):
        return False
    if last in _CONNECTORS or _strip_possessive(last) in _GENERIC:
        return False
    meaningful = [w for w in words if w.core.lower() not in _GENERIC]
    return bool(meaningful) and not (len(words) == 1 and first in ("the", "a", "an"))


def _count_in_body(title: str, body: str) -> int:
    """How often the body writes these words as a title (capitalised where a title is)."""
    if not body or title.lower() not in body.lower():
        return 0
    words = title.split()
    pattern = re.compile(r"(?<![\w])" + r"\s+".join(map(re.escape, words)) + r"(?![\w])", re.I)
    count = 0
    for match in pattern.finditer(body):
        found = match.group().split()
        if _is_capitalised(found[0]) and all(
            _is_capitalised(w) or w.lower() in _CONNECTORS for w in found
        ):
            count += 1
    return count


def _body_spelling(title: str, body: str) -> str:
    """The title as the body spells it ("Orange Is the New Black", not "... The New ...")."""
    words = title.split()
    pattern = re.compile(r"(?<![\w])" + r"\s+".join(map(re.escape, words)) + r"(?![\w])", re.I)
    for match in pattern.finditer(body):
        if _is_capitalised(match.group()):
            return " ".join(match.group().split())
    return title


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        raw = match.group()
        lead = len(raw) - len(raw.lstrip(_LEADING))
        core = raw[lead:]
        if core.lower() not in _KEEP_DOT:
            core = core.rstrip(_TRAILING)
        if not core:
            tokens.append(_Token(raw, match.start(), match.end(), True, False, True))
            continue
        trailing = raw[lead + len(core) :]
        start = match.start() + lead
        breaks = any(ch in trailing for ch in ',;)]}.!?"”') or ("’" in trailing or "'" in trailing)
        tokens.append(_Token(core, start, start + len(core), breaks, ":" in trailing, lead > 0))
    return tokens


def _trimmed(text: str, run: list[_Token]) -> TitleMention | None:
    words = list(run)
    while words and (
        words[0].core.lower() in _GENERIC
        and not (words[0].core.lower() in ("the", "a", "an") and len(words) > 1)
    ):
        words.pop(0)
    while words and (
        words[-1].core.lower() in _CONNECTORS
        or _strip_possessive(words[-1].core).lower() in _GENERIC
    ):
        words.pop()
    if not words or not any(w.core.lower() not in _GENERIC for w in words):
        return None
    if words[0].core[0].isdigit() and not re.search(r"[A-Za-z]", words[0].core) and len(words) == 1:
        return None  # a bare number is a count or a year, not "24"
    start, end = words[0].start, words[-1].end
    title = _strip_possessive(text[start:end])
    return TitleMention(title, start, start + len(title))


def _inside(token: _Token, blocked: _Spans) -> bool:
    return blocked.overlaps(token.start, token.end)


class _Spans:
    """Spans to look up by overlap in O(log n): titles are checked token by token."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach: list[int] = []  # the furthest end among the spans up to each index
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self._reach.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_left(self._starts, end)  # spans starting before `end`
        return index > 0 and self._reach[index - 1] > start


def _is_capitalised(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word[0].isdigit())


def _strip_possessive(title: str) -> str:
    return _POSSESSIVE.sub("", title).strip()


def _looks_like_title(inner: str) -> bool:
    words = inner.split()
    if inner.count(",") > 1 or re.search(r",\s*\d", inner):
        return False  # a dateline or a list, not a title
    if not 1 <= len(words) <= 9 or (inner.endswith((".", ",", "?")) and len(words) > 4):
        return False
    content = [w for w in words if w.lower().strip(",.!?:") not in _CONNECTORS]
    capitalised = [w for w in content if _is_capitalised(w)]
    return bool(content) and len(capitalised) / len(content) >= 0.75
