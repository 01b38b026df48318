"""A news feed a server follows, and the pure rules for when to check it next."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

DEFAULT_INTERVAL = timedelta(minutes=15)
JITTER = 0.1  # each check lands within ±10% of the interval, so feeds never poll in lockstep
MAX_BACKOFF = timedelta(hours=6)
PAUSE_AFTER_FAILURES = 5  # in a row: about 8 hours of failing at the default interval
MAX_FEEDS_PER_SERVER = 50
TITLE_MAX = 200


@dataclass(frozen=True, slots=True)
class Feed:
    id: int
    guild_id: int
    url: str
    title: str
    channel_id: int
    only_tracked: bool
    added_by: int
    added_at: datetime
    interval: timedelta
    next_poll_at: datetime
    etag: str | None
    last_modified: str | None
    last_polled_at: datetime | None
    last_posted_at: datetime | None
    failures: int  # in a row
    last_error: str | None
    paused_at: datetime | None

    @property
    def paused(self) -> bool:
        return self.paused_at is not None


def feed_key(url: str) -> str:
    """One spelling per feed, to follow it once per server: http and https alike, the host in
    lower case, no default port, trailing slash or utm_* campaign tags. Other parameters stay:
    they often choose the feed (?category=tv). Raises ValueError for what is not a web link."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not a web link: {url!r}")
    port = parts.port  # raises ValueError when out of range
    netloc = parts.hostname.rstrip(".") + (f":{port}" if port not in (None, 80, 443) else "")
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not name.lower().startswith("utm_")
    ]
    return urlunsplit(("", netloc, parts.path.rstrip("/"), urlencode(query), "")).lstrip("/")


def next_check(now: datetime, interval: timedelta, rng: random.Random) -> datetime:
    """When a healthy feed is checked next: one interval on, give or take the jitter."""
    return now + interval * rng.uniform(1 - JITTER, 1 + JITTER)


def retry_after_failure(
    now: datetime,
    interval: timedelta,
    failures: int,
    rng: random.Random,
    *,
    retry_after: float | None = None,
) -> datetime:
    """When a failing feed is tried again: the interval doubled for each failure in a row
    (capped), and never sooner than the site asked (Retry-After)."""
    doubling: int = 2 ** max(failures - 1, 0)
    wait = min(interval * doubling, MAX_BACKOFF)
    if retry_after is not None:
        wait = max(wait, min(timedelta(seconds=retry_after), MAX_BACKOFF))
    stretch: float = rng.uniform(1, 1 + JITTER)
    return now + wait * stretch


def should_pause(failures: int) -> bool:
    return failures >= PAUSE_AFTER_FAILURES
