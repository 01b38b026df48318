"""RSS and Atom bytes to plain values: a feed's title, link and entries, each with the keys
that recognise it again. Pure CPU work (callers run it in a thread) and no network: feedparser
is only ever handed bytes in a stream, never a URL or a path, so it cannot fetch or open
anything itself.

What is kept is bounded: at most MAX_ENTRIES entries (the newest), titles of at most
MAX_TITLE characters, bodies of at most MAX_CONTENT_BYTES (UTF-8), at most MAX_CATEGORIES
categories of at most MAX_TITLE characters. Only http and https links survive; relative ones
are resolved against the feed's URL.

An entry's link is its original link when the feed names one: FeedBurner, Pheedo and their
like replace <link> with a redirect through their own host (feedproxy.google.com/~r/...,
click.phdo?i=...) and keep the story's own address in <feedburner:origLink> or
<pheedo:origLink>. The redirect is kept aside (FeedEntry.via) as one more identity only.
"""

from __future__ import annotations

import calendar
import html
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from bot.articles.urls import normalise_url

MAX_ENTRIES = 200
MAX_TITLE = 300
MAX_CONTENT_BYTES = 100 * 1024
MAX_CATEGORIES = 20
_DISCOVERY_BYTES = 512 * 1024  # feed <link>s live in the <head>; no need to scan a whole page

_FEED_LINK_TYPES = frozenset({"application/rss+xml", "application/atom+xml"})
_BREAK = re.compile(r"<(?:br|/?p|/?div|/?li|/?h[1-6])\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])",
    re.I | re.S,
)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_BOM = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# Where feedparser puts an entry's original link: <feedburner:origLink> (whatever prefix the feed
# binds FeedBurner's namespace to), <pheedo:origLink>, and a bare <origLink>. Any other
# "<prefix>:origLink" lands in "<prefix>_origlink" and is taken after these.
_ORIGINAL_LINKS = ("feedburner_origlink", "pheedo_origlink", "origlink")


class NotAFeed(Exception):
    """The bytes are not an RSS or Atom feed; str(error) says why, for the member."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    id: str | None  # guid / atom id, stripped; None when absent
    # Absolute http(s) URL, None when absent or unsafe: the original link (feedburner:origLink
    # and the like) when the feed gives one, else its <link>.
    link: str | None
    title: str  # plain text, whitespace collapsed, "" when absent
    published: datetime | None  # aware UTC, from published else updated
    content_html: str | None  # content:encoded / atom content, else summary / description
    categories: tuple[str, ...] = ()  # <category> / atom category / dc:subject, plain, in order
    via: str | None = None  # the feed's own <link> when `link` is an original link it hides

    @property
    def keys(self) -> tuple[str, ...]:
        """Every identity this entry has, for dedupe: an entry seen before under any of them
        is the same entry (its id changed, its link moved from http to https, ...).

        The title counts with the entry's day. An undated entry with a link has no title key:
        in a feed without dates, two stories of the same title ("Trailer Tuesday") with
        different links are different stories. A redirect link (`via`) is one more link key,
        so an entry first seen under its redirect is still known by it."""
        keys: list[str] = []
        if self.id:
            keys.append(f"id:{self.id}")
        for link in (self.link, self.via):
            if link:
                key = f"link:{_without_scheme(normalise_url(link))}"
                if key not in keys:
                    keys.append(key)
        if self.title and (self.published or not self.link):
            day = self.published.date().isoformat() if self.published else ""
            keys.append(f"title:{self.title.casefold()}|{day}")
        return tuple(keys)

    @property
    def story_key(self) -> str | None:
        """The same story from several feeds: the normalised link, None without one."""
        return normalise_url(self.link) if self.link else None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    link: str | None  # the site's own link
    entries: tuple[FeedEntry, ...]  # newest first when every entry is dated, else feed order


def parse_feed(body: bytes, *, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse RSS (0.9x, 1.0, 2.0) or Atom bytes fetched from `url`.

    `content_type` is the Content-Type the site sent (its charset helps decoding). Raises
    NotAFeed when the bytes are a web page (naming the feed the page links to, if any), not
    XML, or XML that is neither RSS nor Atom. A feed with no entries is a feed; a malformed
    one that still yields entries is accepted.
    """
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # A stream, never bytes or str: feedparser treats those as a URL or a file path to open.
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    entries = parsed.get("entries") or []
    if not parsed.get("version") and not entries:
        raise NotAFeed(_why_not(body, url, content_type))
    feed = parsed.get("feed") or {}
    kept = [_entry(raw, url) for raw in entries]
    if kept and all(entry.published for entry in kept):
        # Newest first; the sort is stable, so entries of the same moment keep feed order.
        kept.sort(key=lambda entry: entry.published or _EPOCH, reverse=True)
    return ParsedFeed(
        title=_plain(feed.get("title"), feed.get("title_detail")),
        link=_safe_link(feed.get("link"), url),
        entries=tuple(kept[:MAX_ENTRIES]),
    )


def discover_feeds(html_page: bytes | str, base_url: str) -> list[str]:
    """The RSS and Atom feeds a web page names (<link rel="alternate" type=... href=...>),
    resolved against the page's URL (or its <base href>), in page order, without repeats."""
    if isinstance(html_page, bytes):
        text = html_page[:_DISCOVERY_BYTES].decode("utf-8", errors="replace")
    else:
        text = html_page[:_DISCOVERY_BYTES]
    finder = _FeedLinks()
    try:
        finder.feed(text)
        finder.close()
    except AssertionError:  # html.parser gives up on some broken markup; keep what it found
        pass
    base = base_url
    if finder.base:
        base = _safe_link(finder.base, base_url) or base_url
    found: dict[str, None] = {}
    for href in finder.hrefs:
        link = _safe_link(href, base)
        if link:
            found.setdefault(link, None)
    return list(found)


# ---------------------------------------------------------------------------- entries


def _entry(raw: Mapping[str, Any], url: str) -> FeedEntry:
    identity = raw.get("id")
    identity = identity.strip() if isinstance(identity, str) else None
    link = _safe_link(raw.get("link"), url)
    original = _original_link(raw, url)
    via = None
    if original:
        link, via = original, link
        if via and normalise_url(via) == normalise_url(link):
            via = None
    return FeedEntry(
        id=identity or None,
        link=link,
        title=_plain(raw.get("title"), raw.get("title_detail")),
        published=_when(raw.get("published_parsed") or raw.get("updated_parsed")),
        content_html=_content(raw),
        categories=_categories(raw.get("tags")),
        via=via,
    )


def _original_link(raw: Mapping[str, Any], url: str) -> str | None:
    """The story's own address when the feed's <link> is a redirect through a feed service:
    <feedburner:origLink>, <pheedo:origLink>, <origLink> or another "<prefix>:origLink".
    Only an http(s) value counts."""
    others = sorted(k for k in raw if isinstance(k, str) and k.endswith("_origlink"))
    for name in dict.fromkeys((*_ORIGINAL_LINKS, *others)):
        link = _safe_link(raw.get(name), url)
        if link:
            return link
    return None


def _categories(tags: Any) -> tuple[str, ...]:
    """The entry's categories as plain text (an Atom label before its term), in feed order,
    without blanks or repeats (ignoring case), at most MAX_CATEGORIES."""
    found: dict[str, str] = {}
    for tag in tags if isinstance(tags, list) else []:
        if not isinstance(tag, Mapping):
            continue
        name = _plain(tag.get("label")) or _plain(tag.get("term"))
        if name:
            found.setdefault(name.casefold(), name)
        if len(found) >= MAX_CATEGORIES:
            break
    return tuple(found.values())


def _plain(value: Any, detail: Any = None) -> str:
    """Title text: tags dropped when the feed marked it as HTML, entities decoded, whitespace
    collapsed, capped at MAX_TITLE characters."""
    if not isinstance(value, str):
        return ""
    kind = detail.get("type", "") if isinstance(detail, Mapping) else ""
    if "html" in kind:
        value = html.unescape(_TAG.sub("", _BREAK.sub(" ", value)))
    text = _SPACE.sub(" ", value).strip()
    if len(text) > MAX_TITLE:
        text = text[: MAX_TITLE - 1].rstrip() + "…"
    return text


def _when(parsed: Any) -> datetime | None:
    """feedparser's UTC struct_time as an aware datetime; None when absent or impossible."""
    if parsed is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _content(raw: Mapping[str, Any]) -> str | None:
    """The fullest body: the longest content (content:encoded, atom content), else the summary.
    Plain-text bodies are escaped so the result is always HTML."""
    bodies: list[tuple[str, str]] = []
    for item in raw.get("content") or []:
        if isinstance(item, Mapping) and isinstance(item.get("value"), str):
            bodies.append((item["value"], str(item.get("type") or "")))
    if not any(value.strip() for value, _ in bodies):
        summary = raw.get("summary")
        detail = raw.get("summary_detail")
        kind = detail.get("type", "") if isinstance(detail, Mapping) else ""
        bodies = [(summary, str(kind))] if isinstance(summary, str) else []
    best = max(bodies, key=lambda body: len(body[0]), default=None)
    if best is None or not best[0].strip():
        return None
    value, kind = best
    if kind == "text/plain":
        value = html.escape(value)
    return _cap_bytes(value.strip(), MAX_CONTENT_BYTES)


def _cap_bytes(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")


def _safe_link(value: Any, base: str) -> str | None:
    """An absolute http(s) URL, or None: javascript:, data:, mailto: and the like are dropped."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        link = urljoin(base, value.strip())
        parts = urlsplit(link)
        _ = parts.port  # raises ValueError when the port is out of range
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return link


def _without_scheme(url: str) -> str:
    return url.split("://", 1)[1] if "://" in url else url


# ---------------------------------------------------------------------------- not a feed


def _why_not(body: bytes, url: str, content_type: str | None) -> str:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    head = body[:4096]
    for bom in _BOM:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    if not head.strip():
        return "That link gave an empty answer, not an RSS or Atom feed."
    if media in _HTML_TYPES or _HTML_START.match(head):
        found = discover_feeds(body, url)
        sentence = "That link is a web page, not an RSS or Atom feed."
        if found:
            sentence += f" It names a feed at {found[0]}; add that instead."
        return sentence
    if not head.lstrip().startswith(b"<"):
        return "That link doesn't give an RSS or Atom feed (what it sent is not XML)."
    return "That link gives XML, but not an RSS or Atom feed."


class _FeedLinks(HTMLParser):
    """Collects <link rel="alternate" type="application/rss+xml|atom+xml" href> and <base>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: Iterable[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "base" and self.base is None and values.get("href"):
            self.base = values["href"]
            return
        if tag != "link":
            return
        rels = values.get("rel", "").lower().split()
        media = values.get("type", "").split(";", 1)[0].strip().lower()
        if "alternate" in rels and media in _FEED_LINK_TYPES and values.get("href"):
            self.hrefs.append(values["href"])

    handle_startendtag = handle_starttag
