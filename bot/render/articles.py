"""How premiere news looks: the summary embed with its facts, Track and Subscribe buttons."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

import discord
from discord.utils import format_dt

from bot.articles import Article, PremiereFacts
from bot.domain.dates import Precision, format_partial
from bot.domain.shows import Show
from bot.render.components import StaticView
from bot.render.shows import BRAND, premiere_text, show_line
from bot.render.text import safe
from bot.services.articles import PREVIEWS_PER_HOUR, SHARES_PER_HOUR, unsure_fields

TRACK_ID = "article:track:{article_id}"
TRACK_PATTERN = r"article:track:(?P<article_id>\d+)"
SUBSCRIBE_ID = "article:subscribe:{article_id}"
SUBSCRIBE_PATTERN = r"article:subscribe:(?P<article_id>\d+)"
UPDATE_ID = "article:update:{article_id}"
UPDATE_PATTERN = r"article:update:(?P<article_id>\d+)"
UNSURE = " *(unsure)*"
OTHERS_SHOWN = 5
MANAGERS_ONLY_PREVIEW = (
    "This server lets only managers post news publicly, so here is a private preview. "
    "Nothing was posted in the channel."
)


def shared_by(member_id: int) -> str:
    """The line above a member's shared story; sent with mentions that ping nobody."""
    return f"Shared by <@{member_id}>"


def sharing_limit_text(retry_at: datetime) -> str:
    return (
        f"You have shared {SHARES_PER_HOUR} articles in this server in the last hour, the most "
        f"allowed. You can post again {format_dt(retry_at, 'R')}. Nothing was posted."
    )


def preview_limit_text(retry_at: datetime) -> str:
    return (
        f"You have asked for {PREVIEWS_PER_HOUR} article previews in this server in the last "
        f"hour, the most allowed. You can ask again {format_dt(retry_at, 'R')}."
    )


def facts_premiere(facts: PremiereFacts) -> str:
    if facts.premiere is None:
        return "not announced"
    precision = facts.premiere_precision or Precision.DAY
    if precision in (Precision.MONTH, Precision.YEAR):
        return format_partial(facts.premiere, precision, facts.timezone or "UTC")
    return f"{format_dt(facts.premiere, 'F')} ({format_dt(facts.premiere, 'R')})"


def _summary_text(summary: str) -> str:
    # Article text may carry mentions or markdown, but the summary's own spoiler tags stay.
    pieces = summary.split("||")
    return "||".join(safe(p) if p.strip() else p for p in pieces)[:4000]


def article_embed(article: Article, *, tracked: Show | None = None) -> discord.Embed:
    embed = discord.Embed(
        title=safe(article.title, limit=256) or "Premiere news",
        url=article.url or None,
        description=_summary_text(article.summary),
        colour=BRAND,
    )
    facts = article.facts
    if facts is not None:
        unsure = unsure_fields(facts)

        def mark(field: str) -> str:
            return UNSURE if field in unsure else ""

        embed.add_field(name="Show", value=(safe(facts.show) or "—") + mark("show"))
        embed.add_field(
            name="Season", value=(str(facts.season) if facts.season else "—") + mark("season")
        )
        embed.add_field(name="Network", value=(safe(facts.network) or "—") + mark("network"))
        embed.add_field(
            name="Premieres", value=facts_premiere(facts) + mark("premiere"), inline=False
        )
    if tracked is not None:
        embed.add_field(
            name="Tracked here",
            value=f"{show_line(tracked)}\n{premiere_text(tracked)}",
            inline=False,
        )
    others = [f for f in article.other_premieres if f.show][:OTHERS_SHOWN]
    if others:
        lines = [
            f"**{safe(f.show)}**"
            + (f" · Season {f.season}" if f.season else "")
            + f" — {facts_premiere(f)}"
            for f in others
        ]
        embed.add_field(name="Also announced", value="\n".join(lines)[:1024], inline=False)
    footer = [urlsplit(article.url).hostname or "" if article.url else "pasted text"]
    if article.published:
        footer.append(f"published {article.published:%B %-d, %Y}")
    embed.set_footer(text=" · ".join(p for p in footer if p))
    return embed


def article_buttons(article_id: int, *, about_a_show: bool) -> discord.ui.View | None:
    """Track and Subscribe for a piece about a show found with confidence; none for a piece
    that names no show (there is nothing to track or follow)."""
    if not about_a_show:
        return None
    view = StaticView()
    view.add_item(
        discord.ui.Button(
            label="Track",
            emoji="📌",
            style=discord.ButtonStyle.primary,
            custom_id=TRACK_ID.format(article_id=article_id),
        )
    )
    view.add_item(
        discord.ui.Button(
            label="Subscribe",
            emoji="🔔",
            style=discord.ButtonStyle.secondary,
            custom_id=SUBSCRIBE_ID.format(article_id=article_id),
        )
    )
    return view


def update_button(article_id: int) -> discord.ui.View:
    view = StaticView()
    view.add_item(
        discord.ui.Button(
            label="Update the premiere",
            style=discord.ButtonStyle.primary,
            custom_id=UPDATE_ID.format(article_id=article_id),
        )
    )
    return view
