"""One spelling per article URL, so an article is posted once."""

from __future__ import annotations

import pytest

from bot.articles import normalise_url


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.com/tv/news/show-season-2",
        "http://www.example.com/tv/news/show-season-2",
        "https://WWW.Example.COM/tv/news/show-season-2/",
        "https://www.example.com/tv/news/show-season-2?utm_source=twitter&utm_medium=social",
        "https://www.example.com/tv/news/show-season-2?fbclid=IwAR0abc#comments",
        "https://www.example.com:443/tv/news/show-season-2?gclid=x&mc_cid=y&ref=home",
        "  https://www.example.com/tv/news/show-season-2  ",
        "www.example.com/tv/news/show-season-2",
    ],
)
def test_the_same_article_has_one_spelling(url: str) -> None:
    assert normalise_url(url) == "https://www.example.com/tv/news/show-season-2"


def test_parameters_that_name_the_page_stay_in_a_stable_order() -> None:
    assert normalise_url("https://example.com/article?page=2&id=7&utm_campaign=x") == (
        "https://example.com/article?id=7&page=2"
    )


def test_a_different_path_or_port_is_a_different_article() -> None:
    assert normalise_url("https://example.com/a") != normalise_url("https://example.com/b")
    assert normalise_url("https://example.com:8443/a") == "https://example.com:8443/a"


def test_the_bare_site_has_no_trailing_slash() -> None:
    assert normalise_url("https://Example.com/") == "https://example.com"
