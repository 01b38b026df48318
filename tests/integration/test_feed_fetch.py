"""Fetching feeds through the guarded fetcher, against the fake feed site on 127.0.0.1.

The site's own host:port is the only thing the guard lets through (FeedSite.fetcher); names
resolve through an injected resolver, never DNS, and no request leaves this machine.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime

import pytest

from bot.articles import FetchFailed, FetchPolicy, FetchRefused
from bot.articles.fetch import FEED_ACCEPT, FeedResponse, Fetcher
from bot.feeds import NotAFeed, parse_feed
from tests.feed_site import FeedHandle, FeedSite, Kind

WHEN = datetime(2027, 3, 2, 18, 30, tzinfo=UTC)


@pytest.fixture
async def site() -> AsyncIterator[FeedSite]:
    async with FeedSite() as running:
        yield running


@pytest.fixture
async def bystander() -> AsyncIterator[FeedSite]:
    """A second local site no test may reach: redirects aimed at it must be refused."""
    async with FeedSite() as running:
        yield running


def names(table: dict[str, list[str]]) -> Callable[[str, int], Awaitable[list[str]]]:
    """An injected resolver: these names only, never DNS; it notes what it was asked."""

    async def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        if host not in table:
            raise OSError(f"unknown test name {host}")
        return table[host]

    asked: list[str] = []
    resolve.asked = asked  # type: ignore[attr-defined]
    return resolve


def news_feed(site: FeedSite, kind: Kind = "rss") -> FeedHandle:
    feed = site.feed("/tv/news.xml", kind=kind, title="Small Screen Dispatch")
    feed.add(
        "Lantern Bay renewed for a second season",
        link="/stories/lantern-bay-s2",
        guid="tag:dispatch.example,2027:lb-2",
        published=WHEN,
        content="<p>The coastal mystery returns next spring.</p>",
        summary="Lantern Bay is back.",
    )
    feed.add(
        "Orchard Lane sets its finale date",
        link="/stories/orchard-lane-finale",
        guid="tag:dispatch.example,2027:ol-9",
        published=WHEN + timedelta(hours=2),
    )
    return feed


# ---------------------------------------------------------------------------- reading


async def test_a_feed_is_read_with_its_validators(site: FeedSite) -> None:
    handle = news_feed(site)

    response = await site.fetcher().fetch_feed(handle.url)

    assert isinstance(response, FeedResponse)
    assert response.status == 200
    assert response.url == handle.url
    assert response.body == handle.render()
    assert response.etag == handle.etag
    assert response.last_modified is not None
    assert parsedate_to_datetime(response.last_modified) == handle.modified
    assert response.content_type == "application/rss+xml; charset=utf-8"
    (hit,) = handle.requests
    assert hit.headers["Accept"] == FEED_ACCEPT
    assert hit.if_none_match is None
    assert hit.if_modified_since is None
    assert hit.status == 200


@pytest.mark.parametrize("kind", ["rss", "atom"])
async def test_what_the_fake_serves_parses_as_a_feed(site: FeedSite, kind: Kind) -> None:
    news_feed(site, kind)

    response = await site.fetcher().fetch_feed(site.url("/tv/news.xml"))
    parsed = parse_feed(response.body, url=response.url, content_type=response.content_type)

    assert parsed.title == "Small Screen Dispatch"
    assert [entry.id for entry in parsed.entries] == [
        "tag:dispatch.example,2027:ol-9",
        "tag:dispatch.example,2027:lb-2",
    ]
    assert parsed.entries[1].link == site.url("/stories/lantern-bay-s2")
    assert parsed.entries[1].published == WHEN
    assert parsed.entries[1].content_html == "<p>The coastal mystery returns next spring.</p>"


async def test_an_unchanged_feed_answers_304_to_its_etag(site: FeedSite) -> None:
    news_feed(site)
    url = site.url("/tv/news.xml")
    fetcher = site.fetcher()
    first = await fetcher.fetch_feed(url)

    again = await fetcher.fetch_feed(url, etag=first.etag, last_modified=first.last_modified)

    assert again.status == 304
    assert again.body == b""
    assert again.etag == first.etag
    assert again.last_modified == first.last_modified
    last = site.requests_for("/tv/news.xml")[-1]
    assert last.if_none_match == first.etag
    assert last.if_modified_since == first.last_modified
    assert last.status == 304


async def test_a_changed_feed_answers_200_again(site: FeedSite) -> None:
    handle = news_feed(site)
    fetcher = site.fetcher()
    first = await fetcher.fetch_feed(handle.url)

    handle.items[0].link = handle.items[0].link.replace("/stories/", "/news/")  # type: ignore[union-attr]
    again = await fetcher.fetch_feed(handle.url, etag=first.etag)

    assert again.status == 200
    assert again.etag != first.etag
    assert b"/news/orchard-lane-finale" in again.body


async def test_if_modified_since_alone_gets_a_304(site: FeedSite) -> None:
    handle = news_feed(site)
    handle.send_etag = False
    fetcher = site.fetcher()
    first = await fetcher.fetch_feed(handle.url)
    assert first.etag is None

    again = await fetcher.fetch_feed(handle.url, last_modified=first.last_modified)

    assert again.status == 304
    assert again.last_modified == first.last_modified


async def test_a_feed_without_validators_always_answers_in_full(site: FeedSite) -> None:
    handle = news_feed(site)
    handle.validators = False

    first = await site.fetcher().fetch_feed(handle.url)
    again = await site.fetcher().fetch_feed(
        handle.url, etag='"stale"', last_modified=format_datetime(WHEN, usegmt=True)
    )

    assert (first.etag, first.last_modified) == (None, None)
    assert again.status == 200
    assert again.body == first.body


async def test_a_validator_that_is_not_a_header_value_is_not_sent(site: FeedSite) -> None:
    news_feed(site)

    response = await site.fetcher().fetch_feed(
        site.url("/tv/news.xml"), etag='"abc"\r\nX-Injected: yes'
    )

    assert response.status == 200
    (hit,) = site.requests_for("/tv/news.xml")
    assert hit.if_none_match is None


async def test_a_redirect_to_the_feed_is_followed(site: FeedSite) -> None:
    news_feed(site)
    site.redirect("/old-feed", "/tv/news.xml", status=301)

    response = await site.fetcher().fetch_feed(site.url("/old-feed"))

    assert response.status == 200
    assert response.url == site.url("/tv/news.xml")


async def test_a_page_served_where_a_feed_was_expected_is_returned(site: FeedSite) -> None:
    handle = news_feed(site)
    handle.serve_html = True
    handle.alternate = "/tv/real.rss"

    response = await site.fetcher().fetch_feed(handle.url)

    assert response.status == 200
    assert response.content_type.startswith("text/html")
    with pytest.raises(NotAFeed) as not_a_feed:
        parse_feed(response.body, url=response.url, content_type=response.content_type)
    assert str(not_a_feed.value).endswith(
        f"It names a feed at {site.url('/tv/real.rss')}; add that instead."
    )


async def test_plain_text_is_returned_too(site: FeedSite) -> None:
    site.page("/notes.txt", "just words", content_type="text/plain")

    response = await site.fetcher().fetch_feed(site.url("/notes.txt"))

    assert response.body == b"just words"
    assert response.content_type == "text/plain"


async def test_article_pages_and_missing_pages(site: FeedSite) -> None:
    site.page("/stories/one", "<html><body><p>A story about a show.</p></body></html>")

    page = await site.fetcher().fetch(site.url("/stories/one"))
    with pytest.raises(FetchFailed, match="HTTP 404"):
        await site.fetcher().fetch(site.url("/stories/two"))

    assert "A story about a show." in page.text
    assert site.hits("/stories/two") == 1
    assert site.requests_for("/stories/two")[0].status == 404


# ---------------------------------------------------------------------------- refusing


@pytest.mark.parametrize(
    "content_type",
    ["image/png", "application/json", "application/octet-stream", "video/mp4"],
)
async def test_a_content_type_that_is_no_feed_is_refused(site: FeedSite, content_type: str) -> None:
    news_feed(site).content_type = content_type

    with pytest.raises(FetchRefused) as refused:
        await site.fetcher().fetch_feed(site.url("/tv/news.xml"))

    assert str(refused.value) == (
        f"That link is not a feed or a web page (it is {content_type}), so I can't read it."
    )


@pytest.mark.parametrize(
    "content_type",
    [
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml; charset=utf-8",
        "text/xml",
        "text/html; charset=utf-8",
    ],
)
async def test_feed_and_page_content_types_are_accepted(site: FeedSite, content_type: str) -> None:
    news_feed(site).content_type = content_type

    response = await site.fetcher().fetch_feed(site.url("/tv/news.xml"))

    assert response.status == 200
    assert response.content_type == content_type


async def test_the_default_policy_refuses_the_local_site(site: FeedSite) -> None:
    news_feed(site)

    with pytest.raises(FetchRefused, match="loopback"):
        await Fetcher().fetch_feed(site.url("/tv/news.xml"))

    assert site.hits("/tv/news.xml") == 0


async def test_a_redirect_to_a_private_address_is_refused_on_the_hop(site: FeedSite) -> None:
    site.redirect("/moved.xml", "http://10.20.30.40/feed.xml")

    with pytest.raises(FetchRefused, match="private network"):
        await site.fetcher().fetch_feed(site.url("/moved.xml"))


async def test_a_redirect_to_another_local_server_is_refused(
    site: FeedSite, bystander: FeedSite
) -> None:
    news_feed(bystander)
    site.redirect("/elsewhere.xml", bystander.url("/tv/news.xml"))

    with pytest.raises(FetchRefused, match="loopback"):
        await site.fetcher().fetch_feed(site.url("/elsewhere.xml"))

    assert bystander.hits("/tv/news.xml") == 0


async def test_a_feed_over_the_size_limit_is_refused(site: FeedSite) -> None:
    handle = site.feed("/huge.xml")
    handle.body = b"<rss><channel>" + b"x" * (3 * 1024 * 1024) + b"</channel></rss>"

    with pytest.raises(FetchRefused, match="That feed is larger than 2 MB"):
        await site.fetcher().fetch_feed(handle.url)


# ---------------------------------------------------------------------------- failing


@pytest.mark.parametrize("status", [500, 502, 403, 410])
async def test_an_http_error_is_a_failure_with_its_status(site: FeedSite, status: int) -> None:
    news_feed(site).fail(status)

    with pytest.raises(FetchFailed) as failed:
        await site.fetcher().fetch_feed(site.url("/tv/news.xml"))

    assert str(failed.value) == f"That site answered with an error (HTTP {status})."
    assert failed.value.status == status  # type: ignore[attr-defined]
    assert failed.value.retry_after is None  # type: ignore[attr-defined]


async def test_a_missing_feed_fails_with_404(site: FeedSite) -> None:
    with pytest.raises(FetchFailed) as failed:
        await site.fetcher().fetch_feed(site.url("/no/such/feed.xml"))

    assert failed.value.status == 404  # type: ignore[attr-defined]


async def test_a_429_exposes_retry_after(site: FeedSite) -> None:
    news_feed(site).fail(429, retry_after=120)

    with pytest.raises(FetchFailed, match="HTTP 429") as failed:
        await site.fetcher().fetch_feed(site.url("/tv/news.xml"))

    assert failed.value.status == 429  # type: ignore[attr-defined]
    assert failed.value.retry_after == 120.0  # type: ignore[attr-defined]


async def test_a_503_retry_after_may_be_a_date(site: FeedSite) -> None:
    news_feed(site)
    later = datetime.now(UTC) + timedelta(minutes=10)
    site._feeds["/tv/news.xml"].fail(503, retry_after=format_datetime(later, usegmt=True))

    with pytest.raises(FetchFailed) as failed:
        await site.fetcher().fetch_feed(site.url("/tv/news.xml"))

    assert failed.value.status == 503  # type: ignore[attr-defined]
    assert 590 <= failed.value.retry_after <= 600  # type: ignore[attr-defined]


async def test_faults_last_as_many_requests_as_asked(site: FeedSite) -> None:
    news_feed(site).fail(500, times=3)
    fetcher = site.fetcher()

    for _ in range(3):
        with pytest.raises(FetchFailed):
            await fetcher.fetch_feed(site.url("/tv/news.xml"))
    response = await fetcher.fetch_feed(site.url("/tv/news.xml"))

    assert response.status == 200
    assert [hit.status for hit in site.requests_for("/tv/news.xml")] == [500, 500, 500, 200]


async def test_a_slow_feed_times_out_without_a_status(site: FeedSite) -> None:
    news_feed(site).delay = 1.0

    with pytest.raises(FetchFailed, match="took too long") as failed:
        await site.fetcher(timeout=0.2).fetch_feed(site.url("/tv/news.xml"))

    assert failed.value.status is None  # type: ignore[attr-defined]


async def test_a_closed_port_fails_without_a_status() -> None:
    async with FeedSite() as gone:
        fetcher = gone.fetcher()
        url = gone.url("/feed.xml")

    with pytest.raises(FetchFailed, match="couldn't reach") as failed:
        await fetcher.fetch_feed(url)

    assert failed.value.status is None  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- the guard


@pytest.mark.parametrize("host", ["cafe1.be", "dead2.beef.com", "1.be", "0x1.example", "abc"])
async def test_hex_looking_names_are_names_not_addresses(site: FeedSite, host: str) -> None:
    news_feed(site)
    resolver = names({host: ["127.0.0.1"]})
    fetcher = Fetcher(FetchPolicy(allow=frozenset({("127.0.0.1", site.port)}), resolver=resolver))

    response = await fetcher.fetch_feed(f"http://{host}:{site.port}/tv/news.xml")

    assert response.status == 200
    assert resolver.asked == [host]  # type: ignore[attr-defined]
    assert site.requests_for("/tv/news.xml")[0].headers["Host"] == f"{host}:{site.port}"


@pytest.mark.parametrize(
    "host", ["0x7f.1", "127.1", "0177.0.0.1", "2130706433", "0x7f000001", "127.0.0.1."]
)
async def test_numeric_spellings_of_loopback_stay_refused(host: str) -> None:
    resolver = names({})
    fetcher = Fetcher(FetchPolicy(resolver=resolver))

    for fetch in (fetcher.fetch, fetcher.fetch_feed):
        with pytest.raises(FetchRefused, match="loopback"):
            await fetch(f"http://{host}/feed.xml")

    assert resolver.asked == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("host", ["cafe.1", "1.2.3.4.5", "256.1.1.1", "09.0.0.1", "abc.0x10"])
async def test_a_host_ending_in_a_number_must_be_a_whole_address(host: str) -> None:
    resolver = names({})

    with pytest.raises(FetchRefused, match="address is not valid"):
        await Fetcher(FetchPolicy(resolver=resolver)).fetch_feed(f"http://{host}/feed.xml")

    assert resolver.asked == []  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- many feeds


async def test_many_feeds_answer_304_and_change_on_demand(site: FeedSite) -> None:
    family = site.many("/bench/feed-", 10_000, suffix=".xml")
    fetcher = site.fetcher()

    first = await fetcher.fetch_feed(family.url(9_999))
    unchanged = await fetcher.fetch_feed(family.url(9_999), etag=first.etag)
    family.bump(9_999)
    changed = await fetcher.fetch_feed(family.url(9_999), etag=first.etag)

    assert first.status == 200
    assert unchanged.status == 304
    assert changed.status == 200
    assert len(parse_feed(first.body, url=first.url).entries) == 1
    assert len(parse_feed(changed.body, url=changed.url).entries) == 2
    assert site.hits(family.path(9_999)) == 3


@pytest.mark.parametrize("path", ["/bench/feed-10000.xml", "/bench/feed-01.xml", "/bench/x.xml"])
async def test_paths_outside_the_family_are_404(site: FeedSite, path: str) -> None:
    site.many("/bench/feed-", 10_000, suffix=".xml")

    with pytest.raises(FetchFailed) as failed:
        await site.fetcher().fetch_feed(site.url(path))

    assert failed.value.status == 404  # type: ignore[attr-defined]
