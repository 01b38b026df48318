"""Why an article could not be read: every message is one sentence a Discord member can read."""

from __future__ import annotations


class ArticleError(Exception):
    """Base of every refusal or failure; str(error) is the user-facing sentence."""


class FetchRefused(ArticleError):
    """The link is not one we fetch: a private address, a bad scheme, too big, not a page."""


class FetchFailed(ArticleError):
    """We tried, and the site did not give us the page (network error, timeout, HTTP error).

    `status` is the HTTP status when the site answered with one, and `retry_after` how many
    seconds it asked us to wait (429, 503), so a poller can back off as asked."""

    def __init__(
        self, message: str, *, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class NotAnArticle(ArticleError):
    """We have the page, but there is no article text in it."""
