"""How subscriptions look: confirmations and a member's own list."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.domain.episodes import Announce
from bot.domain.shows import Show
from bot.domain.subscriptions import Change, Delivery, QuietHours, Subscription
from bot.render.shows import BRAND, MUTED, premiere_text, show_line
from bot.render.text import safe

DELIVERY_WORDS = {
    Delivery.CHANNEL: "mentioned in the server's premiere posts",
    Delivery.DM: "sent a direct message",
}


def subscribed(
    show: Show,
    delivery: Delivery,
    change: Change,
    *,
    has_channel: bool,
    news: bool = False,
    episodes: bool = False,
) -> str:
    name = f"**{safe(show.label)}**"
    how = DELIVERY_WORDS[delivery]
    extras = [
        what
        for wanted, what in (
            (news, "premiere news"),
            (episodes, _episode_words(show.announce)),
        )
        if wanted
    ]
    if extras:
        how += f", for {' and '.join(extras)} as well as reminders"
    if change is Change.UNCHANGED:
        text = f"You were already subscribed to {name}; you'll be {how}. Nothing changed."
    elif change is Change.UPDATED:
        text = f"Updated: for {name} you'll now be {how}."
    else:
        text = f"Subscribed to {name}: you'll be {how} before it premieres."
    if episodes and show.announce is Announce.PREMIERES:
        text += (
            "\nThis server announces only this show's premieres for now; you'll hear of its "
            "episodes once a manager runs /show edit announce:episodes (or finales)."
        )
    if delivery is Delivery.CHANNEL and not has_channel:
        text += (
            "\nThis server has no announcement channel yet, so nothing is posted until an "
            "admin runs /settings channel. Choose delivery:dm to be told by direct message."
        )
    return text


def unsubscribed(show: Show, was_subscribed: bool) -> str:
    name = f"**{safe(show.label)}**"
    if not was_subscribed:
        return f"You weren't subscribed to {name}, so there was nothing to remove."
    return f"Unsubscribed from {name}. You won't be reminded about it."


def member_subscriptions(
    pairs: Sequence[tuple[Show, Subscription]], *, quiet: QuietHours | None = None
) -> discord.Embed:
    if not pairs:
        embed = discord.Embed(
            title="Your subscriptions",
            description="You aren't subscribed to anything here. Try /subscribe or /show list.",
            colour=MUTED,
        )
    else:
        lines = [
            f"{show_line(show)} — {_how(sub)}\n{premiere_text(show)}" for show, sub in pairs[:25]
        ]
        embed = discord.Embed(
            title="Your subscriptions", description="\n\n".join(lines), colour=BRAND
        )
    notes = [f"and {len(pairs) - 25} more"] if len(pairs) > 25 else []
    if quiet is not None:
        notes.append(f"Quiet hours {_span(quiet)}: direct messages wait until they end")
    if notes:
        embed.set_footer(text=" · ".join(notes))
    return embed


def _span(quiet: QuietHours) -> str:
    return f"{quiet.start:%H:%M}–{quiet.end:%H:%M} ({quiet.timezone})"


def quiet_hours(quiet: QuietHours | None) -> str:
    if quiet is None:
        return "Quiet hours are off: direct messages arrive when they are due."
    return (
        f"Quiet hours: {_span(quiet)}. Direct messages due then wait until "
        f"{quiet.end:%H:%M} and arrive together in one message. Channel posts are not affected."
    )


def _episode_words(announce: Announce) -> str:
    return "season finales" if announce is Announce.FINALES else "every episode"


def _how(subscription: Subscription) -> str:
    news = (" · news too" if subscription.news else "") + (
        " · episodes too" if subscription.episodes else ""
    )
    if subscription.delivery is Delivery.CHANNEL:
        return "channel" + news
    if subscription.dm_blocked:
        return (
            "DM (your DMs were closed, so you're mentioned in the channel; /subscribe again)" + news
        )
    return "DM" + news


def forgotten(subscriptions: int, interests: int) -> str:
    if not subscriptions and not interests:
        return "There was nothing stored about you in this server."
    parts = []
    if subscriptions:
        parts.append(f"your {subscriptions} subscription{'s' if subscriptions != 1 else ''}")
    if interests:
        parts.append(f"the bot's copy of {interests} event Interested mark{'s' * (interests != 1)}")
    done = f"Done: deleted {' and '.join(parts)}. Nothing else about you is stored here."
    if interests:
        # The marks themselves are Discord's: reminders read them again before they go out.
        done += (
            " Your Interested marks on this server's premiere events still count: unmark them "
            "in the server's Events to stop those reminders mentioning you."
        )
    return done
