"""A made-up TV news site on 127.0.0.1 for the sandbox: an RSS feed and the stories it links to.

Stories come out as sandbox time passes (each has its own publication time, measured from when
the sandbox started), so a feed followed with /feed add has something new to post once the
clock is moved on with :advance. Most announce premieres of the sandbox TVmaze's made-up shows;
one announces nothing. Every sentence here is invented for the sandbox.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import format_datetime

from aiohttp import web

SITE_NAME = "Sandbox Screen News"
FEED_PATH = "/rss.xml"
# Tried first, so a feed the sandbox database remembers from an earlier run still answers;
# when something else holds it, any free port will do for this run.
PREFERRED_PORT = 8737


@dataclass(frozen=True, slots=True)
class Story:
    slug: str
    headline: str
    paragraphs: tuple[str, ...]
    published: datetime


def sandbox_stories(start: datetime) -> list[Story]:
    """The site's stories, dated from `start` (the sandbox's now when it starts)."""
    today = start.date()

    def on(days: int) -> str:
        day = date.fromordinal(today.toordinal() + days)
        return f"{day:%B} {day.day}, {day.year}"

    return [
        Story(
            "long-summer-renewed",
            "The Long Summer Renewed at Apple TV+",
            (
                "Apple TV+ has ordered more of The Long Summer, its coastal drama about three "
                "sisters running a failing hotel.",
                "No premiere date has been set for the new episodes.",
            ),
            start - timedelta(days=1),
        ),
        Story(
            "quiet-valley-season-4-date",
            "HBO Sets a Date for Quiet Valley Season 4",
            (
                f"Quiet Valley season 4 premieres on HBO on {on(12)} at 9 p.m. ET.",
                "The fourth season picks up a year after the flood, with the town council "
                "split over whether to rebuild the old mill.",
            ),
            start + timedelta(minutes=30),
        ),
        Story(
            "harbor-lights-season-3",
            "Harbor Lights Returns to Netflix for Season 3",
            (
                f"Netflix will release all eight episodes of Harbor Lights season 3 on {on(30)}.",
                "The new season follows the harbour master's daughter as she takes over the "
                "family's ferry line.",
            ),
            start + timedelta(hours=3),
        ),
        Story(
            "ember-crown-season-3",
            "Ember Crown Season 3 Gets Its Premiere Date",
            (
                f"Ember Crown season 3 premieres on HBO on {on(16)} at 9 p.m.",
                "A half-hour special looking back at the first two seasons airs the week before.",
            ),
            start + timedelta(days=1),
        ),
        Story(
            "night-shift-writers-room",
            "Inside the Night Shift Writers' Room",
            (
                "The writers of Night Shift say they keep a whiteboard of every patient the "
                "show has ever treated, and argue over it weekly.",
                "Their favourite episodes, they say, are the quiet ones where nobody is saved.",
            ),
            start + timedelta(days=2),
        ),
    ]


class NewsSite:
    """The site: `/` (a page naming the feed), `/rss.xml`, and `/stories/{slug}`."""

    def __init__(self, now: Callable[[], datetime]) -> None:
        self.now = now
        self.stories = sandbox_stories(now())
        self.port = 0
        self._runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def feed_url(self) -> str:
        return self.base_url + FEED_PATH

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/", self._home)
        app.router.add_get(FEED_PATH, self._feed)
        app.router.add_get("/stories/{slug}", self._story)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        try:
            await web.TCPSite(self._runner, "127.0.0.1", PREFERRED_PORT).start()
        except OSError:
            await self._runner.cleanup()  # forget the site that could not listen
            await self._runner.setup()
            await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def published(self) -> list[Story]:
        """The stories out by the sandbox's now, newest first (as feeds list them)."""
        now = self.now()
        out = [s for s in self.stories if s.published <= now]
        return sorted(out, key=lambda s: s.published, reverse=True)

    def render_feed(self) -> bytes:
        items = []
        for story in self.published():
            link = f"{self.base_url}/stories/{story.slug}"
            items.append(
                "<item>"
                f"<title>{html.escape(story.headline)}</title>"
                f"<link>{link}</link>"
                f'<guid isPermaLink="false">sandbox-news-{story.slug}</guid>'
                f"<pubDate>{format_datetime(story.published)}</pubDate>"
                f"<description>{html.escape(story.paragraphs[0])}</description>"
                "</item>"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{SITE_NAME}</title><link>{self.base_url}/</link>"
            "<description>Made-up TV news for the sandbox</description>"
            f"{''.join(items)}</channel></rss>"
        ).encode()

    async def _feed(self, request: web.Request) -> web.Response:
        body = self.render_feed()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(
            body=body,
            headers={"Content-Type": "application/rss+xml; charset=utf-8", "ETag": etag},
        )

    async def _story(self, request: web.Request) -> web.Response:
        slug = request.match_info["slug"]
        story = next((s for s in self.published() if s.slug == slug), None)
        if story is None:
            raise web.HTTPNotFound()
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in story.paragraphs)
        page = (
            f"<!doctype html><html><head><title>{html.escape(story.headline)}</title>"
            f'<meta property="article:published_time" content="{story.published.isoformat()}">'
            f"</head><body><article><h1>{html.escape(story.headline)}</h1>"
            f"{paragraphs}</article></body></html>"
        )
        return web.Response(text=page, content_type="text/html", charset="utf-8")

    async def _home(self, request: web.Request) -> web.Response:
        page = (
            f"<!doctype html><html><head><title>{SITE_NAME}</title>"
            f'<link rel="alternate" type="application/rss+xml" href="{FEED_PATH}">'
            f"</head><body><h1>{SITE_NAME}</h1><p>Its feed: {self.feed_url}</p></body></html>"
        )
        return web.Response(text=page, content_type="text/html", charset="utf-8")
