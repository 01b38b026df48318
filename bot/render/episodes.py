"""How episode posts look: one episode, a drop of several, a finale, or what aired while the bot
was offline; and the episodes a season premiere's own post names."""

from __future__ import annotations

from collections.abc import Sequence

import discord
from discord.utils import format_dt

from bot.domain.episodes import Episode, Finale
from bot.domain.reminders import Style
from bot.domain.shows import Show
from bot.render.shows import BRAND, show_line, with_poster
from bot.render.text import safe

LISTED = 10  # episodes named in one post; a longer drop says how many more
NAME_LIMIT = 80


def episode_line(episode: Episode, *, names_hidden: bool) -> str:
    """ "S2·E3 — The Long Night", the name in spoiler tags when the server hides names."""
    name = safe(episode.name, limit=NAME_LIMIT)
    line = episode.code
    if name:
        line += f" — {f'||{name}||' if names_hidden else name}"
    if episode.finale is not None:
        line += f" · {episode.finale.value} finale"
    return line


def episode_lines(episodes: Sequence[Episode], *, names_hidden: bool) -> str:
    lines = [episode_line(e, names_hidden=names_hidden) for e in episodes[:LISTED]]
    if len(episodes) > LISTED:
        lines.append(f"…and {len(episodes) - LISTED} more")
    return "\n".join(lines)


def aired_text(episode: Episode) -> str:
    if episode.has_time:
        return f"{format_dt(episode.airs_at, 'F')} ({format_dt(episode.airs_at, 'R')})"
    return format_dt(episode.airs_at, "D")


def _title(episodes: Sequence[Episode], style: Style) -> str:
    if style is Style.OFFLINE:
        return "📺 Aired while the bot was offline"
    if len(episodes) > 1:  # a drop: its lines say which one is a finale
        return f"📺 {len(episodes)} episodes are out"
    if episodes[0].finale is Finale.SERIES:
        return "🏁 Series finale"
    if episodes[0].finale is Finale.SEASON:
        return "🏁 Season finale"
    return "📺 New episode"


def episode_embed(
    show: Show, episodes: Sequence[Episode], style: Style, *, names_hidden: bool
) -> discord.Embed:
    """The post for `episodes` (at least one) of `show`, in airing order."""
    embed = discord.Embed(title=_title(episodes, style), description=show_line(show), colour=BRAND)
    embed.add_field(
        name="Episodes" if len(episodes) > 1 else "Episode",
        value=episode_lines(episodes, names_hidden=names_hidden),
        inline=False,
    )
    embed.add_field(name="Aired", value=aired_text(episodes[-1]), inline=False)
    if style is Style.LATE:
        embed.set_footer(text="This post is late: the bot was offline when it was due.")
    return with_poster(embed, show)


def add_opening_episodes(
    embed: discord.Embed, opening: Sequence[Episode], *, names_hidden: bool
) -> None:
    """A season premiere's post names its first episode (or the whole drop) itself."""
    if not opening:
        return
    embed.add_field(
        name=f"{len(opening)} episodes are out" if len(opening) > 1 else "Episode",
        value=episode_lines(opening, names_hidden=names_hidden),
        inline=False,
    )
