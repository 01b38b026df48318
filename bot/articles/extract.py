"""Title, body text and publication day, from an HTML page or from plain text."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.utils import load_html

from bot.articles import when
from bot.articles.errors import NotAnArticle
from bot.articles.networks import canonical_network
from bot.articles.text import byline_name, clean_lines, is_top_furniture

_DATE_META = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "article.published", "published_time", "pubdate", "publishdate", "publish-date",
    "publish_date", "published-date", "date", "dc.date.issued", "dc.date", "dcterms.created",
    "dcterms.date", "sailthru.date", "parsely-pub-date", "datepublished", "article_date_original",
    "cxenseparse:recs:publishtime", "original-publish-date", "release_date",
)  # fmt: skip
_ISO_DAY = re.compile(r"((?:19|20)\d\d)-([01]\d)-([0-3]\d)")
_URL_DAY = re.compile(r"/((?:19|20)\d\d)/([01]?\d)/([0-3]?\d)/")
# Where an address dates its page: "/2019/07/19/", "/2019-07-19-", "/20190719/", "/2019/07/".
_ADDRESS_DAY = re.compile(
    r"[/_-]((?:19|20)\d\d)(?:[/_-]([01]?\d)[/_-]([0-3]?\d)|/?([01]\d)([0-3]\d))(?=[/_.-]|$)"
)
# "/view/AEN20191028005500315": an id that opens with the day it was filed.
_ADDRESS_ID_DAY = re.compile(r"/[A-Z]{0,4}((?:19|20)\d\d)([01]\d)([0-3]\d)\d{4,}(?=[/.]|$)")
# "/entertainment/10/22/20/slug": month, day and a two-digit year as folders.
_ADDRESS_SHORT_DAY = re.compile(r"/([01]?\d)/([0-3]?\d)/(\d\d)/")
_ADDRESS_WORDS_DAY = re.compile(
    r"(?<![a-z])(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*-(\d{1,2})-((?:19|20)\d\d)"
    r"(?![\d])"
)
# "/2025/Dec/10/slug": the year, the month's name and the day as folders.
_ADDRESS_YEAR_WORDS_DAY = re.compile(
    r"/((?:19|20)\d\d)/(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*/([0-3]?\d)(?=/|$)"
)
_ONLY_A_DATE = re.compile(
    r"(?i)\W*(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)\w*,?\s+)?"
    r"(?:[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{4}"
    r"|(?:19|20)\d\d-[01]\d-[0-3]\d)"
    # and the hour it was posted: "26 Aug 2021 | 12.31 pm", "March 3, 2020 at 9:15 AM"
    r"(?:\W*(?:at\s+)?\d{1,2}[.:]\d\d\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\W*"
)
_ADDRESS_YEAR = re.compile(r"/((?:19|20)\d\d)(?:/([01]?\d))?/")
# A timestamp line at the top of a page's text ("date 2019-07-19", "Published: 2019-07-19").
_LEADING_STAMP = re.compile(
    r"(?i)^\s*(?:(?:date|published|posted|updated|last\s+updated)\s*:?\s*)?"
    r"((?:19|20)\d\d-[01]\d-[0-3]\d)(?:[T\s]\d\d:\d\d(?::\d\d)?(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)?"
    r"(?:\s+|$)"
)
_LEADING_MONTH_STAMP = re.compile(
    r"(?i)^\s*(?:(?:date|published|posted)\s*:?\s*)?((?:19|20)\d\d)-(0[1-9]|1[0-2])(?![\d-])\s*"
)
_RELEASE_DATELINE = re.compile(
    r"[A-Z][A-Za-z .'-]{1,40}(?:,\s*[A-Za-z. ]{2,20})?\s*,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}"
    r"\s*(?:/\s*(?:CNW|PRNewswire|PRNewswire-\w+|Business\s+Wire)\s*/|\((?:GLOBE\s+NEWSWIRE"
    r"|BUSINESS\s+WIRE|PRNewswire|Canada\s+NewsWire)\))"
)
_STAMP_LINE = re.compile(r"(?i)^\W*(?:published|posted|updated|last\s+updated)\b")
_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_LD_HEADLINE = re.compile(r'"headline"\s*:\s*"((?:[^"\\]|\\.){5,300})"')
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||::|»|·|•)\s+")
_SITE_DASH = re.compile(r"\s+[-–—]\s+(?P<site>[^-–—]{2,40})$")
_BYLINE = re.compile(
    r"(?i)^(?:by\b|published|posted|updated|last\s+updated|written\s+by|\w+\s+\d{1,2},\s+\d{4}"
    r"|\d{1,2}\s+\w+\s+\d{4}|(?:mon|tue|wed|thu|fri|sat|sun)\w*,)"
)
_DAY_FIRST_TLDS = (".uk", ".au", ".nz", ".ie", ".in", ".za", ".sg", ".my", ".ph", ".nl", ".de",
                   ".fr", ".es", ".it")  # fmt: skip
_WORDLIKE = re.compile(r"[\"'“‘(\[]*[^\W_]+(?:[-'’.&/][^\W_]+)*[\"'”’)\].,;:!?…%]*")
MAX_TITLE_CHARS = 300


@dataclass(frozen=True, slots=True)
class Extracted:
    title: str
    text: str  # the article's lines, furniture removed, one paragraph per line
    published: date | None
    day_first: bool | None  # the outlet writes 7/3 for 7 March; None when we cannot tell
    filed: date | None = None  # the month a stamp files it under ("date 2020-01"), no day


def extract_html(html: str, url: str | None = None) -> Extracted:
    """Read a page: metadata from its head, the article's text through trafilatura."""
    try:
        tree = load_html(html)
    except (ValueError, lxml.etree.LxmlError):
        tree = None
    if tree is None:
        raise NotAnArticle("That page has no readable HTML in it.")
    # Metadata first: trafilatura prunes the tree it is given.
    title = _html_title(tree, html, url)
    published = _html_published(tree, html, url)
    day_first = _day_first(url, tree.get("lang") or "")
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=True,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
    )
    body = getattr(document, "text", None) or ""
    lines = clean_lines(body)
    if lines and title and _same_words(lines[0], title):
        lines = lines[1:]  # the page's own headline, repeated at the top of the text
    if not title and lines and _looks_like_title(lines[0]):
        title, lines = lines[0], lines[1:]
    if not lines:
        raise NotAnArticle("I couldn't find any article text on that page.")
    return Extracted(title[:MAX_TITLE_CHARS], "\n".join(lines), published, day_first)


def extract_text(text: str, url: str | None = None) -> Extracted:
    """Read pasted text: a short first line without a full stop is the headline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    raw_lines = [line.strip() for line in text.split("\n")]
    raw_lines = [line for line in raw_lines if line]
    if not raw_lines or not _reads_as_text(raw_lines):
        raise NotAnArticle("That doesn't look like article text.")
    published = filed = None
    month_stamp = _LEADING_MONTH_STAMP.match(raw_lines[0])
    if month_stamp:
        # "date 2020-01 Thefranchise has confirmed ...": the month it was filed, then the text
        filed = date(int(month_stamp[1]), int(month_stamp[2]), 1)
        raw_lines[0] = raw_lines[0][month_stamp.end() :]
        if not raw_lines[0]:
            raw_lines = raw_lines[1:]
            if not raw_lines:
                raise NotAnArticle("There is no article text in that.")
    stamp = _LEADING_STAMP.match(raw_lines[0])
    if stamp:
        published = _iso_day(stamp[1])
        rest = raw_lines[0][stamp.end() :].strip()
        raw_lines = ([rest] if rest else []) + raw_lines[1:]
        if not raw_lines:
            raise NotAnArticle("There is no article text in that.")
    # Navigation, mastheads and archive labels above the story are not its headline.
    writer = ""  # "By Erik Pedersen" above "Erik Pedersen": the writer's name twice
    while len(raw_lines) > 1 and (
        is_top_furniture(raw_lines[0], writer)
        or canonical_network(raw_lines[0].strip(" |·")) is not None
    ):
        writer = writer or byline_name(raw_lines[0])
        raw_lines = raw_lines[1:]  # "ABC" above the story is its section, not its headline
    # The site's own name above the story ("The Korea Herald" on koreaherald.com).
    while len(raw_lines) > 1 and _names_the_site(raw_lines[0], url):
        raw_lines = raw_lines[1:]
    # A dateline alone above the headline ("September 30, 2024") dates the piece.
    if len(raw_lines) > 1 and _ONLY_A_DATE.fullmatch(raw_lines[0]):
        published = published or _first_full_date(raw_lines[0])
        raw_lines = raw_lines[1:]
    title = ""
    first = raw_lines[0].lstrip("# ").strip()
    if _looks_like_title(first) and len(raw_lines) > 1:
        title, raw_lines = first, raw_lines[1:]
    # "News", "Listen Live: C103", a standfirst: the headline is the line the address spells.
    if (at := _headline_the_address_spells(raw_lines, title, url)) is not None:
        title = raw_lines.pop(at)
    # A byline or dateline near the top ("Published March 2, 2018") dates the article.
    for index, line in enumerate(raw_lines[:3]):
        if published is None and len(line) < 120 and _BYLINE.match(line):
            found = _first_full_date(line)
            if found is not None:
                published = found
                raw_lines.pop(index)
                break
    # Lower down the top of the page: a labelled timestamp ("Published : Nov. 2, 2021 - 11:14")
    # or a date alone on its line ("• 18 Jul 2019").
    for index, line in enumerate(raw_lines[:12]):
        if published is not None:
            break
        if len(line) < 80 and (_STAMP_LINE.match(line) or _ONLY_A_DATE.fullmatch(line)):
            published = _first_full_date(line)
            if published is not None:
                raw_lines.pop(index)
    # A wire release opens on its dateline: "TORONTO, June 23, 2020 /CNW/ - Today ...".
    for line in raw_lines[:6] if published is None else ():
        release = _RELEASE_DATELINE.match(line)
        if release is not None:
            published = _first_full_date(release.group())
            break
    # The other timestamps beside it ("Updated : Jan 8, 2017") are furniture too.
    raw_lines = [
        line
        for index, line in enumerate(raw_lines)
        if not (
            index < 12
            and len(line) < 80
            and _STAMP_LINE.match(line)
            and _first_full_date(line) is not None
        )
    ]
    lines = clean_lines("\n".join(raw_lines))
    if not lines:
        if not title:
            raise NotAnArticle("There is no article text in that.")
        lines = [title]
    return Extracted(
        title[:MAX_TITLE_CHARS], "\n".join(lines), published, _day_first(url, ""), filed
    )


# Each way an address writes its day (in this order), whether it is matched in lower case,
# and how its year, month and day are read.
_ADDRESS_DAY_FORMS: tuple[
    tuple[re.Pattern[str], bool, Callable[[re.Match[str]], tuple[int, int, int]]], ...
] = (
    (_ADDRESS_DAY, False, lambda m: (int(m[1]), int(m[2] or m[4]), int(m[3] or m[5]))),
    (_ADDRESS_WORDS_DAY, True, lambda m: (int(m[3]), when.month_number(m[1]), int(m[2]))),
    (_ADDRESS_ID_DAY, False, lambda m: (int(m[1]), int(m[2]), int(m[3]))),
    (_ADDRESS_YEAR_WORDS_DAY, True, lambda m: (int(m[1]), when.month_number(m[2]), int(m[3]))),
)


def address_day(url: str | None) -> date | None:
    """The day an address dates its page by ("/2019/07/19/", "-2019-07-19", "/20190719/",
    "ratings-wednesday-sept-22-2021", "/2025/Dec/10/", "/2017/0921/",
    "/view/AEN20191028005500315")."""
    if not url:
        return None
    path = urlsplit(url).path
    for pattern, lowered, parts in _ADDRESS_DAY_FORMS:
        for match in pattern.finditer(path.lower() if lowered else path):
            try:
                return date(*parts(match))
            except (ValueError, KeyError):
                continue  # "/2019/1234/": no month 12 has a day 34
    short = _ADDRESS_SHORT_DAY.search(path)
    if short:
        first, second, year = int(short[1]), int(short[2]), 2000 + int(short[3])
        # The outlet's own order where its country says it; a day past 12 says it anyway.
        orders = ((second, first), (first, second))
        for month, day in orders if _day_first(url, "") else orders[::-1]:
            try:
                return date(year, month, day)
            except ValueError:
                continue
    return None


def address_month(url: str | None) -> date | None:
    """The first day of the year, or month, an address files its page under ("/2019/03/")."""
    if not url:
        return None
    match = _ADDRESS_YEAR.search(urlsplit(url).path)
    if not match:
        return None
    month = int(match[2]) if match[2] and 1 <= int(match[2]) <= 12 else 1
    return date(int(match[1]), month, 1)


def url_slug(url: str | None) -> str | None:
    """The words of a URL's last path segment ("netflix-announces-jessica-jones-season-2")."""
    if not url:
        return None
    segments = [s for s in urlsplit(url).path.split("/") if s]
    for segment in reversed(segments):
        stem = re.sub(r"\.(?:html?|php|aspx?)$", "", segment)
        if "-" in stem or "_" in stem:
            return stem.lower()
    return None


def _html_title(tree: lxml.html.HtmlElement, html: str, url: str | None) -> str:
    site = _meta(tree, "og:site_name") or ""
    for name in ("og:title", "twitter:title"):
        value = _meta(tree, name)
        if value:
            return _strip_site(value, site, url)
    match = _LD_HEADLINE.search(html)
    if match:
        try:
            return _strip_site(json.loads(f'"{match.group(1)}"'), site, url)
        except json.JSONDecodeError:
            pass
    for h1 in tree.iterfind(".//h1"):
        value = " ".join(h1.text_content().split())
        if value:
            return value
    title = tree.find(".//title")
    if title is not None and title.text:
        return _strip_site(" ".join(title.text.split()), site, url)
    return ""


def _html_published(tree: lxml.html.HtmlElement, html: str, url: str | None) -> date | None:
    for element in tree.iterfind(".//meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        if key.lower() in _DATE_META:
            found = _iso_day(element.get("content") or "")
            if found:
                return found
    for element in tree.xpath('//*[@itemprop="datePublished"]'):
        found = _iso_day(element.get("content") or element.get("datetime") or "")
        if found:
            return found
    match = _LD_PUBLISHED.search(html)
    if match and (found := _iso_day(match.group(1))):
        return found
    if url and (match := _URL_DAY.search(url)):
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    for element in tree.iterfind(".//time"):
        found = _iso_day(element.get("datetime") or "")
        if found:
            return found
    return None


def _meta(tree: lxml.html.HtmlElement, name: str) -> str | None:
    for element in tree.iterfind(".//meta"):
        if (element.get("property") or element.get("name")) == name:
            content = " ".join((element.get("content") or "").split())
            if content:
                return content
    return None


def _strip_site(title: str, site: str, url: str | None) -> str:
    """ "Show Gets a Date | Outlet" -> "Show Gets a Date"; a dash only when it names the site."""
    parts = _TITLE_SEPARATORS.split(title)
    title = max(parts, key=len) if len(parts) > 1 else title
    match = _SITE_DASH.search(title)
    if match:
        tail = match["site"].strip().lower()
        host = (urlsplit(url).hostname or "") if url else ""
        squashed = re.sub(r"[^a-z0-9]", "", tail)
        if (site and tail == site.lower()) or (squashed and squashed in host.replace(".", "")):
            title = title[: match.start()]
    return title.strip()


def _iso_day(value: str) -> date | None:
    match = _ISO_DAY.search(value)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _first_full_date(line: str) -> date | None:
    for mention in when.find_dates(line):
        if mention.kind == "day" and mention.year:
            resolved = when.resolve(mention, date(mention.year, 1, 1))
            if resolved:
                return resolved.day
    return _iso_day(line)


def _day_first(url: str | None, lang: str) -> bool | None:
    lang = lang.lower()
    if lang.startswith("en-us"):
        return False
    if lang.startswith(("en-gb", "en-au", "en-nz", "en-ie", "en-in", "en-za")) or (
        lang and not lang.startswith("en")
    ):
        return True
    host = (urlsplit(url).hostname or "") if url else ""
    if host.endswith(_DAY_FIRST_TLDS):
        return True
    return None


def _names_the_site(line: str, url: str | None) -> bool:
    """ "The Korea Herald" above a story on koreaherald.com: the masthead, not a headline."""
    host = (urlsplit(url).hostname or "") if url else ""
    core = re.sub(r"[^a-z0-9]", "", host.lower().removeprefix("www.").split(".")[0])
    squashed = re.sub(r"[^a-z0-9]", "", line.lower().removeprefix("the "))
    return len(core) >= 5 and squashed == core


def _reads_as_text(lines: list[str]) -> bool:
    """Mostly words, in any script: binary junk decoded as text is mostly not."""
    tokens = " ".join(lines[:200]).split()[:3000]
    words = sum(1 for token in tokens if _WORDLIKE.fullmatch(token))
    return bool(tokens) and words / len(tokens) >= 0.6


def _headline_the_address_spells(lines: list[str], title: str, url: str | None) -> int | None:
    """Where, near the top, the line stands whose words the address's slug spells, when the
    line taken for the headline does not: sites write the slug from the headline, not from
    the navigation or the standfirst above it."""
    slug_words = _content_words(url_slug(url) or "")
    if len(slug_words) < 3:
        return None

    def spelled(line: str) -> float:
        return len(_content_words(line) & slug_words) / len(slug_words)

    if spelled(title) >= 0.5:
        return None
    for index, line in enumerate(lines[:12]):
        if (
            len(line) <= _ADDRESS_HEADLINE_CHARS
            and _looks_like_title(line)
            and spelled(line) >= 0.75
        ):
            return index
    return None


_ADDRESS_HEADLINE_CHARS = 150  # a headline's length; a longer line is a caption or a tweet


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and not w.isdigit()}


def _looks_like_title(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 30 and len(line) <= MAX_TITLE_CHARS and not line.endswith((".", ":"))


def _same_words(a: str, b: str) -> bool:
    def words(s: str) -> str:
        return " ".join(re.findall(r"\w+", s.casefold()))

    return words(a) == words(b) or (len(b) > 20 and words(a).startswith(words(b)))
