"""RSS and Atom feeds: parse what a site sends into entries the bot can recognise again.
No Discord in this package.

    parse_feed(body: bytes, *, url: str, content_type: str | None = None) -> ParsedFeed
        CPU work (run it in a thread); never fetches. Raises NotAFeed (str() is one sentence
        for the member: a web page, naming the feed it links to if any; not XML; XML that is
        neither RSS nor Atom).

    ParsedFeed (frozen): title, link (the site's), entries (FeedEntry, newest first when every
        entry is dated, else feed order; at most 200).

    FeedEntry (frozen): id, link (absolute http/https or None: the original link, e.g.
        <feedburner:origLink> or <pheedo:origLink>, when the feed gives one, else <link>),
        title (plain, ≤ 300 chars), published (aware UTC or None), content_html (the fullest
        body, ≤ 100 KB, or None), categories (plain text, feed order, ≤ 20), via (the feed's
        redirect <link> when link is an original link, else None);
        .keys (every identity, for dedupe: "id:…", "link:…" without scheme (the redirect's
        too), "title:…|date" — for an undated entry only when it has no link),
        .story_key (the normalised link: the same story from several feeds).

    discover_feeds(html, base_url) -> list[str]: the feeds a web page links to, in page order.

Fetching is bot.articles.fetch.Fetcher.fetch_feed (a conditional GET through the same guard),
which returns a bot.articles.fetch.FeedResponse.
"""

from bot.feeds.parse import FeedEntry, NotAFeed, ParsedFeed, discover_feeds, parse_feed

__all__ = ["FeedEntry", "NotAFeed", "ParsedFeed", "discover_feeds", "parse_feed"]
