"""A link that can't be taken apart is refused with a sentence a member can act on."""

from __future__ import annotations

import pytest

from bot.articles import ArticleError, normalise_url
from bot.articles.urls import UnreadableLink


@pytest.mark.parametrize(
    "link",
    [
        "https://example.com:99999/story",
        "https://example.com:65536/story",
        "https://example.com:-1/story",
        "https://example.com:port/story",
        "https://[not-an-address/story",
    ],
)
def test_a_link_that_cannot_be_read_is_a_clear_refusal(link: str) -> None:
    with pytest.raises(ArticleError) as refused:
        normalise_url(link)
    assert "65535" in str(refused.value)
    # Still what urllib raises, for callers that filter links with `except ValueError`.
    assert isinstance(refused.value, ValueError)
    assert isinstance(refused.value, UnreadableLink)


def test_the_highest_port_is_still_a_port() -> None:
    assert normalise_url("https://example.com:65535/story") == "https://example.com:65535/story"
