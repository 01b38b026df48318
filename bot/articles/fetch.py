"""Fetch an article URL without letting the link reach anything it should not.

Every hop (the link and each redirect, at most 5, followed by hand) is checked before it is
requested: http or https only, no credentials in the link, and a host whose every address is
public. The connection then goes to exactly the addresses that were checked (a resolver that
only knows them), so a name that answers differently the second time (DNS rebinding) cannot
slip through. Bodies stop at 2 MB, the whole fetch at 10 seconds, and only HTML or plain text
is read, decoded by its declared charset, its meta tag, or a detector.

`Fetcher.fetch_feed` is the same walk for RSS and Atom feeds: a conditional GET (the
validators a feed sent last time go back as If-None-Match / If-Modified-Since, and a 304 comes
back as such, with no body), XML feed types accepted besides HTML and plain text (a page served
where a feed was expected is handed back so the caller can say so), and the raw bytes returned
for the feed parser to decode. Every FetchFailed the fetcher raises carries `status` (the HTTP
status of an error answer, else None) and `retry_after` (seconds a 429 or 503 asked us to wait,
else None), so a poller can tell "try later" from "gone".
"""

from __future__ import annotations

import asyncio
import codecs
import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import aiohttp
import charset_normalizer
import yarl
from aiohttp.abc import AbstractResolver, ResolveResult

from bot.articles.errors import FetchFailed, FetchRefused

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolve = Callable[[str, int], Awaitable[list[str]]]

MAX_BYTES = 2 * 1024 * 1024
TIMEOUT_SECONDS = 10.0
MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_READABLE = {
    "text/html": True,
    "application/xhtml+xml": True,
    "text/plain": False,
}  # content type -> is HTML
_FEED_TYPES = frozenset({
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "text/html",  # a web page: the caller says so (and feeds are often mis-served as HTML)
    "application/xhtml+xml",
    "text/plain",
})  # fmt: skip
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
)
_PAGE_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"
_MAX_VALIDATOR = 1024  # an ETag or date longer than this is not one we send back
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_METADATA = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean...
        "169.254.170.2",  # AWS ECS task metadata
        "169.254.169.123",  # AWS time sync
        "fd00:ec2::254",  # AWS over IPv6
        "fd00:ec2::23",
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud
        "168.63.129.16",  # Azure wire server: public-looking, yet the host's own
    )
)
_DECIMAL = re.compile(r"[0-9]+", re.ASCII)
_OCTAL = re.compile(r"0[0-7]+", re.ASCII)
_HEX = re.compile(r"0[xX][0-9a-fA-F]*", re.ASCII)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """What the fetcher may do. The default allows no private address at all.

    `allow` names host:port pairs the address guard lets through anyway; it exists for tests
    that serve pages on 127.0.0.1 and must stay empty everywhere else. `resolver` replaces
    the system's DNS (tests inject names; no network).
    """

    allow: frozenset[tuple[str, int]] = frozenset()
    max_bytes: int = MAX_BYTES
    timeout: float = TIMEOUT_SECONDS
    max_redirects: int = MAX_REDIRECTS
    resolver: Resolve | None = field(default=None, compare=False)
    user_agent: str = "Mozilla/5.0 (compatible; premiere-bot/0.1; article preview)"


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # where the page was finally found, after redirects
    text: str
    is_html: bool


@dataclass(frozen=True, slots=True)
class FeedResponse:
    """What a feed URL answered.

    `status` is 200 (or another 2xx) with the body, or 304 when the conditional GET says
    nothing changed: then `body` is b"" and `etag` / `last_modified` are the ones the 304
    repeated, else the ones sent. `content_type` is the lowercase media type, with
    "; charset=..." when the site named one (feedparser reads it); "" on a 304 without one.
    """

    url: str  # final URL after redirects
    status: int
    body: bytes  # raw: the feed parser does its own decoding
    etag: str | None
    last_modified: str | None
    content_type: str


_T = TypeVar("_T")
_Reader = Callable[[yarl.URL, aiohttp.ClientResponse], Awaitable[_T]]


class Fetcher:
    """Fetches article pages and feeds safely; see the module docstring for the rules."""

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()

    async def fetch(self, url: str) -> Fetched:
        """An article page (HTML or plain text), decoded to text."""
        return await self._timed(self._fetch(url, {"Accept": _PAGE_ACCEPT}, self._read))

    async def fetch_feed(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FeedResponse:
        """A feed by conditional GET: pass the validators the last answer gave.

        Raises FetchRefused (the guard, a non-feed media type such as an image or JSON, over
        the size limit) or FetchFailed (with `status` and `retry_after` for HTTP errors).
        HTML and plain text are returned, not refused: the parser tells the member it is a page.
        """
        headers = {"Accept": FEED_ACCEPT}
        if _sendable(etag):
            headers["If-None-Match"] = etag or ""
        if _sendable(last_modified):
            headers["If-Modified-Since"] = last_modified or ""

        async def read(current: yarl.URL, response: aiohttp.ClientResponse) -> FeedResponse:
            return await self._read_feed(current, response, etag, last_modified)

        return await self._timed(self._fetch(url, headers, read))

    async def _timed(self, work: Awaitable[_T]) -> _T:
        try:
            async with asyncio.timeout(self.policy.timeout):
                return await work
        except TimeoutError:
            raise _failed(
                f"That site took too long to answer (over {self.policy.timeout:g} seconds)."
            ) from None

    async def _fetch(self, url: str, accept: Mapping[str, str], read: _Reader[_T]) -> _T:
        """Walk the link and its redirects, each hop checked and pinned, and `read` the answer
        that is not a redirect."""
        pins = _PinnedResolver()
        connector = aiohttp.TCPConnector(resolver=pins, use_dns_cache=False, force_close=True)
        headers = {"User-Agent": self.policy.user_agent, **accept}
        # trust_env=False: a proxy from the environment would connect to names we never checked.
        async with aiohttp.ClientSession(
            connector=connector, headers=headers, trust_env=False
        ) as session:
            current = _parse(url)
            for _hop in range(self.policy.max_redirects + 1):
                addresses = await self._checked_addresses(current)
                pins.pin(current.raw_host or "", current.port or 0, addresses)
                try:
                    async with session.get(
                        current, allow_redirects=False, auto_decompress=True
                    ) as response:
                        if response.status in _REDIRECTS:
                            current = _redirect_target(current, response)
                            continue
                        return await read(current, response)
                except aiohttp.ClientSSLError:
                    raise _failed("That site's secure connection could not be verified.") from None
                except aiohttp.ClientError as error:
                    raise _failed(f"I couldn't reach that site ({_reason(error)}).") from None
        raise FetchRefused(
            f"That link redirects too many times (more than {self.policy.max_redirects}), "
            "so I gave up."
        )

    async def _checked_addresses(self, url: yarl.URL) -> list[str]:
        host = url.raw_host or ""
        port = url.port or 0
        allowed = (host.lower(), port) in self.policy.allow
        literal = _literal_address(host)
        if literal is not None:
            addresses = [literal]
        else:
            addresses = await self._resolve(host, port)
        for address in addresses:
            if allowed or (str(address), port) in self.policy.allow:
                continue
            refusal = _refusal(address)
            if refusal:
                raise FetchRefused(f"That link points to {refusal}, so I won't fetch it.")
        return [str(a) for a in addresses]

    async def _resolve(self, host: str, port: int) -> list[IPAddress]:
        try:
            if self.policy.resolver is not None:
                names = await self.policy.resolver(host, port)
            else:
                infos = await asyncio.get_running_loop().getaddrinfo(
                    host, port, type=socket.SOCK_STREAM
                )
                names = [str(info[4][0]) for info in infos]
        except (OSError, UnicodeError):
            raise _failed("I couldn't find that site (its name does not resolve).") from None
        addresses = []
        for name in dict.fromkeys(names):
            try:
                addresses.append(ipaddress.ip_address(str(name).split("%", 1)[0]))
            except ValueError:
                raise FetchRefused(
                    "That site's address is not valid, so I won't fetch it."
                ) from None
        if not addresses:
            raise _failed("I couldn't find that site (its name does not resolve).")
        return addresses

    async def _read(self, url: yarl.URL, response: aiohttp.ClientResponse) -> Fetched:
        _check_status(response)
        content_type = response.content_type.lower()
        if content_type not in _READABLE:
            raise FetchRefused(
                f"That link is not a web page or text (it is {content_type}), so I can't read it."
            )
        body = await self._read_body(response, "page")
        is_html = _READABLE[content_type]
        return Fetched(str(url), decode(body, response.charset, is_html=is_html), is_html)

    async def _read_feed(
        self,
        url: yarl.URL,
        response: aiohttp.ClientResponse,
        etag: str | None,
        last_modified: str | None,
    ) -> FeedResponse:
        if response.status == 304:
            return FeedResponse(
                url=str(url),
                status=304,
                body=b"",
                etag=response.headers.get("ETag") or etag,
                last_modified=response.headers.get("Last-Modified") or last_modified,
                content_type=_content_type(response) if "Content-Type" in response.headers else "",
            )
        _check_status(response)
        media = response.content_type.lower()
        if media not in _FEED_TYPES:
            raise FetchRefused(
                f"That link is not a feed or a web page (it is {media}), so I can't read it."
            )
        body = await self._read_body(response, "feed")
        return FeedResponse(
            url=str(url),
            status=response.status,
            body=body,
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
            content_type=_content_type(response),
        )

    async def _read_body(self, response: aiohttp.ClientResponse, noun: str) -> bytes:
        """The (decompressed) body, refused as soon as it passes the size limit."""
        limit = self.policy.max_bytes
        too_big = FetchRefused(
            f"That {noun} is larger than {_size(limit)}, so I stopped reading it."
        )
        if response.content_length is not None and response.content_length > limit:
            raise too_big
        body = bytearray()
        async for chunk in response.content.iter_chunked(64 * 1024):
            body += chunk
            if len(body) > limit:
                raise too_big
        return bytes(body)


def _check_status(response: aiohttp.ClientResponse) -> None:
    status = response.status
    if status >= 400:
        raise _failed(
            f"That site answered with an error (HTTP {status}).",
            status=status,
            retry_after=_retry_after(response.headers.get("Retry-After")),
        )
    if not 200 <= status < 300:
        raise _failed(f"That site gave no page (HTTP {status}).", status=status)


def _failed(
    message: str, *, status: int | None = None, retry_after: float | None = None
) -> FetchFailed:
    """A FetchFailed that says which HTTP status (if any) and how long the site asked us to
    wait (if it did): a poller backs off on 429/5xx and gives up on 404/410."""
    return FetchFailed(message, status=status, retry_after=retry_after)


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds from now: either delay-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if _DECIMAL.fullmatch(value):
        return float(int(value))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _content_type(response: aiohttp.ClientResponse) -> str:
    media = response.content_type.lower()
    return f"{media}; charset={response.charset}" if response.charset else media


def _sendable(validator: str | None) -> bool:
    """A stored ETag or date goes back only if it is a plausible header value."""
    return bool(
        validator
        and len(validator) <= _MAX_VALIDATOR
        and all(32 <= ord(ch) < 127 for ch in validator)
    )


def decode(body: bytes, declared: str | None = None, *, is_html: bool = True) -> str:
    """Bytes to text: the declared charset, then a <meta> charset, then a detector."""
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", errors="replace")
    candidates = [declared]
    if is_html:
        match = _META_CHARSET.search(body[:4096])
        candidates.append(match.group(1).decode("ascii", "ignore") if match else None)
    for candidate in candidates:
        if not candidate:
            continue
        try:
            codecs.lookup(candidate)
            return body.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(body[:200_000]).best()
    if best is not None and best.encoding:
        return body.decode(best.encoding, errors="replace")
    return body.decode("utf-8", errors="replace")


# ---------------------------------------------------------------------------- the guard


def _parse(url: str) -> yarl.URL:
    try:
        parsed = yarl.URL(url.strip())
    except (ValueError, TypeError):
        raise FetchRefused("That doesn't look like a web link.") from None
    if parsed.scheme.lower() not in ("http", "https"):
        raise FetchRefused("I can only read http and https links.")
    if not parsed.raw_host:
        raise FetchRefused("That doesn't look like a web link (it has no site name).")
    if parsed.user or parsed.password:
        raise FetchRefused("That link carries a username or password, so I won't fetch it.")
    return parsed


def _redirect_target(current: yarl.URL, response: aiohttp.ClientResponse) -> yarl.URL:
    location = response.headers.get("Location")
    if not location:
        raise _failed("That site redirected without saying where.")
    try:
        target = current.join(yarl.URL(location))
    except ValueError:
        raise FetchRefused("That link redirects somewhere that isn't a web link.") from None
    return _parse(str(target))


def _literal_address(host: str) -> IPAddress | None:
    """An address written as the host, in any spelling a resolver would accept: dotted,
    decimal (2130706433), hex (0x7f000001), octal (0177.0.0.1), short (127.1), IPv6.

    As browsers decide (WHATWG URL, "ends in a number"): a host is an IPv4 address only when
    its last label is a number (decimal, or hex after 0x); then every label must be one, or
    the link is refused. Otherwise it is a name for DNS, however hex-like ("cafe1.be").
    """
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    parts = host.split(".")
    if len(parts) > 1 and parts[-1] == "":
        parts = parts[:-1]
    if not (_DECIMAL.fullmatch(parts[-1]) or _HEX.fullmatch(parts[-1])):
        return None  # a name: let DNS (and the guard on what it answers) decide
    invalid = FetchRefused("That link's address is not valid, so I won't fetch it.")
    if len(parts) > 4:
        raise invalid
    try:
        numbers = [_legacy_number(part) for part in parts]
    except ValueError:
        raise invalid from None
    *leading, last = numbers
    if any(n > 255 for n in leading) or last >= 256 ** (4 - len(leading)):
        raise invalid
    value = 0
    for number in leading:
        value = value * 256 + number
    value = value * 256 ** (4 - len(leading)) + last
    return ipaddress.IPv4Address(value)


def _legacy_number(part: str) -> int:
    if _HEX.fullmatch(part):
        return int(part[2:] or "0", 16)
    if _OCTAL.fullmatch(part):
        return int(part, 8)
    if _DECIMAL.fullmatch(part) and not (len(part) > 1 and part.startswith("0")):
        return int(part)
    raise ValueError(part)


def _refusal(address: IPAddress) -> str | None:
    """Why an address is off limits, as words for the refusal; None when it is public."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None and (reason := _refusal(embedded)):
            return reason
    if address in _METADATA:
        return "a cloud metadata address"
    if address.is_loopback:
        return "this machine itself (a loopback address)"
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_link_local:
        return "a link-local address"
    if address.version == 6 and address.is_site_local:  # deprecated fec0::/10, still routed
        return "a site-local address"
    if address.version == 4 and address in _CGNAT:
        return "a carrier-grade NAT address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_reserved:
        return "a reserved address"
    if address.is_private:
        return "a private network address"
    if not address.is_global:
        return "a reserved address"
    return None


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside an IPv6 one (mapped, 6to4, Teredo, NAT64, compatible)."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    value = int(address)
    # "::" and "::1" are IPv6's own unspecified and loopback addresses, not IPv4 ones.
    if address in _NAT64 or (value >> 32 == 0 and value > 1):
        return ipaddress.IPv4Address(value & 0xFFFFFFFF)
    return None


class _PinnedResolver(AbstractResolver):
    """Answers only with addresses the guard checked for that host and port."""

    def __init__(self) -> None:
        self._pins: dict[tuple[str, int], list[str]] = {}

    def pin(self, host: str, port: int, addresses: list[str]) -> None:
        self._pins[(host, port)] = addresses

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        addresses = self._pins.get((host, port))
        if not addresses:
            raise OSError(f"{host} was not checked before connecting")
        return [
            ResolveResult(
                hostname=host,
                host=address,
                port=port,
                family=socket.AF_INET6 if ":" in address else socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
            for address in addresses
        ]

    async def close(self) -> None:
        self._pins.clear()


def _reason(error: Any) -> str:
    if isinstance(error, aiohttp.ClientConnectorError):
        return "the connection failed"
    if isinstance(error, aiohttp.ServerDisconnectedError):
        return "it hung up"
    if isinstance(error, aiohttp.ClientPayloadError):
        return "the page arrived broken"
    return "the connection failed"


def _size(limit: int) -> str:
    return f"{limit / 1024 / 1024:g} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
