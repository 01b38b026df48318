"""From a link, a page or pasted text to an Article: fetch, extract, find facts, summarise."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from bot.articles.errors import NotAnArticle
from bot.articles.extract import (
    Extracted,
    address_day,
    address_month,
    extract_html,
    extract_text,
    url_slug,
)
from bot.articles.facts import PremiereFacts, find_facts
from bot.articles.fetch import Fetcher
from bot.articles.summarize import summarize
from bot.articles.urls import normalise_url

MAX_ANALYSED_CHARS = 60_000
MAX_TITLE_CHARS = 300
_URL_LIKE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)\S+$")
_HTML_LIKE = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|div|p)\b", re.I | re.S
)


@dataclass(frozen=True, slots=True)
class Article:
    title: str
    url: str | None  # normalised (normalise_url); None for pasted text
    published: date | None
    summary: str  # at most 3 sentences and 600 characters
    facts: PremiereFacts  # the lead show's; facts.premiere is None when none is announced
    other_premieres: tuple[PremiereFacts, ...]  # every other premiere the article announces


async def read_article(
    source: str | None = None,
    *,
    url: str | None = None,
    text: str | None = None,
    html: str | None = None,
    published: date | None = None,
    spoiler_safe: bool = False,
    fetcher: Fetcher | None = None,
    today: date | None = None,
) -> Article:
    """Read one article. Give `source` (a link, an HTML page or text: told apart by shape),
    or `url`, `html` or `text` by name; `url` with `html` or `text` is not fetched again.

    `today` anchors an article that carries no date of its own: a page fetched now, or text
    pasted now, is today's news (the current day when not given).

    Raises ArticleError (FetchRefused, FetchFailed, NotAnArticle) with a sentence for the user.
    """
    if source is not None:
        if url is not None or text is not None or html is not None:
            raise ValueError("give source, or url/text/html, not both")
        stripped = source.strip()
        if _URL_LIKE.match(stripped):
            url = stripped if "://" in stripped else f"https://{stripped}"
        elif _HTML_LIKE.match(stripped):
            html = source
        else:
            text = source
    if text is None and html is None:
        if url is None:
            raise ValueError("read_article needs a source, a url, some text or some html")
        page = await (fetcher or Fetcher()).fetch(url)
        url = page.url
        html, text = (page.text, None) if page.is_html else (None, page.text)
    # Parsing is CPU work (about 10 ms a page): keep it off the event loop.
    return await asyncio.to_thread(
        analyse,
        html=html,
        text=text,
        url=url,
        published=published,
        spoiler_safe=spoiler_safe,
        today=today or datetime.now(UTC).date(),
    )


def analyse(
    *,
    html: str | None = None,
    text: str | None = None,
    url: str | None = None,
    published: date | None = None,
    spoiler_safe: bool = False,
    today: date | None = None,
) -> Article:
    """The synchronous core of read_article, for pages already in hand. Without `today`, a
    page that carries no date of its own (nor its address) dates only what names its year."""
    if html is not None:
        extracted = extract_html(html, url)
    elif text is not None:
        extracted = extract_text(text, url)
    else:
        raise ValueError("analyse needs html or text")
    return _article(extracted, url, published, spoiler_safe, today)


def _article(
    extracted: Extracted,
    url: str | None,
    published: date | None,
    spoiler_safe: bool,
    today: date | None,
) -> Article:
    if not extracted.text.strip():
        raise NotAnArticle("There is no article text in that.")
    published = published or extracted.published or address_day(url)
    # Premiere news says what it has to say early; past this it is comments, lists, archives.
    body = extracted.text[:MAX_ANALYSED_CHARS]
    lead, others = find_facts(
        extracted.title[:MAX_TITLE_CHARS],
        body,
        published=published,
        url_slug=url_slug(url),
        filed=address_month(url) or extracted.filed,
        outlet=urlsplit(url).hostname if url else None,
        day_first=extracted.day_first,
        today=today,
    )
    summary = summarize(
        body,
        headline=extracted.title,
        evidence=lead.evidence,
        show=lead.show,
        spoiler_safe=spoiler_safe,
    )
    title = extracted.title or (lead.show or "Untitled article")
    return Article(
        title=title,
        url=normalise_url(url) if url else None,
        published=published,
        summary=summary,
        facts=lead,
        other_premieres=others,
    )
