"""How the server's news feeds look: /feed add's answer, /feed list, and their /status lines."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

import discord
from discord.utils import format_dt

from bot.domain.feeds import Feed
from bot.render.shows import BRAND, MUTED
from bot.render.text import safe

LISTED = 25


LINKED_URL_MAX = 300  # a longer link is named by its site, so the feed's state stays in view


def _name(feed: Feed) -> str:
    title = safe(feed.title, limit=80)
    if len(feed.url) > LINKED_URL_MAX or any(c in feed.url for c in "()<> "):
        return f"**{title}** ({safe(urlsplit(feed.url).hostname or '')})"
    return f"[{title}]({feed.url})"


def _where(feed: Feed) -> str:
    return f"<#{feed.channel_id}>" + (" · tracked shows only" if feed.only_tracked else "")


def feed_state(feed: Feed) -> str:
    if feed.paused_at is not None:
        return (
            f"⏸️ paused {format_dt(feed.paused_at, 'R')}: {safe(feed.last_error or 'failing')}. "
            "Run /feed add with its link again to resume."
        )
    if feed.failures:
        return (
            f"⚠️ failing ({feed.failures} in a row): {safe(feed.last_error or '')}; "
            f"next try {format_dt(feed.next_poll_at, 'R')}"
        )
    checked = format_dt(feed.last_polled_at, "R") if feed.last_polled_at else "not yet"
    posted = f", last post {format_dt(feed.last_posted_at, 'R')}" if feed.last_posted_at else ""
    problem = f"\n⚠️ {safe(feed.last_error)}" if feed.last_error else ""
    return f"checked {checked}{posted}{problem}"


def feed_added(feed: Feed, *, resumed: bool, entries: int) -> str:
    if resumed:
        return (
            f"Resumed {_name(feed)} in {_where(feed)}: it is checked again now. Stories it "
            "listed while paused are not posted if already seen."
        )
    listed = f"It lists {entries} stor{'y' if entries == 1 else 'ies'} now; " if entries else ""
    return (
        f"Following {_name(feed)} in {_where(feed)}. {listed}I'll post what it publishes from "
        f"here on, checking about every {int(feed.interval.total_seconds() // 60)} minutes."
    )


def feed_removed(feed: Feed) -> str:
    return f"Stopped following {_name(feed)}. What it already posted stays."


def feed_list(feeds: Sequence[Feed]) -> discord.Embed:
    if not feeds:
        return discord.Embed(
            title="News feeds",
            description="This server follows no feeds. Add one with /feed add url:<feed link>.",
            colour=MUTED,
        )
    lines = [f"**{_name(f)}** → {_where(f)}\n{feed_state(f)}" for f in feeds[:LISTED]]
    embed = discord.Embed(title="News feeds", description="\n\n".join(lines)[:4000], colour=BRAND)
    if len(feeds) > LISTED:
        embed.set_footer(text=f"and {len(feeds) - LISTED} more")
    return embed


def paused_lines(feeds: Sequence[Feed]) -> list[str]:
    """For /status: each paused feed and why."""
    return [f"Feed {_name(f)}: {feed_state(f)}" for f in feeds]
