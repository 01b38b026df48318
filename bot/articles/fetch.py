"""Fetch an article URL without letting the link reach anything it should not.

Every hop (the link and each redirect, at most 5, followed by hand) is checked before it is
requested: http or https only, no credentials in the link, and a host whose every address is
public. The connection then goes to exactly the addresses that were checked (a resolver that
only knows them), so a name that answers differently the second time (DNS rebinding) cannot
slip through. Bodies stop at 2 MB, the whole fetch at 10 seconds, and only HTML or plain text
is read, decoded by its declared charset, its meta tag, or a detector.
"""

from __future__ import annotations

import asyncio
import codecs
import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

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
_NUMERIC_HOST = re.compile(r"^[0-9a-fA-FxX.]+$")
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


class Fetcher:
    """Fetches one article page safely; see the module docstring for the rules."""

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()

    async def fetch(self, url: str) -> Fetched:
        try:
            async with asyncio.timeout(self.policy.timeout):
                return await self._fetch(url)
        except TimeoutError:
            raise FetchFailed(
                f"That site took too long to answer (over {self.policy.timeout:g} seconds)."
            ) from None

    async def _fetch(self, url: str) -> Fetched:
        pins = _PinnedResolver()
        connector = aiohttp.TCPConnector(resolver=pins, use_dns_cache=False, force_close=True)
        headers = {
            "User-Agent": self.policy.user_agent,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
        }
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
                        return await self._read(current, response)
                except aiohttp.ClientSSLError:
                    raise FetchFailed(
                        "That site's secure connection could not be verified."
                    ) from None
                except aiohttp.ClientError as error:
                    raise FetchFailed(f"I couldn't reach that site ({_reason(error)}).") from None
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
                names = [info[4][0] for info in infos]
        except (OSError, UnicodeError):
            raise FetchFailed("I couldn't find that site (its name does not resolve).") from None
        addresses = []
        for name in dict.fromkeys(names):
            try:
                addresses.append(ipaddress.ip_address(str(name).split("%", 1)[0]))
            except ValueError:
                raise FetchRefused(
                    "That site's address is not valid, so I won't fetch it."
                ) from None
        if not addresses:
            raise FetchFailed("I couldn't find that site (its name does not resolve).")
        return addresses

    async def _read(self, url: yarl.URL, response: aiohttp.ClientResponse) -> Fetched:
        if response.status >= 400:
            raise FetchFailed(f"That site answered with an error (HTTP {response.status}).")
        if response.status >= 300 or response.status < 200:
            raise FetchFailed(f"That site gave no page (HTTP {response.status}).")
        content_type = response.content_type.lower()
        if content_type not in _READABLE:
            raise FetchRefused(
                f"That link is not a web page or text (it is {content_type}), so I can't read it."
            )
        limit = self.policy.max_bytes
        too_big = FetchRefused(f"That page is larger than {_size(limit)}, so I stopped reading it.")
        if response.content_length is not None and response.content_length > limit:
            raise too_big
        body = bytearray()
        async for chunk in response.content.iter_chunked(64 * 1024):
            body += chunk
            if len(body) > limit:
                raise too_big
        is_html = _READABLE[content_type]
        return Fetched(str(url), decode(bytes(body), response.charset, is_html=is_html), is_html)


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
        raise FetchFailed("That site redirected without saying where.")
    try:
        target = current.join(yarl.URL(location))
    except ValueError:
        raise FetchRefused("That link redirects somewhere that isn't a web link.") from None
    return _parse(str(target))


def _literal_address(host: str) -> IPAddress | None:
    """An address written as the host, in any spelling a resolver would accept: dotted,
    decimal (2130706433), hex (0x7f000001), octal (0177.0.0.1), short (127.1), IPv6."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    if not _NUMERIC_HOST.match(host) or not any(ch.isdigit() for ch in host):
        return None
    parts = host.split(".")
    if parts and parts[-1] == "":
        parts = parts[:-1]
    if not 1 <= len(parts) <= 4:
        raise FetchRefused("That link's address is not valid, so I won't fetch it.")
    try:
        numbers = [_legacy_number(part) for part in parts]
    except ValueError:
        if len(parts) == 1 and not host.lower().startswith("0x"):
            return None  # a name that only looks numeric-ish ("deadbeef"): let DNS decide
        raise FetchRefused("That link's address is not valid, so I won't fetch it.") from None
    *leading, last = numbers
    if any(n > 255 for n in leading) or last >= 256 ** (4 - len(leading)):
        raise FetchRefused("That link's address is not valid, so I won't fetch it.")
    value = 0
    for number in leading:
        value = value * 256 + number
    value = value * 256 ** (4 - len(leading)) + last
    return ipaddress.IPv4Address(value)


def _legacy_number(part: str) -> int:
    if part.lower().startswith("0x"):
        return int(part[2:] or "0", 16)
    if len(part) > 1 and part.startswith("0"):
        return int(part, 8)
    if not part.isdigit():
        raise ValueError(part)
    return int(part)


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
