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
    escaped = _escape(cleaned)
    if limit is None or len(escaped) <= limit:
        return escaped
    # Escaping lengthens the text, so cut the words until the escaped form fits the limit.
    while len(escaped) > limit:
        cleaned = cleaned[: max(0, len(cleaned) - (len(escaped) - limit) - 1)]
        escaped = _escape(cleaned.rstrip("\\")) + "…"
    return escaped


def _escape(text: str) -> str:
    # A zero-width space after "<" stops Discord rendering <@id>, <@&id> and <#id> as mentions.
    text = _MENTION.sub(lambda m: f"<\u200b{m.group(1)}{m.group(2)}>", text)
    text = discord.utils.escape_mentions(text)
    return discord.utils.escape_markdown(text, as_needed=False)
