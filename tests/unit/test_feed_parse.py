"""Parsing RSS and Atom bytes: entries, their keys, what is not a feed, and what is capped.

Every sample below is written for these tests (invented shows and sites).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from bot.feeds import FeedEntry, NotAFeed, discover_feeds, parse_feed
from bot.feeds.parse import MAX_CATEGORIES, MAX_CONTENT_BYTES, MAX_ENTRIES, MAX_TITLE

FEED_URL = "https://telly.example/feeds/premieres/rss.xml"

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>  Telly   Premieres </title>
  <link>/</link>
  <description>New seasons, first.</description>
  <item>
    <title>Harbour Lights returns in &lt;b&gt;May&lt;/b&gt;</title>
    <link>../../stories/harbour-lights-s4?utm_source=rss</link>
    <guid isPermaLink="false">  hl-s4-date  </guid>
    <pubDate>Mon, 01 Feb 2027 09:15:00 +0200</pubDate>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>Harbour Lights season 4 premieres May 3.</p>
      <p>The fishing-town drama keeps its Sunday slot.</p>]]></content:encoded>
  </item>
  <item>
    <title>The Quiet Valley gets a trailer</title>
    <link>https://telly.example/stories/quiet-valley-trailer</link>
    <guid isPermaLink="false">qv-trailer</guid>
    <pubDate>Tue, 02 Feb 2027 20:00:00 GMT</pubDate>
    <description>&lt;p&gt;A first look at the valley.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Untitled teaser</title>
    <link>javascript:alert('gotcha')</link>
    <pubDate>Sun, 31 Jan 2027 12:00:00 GMT</pubDate>
  </item>
</channel>
</rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Box &amp;amp; Set</title>
  <link rel="alternate" href="https://boxset.example/"/>
  <link rel="self" href="https://boxset.example/atom.xml"/>
  <id>tag:boxset.example,2027:feed</id>
  <updated>2027-04-10T08:00:00Z</updated>
  <entry>
    <title>Copper Street season 2 dated</title>
    <link rel="alternate" href="/news/copper-street-2"/>
    <link rel="enclosure" href="/media/poster.jpg"/>
    <id>tag:boxset.example,2027:copper-2</id>
    <published>2027-04-09T22:30:00-04:00</published>
    <updated>2027-04-10T07:00:00Z</updated>
    <summary>Copper Street is back.</summary>
    <content type="html">&lt;p&gt;Copper Street season 2 arrives June 12.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Night Ferry wraps filming</title>
    <link href="https://boxset.example/news/night-ferry-wrap"/>
    <id>tag:boxset.example,2027:ferry-wrap</id>
    <updated>2027-04-08T10:00:00+01:00</updated>
    <summary type="text">Filming is done &amp; edits begin.</summary>
  </entry>
</feed>"""


def rss_with(items: str, *, channel: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Sample</title><link>https://sample.example/</link>{channel}{items}"
        "</channel></rss>"
    ).encode()


def entry(**fields: object) -> FeedEntry:
    values: dict[str, object] = {
        "id": None,
        "link": None,
        "title": "",
        "published": None,
        "content_html": None,
    }
    values.update(fields)
    return FeedEntry(**values)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- RSS 2.0


def test_an_rss_feed_is_read() -> None:
    feed = parse_feed(RSS, url=FEED_URL, content_type="application/rss+xml; charset=utf-8")

    assert feed.title == "Telly Premieres"
    assert feed.link == "https://telly.example/"
    # Newest first: 2 Feb 20:00, then 1 Feb 07:15 UTC, then 31 Jan.
    assert [e.title for e in feed.entries] == [
        "The Quiet Valley gets a trailer",
        "Harbour Lights returns in May",
        "Untitled teaser",
    ]
    harbour = feed.entries[1]
    assert harbour.id == "hl-s4-date"
    assert harbour.link == "https://telly.example/stories/harbour-lights-s4?utm_source=rss"
    assert harbour.published == datetime(2027, 2, 1, 7, 15, tzinfo=UTC)
    assert harbour.published.tzinfo is UTC  # type: ignore[union-attr]


def test_content_encoded_is_preferred_over_the_description() -> None:
    feed = parse_feed(RSS, url=FEED_URL)
    (harbour,) = (e for e in feed.entries if e.id == "hl-s4-date")
    (valley,) = (e for e in feed.entries if e.id == "qv-trailer")

    assert harbour.content_html is not None
    assert "premieres May 3" in harbour.content_html
    assert "keeps its Sunday slot" in harbour.content_html
    assert "Short teaser" not in harbour.content_html
    assert valley.content_html == "<p>A first look at the valley.</p>"  # the description


def test_a_javascript_link_is_dropped() -> None:
    feed = parse_feed(RSS, url=FEED_URL)

    teaser = feed.entries[-1]
    assert teaser.title == "Untitled teaser"
    assert teaser.link is None
    assert teaser.id is None
    assert teaser.content_html is None


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JavaScript:void(0)",
        "data:text/html,<script>alert(1)</script>",
        "mailto:tips@sample.example",
        "ftp://files.sample.example/a",
        "file:///etc/passwd",
    ],
)
def test_only_http_and_https_links_are_kept(link: str) -> None:
    body = rss_with(f"<item><title>Odd</title><link>{link}</link></item>")

    (only,) = parse_feed(body, url="https://sample.example/rss").entries

    assert only.link is None


def test_a_feed_served_as_html_is_still_read() -> None:
    feed = parse_feed(RSS, url=FEED_URL, content_type="text/html; charset=utf-8")

    assert len(feed.entries) == 3


def test_the_declared_charset_decodes_the_feed() -> None:
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Télé</title>'
        "<item><title>Saison 2 de « Côte Sauvage »</title><guid>cs-2</guid></item>"
        "</channel></rss>"
    ).encode("iso-8859-1")

    feed = parse_feed(
        body, url="https://tele.example/rss", content_type="text/xml; charset=iso-8859-1"
    )

    assert feed.title == "Télé"
    assert feed.entries[0].title == "Saison 2 de « Côte Sauvage »"


def test_a_plain_text_body_is_escaped_into_html() -> None:
    feed = parse_feed(ATOM, url="https://boxset.example/atom.xml")

    ferry = feed.entries[1]
    assert ferry.content_html == "Filming is done &amp; edits begin."


def test_a_malformed_feed_with_entries_is_accepted() -> None:
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Loose & Co</title>'
        b'<item><title>Marsh Road renewed</title><guid isPermaLink="false">mr-1</guid>'
        b"<link>https://loose.example/marsh-road</link></item>"
        b"<item><title>Unclosed item"
    )

    feed = parse_feed(body, url="https://loose.example/rss")

    assert feed.entries[0].id == "mr-1"
    assert feed.entries[0].link == "https://loose.example/marsh-road"


def test_entries_keep_feed_order_when_some_have_no_date() -> None:
    body = rss_with(
        "<item><title>Older</title><pubDate>Mon, 01 Mar 2027 10:00:00 GMT</pubDate></item>"
        "<item><title>Undated</title></item>"
        "<item><title>Newest</title><pubDate>Fri, 05 Mar 2027 10:00:00 GMT</pubDate></item>"
    )

    feed = parse_feed(body, url="https://sample.example/rss")

    assert [e.title for e in feed.entries] == ["Older", "Undated", "Newest"]


def test_entries_of_the_same_moment_keep_feed_order() -> None:
    same = "<pubDate>Mon, 01 Mar 2027 10:00:00 GMT</pubDate>"
    body = rss_with(
        f"<item><title>First</title>{same}</item>"
        f"<item><title>Second</title>{same}</item>"
        "<item><title>Later</title><pubDate>Tue, 02 Mar 2027 10:00:00 GMT</pubDate></item>"
    )

    feed = parse_feed(body, url="https://sample.example/rss")

    assert [e.title for e in feed.entries] == ["Later", "First", "Second"]


# ---------------------------------------------------------------------------- Atom


def test_an_atom_feed_is_read() -> None:
    feed = parse_feed(ATOM, url="https://boxset.example/atom.xml")

    assert feed.title == "Box & Set"
    assert feed.link == "https://boxset.example/"
    copper, ferry = feed.entries
    assert copper.id == "tag:boxset.example,2027:copper-2"
    assert copper.link == "https://boxset.example/news/copper-street-2"  # the alternate one
    assert copper.published == datetime(2027, 4, 10, 2, 30, tzinfo=UTC)  # published, to UTC
    assert copper.content_html == "<p>Copper Street season 2 arrives June 12.</p>"
    assert ferry.published == datetime(2027, 4, 8, 9, 0, tzinfo=UTC)  # updated, when no published
    assert ferry.link == "https://boxset.example/news/night-ferry-wrap"


def test_atom_links_resolve_against_the_feed_url() -> None:
    body = ATOM.replace(b"https://boxset.example/news/night-ferry-wrap", b"wrap/ferry")

    feed = parse_feed(body, url="https://mirror.example/feeds/box/atom.xml")

    assert feed.entries[0].link == "https://mirror.example/news/copper-street-2"
    assert feed.entries[1].link == "https://mirror.example/feeds/box/wrap/ferry"


# ---------------------------------------------------------------------------- keys


def test_an_entry_has_an_id_a_link_and_a_title_key() -> None:
    published = datetime(2027, 2, 1, 7, 15, tzinfo=UTC)
    item = entry(
        id="hl-s4",
        link="http://WWW.Telly.example/stories/hl/?utm_medium=rss#top",
        title="Harbour Lights RETURNS",
        published=published,
    )

    assert item.keys == (
        "id:hl-s4",
        "link:www.telly.example/stories/hl",
        "title:harbour lights returns|2027-02-01",
    )
    assert item.story_key == "https://www.telly.example/stories/hl"


def test_the_same_entry_with_a_new_id_still_shares_its_link_key() -> None:
    before = entry(id="post-101", link="https://telly.example/s/harbour", title="Harbour")
    after = entry(id="https://telly.example/?p=101", link="https://telly.example/s/harbour")

    assert set(before.keys) & set(after.keys) == {"link:telly.example/s/harbour"}


def test_a_link_moved_from_http_to_https_keeps_its_key() -> None:
    before = entry(link="http://telly.example/s/harbour?utm_source=feed")
    after = entry(link="https://telly.example/s/harbour")

    assert before.keys == after.keys == ("link:telly.example/s/harbour",)
    assert before.story_key == after.story_key


def test_keys_of_a_bare_entry() -> None:
    assert entry().keys == ()
    assert entry().story_key is None
    assert entry(title="Teaser").keys == ("title:teaser|",)


def test_keys_of_parsed_entries_survive_an_http_to_https_switch() -> None:
    first = parse_feed(RSS, url=FEED_URL).entries
    switched = RSS.replace(b"https://telly.example/stories/", b"http://telly.example/stories/")
    second = parse_feed(switched, url=FEED_URL.replace("https:", "http:")).entries

    for old, new in zip(first, second, strict=True):
        assert old.keys == new.keys


# ---------------------------------------------------------------------------- original links
# FeedBurner and Pheedo put a redirect through their own host in <link> and keep the story's own
# address in <feedburner:origLink> / <pheedo:origLink> (RSS and Atom alike; a FeedBurner Atom
# entry's <link rel="alternate"> is the redirect). The samples are shaped like theirs.

BURNER_RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
<channel>
  <title>Couch Report</title>
  <link>https://couchreport.example/</link>
  <item>
    <title>Lantern Hill season 2 gets a September date</title>
    <link>http://feedproxy.google.com/~r/CouchReport/~3/Qx7pL2mN0aB/</link>
    <guid isPermaLink="false">https://couchreport.example/?p=48213</guid>
    <pubDate>Thu, 04 Mar 2027 18:30:00 +0000</pubDate>
    <category><![CDATA[Renewals]]></category>
    <category><![CDATA[Lantern Hill]]></category>
    <description>Back in the autumn.</description>
    <feedburner:origLink>https://couchreport.example/2027/03/lantern-hill-season-2-date/</feedburner:origLink>
  </item>
</channel>
</rss>"""

BURNER_ATOM = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"
      xmlns:thr="http://purl.org/syndication/thread/1.0"
      xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
  <title>Couch Report</title>
  <link rel="alternate" type="text/html" href="https://couchreport.example/"/>
  <id>tag:couchreport.example,2027:feed</id>
  <updated>2027-03-04T18:30:00Z</updated>
  <entry>
    <title>Lantern Hill season 2 gets a September date</title>
    <link rel="alternate" type="text/html"
          href="http://feeds.feedburner.com/~r/CouchReport/~3/Qx7pL2mN0aB/lantern-hill.html"/>
    <link rel="replies" type="text/html" thr:count="2"
          href="https://couchreport.example/2027/03/lantern-hill-season-2-date/#comments"/>
    <id>tag:couchreport.example,2027:post-48213</id>
    <published>2027-03-04T13:30:00-05:00</published>
    <category scheme="https://couchreport.example/ns#category" term="Renewals"/>
    <category term="lantern-hill" label="Lantern Hill"/>
    <summary>Back in the autumn.</summary>
    <feedburner:origLink>https://couchreport.example/2027/03/lantern-hill-season-2-date/</feedburner:origLink>
  </entry>
</feed>"""

LANTERN = "https://couchreport.example/2027/03/lantern-hill-season-2-date/"


@pytest.mark.parametrize("body", [BURNER_RSS, BURNER_ATOM], ids=["rss", "atom"])
def test_a_feedburner_entry_links_to_its_original_not_the_redirect(body: bytes) -> None:
    (only,) = parse_feed(body, url="https://feeds.feedburner.com/CouchReport").entries

    assert only.link == LANTERN
    assert only.via is not None and "/~r/CouchReport/~3/Qx7pL2mN0aB/" in only.via
    assert only.story_key == "https://couchreport.example/2027/03/lantern-hill-season-2-date"
    assert "link:couchreport.example/2027/03/lantern-hill-season-2-date" in only.keys


def test_the_same_story_direct_and_through_feedburner_has_one_story_key() -> None:
    (burned,) = parse_feed(BURNER_RSS, url="https://feeds.feedburner.com/CouchReport").entries
    direct_body = rss_with(
        "<item><title>Lantern Hill is back on 14 September</title>"
        f"<link>{LANTERN}?utm_source=rss&amp;utm_medium=rss</link>"
        "<pubDate>Thu, 04 Mar 2027 18:31:00 +0000</pubDate></item>"
    )
    (direct,) = parse_feed(direct_body, url="https://couchreport.example/feed/").entries

    assert burned.story_key == direct.story_key
    assert set(burned.keys) & set(direct.keys) == {
        "link:couchreport.example/2027/03/lantern-hill-season-2-date"
    }


def test_an_entry_first_seen_under_its_redirect_is_still_known() -> None:
    """Keys remembered before the original link was read (the redirect's) still match."""
    (now,) = parse_feed(BURNER_RSS, url="https://feeds.feedburner.com/CouchReport").entries
    before = entry(link="http://feedproxy.google.com/~r/CouchReport/~3/Qx7pL2mN0aB/")

    assert set(before.keys) <= set(now.keys)


def test_a_pheedo_original_link_is_preferred_too() -> None:
    body = (
        b'<?xml version="1.0"?><rss version="2.0" '
        b'xmlns:pheedo="http://www.pheedo.com/namespace/pheedo"><channel>'
        b"<title>Daily Screen</title>"
        b"<link>https://dailyscreen.example/</link><item><title>Moor End cast grows</title>"
        b"<link>http://feeds.dailyscreen.example/click.phdo?i=5be1f0c2a9</link>"
        b"<pheedo:origLink>https://dailyscreen.example/tv/moor-end-cast.html</pheedo:origLink>"
        b'<guid isPermaLink="false">https://dailyscreen.example/tv/moor-end-cast.html</guid>'
        b"</item></channel></rss>"
    )

    (only,) = parse_feed(body, url="https://feeds.dailyscreen.example/tv").entries

    assert only.link == "https://dailyscreen.example/tv/moor-end-cast.html"
    assert only.via == "http://feeds.dailyscreen.example/click.phdo?i=5be1f0c2a9"


@pytest.mark.parametrize(
    "original",
    ["javascript:alert(1)", "mailto:desk@couchreport.example", "ftp://couchreport.example/a", ""],
)
def test_an_original_link_that_is_not_http_is_ignored(original: str) -> None:
    body = BURNER_RSS.replace(LANTERN.encode(), original.encode())

    (only,) = parse_feed(body, url="https://feeds.feedburner.com/CouchReport").entries

    assert only.link == "http://feedproxy.google.com/~r/CouchReport/~3/Qx7pL2mN0aB/"
    assert only.via is None


def test_an_original_link_equal_to_the_link_adds_no_key() -> None:
    body = rss_with(
        '<item xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">'
        "<title>Copper Street</title><link>http://sample.example/s/copper</link>"
        "<feedburner:origLink>https://sample.example/s/copper/</feedburner:origLink></item>"
    )

    (only,) = parse_feed(body, url="https://sample.example/rss").entries

    assert only.link == "https://sample.example/s/copper/" and only.via is None
    assert only.keys == ("link:sample.example/s/copper",)


# ---------------------------------------------------------------------------- undated titles


def test_undated_entries_with_the_same_title_and_different_links_share_no_key() -> None:
    body = rss_with(
        "<item><title>Trailer Tuesday</title><link>https://sample.example/tt/42</link></item>"
        "<item><title>Trailer Tuesday</title><link>https://sample.example/tt/41</link></item>"
    )

    newer, older = parse_feed(body, url="https://sample.example/rss").entries

    assert set(newer.keys) & set(older.keys) == set()
    assert newer.keys == ("link:sample.example/tt/42",)


def test_dated_entries_keep_their_title_key() -> None:
    """A dated story whose id and link both change is still known by its title and day."""
    day = datetime(2027, 3, 1, 10, tzinfo=UTC)
    before = entry(id="a-1", link="https://old-cms.example/s/1", title="Moor End", published=day)
    after = entry(
        id="b-7", link="https://new-cms.example/moor-end", title="Moor End", published=day
    )

    assert set(before.keys) & set(after.keys) == {"title:moor end|2027-03-01"}


# ---------------------------------------------------------------------------- categories


def test_categories_are_exposed_in_feed_order() -> None:
    (rss_entry,) = parse_feed(BURNER_RSS, url="https://feeds.feedburner.com/CouchReport").entries
    (atom_entry,) = parse_feed(BURNER_ATOM, url="https://feeds.feedburner.com/CouchReport").entries

    assert rss_entry.categories == ("Renewals", "Lantern Hill")
    assert atom_entry.categories == ("Renewals", "Lantern Hill")  # an Atom label before its term


def test_categories_drop_blanks_and_repeats_and_are_capped() -> None:
    many = "".join(f"<category>Tag {n}</category>" for n in range(40))
    body = rss_with(
        '<item xmlns:dc="http://purl.org/dc/elements/1.1/"><title>Tags</title>'
        "<category/><category>  Drama\n </category><category>drama</category>"
        f"<dc:subject>Netflix</dc:subject>{many}</item>"
    )

    (only,) = parse_feed(body, url="https://sample.example/rss").entries

    assert only.categories[:3] == ("Drama", "Netflix", "Tag 0")
    assert len(only.categories) == MAX_CATEGORIES
    assert entry().categories == ()


def test_a_link_with_an_impossible_port_is_dropped() -> None:
    body = rss_with("<item><title>Odd</title><link>https://sample.example:99999/s</link></item>")

    (only,) = parse_feed(body, url="https://sample.example/rss").entries

    assert only.link is None and only.keys == ("title:odd|",)


# ---------------------------------------------------------------------------- not a feed


PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Telly</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/json" href="/feed.json">
<link rel="alternate" type="application/rss+xml" title="News" href="/feeds/news.rss">
<link rel="alternate" type="application/atom+xml" href="https://telly.example/atom">
</head><body><h1>Telly</h1><p>News about shows.</p></body></html>"""


def test_a_web_page_is_not_a_feed_and_names_the_feed_it_links_to() -> None:
    with pytest.raises(NotAFeed) as not_a_feed:
        parse_feed(PAGE, url="https://telly.example/tv/", content_type="text/html")

    assert str(not_a_feed.value) == (
        "That link is a web page, not an RSS or Atom feed. "
        "It names a feed at https://telly.example/feeds/news.rss; add that instead."
    )


def test_a_web_page_without_a_feed_says_so_plainly() -> None:
    page = b"<html><head><title>Plain</title></head><body><p>Nothing here.</p></body></html>"

    with pytest.raises(NotAFeed) as not_a_feed:
        parse_feed(page, url="https://plain.example/")  # no content type: told by its shape

    assert str(not_a_feed.value) == "That link is a web page, not an RSS or Atom feed."


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "not XML"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "not XML"),
        (b"Season 3 is coming.", "not XML"),
        (b"<?xml version='1.0'?><catalogue><show>Marsh Road</show></catalogue>", "XML, but not"),
        (b"", "empty answer"),
        (b"  \n ", "empty answer"),
    ],
)
def test_what_is_not_a_feed_says_why(body: bytes, reason: str) -> None:
    with pytest.raises(NotAFeed, match=reason) as not_a_feed:
        parse_feed(body, url="https://odd.example/feed")

    assert str(not_a_feed.value).startswith("That link ")


def test_a_body_that_names_a_local_file_is_not_opened(tmp_path: Path) -> None:
    planted = tmp_path / "planted.xml"
    planted.write_bytes(rss_with("<item><title>From disk</title></item>"))

    with pytest.raises(NotAFeed):
        parse_feed(str(planted).encode(), url="https://odd.example/feed")


@pytest.mark.parametrize(
    "body",
    [
        rss_with(""),
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet</title></feed>',
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        b'xmlns="http://purl.org/rss/1.0/"><channel><title>Old</title></channel></rdf:RDF>',
    ],
)
def test_an_empty_valid_feed_has_no_entries(body: bytes) -> None:
    feed = parse_feed(body, url="https://quiet.example/feed")

    assert feed.entries == ()
    assert feed.title


# ---------------------------------------------------------------------------- caps


def test_at_most_200_entries_are_kept_the_newest() -> None:
    start = datetime(2027, 1, 1, tzinfo=UTC)
    items = "".join(
        f'<item><title>Story {n}</title><guid isPermaLink="false">s-{n}</guid>'
        f"<pubDate>{format_datetime(start + timedelta(hours=n), usegmt=True)}</pubDate></item>"
        for n in range(250)
    )

    feed = parse_feed(rss_with(items), url="https://many.example/rss")

    assert len(feed.entries) == MAX_ENTRIES == 200
    assert feed.entries[0].id == "s-249"
    assert feed.entries[-1].id == "s-50"


def test_a_long_title_is_cut_and_whitespace_collapsed() -> None:
    long_title = "Very " * 200
    body = rss_with(f"<item><title>\n  {long_title}\t</title></item>")

    (only,) = parse_feed(body, url="https://long.example/rss").entries

    assert len(only.title) <= MAX_TITLE == 300
    assert only.title.startswith("Very Very ")
    assert "  " not in only.title


def test_content_is_capped_at_100_kb() -> None:
    big = "<p>" + "é" * (80 * 1024) + "</p>"  # 160 KB in UTF-8
    body = rss_with(
        f"<item><title>Big</title><content:encoded><![CDATA[{big}]]></content:encoded></item>"
    )

    (only,) = parse_feed(body, url="https://big.example/rss").entries

    assert only.content_html is not None
    assert len(only.content_html.encode("utf-8")) <= MAX_CONTENT_BYTES == 100 * 1024
    assert len(only.content_html.encode("utf-8")) > 99 * 1024


# ---------------------------------------------------------------------------- discovery


def test_discovery_finds_rss_and_atom_links_in_page_order() -> None:
    assert discover_feeds(PAGE, "https://telly.example/tv/") == [
        "https://telly.example/feeds/news.rss",
        "https://telly.example/atom",
    ]


def test_discovery_honours_base_rel_tokens_and_repeats() -> None:
    page = """<html><head><base href="https://cdn.telly.example/site/">
    <LINK REL="Alternate Feed" TYPE="application/RSS+XML; charset=utf-8" HREF="rss.xml">
    <link rel="alternate" type="application/rss+xml" href="rss.xml">
    <link rel="alternate" type="application/atom+xml" href="javascript:alert(1)">
    <link rel="alternate" type="application/atom+xml">
    <link rel="canonical" type="application/rss+xml" href="/not-a-feed-link">
    </head></html>"""

    assert discover_feeds(page, "https://telly.example/") == [
        "https://cdn.telly.example/site/rss.xml"
    ]


def test_discovery_of_a_page_without_feeds_is_empty() -> None:
    assert discover_feeds(b"<html><head></head><body>hi</body></html>", "https://a.example/") == []


def test_a_permalink_guid_without_a_link_serves_as_the_link() -> None:
    body = rss_with(
        "<item><title>Moor End</title><guid>https://sample.example/s/moor</guid></item>"
    )

    (only,) = parse_feed(body, url="https://sample.example/rss").entries

    assert only.id == only.link == "https://sample.example/s/moor"
