"""Premiere news: read an article and say what it announces. A pure pipeline, no Discord.

The whole public API::

    async def read_article(
        source: str | None = None, *, url: str | None = None, text: str | None = None,
        html: str | None = None, published: date | None = None, spoiler_safe: bool = False,
        fetcher: Fetcher | None = None,
    ) -> Article

        `source` is a link, an HTML page or plain text (told apart by shape); or name one of
        `url` (fetched safely), `html` or `text` (with `url` beside them, nothing is fetched:
        the URL is kept, normalised, and its slug helps find the show). `published` anchors
        years and relative dates ("premieres Friday"); without it the page's own date is used.
        `spoiler_safe` wraps plot sentences of the summary in Discord spoiler tags (||…||).

    Article (frozen): title, url (normalised, or None), published (date or None),
        summary (≤ 3 sentences, ≤ 600 characters, the premiere sentence always in it),
        facts (PremiereFacts of the lead show: the headline's), other_premieres (a tuple of
        PremiereFacts for every other premiere announced, e.g. the rows of a schedule).

    PremiereFacts (frozen): show, season, network (canonical: "Prime Video", "HBO", "Disney+",
        ...), premiere (aware UTC datetime or None: the start of the day, month or year named, or
        the exact time), premiere_precision (bot.domain.dates.Precision: TIME, DAY, MONTH, YEAR,
        or None), timezone (IANA name the premiere is given in), confidence ({"show", "season",
        "network", "premiere"} -> 0..1; 0 for a field we could not find), evidence (the sentence
        that states the premiere); .local_premiere is the premiere in its own zone.

    analyse(*, html=None, text=None, url=None, published=None, spoiler_safe=False) -> Article:
        the same reading, synchronous, for a page already in hand (the CLI and benchmarks).

    normalise_url(url) -> str: https, lowercase host, no tracking parameters, fragment or
        trailing slash: one spelling per article, to post it once.

    Fetcher(policy: FetchPolicy | None = None).fetch(url) -> Fetched: the safe fetcher.
        FetchPolicy's defaults allow no private address; its `allow` (host:port pairs) and
        `resolver` exist for tests only.

    Errors: ArticleError (str(error) is one sentence for the user), and its kinds FetchRefused
        (a link we won't fetch), FetchFailed (the site did not give the page), NotAnArticle.
"""

from bot.articles.errors import ArticleError, FetchFailed, FetchRefused, NotAnArticle
from bot.articles.facts import PremiereFacts
from bot.articles.fetch import Fetched, Fetcher, FetchPolicy
from bot.articles.pipeline import Article, analyse, read_article
from bot.articles.urls import normalise_url

__all__ = [
    "Article",
    "ArticleError",
    "FetchFailed",
    "FetchPolicy",
    "FetchRefused",
    "Fetched",
    "Fetcher",
    "NotAnArticle",
    "PremiereFacts",
    "analyse",
    "normalise_url",
    "read_article",
]
