"""`python -m bot preview SOURCE`: read one article and print what it announces."""

from __future__ import annotations

import asyncio
import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from bot.articles.errors import ArticleError
from bot.articles.facts import PremiereFacts
from bot.articles.fetch import decode
from bot.articles.pipeline import Article, analyse, read_article
from bot.domain.dates import Precision, format_partial

MAX_INPUT_BYTES = 20 * 1024 * 1024
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_WEB_ADDRESS = re.compile(r"(?i)^https?://[^\s/]+\S*$")


class PreviewError(Exception):
    """Input we cannot read; str(error) is the one line printed."""


async def run_preview(
    source: str,
    *,
    as_json: bool = False,
    published: date | None = None,
    spoiler_safe: bool = False,
    url: str | None = None,
    out: TextIO | None = None,
) -> int:
    """Print the article's facts and summary; on bad input one line on stderr and status 1.

    `url` is the address a saved copy (a file or standard input) came from: it is used exactly
    as a live fetch of that address would use it (its slug, its date path, its host's locale).
    """
    out = out or sys.stdout
    try:
        article = await _read(source, published, spoiler_safe, url)
    except (ArticleError, PreviewError) as error:
        print(str(error), file=sys.stderr)
        return 1
    except Exception as error:  # a command-line boundary: junk never ends in a traceback
        print(f"I couldn't read that article ({type(error).__name__}).", file=sys.stderr)
        return 1
    if as_json:
        print(json.dumps(article_json(article), ensure_ascii=False), file=out)
    else:
        print(describe(article), file=out)
    return 0


async def _read(
    source: str, published: date | None, spoiler_safe: bool, url: str | None
) -> Article:
    if "://" in source or source.startswith("www."):
        if url is not None:
            raise PreviewError("--url names a saved copy's address; give a file or - with it.")
        return await read_article(url=source, published=published, spoiler_safe=spoiler_safe)
    if url is not None and not _WEB_ADDRESS.match(url):
        raise PreviewError(f"--url {url!r} is not a web address (http:// or https://).")
    if source == "-":
        raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        name = "standard input"
        html_by_name = None
    else:
        path = Path(source)
        name = str(path)
        try:
            raw = await asyncio.to_thread(_read_file, path)
        except IsADirectoryError:
            raise PreviewError(f"{name} is a folder; give a .txt or .html file.") from None
        except OSError as error:
            raise PreviewError(f"I can't read {name}: {error.strerror or error}.") from None
        html_by_name = path.suffix.lower() in _HTML_SUFFIXES
    return await asyncio.to_thread(
        read_saved,
        raw,
        name=name,
        url=url,
        html=html_by_name,
        published=published,
        spoiler_safe=spoiler_safe,
    )


def read_saved(
    raw: bytes,
    *,
    name: str,
    url: str | None = None,
    html: bool | None = None,
    published: date | None = None,
    spoiler_safe: bool = False,
) -> Article:
    """Read a saved copy of a page (bytes from a file or standard input) as if fetched from
    `url`. `html` says the copy is HTML (by its file name); None decides by its first bytes."""
    if len(raw) > MAX_INPUT_BYTES:
        raise PreviewError(f"{name} is larger than 20 MB; that is not an article.")
    if not raw.strip():
        raise PreviewError(f"{name} is empty.")
    if raw.count(b"\x00") > len(raw) // 100:
        raise PreviewError(f"{name} is not text (it looks like a binary file).")
    looks_html = raw.lstrip()[:200].lower().startswith((b"<!doctype html", b"<html", b"<head"))
    is_html = bool(html or looks_html)
    content = decode(raw, is_html=is_html)
    if is_html:
        return analyse(html=content, url=url, published=published, spoiler_safe=spoiler_safe)
    return analyse(text=content, url=url, published=published, spoiler_safe=spoiler_safe)


def _read_file(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(MAX_INPUT_BYTES + 1)


def article_json(article: Article) -> dict[str, Any]:
    """The preview's JSON: the title, the lead's facts, the summary and the other premieres."""
    return {
        "title": article.title,
        **facts_json(article.facts),
        "summary": article.summary,
        "other_premieres": [facts_json(f) for f in article.other_premieres],
    }


def facts_json(facts: PremiereFacts) -> dict[str, Any]:
    premiere, precision = premiere_value(facts)
    return {
        "show": facts.show,
        "season": facts.season,
        "network": facts.network,
        "premiere": premiere,
        "premiere_precision": precision,
        "confidence": dict(facts.confidence),
    }


def premiere_value(facts: PremiereFacts) -> tuple[str | None, str | None]:
    """("2018-03-08", "day"), ("2020-01-14T21:00:00-05:00", "day"), ("2018-03", "month")..."""
    local = facts.local_premiere
    if local is None or facts.premiere_precision is None:
        return None, None
    match facts.premiere_precision:
        case Precision.TIME:
            return local.isoformat(timespec="minutes" if local.second == 0 else "seconds"), "day"
        case Precision.DAY:
            return local.date().isoformat(), "day"
        case Precision.MONTH:
            return f"{local.year:04}-{local.month:02}", "month"
        case _:
            return f"{local.year:04}", "year"


def describe(article: Article) -> str:
    facts = article.facts
    lines = [article.title or "(untitled)"]
    if article.url:
        lines.append(article.url)
    if article.published:
        lines.append(
            f"Published: {article.published:%B} {article.published.day}, {article.published.year}"
        )
    lines += [
        "",
        f"Show:      {_field(facts.show, facts, 'show')}",
        f"Season:    {_field(facts.season, facts, 'season')}",
        f"Network:   {_field(facts.network, facts, 'network')}",
        f"Premiere:  {_premiere_text(facts)}",
    ]
    for other in article.other_premieres:
        season = f", season {other.season}" if other.season else ""
        network = f" on {other.network}" if other.network else ""
        lines.append(f"Also:      {other.show}{season}{network}: {_premiere_text(other)}")
    lines += ["", "Summary:", article.summary or "(nothing to summarise)"]
    return "\n".join(lines)


def _field(value: object, facts: PremiereFacts, name: str) -> str:
    if value is None:
        return "not found"
    return f"{value} ({facts.confidence.get(name, 0.0):.0%} sure)"


def _premiere_text(facts: PremiereFacts) -> str:
    if facts.premiere is None or facts.premiere_precision is None:
        return "not announced"
    text = format_partial(facts.premiere, facts.premiere_precision, facts.timezone or "UTC")
    sure = facts.confidence.get("premiere", 0.0)
    # The same word as --json's premiere_precision: a premiere with a time is known to the day.
    precision = premiere_value(facts)[1] or facts.premiere_precision.value
    return f"{text} ({precision}, {sure:.0%} sure)"
