"""read_article as the Discord side calls it, and the preview command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.articles import (
    Article,
    ArticleError,
    Fetched,
    Fetcher,
    FetchRefused,
    NotAnArticle,
    PremiereFacts,
    analyse,
    read_article,
)
from bot.domain.dates import Precision
from tests.unit.articles.conftest import Preview

ROOT = Path(__file__).parents[3]
SAMPLES = ROOT / "data" / "samples" / "articles"
TEXT = """HBO Sets ‘The Gilded Acre’ Season 2 Premiere

The Gilded Acre season 2 premieres Sunday, Oct. 20 at 9 p.m. on HBO and Max.
"""


class NeverFetch(Fetcher):
    async def fetch(self, url: str) -> Fetched:
        raise AssertionError("nothing should be fetched")


async def test_text_gives_an_article_with_facts() -> None:
    article = await read_article(text=TEXT, published=date(2024, 8, 1))

    assert isinstance(article, Article)
    assert article.url is None
    assert article.title == "HBO Sets ‘The Gilded Acre’ Season 2 Premiere"
    facts = article.facts
    assert isinstance(facts, PremiereFacts)
    assert (facts.show, facts.season, facts.network) == ("The Gilded Acre", 2, "HBO")
    assert facts.premiere_precision is Precision.TIME
    assert facts.premiere is not None
    assert facts.premiere.utcoffset() is not None
    assert facts.premiere.isoformat() == "2024-10-21T01:00:00+00:00"
    assert facts.timezone == "America/New_York"
    assert set(facts.confidence) == {"show", "season", "network", "premiere"}


async def test_source_is_told_apart_by_shape() -> None:
    html = (SAMPLES / "03-page-html-boilerplate.html").read_text(encoding="utf-8")

    from_text = await read_article(TEXT, published=date(2024, 8, 1))
    from_html = await read_article(html)

    assert from_text.facts.show == "The Gilded Acre"
    assert from_html.facts.show == "Copper Valley"
    assert from_html.published == date(2019, 12, 5)


async def test_a_url_with_html_is_not_fetched_again_and_is_normalised() -> None:
    html = (SAMPLES / "03-page-html-boilerplate.html").read_text(encoding="utf-8")

    article = await read_article(
        url="http://WWW.ScreenLedger.com/tv/copper-valley/?utm_source=x#top",
        html=html,
        fetcher=NeverFetch(),
    )

    assert article.url == "https://www.screenledger.com/tv/copper-valley"


async def test_a_source_link_goes_through_the_guard() -> None:
    with pytest.raises(FetchRefused, match="private network"):
        await read_article("http://192.168.1.20/news/premiere")


@pytest.mark.parametrize(
    "junk", ["", "   \n  ", "\x00\x01\x02\x03" * 50, "<html><body></body></html>"]
)
async def test_junk_is_not_an_article(junk: str) -> None:
    with pytest.raises(NotAnArticle):
        await read_article(junk)


async def test_every_error_is_an_article_error_with_a_sentence() -> None:
    with pytest.raises(ArticleError) as raised:
        await read_article("ftp://files.example/news.txt")

    message = str(raised.value)
    assert message.endswith(".")
    assert "\n" not in message


async def test_spoiler_safe_summary() -> None:
    text = (SAMPLES / "01-headline-network-last-paragraph.txt").read_text(encoding="utf-8")

    article = await read_article(text=text, published=date(2024, 1, 10), spoiler_safe=True)

    assert "||" in article.summary
    assert article.facts.evidence is not None
    assert f"||{article.facts.evidence}" not in article.summary


async def test_preview_json_has_exactly_the_documented_keys(preview: Preview) -> None:
    done = await preview(
        "--json", "--published", "2024-03-01", str(SAMPLES / "25-two-seasons-two-dates.txt")
    )

    assert done.status == 0, done.stderr
    result = json.loads(done.stdout)
    keys = {"show", "season", "network", "premiere", "premiere_precision", "confidence"}
    assert set(result) == {"title", "summary", "other_premieres", *keys}
    assert result["premiere"] == "2024-06-05"
    assert [set(other) for other in result["other_premieres"]] == [keys]
    assert result["other_premieres"][0]["premiere"] == "2025"
    assert result["other_premieres"][0]["premiere_precision"] == "year"


async def test_preview_writes_a_time_with_its_offset_and_reads_stdin(preview: Preview) -> None:
    done = await preview("--json", "--published", "2024-08-01", "-", stdin=TEXT)

    result = json.loads(done.stdout)
    assert result["premiere"] == "2024-10-20T21:00-04:00"
    assert result["premiere_precision"] == "day"


async def test_preview_for_people_lists_the_facts(preview: Preview) -> None:
    done = await preview(str(SAMPLES / "24-uk-first-us-later.html"))

    assert done.status == 0, done.stderr
    assert "Show:      Hollowmere" in done.stdout
    assert "Also:      Hollowmere, season 2 on BBC One: February 4, 2024" in done.stdout


@pytest.mark.parametrize(
    ("args", "stdin", "says"),
    [
        (["/no/such/file.txt"], None, "can't read"),
        (["-"], "", "empty"),
        (["-"], "\x00\x01\x02" * 100, "not text"),
        (["ftp://example.com/x"], None, "http and https"),
        (["http://10.0.0.8/"], None, "private network"),
    ],
)
async def test_preview_refuses_junk_with_one_line(
    preview: Preview,
    args: list[str],
    stdin: str | None,
    says: str,
) -> None:
    done = await preview(*args, stdin=stdin)

    assert done.status != 0
    assert done.stdout == ""
    assert says in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "junk",
    [
        "Title\n" + "12/12 3:45 10.10.10 2018-01-01 " * 5_000,
        "Title\n" + "a" * 300_000,
        "Title\n" + "March May June Friday Monday tonight " * 4_000,
        "Title\n" + "The Big Show Of The Year And The Next One " * 3_000,
        "Title\n" + "premieres, on, March, 8, " * 6_000,
    ],
    ids=["numbers", "one-word", "date-words", "capitals", "commas"],
)
def test_pathological_text_gives_an_article_or_a_refusal(junk: str) -> None:
    # Long repetitive text is where pattern matching can go wrong; here it must still be read
    # to a sound answer. Speed is a benchmark's business, not a test's.
    try:
        article = analyse(text=junk, published=date(2024, 1, 1))
    except NotAnArticle:
        return
    assert len(article.summary) <= 600
    assert article.facts.premiere is None or article.facts.premiere.utcoffset() is not None


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=3000))
def test_any_text_gives_an_article_or_a_refusal(text: str) -> None:
    try:
        article = analyse(text=text, published=date(2024, 1, 1))
    except NotAnArticle:
        return
    assert len(article.summary) <= 600
    assert article.facts.premiere is None or article.facts.premiere.utcoffset() is not None
