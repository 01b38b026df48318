"""Making user text harmless to show: no pings, no fake links or formatting, no control chars."""

from __future__ import annotations

import re

import discord

from bot.domain.shows import clean_text

_MENTION = re.compile(r"<(@[!&]?|#)(\d+)>")


def safe(text: str | None, *, limit: int | None = None) -> str:
    """User text as plain words: mentions, @everyone, markdown and links cannot act."""
    if not text:
        return ""
    cleaned = clean_text(text)
    if limit is not None and len(cleaned) > limit:
        cleaned = cleaned[: limit - 1] + "…"
    # A zero-width space after "<" stops Discord rendering <@id>, <@&id> and <#id> as mentions.
    cleaned = _MENTION.sub(lambda m: f"<\u200b{m.group(1)}{m.group(2)}>", cleaned)
    cleaned = discord.utils.escape_mentions(cleaned)
    return discord.utils.escape_markdown(cleaned, as_needed=False)
