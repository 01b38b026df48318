"""How shows look in Discord: embeds built from domain objects, nothing else."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import discord
from discord.utils import format_dt

from bot.domain.dates import Precision, format_partial
from bot.domain.episodes import Announce, Episode
from bot.domain.shows import SeasonOffer, Show
from bot.render.text import safe

if TYPE_CHECKING:
    from bot.services.shows import ShowDetails

SUBSCRIBED_MARK = "🔔"

BRAND = discord.Colour.from_rgb(229, 9, 20)
MUTED = discord.Colour.from_rgb(120, 124, 134)
SHOWS_PER_PAGE = 10


def premiere_text(show: Show) -> str:
    """Discord timestamps when we know the time; the day, month or year in words when that is
    all. A day without a time is stored as the day's start, which a timestamp would show as
    midnight, and as past all through the day itself."""
    if show.precision is Precision.TIME:
        return f"{format_dt(show.premiere, 'F')} ({format_dt(show.premiere, 'R')})"
    words = format_partial(show.premiere, show.precision, show.timezone)
    if show.precision is Precision.DAY:
        return f"{words} (time TBA)"
    return f"{words} (exact date TBA)"


def show_line(show: Show) -> str:
    details = [f"Season {show.season}" if show.season else None, safe(show.network, limit=50)]
    extra = " · ".join(d for d in details if d)
    return f"**{safe(show.title)}**" + (f" · {extra}" if extra else "")


def with_poster(embed: discord.Embed, show: Show) -> discord.Embed:
    """The show's TVmaze poster as the embed's thumbnail, when it has one."""
    if show.poster_url:
        embed.set_thumbnail(url=show.poster_url)
    return embed


def show_added(show: Show) -> discord.Embed:
    embed = discord.Embed(title="Now tracking", description=show_line(show), colour=BRAND)
    embed.add_field(name="Premieres", value=premiere_text(show), inline=False)
    embed.set_footer(text="Members can follow it with /subscribe.")
    return with_poster(embed, show)


def show_added_from_tvmaze(show: Show, *, now: datetime) -> discord.Embed:
    if show.is_upcoming(now):
        embed = show_added(show)
        kept = "if the premiere moves, reminders follow"
    else:
        embed = _now_following(show)
        kept = "if an episode moves, its post follows"
    embed.set_footer(
        text=f"Dates from TVmaze, kept current: {kept}. Members can follow it with /subscribe."
    )
    return embed


def _now_following(show: Show) -> discord.Embed:
    """A season already airing, followed for what is still to come of it."""
    still_to_come = (
        "Each episode still to come"
        if show.announce is Announce.EPISODES
        else "The season finale, when it airs"
    )
    embed = discord.Embed(title="Now following", description=show_line(show), colour=BRAND)
    embed.add_field(name="Premiered", value=premiere_text(show), inline=False)
    embed.add_field(name="Announces", value=still_to_come, inline=False)
    return with_poster(embed, show)


def season_offer(offer: SeasonOffer) -> discord.Embed:
    """TVmaze announced the next season of a tracked show: ask before tracking it."""
    when = (
        format_partial(offer.premiere, offer.precision, offer.timezone)
        if offer.precision in (Precision.MONTH, Precision.YEAR)
        else f"{format_dt(offer.premiere, 'F')} ({format_dt(offer.premiere, 'R')})"
    )
    embed = discord.Embed(
        title=f"Track season {offer.season}?",
        description=(
            f"TVmaze now lists **{safe(offer.title)}** season {offer.season}"
            + (f" on {safe(offer.network, limit=50)}" if offer.network else "")
            + f", premiering {when}."
        ),
        colour=BRAND,
    )
    embed.set_footer(
        text="A manager can track it with the button; subscribers of the earlier season "
        "are carried over."
    )
    return embed


def show_removed(show: Show) -> discord.Embed:
    return discord.Embed(
        title="Stopped tracking",
        description=f"{show_line(show)}\nIts subscriptions were removed too.",
        colour=MUTED,
    )


def show_edited(before: Show, after: Show) -> discord.Embed:
    embed = discord.Embed(title="Show updated", description=show_line(after), colour=BRAND)
    if (before.premiere, before.precision) != (after.premiere, after.precision):
        embed.add_field(name="Premiere was", value=premiere_text(before), inline=False)
        embed.add_field(name="Premiere is now", value=premiere_text(after), inline=False)
    else:
        embed.add_field(name="Premieres", value=premiere_text(after), inline=False)
    if before.announce != after.announce:
        embed.add_field(name="Announces", value=announce_text(after), inline=False)
    if before.label != after.label:
        embed.set_footer(text=f"Was: {before.label}"[:2048])
    return embed


def announce_text(show: Show) -> str:
    """What the server hears of this show."""
    if show.announce is Announce.PREMIERES:
        if show.tvmaze_id is None:
            return "Season premieres (tracked by hand, so its episodes aren't known)"
        return "Season premieres (/show edit announce: for finales or every episode)"
    return show.announce.description.capitalize()


def show_info(details: ShowDetails) -> discord.Embed:
    show = details.show
    embed = discord.Embed(title=safe(show.title, limit=256), colour=BRAND)
    embed.add_field(name="Season", value=str(show.season) if show.season else "—")
    embed.add_field(name="Network", value=safe(show.network) or "—")
    embed.add_field(name="Subscribers", value=str(details.subscribers))
    embed.add_field(name="Premieres", value=premiere_text(show), inline=False)
    embed.add_field(name="Announces", value=announce_text(show), inline=False)
    embed.add_field(
        name="Added",
        value=f"by <@{show.added_by}> {format_dt(show.added_at, 'R')}",
        inline=False,
    )
    if details.viewer_subscription is not None:
        how = "by DM" if details.viewer_subscription.delivery == "dm" else "in the channel"
        embed.set_footer(text=f"You are subscribed ({how}).")
    if show.poster_url:
        embed.set_image(url=show.poster_url)
    return embed


def page_count(total: int) -> int:
    return max(1, -(-total // SHOWS_PER_PAGE))


def show_list(
    shows: Sequence[Show],
    *,
    page: int,
    now: datetime,
    days: int | None = None,
    subscribed: Collection[int] = (),
    airing: Sequence[tuple[Show, Episode]] = (),
) -> discord.Embed:
    """One page of upcoming premieres, soonest first, and under them any `airing`: seasons
    under way that the server follows episode by episode, with what airs next."""
    pages = page_count(len(shows))
    window = f" in the next {days} days" if days is not None else ""
    if not shows:
        embed = discord.Embed(
            title="Upcoming premieres",
            description=f"No premieres{window}. A manager can add one with /show add.",
            colour=MUTED if not airing else BRAND,
        )
        return _with_airing(embed, airing, subscribed)
    start = page * SHOWS_PER_PAGE
    lines = []
    for show in shows[start : start + SHOWS_PER_PAGE]:
        mark = f"{SUBSCRIBED_MARK} " if show.id in subscribed else ""
        announces = "" if show.announce is Announce.PREMIERES else f" · {show.announce.description}"
        lines.append(f"{mark}{show_line(show)}{announces}\n{premiere_text(show)}")
    embed = discord.Embed(
        title=f"Upcoming premieres{window}", description="\n\n".join(lines), colour=BRAND
    )
    legend = f" · {SUBSCRIBED_MARK} you are subscribed" if subscribed else ""
    embed.set_footer(text=f"Page {page + 1} of {pages} · {len(shows)} shows{legend}")
    embed.timestamp = now
    return _with_airing(embed, airing, subscribed)


AIRING_LISTED = 8  # keeps the field within Discord's 1,024 characters


def _with_airing(
    embed: discord.Embed, airing: Sequence[tuple[Show, Episode]], subscribed: Collection[int]
) -> discord.Embed:
    if not airing:
        return embed
    lines = []
    for show, episode in airing[:AIRING_LISTED]:
        mark = f"{SUBSCRIBED_MARK} " if show.id in subscribed else ""
        finale = f" ({episode.finale.value} finale)" if episode.finale is not None else ""
        when = format_dt(episode.airs_at, "R" if episode.has_time else "D")
        lines.append(f"{mark}{show_line(show)}: next {episode.code}{finale} {when}")
    if len(airing) > AIRING_LISTED:
        lines.append(f"…and {len(airing) - AIRING_LISTED} more")
    embed.add_field(name="Airing now", value="\n".join(lines)[:1024], inline=False)
    return embed
