"""How reminders look: the countdown posts, "premiere moved", and the DM fallback note."""

from __future__ import annotations

from datetime import timedelta

import discord
from discord.utils import format_dt

from bot.domain.dates import Precision, format_partial
from bot.domain.reminders import Kind, Reminder, Style
from bot.domain.shows import Show
from bot.render.shows import BRAND, premiere_text, show_line, with_poster
from bot.render.text import safe

ALERT = discord.Colour.from_rgb(245, 166, 35)


def _until(offset: timedelta) -> str:
    seconds = int(offset.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{max(1, seconds // 60)} minutes"


def reminder_embed(show: Show, reminder: Reminder, style: Style) -> discord.Embed:
    if reminder.kind is Kind.MOVED:
        return _moved(show, reminder)
    if style is Style.OFFLINE:
        title = "Premiered while the bot was offline"
    elif reminder.offset:
        title = f"⏰ Premieres in {_until(reminder.offset)}"
    else:
        title = "🎬 Premiering now"
    embed = discord.Embed(title=title, description=show_line(show), colour=BRAND)
    embed.add_field(name="Premiere", value=premiere_text(show), inline=False)
    if style is Style.LATE:
        embed.set_footer(text="This reminder is late: the bot was offline when it was due.")
    return with_poster(embed, show)


def _moved(show: Show, reminder: Reminder) -> discord.Embed:
    was_known = reminder.previous_precision in (Precision.DAY, Precision.TIME)
    embed = discord.Embed(
        title="📅 Premiere moved" if was_known else "📅 Premiere date announced",
        description=show_line(show),
        colour=ALERT,
    )
    if reminder.previous_premiere is not None and reminder.previous_precision is not None:
        if was_known:
            before = format_dt(reminder.previous_premiere, "F")
        else:
            before = format_partial(
                reminder.previous_premiere, reminder.previous_precision, show.timezone
            )
        embed.add_field(name="Was", value=before, inline=False)
    embed.add_field(name="Now", value=premiere_text(show), inline=False)
    embed.set_footer(text="Reminders follow the new date.")
    return with_poster(embed, show)


def dm_fallback_note(user_id: int, show: Show) -> str:
    return (
        f"<@{user_id}> I couldn't send you a direct message about {safe(show.title)}, so I'll "
        "mention you here from now on. Open your DMs and /subscribe again to switch back."
    )
