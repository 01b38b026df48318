"""The safe fetcher against a local server on 127.0.0.1: what it reads and what it refuses.

127.0.0.1 is a loopback address, so the guard refuses it by default; these tests allow only
the test server's own host:port through FetchPolicy.allow. Names resolve through an injected
resolver, never DNS, and no request leaves this machine.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import pytest
from aiohttp import web

from bot.articles import Fetcher, FetchFailed, FetchPolicy, FetchRefused, read_article

ARTICLE = """<!doctype html><html lang="en-US"><head><meta charset="utf-8">
<title>Netflix Sets ‘Night Shift’ Season 3 Date | Screen Notes</title></head><body>
<article><h1>Netflix Sets ‘Night Shift’ Season 3 Date</h1>
<p>The hospital drama is coming back for another round of overnight emergencies.</p>
<p>Night Shift season 3 will premiere on Netflix on October 4, 2027.</p></article></body></html>"""


@dataclass
class Site:
    """A local web server and what it was asked."""

    port: int
    hosts: list[str] = field(default_factory=list)  # the Host header of every request

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


async def _start(app: web.Application) -> tuple[web.AppRunner, int]:
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, runner.addresses[0][1]


@pytest.fixture
async def bystander() -> AsyncIterator[Site]:
    """A second local server no test may reach: redirects aimed at it must be refused."""
    seen = Site(0)

    async def anything(request: web.Request) -> web.Response:
        seen.hosts.append(request.host)
        return web.Response(text="<p>private</p>", content_type="text/html")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", anything)
    runner, seen.port = await _start(app)
    yield seen
    await runner.cleanup()


@pytest.fixture
async def site(bystander: Site) -> AsyncIterator[Site]:
    state = Site(0)

    async def record(request: web.Request) -> None:
        state.hosts.append(request.host)

    async def article(request: web.Request) -> web.Response:
        await record(request)
        return web.Response(text=ARTICLE, content_type="text/html", charset="utf-8")

    async def plain(request: web.Request) -> web.Response:
        return web.Response(text="Plain words.\nNothing more.", content_type="text/plain")

    async def image(request: web.Request) -> web.Response:
        return web.Response(body=b"\x89PNG\r\n\x1a\n" + b"0" * 64, content_type="image/png")

    async def big(request: web.Request) -> web.Response:
        return web.Response(body=b"<p>" + b"a" * (3 * 1024 * 1024), content_type="text/html")

    async def big_stream(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        response.enable_chunked_encoding()
        await response.prepare(request)
        try:
            for _ in range(48):  # 3 MB in 64 KB pieces, no Content-Length
                await response.write(b"<p>" + b"b" * (64 * 1024 - 3))
        except (ConnectionResetError, RuntimeError):
            pass  # the fetcher hung up at 2 MB, as it should
        return response

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(1.5)
        return web.Response(text="<p>late</p>", content_type="text/html")

    async def hop(request: web.Request) -> web.Response:
        left = int(request.match_info["left"])
        target = "/article" if left == 0 else f"/hop/{left - 1}"
        raise web.HTTPFound(target)

    async def to_loopback(request: web.Request) -> web.Response:
        raise web.HTTPFound(f"http://127.0.0.1:{bystander.port}/secret")

    async def to_metadata(request: web.Request) -> web.Response:
        raise web.HTTPFound("http://169.254.169.254/latest/meta-data/")

    async def to_ftp(request: web.Request) -> web.Response:
        raise web.HTTPFound("ftp://files.example/article.txt")

    async def missing(request: web.Request) -> web.Response:
        raise web.HTTPNotFound()

    async def meta_charset(request: web.Request) -> web.Response:
        page = '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 \x93Noir\x94</p>'
        return web.Response(body=page.encode("latin-1"), headers={"Content-Type": "text/html"})

    async def header_charset(request: web.Request) -> web.Response:
        body = "<p>Ça commence le 3 novembre</p>".encode("iso-8859-1")
        return web.Response(body=body, headers={"Content-Type": "text/html; charset=ISO-8859-1"})

    async def undeclared(request: web.Request) -> web.Response:
        text = (
            "<html><body><p>Das Fernsehspiel über die Stadt beginnt am Montag. Größere "
            "Überraschungen gibt es im Frühjahr, wenn die zweite Staffel läuft. Für "
            "Zuschauer, die früh schlafen gehen, gibt es Wiederholungen am Nachmittag.</p>"
            "</body></html>"
        )
        return web.Response(body=text.encode("cp1252"), headers={"Content-Type": "text/html"})

    app = web.Application()
    app.router.add_get("/article", article)
    app.router.add_get("/plain", plain)
    app.router.add_get("/image", image)
    app.router.add_get("/big", big)
    app.router.add_get("/big-stream", big_stream)
    app.router.add_get("/slow", slow)
    app.router.add_get("/hop/{left}", hop)
    app.router.add_get("/to-loopback", to_loopback)
    app.router.add_get("/to-metadata", to_metadata)
    app.router.add_get("/to-ftp", to_ftp)
    app.router.add_get("/missing", missing)
    app.router.add_get("/meta-charset", meta_charset)
    app.router.add_get("/header-charset", header_charset)
    app.router.add_get("/undeclared", undeclared)
    runner, state.port = await _start(app)
    yield state
    await runner.cleanup()


def names(table: dict[str, list[str]]) -> Callable[[str, int], Awaitable[list[str]]]:
    """An injected resolver: these names only, never DNS."""

    async def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError(f"unknown test name {host}")
        return table[host]

    return resolve


def allowing(site: Site, timeout: float = 10.0) -> Fetcher:
    """A fetcher that lets exactly the test server through the guard."""
    return Fetcher(FetchPolicy(allow=frozenset({("127.0.0.1", site.port)}), timeout=timeout))


# ---------------------------------------------------------------------------- reading


async def test_an_allowed_local_page_is_read(site: Site) -> None:
    page = await allowing(site).fetch(site.url("/article"))

    assert page.is_html
    assert "Night Shift season 3 will premiere" in page.text
    assert page.url == site.url("/article")


async def test_read_article_fetches_and_reads_a_link(site: Site) -> None:
    article = await read_article(url=site.url("/article?utm_source=x"), fetcher=allowing(site))

    assert article.facts.show == "Night Shift"
    assert article.facts.season == 3
    assert article.facts.network == "Netflix"
    assert article.facts.premiere is not None
    local = article.facts.local_premiere
    assert local is not None
    assert local.date().isoformat() == "2027-10-04"
    assert article.url == f"https://127.0.0.1:{site.port}/article"


async def test_plain_text_is_read_as_text(site: Site) -> None:
    page = await allowing(site).fetch(site.url("/plain"))

    assert not page.is_html
    assert page.text.startswith("Plain words.")


async def test_redirects_are_followed_up_to_five(site: Site) -> None:
    page = await allowing(site).fetch(site.url("/hop/4"))  # /hop/4 … /hop/0: 5 redirects

    assert "Night Shift" in page.text
    assert page.url == site.url("/article")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/meta-charset", "Café “Noir”"),
        ("/header-charset", "Ça commence le 3 novembre"),
        ("/undeclared", "Größere Überraschungen"),
    ],
)
async def test_the_charset_comes_from_header_meta_or_detection(
    site: Site, path: str, expected: str
) -> None:
    page = await allowing(site).fetch(site.url(path))

    assert expected in page.text


# ---------------------------------------------------------------------------- refusing


async def test_the_default_policy_refuses_the_local_server(site: Site) -> None:
    with pytest.raises(FetchRefused, match="loopback") as refused:
        await Fetcher().fetch(site.url("/article"))

    assert str(refused.value) == (
        "That link points to this machine itself (a loopback address), so I won't fetch it."
    )
    assert site.hosts == []


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://127.255.1.2:8080/x", "loopback"),
        ("http://10.0.0.1/", "private network"),
        ("http://172.16.5.4/", "private network"),
        ("http://192.168.1.1/", "private network"),
        ("http://100.64.0.1/", "carrier-grade NAT"),
        ("http://100.127.255.254/", "carrier-grade NAT"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
        ("http://169.254.10.10/", "link-local"),
        ("http://100.100.100.200/", "cloud metadata"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://240.0.0.1/", "reserved"),
        ("http://255.255.255.255/", "reserved"),
        ("http://[::1]/", "loopback"),
        ("http://[::]/", "unspecified"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://[::ffff:7f00:1]/", "loopback"),
        ("http://[::ffff:10.1.2.3]/", "private network"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[fc00::1]/", "private network"),
        ("http://[fec0::1]/", "site-local"),
        ("http://[fd12:3456::1]/", "private network"),
        ("http://[fd00:ec2::254]/", "cloud metadata"),
        ("http://[64:ff9b::a00:1]/", "private network"),
        ("http://[2002:7f00:1::]/", "loopback"),
        ("http://[ff02::1]/", "multicast"),
        ("http://2130706433/", "loopback"),
        ("http://0x7f000001/", "loopback"),
        ("http://0177.0.0.1/", "loopback"),
        ("http://0x7f.0.0.1/", "loopback"),
        ("http://127.1/", "loopback"),
        ("http://017700000001/", "loopback"),
        ("http://3232235777/", "private network"),
        ("http://0xA9FEA9FE/", "cloud metadata"),
    ],
)
async def test_private_and_special_addresses_are_refused(url: str, why: str) -> None:
    # No resolver is needed (and none may be asked): these are addresses, however spelled.
    fetcher = Fetcher(FetchPolicy(resolver=names({})))

    with pytest.raises(FetchRefused, match=why) as refused:
        await fetcher.fetch(url)

    assert str(refused.value).endswith("so I won't fetch it.")


@pytest.mark.parametrize(
    ("host", "addresses", "why"),
    [
        ("intranet.example", ["10.1.2.3"], "private network"),
        ("router.example", ["192.168.0.1"], "private network"),
        ("mixed.example", ["93.184.216.34", "127.0.0.1"], "loopback"),
        ("metadata.example", ["169.254.169.254"], "cloud metadata"),
        ("v6.example", ["2606:4700::1", "fd00::5"], "private network"),
        ("mapped.example", ["::ffff:192.168.1.1"], "private network"),
        ("cgnat.example", ["100.80.1.1"], "carrier-grade NAT"),
    ],
)
async def test_names_resolving_to_private_addresses_are_refused(
    host: str, addresses: list[str], why: str
) -> None:
    fetcher = Fetcher(FetchPolicy(resolver=names({host: addresses})))

    with pytest.raises(FetchRefused, match=why):
        await fetcher.fetch(f"https://{host}/news/premiere")


async def test_a_name_that_does_not_resolve_fails_plainly() -> None:
    with pytest.raises(FetchFailed, match="does not resolve"):
        await Fetcher(FetchPolicy(resolver=names({}))).fetch("https://nowhere.example/")


@pytest.mark.parametrize(
    "url",
    [
        "ftp://files.example/article.txt",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "gopher://old.example/",
        "data:text/html,<p>hi</p>",
        "ws://socket.example/",
    ],
)
async def test_only_http_and_https_are_fetched(url: str) -> None:
    with pytest.raises(FetchRefused, match="only read http and https"):
        await Fetcher(FetchPolicy(resolver=names({}))).fetch(url)


async def test_credentials_in_a_link_are_refused() -> None:
    with pytest.raises(FetchRefused, match="username or password"):
        await Fetcher(FetchPolicy(resolver=names({}))).fetch("http://me:secret@news.example/")


async def test_a_redirect_to_a_loopback_address_is_refused(site: Site, bystander: Site) -> None:
    with pytest.raises(FetchRefused, match="loopback"):
        await allowing(site).fetch(site.url("/to-loopback"))

    assert bystander.hosts == []  # the other local server was never asked


async def test_a_redirect_to_the_metadata_address_is_refused(site: Site) -> None:
    with pytest.raises(FetchRefused, match="cloud metadata"):
        await allowing(site).fetch(site.url("/to-metadata"))


async def test_a_redirect_to_another_scheme_is_refused(site: Site) -> None:
    with pytest.raises(FetchRefused, match="http and https"):
        await allowing(site).fetch(site.url("/to-ftp"))


async def test_more_than_five_redirects_are_refused(site: Site) -> None:
    with pytest.raises(FetchRefused, match="redirects too many times"):
        await allowing(site).fetch(site.url("/hop/5"))  # 6 redirects


async def test_a_page_over_two_megabytes_is_refused(site: Site) -> None:
    with pytest.raises(FetchRefused, match="larger than 2 MB"):
        await allowing(site).fetch(site.url("/big"))


async def test_a_streamed_page_is_cut_off_at_two_megabytes(site: Site) -> None:
    with pytest.raises(FetchRefused, match="larger than 2 MB"):
        await allowing(site).fetch(site.url("/big-stream"))


async def test_a_slow_site_times_out(site: Site) -> None:
    with pytest.raises(FetchFailed, match="took too long"):
        await allowing(site, timeout=0.3).fetch(site.url("/slow"))


async def test_a_wrong_content_type_is_refused(site: Site) -> None:
    with pytest.raises(FetchRefused, match=r"not a web page or text \(it is image/png\)"):
        await allowing(site).fetch(site.url("/image"))


async def test_an_http_error_is_a_failure(site: Site) -> None:
    with pytest.raises(FetchFailed, match="HTTP 404"):
        await allowing(site).fetch(site.url("/missing"))


async def test_the_connection_goes_to_the_checked_address_only(site: Site) -> None:
    """DNS rebinding: the name is resolved once, checked, and the connection pinned to it."""
    answers = [["127.0.0.1"], ["10.9.9.9"]]  # a second lookup would get a private address
    asked: list[str] = []

    async def rebinding(host: str, port: int) -> list[str]:
        asked.append(host)
        return answers[min(len(asked), 2) - 1]

    policy = FetchPolicy(
        allow=frozenset({("127.0.0.1", site.port)}),
        resolver=rebinding,
    )
    page = await Fetcher(policy).fetch(f"http://news.example:{site.port}/article")

    assert "Night Shift" in page.text
    assert asked == ["news.example"]  # resolved exactly once: aiohttp used the pinned answer
    assert site.hosts == [f"news.example:{site.port}"]


async def test_the_allow_list_is_exact_about_the_port(site: Site, bystander: Site) -> None:
    fetcher = allowing(site)

    with pytest.raises(FetchRefused, match="loopback"):
        await fetcher.fetch(f"http://127.0.0.1:{bystander.port}/")

    assert bystander.hosts == []
