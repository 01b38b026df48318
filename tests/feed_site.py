"""A fake feed site on 127.0.0.1 for tests: RSS 2.0 and Atom feeds built from test data,
article pages, conditional GET, faults, and a cheap mode for thousands of feeds.

Start it as an async context manager (it listens on a free port)::

    async with FeedSite() as site:
        news = site.feed("/news.xml", title="Screen Notes")          # kind="rss" or "atom"
        news.add("Night Shift returns", link="/articles/night-shift", guid="ns-3",
                 published=datetime(2027, 1, 5, 9, tzinfo=UTC), content="<p>Back soon.</p>")
        site.page("/articles/night-shift", "<html>…</html>")
        first = await site.fetcher().fetch_feed(news.url)             # 200, ETag, Last-Modified
        again = await site.fetcher().fetch_feed(news.url, etag=first.etag)   # 304

A fixture is three lines::

    @pytest.fixture
    async def feed_site() -> AsyncIterator[FeedSite]:
        async with FeedSite() as site:
            yield site

FeedSite(*, record=True)
    .port, .base ("http://127.0.0.1:PORT"), .url(path) -> str
    .fetcher(**policy) -> Fetcher allowed to reach exactly this site (FetchPolicy fields, e.g.
        timeout=0.5, may be overridden)
    .feed(path, kind="rss", title="Test feed", link=None) -> FeedHandle (replaces any feed there)
    .page(path, html, *, status=200, content_type="text/html; charset=utf-8"): an article page;
        any path with nothing registered answers 404
    .redirect(path, location, *, status=302)
    .many(prefix, n, *, kind="rss", items=1, suffix="", validators=True) -> FeedFamily: n small
        feeds at prefix + "0" + suffix … prefix + str(n-1) + suffix, made on demand, answering
        304 to their current ETag without rendering anything (for benchmarks)
    .requests: list[Hit] (every request, in order; empty when record=False)
    .counts: Counter[path] (always kept), .hits(path) -> int, .requests_for(path) -> list[Hit]
    .clear(): forget requests and counts

FeedHandle (one feed; every field may be changed between requests)
    .path, .url, .kind, .title, .link (the site link; default the site root)
    .add(title, *, link=None, guid=None, published=None, updated=None, content=None,
         summary=None, orig_link=None, categories=()) -> FeedItem; the new item goes first
        (newest first, as feeds list them). orig_link is written as <feedburner:origLink>
        (FeedBurner's: `link` is then its redirect), categories as <category> elements
    .items: list[FeedItem] (edit freely: change guids, switch links http→https, remove items;
        FeedItem is a mutable dataclass with the same fields as add())
    .render() -> bytes: the body a GET would return now
    .etag -> str: the ETag of the current body (a hash of it, quoted)
    .modified: datetime | None: the Last-Modified time, moved on (at least one second) whenever
        the body changes; assign it to choose one
    .validators = True | False: send ETag and Last-Modified (and honour If-None-Match /
        If-Modified-Since with a 304) or neither; .send_etag / .send_last_modified separately
    .fail(status=500, *, times=1, retry_after=None): the next `times` requests answer `status`
        (times=None: until .recover()); retry_after adds a Retry-After header (a number of
        seconds, or a string sent as is, e.g. an HTTP date); faults queue up in order
    .recover(): drop every pending fault
    .delay: seconds to wait before answering
    .serve_html = True: answer a web page whose <link rel="alternate"> names .alternate (a path
        or URL; default the feed's own path) instead of the feed
    .body: bytes | None: a raw body instead of the rendered feed; .content_type: str | None
        instead of application/rss+xml or application/atom+xml (charset utf-8)
    .requests -> list[Hit], .hits -> int

FeedFamily (from .many)
    .path(i), .url(i), .urls() -> list[str], .etag(i)
    .bump(i): feed i gets one more item (so its next poll is a 200 with a new entry)
    .delay: seconds to wait before answering any of them

Hit (one request): path, query, method, status (answered; None while waiting), headers (the
    ones of interest: Host, User-Agent, Accept, Accept-Encoding, If-None-Match,
    If-Modified-Since), and .if_none_match / .if_modified_since shortcuts.

html_page(title, *, feeds=(), body="") -> str: a small web page naming `feeds` (paths or URLs)
    with <link rel="alternate" type="application/rss+xml">.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any, Literal
from xml.sax.saxutils import escape, quoteattr

from aiohttp import web

from bot.articles.fetch import Fetcher, FetchPolicy

Kind = Literal["rss", "atom"]
_INTERESTING = (
    "Host",
    "User-Agent",
    "Accept",
    "Accept-Encoding",
    "If-None-Match",
    "If-Modified-Since",
)
_CONTENT_TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
}
_FAMILY_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass
class FeedItem:
    title: str
    link: str | None = None  # as written in the feed: absolute, or relative to the feed URL
    guid: str | None = None  # RSS <guid isPermaLink="false">, Atom <id>; omitted when None
    published: datetime | None = None
    updated: datetime | None = None  # Atom <updated> (defaults to published there)
    content: str | None = None  # HTML: RSS content:encoded, Atom <content type="html">
    summary: str | None = None  # HTML: RSS <description>, Atom <summary type="html">
    orig_link: str | None = None  # <feedburner:origLink>: the story's own link behind `link`
    categories: tuple[str, ...] = ()  # RSS <category>, Atom <category term="…">


@dataclass
class Hit:
    path: str
    query: str
    method: str
    headers: dict[str, str]
    status: int | None = None

    @property
    def if_none_match(self) -> str | None:
        return self.headers.get("If-None-Match")

    @property
    def if_modified_since(self) -> str | None:
        return self.headers.get("If-Modified-Since")


@dataclass
class _Fault:
    status: int
    left: int | None  # None: until recover()
    retry_after: float | str | None


@dataclass(eq=False)
class FeedHandle:
    """One feed on the site; see the module docstring."""

    site: FeedSite
    path: str
    kind: Kind = "rss"
    title: str = "Test feed"
    link: str | None = None
    items: list[FeedItem] = field(default_factory=list)
    send_etag: bool = True
    send_last_modified: bool = True
    modified: datetime | None = None
    delay: float = 0.0
    serve_html: bool = False
    alternate: str | None = None
    body: bytes | None = None
    content_type: str | None = None
    _faults: list[_Fault] = field(default_factory=list)
    _body_hash: str | None = None

    @property
    def url(self) -> str:
        return self.site.url(self.path)

    @property
    def validators(self) -> bool:
        return self.send_etag or self.send_last_modified

    @validators.setter
    def validators(self, on: bool) -> None:
        self.send_etag = self.send_last_modified = on

    def add(
        self,
        title: str,
        *,
        link: str | None = None,
        guid: str | None = None,
        published: datetime | None = None,
        updated: datetime | None = None,
        content: str | None = None,
        summary: str | None = None,
        orig_link: str | None = None,
        categories: Iterable[str] = (),
    ) -> FeedItem:
        item = FeedItem(
            title, link, guid, published, updated, content, summary, orig_link, tuple(categories)
        )
        self.items.insert(0, item)
        return item

    def fail(
        self,
        status: int = 500,
        *,
        times: int | None = 1,
        retry_after: float | str | None = None,
    ) -> None:
        self._faults.append(_Fault(status, times, retry_after))

    def recover(self) -> None:
        self._faults.clear()

    def render(self) -> bytes:
        if self.body is not None:
            return self.body
        link = self.link or self.site.url("/")
        if self.kind == "atom":
            return atom(self.title, link, self.items, feed_id=self.url)
        return rss(self.title, link, self.items)

    @property
    def etag(self) -> str:
        return _etag(self.render())

    @property
    def requests(self) -> list[Hit]:
        return self.site.requests_for(self.path)

    @property
    def hits(self) -> int:
        return self.site.hits(self.path)

    def _take_fault(self) -> _Fault | None:
        while self._faults:
            fault = self._faults[0]
            if fault.left is None:
                return fault
            if fault.left > 0:
                fault.left -= 1
                if fault.left == 0:
                    self._faults.pop(0)
                return fault
            self._faults.pop(0)
        return None

    def _note_body(self, body: bytes) -> None:
        """Move Last-Modified on when the body changed since the last request."""
        digest = hashlib.sha256(body).hexdigest()
        previous, self._body_hash = self._body_hash, digest
        if digest == previous:
            return
        now = datetime.now(UTC).replace(microsecond=0)
        if self.modified is None:
            self.modified = now
        elif previous is not None:  # a change (the first body keeps a time a test chose)
            self.modified = max(now, self.modified + timedelta(seconds=1))

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        if self.delay:
            await asyncio.sleep(self.delay)
        fault = self._take_fault()
        if fault is not None:
            headers = {}
            if isinstance(fault.retry_after, str):
                headers["Retry-After"] = fault.retry_after
            elif fault.retry_after is not None:
                headers["Retry-After"] = f"{fault.retry_after:g}"
            return web.Response(status=fault.status, text="fault", headers=headers)
        if self.serve_html:
            page = html_page(self.title, feeds=[self.alternate or self.path])
            return web.Response(text=page, content_type="text/html", charset="utf-8")
        body = self.render()
        self._note_body(body)
        headers = {"Content-Type": self.content_type or _CONTENT_TYPES[self.kind]}
        etag = _etag(body)
        if self.send_etag:
            headers["ETag"] = etag
        if self.send_last_modified and self.modified is not None:
            headers["Last-Modified"] = format_datetime(self.modified, usegmt=True)
        if _not_modified(
            request,
            etag if self.send_etag else None,
            self.modified if self.send_last_modified else None,
        ):
            del headers["Content-Type"]
            return web.Response(status=304, headers=headers)
        return web.Response(body=body, headers=headers)


@dataclass(eq=False)
class FeedFamily:
    """n small feeds under one prefix, made on demand; see the module docstring."""

    site: FeedSite
    prefix: str
    n: int
    kind: Kind = "rss"
    items: int = 1
    suffix: str = ""
    validators: bool = True
    delay: float = 0.0
    _bumps: dict[int, int] = field(default_factory=dict)

    def path(self, i: int) -> str:
        return f"{self.prefix}{i}{self.suffix}"

    def url(self, i: int) -> str:
        return self.site.url(self.path(i))

    def urls(self) -> list[str]:
        return [self.url(i) for i in range(self.n)]

    def bump(self, i: int) -> None:
        self._bumps[i] = self._bumps.get(i, 0) + 1

    def etag(self, i: int) -> str:
        return f'"family-{id(self):x}-{i}-{self._bumps.get(i, 0)}"'

    def index(self, path: str) -> int | None:
        if not path.startswith(self.prefix) or not path.endswith(self.suffix):
            return None
        middle = path[len(self.prefix) : len(path) - len(self.suffix)]
        if not middle.isascii() or not middle.isdigit() or (len(middle) > 1 and middle[0] == "0"):
            return None
        i = int(middle)
        return i if i < self.n else None

    def render(self, i: int) -> bytes:
        count = self.items + self._bumps.get(i, 0)
        path = self.path(i)
        entries = [
            FeedItem(
                title=f"Feed {i} story {j}",
                link=self.site.url(f"{path}/story/{j}"),
                guid=f"{path}#{j}",
                published=_FAMILY_EPOCH + timedelta(hours=j),
                summary=f"<p>Story {j} of feed {i}.</p>",
            )
            for j in reversed(range(count))
        ]
        if self.kind == "atom":
            return atom(f"Feed {i}", self.site.url("/"), entries, feed_id=self.url(i))
        return rss(f"Feed {i}", self.site.url("/"), entries)

    async def _answer(self, request: web.Request, i: int) -> web.StreamResponse:
        if self.delay:
            await asyncio.sleep(self.delay)
        headers: dict[str, str] = {}
        if self.validators:
            modified = _FAMILY_EPOCH + timedelta(seconds=self._bumps.get(i, 0))
            headers["ETag"] = self.etag(i)
            headers["Last-Modified"] = format_datetime(modified, usegmt=True)
            if _not_modified(request, self.etag(i), modified):
                return web.Response(status=304, headers=headers)
        headers["Content-Type"] = _CONTENT_TYPES[self.kind]
        return web.Response(body=self.render(i), headers=headers)


@dataclass
class _Page:
    html: str
    status: int
    content_type: str


class FeedSite:
    """The fake site; see the module docstring for the whole API."""

    def __init__(self, *, record: bool = True) -> None:
        self.record = record
        self.requests: list[Hit] = []
        self.counts: Counter[str] = Counter()
        self._feeds: dict[str, FeedHandle] = {}
        self._pages: dict[str, _Page] = {}
        self._redirects: dict[str, tuple[str, int]] = {}
        self._families: list[FeedFamily] = []
        self._runner: web.AppRunner | None = None
        self._port: int | None = None

    # -------------------------------------------------------------------- lifecycle

    async def start(self) -> FeedSite:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self._port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FeedSite:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # -------------------------------------------------------------------- addresses

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the feed site is not started")
        return self._port

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + (path if path.startswith("/") else "/" + path)

    def fetcher(self, **policy: Any) -> Fetcher:
        """A Fetcher whose guard lets exactly this site through."""
        return Fetcher(FetchPolicy(allow=frozenset({("127.0.0.1", self.port)}), **policy))

    # -------------------------------------------------------------------- content

    def feed(
        self, path: str, kind: Kind = "rss", title: str = "Test feed", link: str | None = None
    ) -> FeedHandle:
        handle = FeedHandle(self, _path(path), kind, title, link)
        self._feeds[handle.path] = handle
        return handle

    def page(
        self,
        path: str,
        html: str,
        *,
        status: int = 200,
        content_type: str = "text/html; charset=utf-8",
    ) -> None:
        self._pages[_path(path)] = _Page(html, status, content_type)

    def redirect(self, path: str, location: str, *, status: int = 302) -> None:
        self._redirects[_path(path)] = (location, status)

    def many(
        self,
        prefix: str,
        n: int,
        *,
        kind: Kind = "rss",
        items: int = 1,
        suffix: str = "",
        validators: bool = True,
    ) -> FeedFamily:
        family = FeedFamily(self, _path(prefix), n, kind, items, suffix, validators)
        self._families.append(family)
        return family

    # -------------------------------------------------------------------- the log

    def hits(self, path: str) -> int:
        return self.counts[_path(path)]

    def requests_for(self, path: str) -> list[Hit]:
        wanted = _path(path)
        return [hit for hit in self.requests if hit.path == wanted]

    def clear(self) -> None:
        self.requests.clear()
        self.counts.clear()

    # -------------------------------------------------------------------- serving

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        self.counts[path] += 1
        hit = Hit(
            path=path,
            query=request.query_string,
            method=request.method,
            headers={
                name: request.headers[name] for name in _INTERESTING if name in request.headers
            },
        )
        if self.record:
            self.requests.append(hit)
        response = await self._respond(request, path)
        hit.status = response.status
        return response

    async def _respond(self, request: web.Request, path: str) -> web.StreamResponse:
        if path in self._redirects:
            location, status = self._redirects[path]
            return web.Response(status=status, headers={"Location": location})
        if path in self._feeds:
            return await self._feeds[path]._answer(request)
        if path in self._pages:
            page = self._pages[path]
            return web.Response(
                status=page.status,
                body=page.html.encode("utf-8"),
                headers={"Content-Type": page.content_type},
            )
        for family in self._families:
            i = family.index(path)
            if i is not None:
                return await family._answer(request, i)
        return web.Response(status=404, text="not found")


# ---------------------------------------------------------------------------- rendering


_FEEDBURNER = "http://rssnamespace.org/feedburner/ext/1.0"


def rss(title: str, link: str, items: Iterable[FeedItem]) -> bytes:
    """An RSS 2.0 document (with content:encoded) for these items, in the order given."""
    items = list(items)
    burner = f' xmlns:feedburner="{_FEEDBURNER}"' if any(i.orig_link for i in items) else ""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"{burner}>',
        "<channel>",
        f"<title>{escape(title)}</title>",
        f"<link>{escape(link)}</link>",
        f"<description>{escape(title)}</description>",
    ]
    for item in items:
        out.append("<item>")
        out.append(f"<title>{escape(item.title)}</title>")
        if item.link is not None:
            out.append(f"<link>{escape(item.link)}</link>")
        if item.guid is not None:
            out.append(f'<guid isPermaLink="false">{escape(item.guid)}</guid>')
        if item.published is not None:
            out.append(f"<pubDate>{format_datetime(item.published.astimezone(UTC))}</pubDate>")
        out.extend(f"<category>{escape(name)}</category>" for name in item.categories)
        if item.summary is not None:
            out.append(f"<description>{escape(item.summary)}</description>")
        if item.content is not None:
            out.append(f"<content:encoded>{escape(item.content)}</content:encoded>")
        if item.orig_link is not None:
            out.append(f"<feedburner:origLink>{escape(item.orig_link)}</feedburner:origLink>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "\n".join(out).encode("utf-8")


def atom(title: str, link: str, items: Iterable[FeedItem], *, feed_id: str) -> bytes:
    """An Atom 1.0 document for these items, in the order given."""
    items = list(items)
    stamps = [i.updated or i.published for i in items if i.updated or i.published]
    feed_updated = max(stamps) if stamps else _FAMILY_EPOCH
    burner = f' xmlns:feedburner="{_FEEDBURNER}"' if any(i.orig_link for i in items) else ""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom"{burner}>',
        f"<title>{escape(title)}</title>",
        f'<link rel="alternate" href={quoteattr(link)}/>',
        f"<id>{escape(feed_id)}</id>",
        f"<updated>{_iso(feed_updated)}</updated>",
    ]
    for item in items:
        out.append("<entry>")
        out.append(f"<title>{escape(item.title)}</title>")
        if item.link is not None:
            out.append(f'<link rel="alternate" href={quoteattr(item.link)}/>')
        if item.guid is not None:
            out.append(f"<id>{escape(item.guid)}</id>")
        if item.published is not None:
            out.append(f"<published>{_iso(item.published)}</published>")
        if item.updated or item.published:
            out.append(f"<updated>{_iso(item.updated or item.published)}</updated>")
        out.extend(f"<category term={quoteattr(name)}/>" for name in item.categories)
        if item.summary is not None:
            out.append(f'<summary type="html">{escape(item.summary)}</summary>')
        if item.content is not None:
            out.append(f'<content type="html">{escape(item.content)}</content>')
        if item.orig_link is not None:
            out.append(f"<feedburner:origLink>{escape(item.orig_link)}</feedburner:origLink>")
        out.append("</entry>")
    out.append("</feed>")
    return "\n".join(out).encode("utf-8")


def html_page(title: str, *, feeds: Iterable[str] = (), body: str = "") -> str:
    """A small web page naming `feeds` as <link rel="alternate" type="application/rss+xml">."""
    links = "".join(
        f'<link rel="alternate" type="application/rss+xml" title="{html.escape(title)}"'
        f' href="{html.escape(feed)}">'
        for feed in feeds
    )
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>{links}</head>"
        f"<body><h1>{html.escape(title)}</h1>{body or '<p>Latest news.</p>'}</body></html>"
    )


def _iso(moment: datetime | None) -> str:
    assert moment is not None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:24] + '"'


def _path(path: str) -> str:
    return path if path.startswith("/") else "/" + path


def _not_modified(request: web.Request, etag: str | None, modified: datetime | None) -> bool:
    """RFC 9110 §13.2.2: If-None-Match decides when present; else If-Modified-Since."""
    none_match = request.headers.get("If-None-Match")
    if none_match is not None:
        if etag is None:
            return False
        tags = {tag.strip().removeprefix("W/") for tag in none_match.split(",")}
        return "*" in tags or etag.removeprefix("W/") in tags
    since = request.headers.get("If-Modified-Since")
    if since is None or modified is None:
        return False
    try:
        when = parsedate_to_datetime(since)
    except (TypeError, ValueError, IndexError):
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return modified <= when
