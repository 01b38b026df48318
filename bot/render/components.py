"""Buttons that outlive the process: the custom_id says everything needed to handle a click."""

from __future__ import annotations

import discord

SUBSCRIBE_ID = "show:subscribe:{show_id}"
UNSUBSCRIBE_ID = "show:unsubscribe:{show_id}"
SUBSCRIBE_PATTERN = r"show:subscribe:(?P<show_id>\d+)"
UNSUBSCRIBE_PATTERN = r"show:unsubscribe:(?P<show_id>\d+)"
OFFER_ID = "tvmaze:offer:{offer_id}"
OFFER_PATTERN = r"tvmaze:offer:(?P<offer_id>\d+)"
LIST_PAGE_ID = "shows:page:{page}:{days}"
LIST_PAGE_PATTERN = r"shows:page:(?P<page>\d+):(?P<days>\d+)"

Button = discord.ui.Button[discord.ui.View]


class StaticView(discord.ui.View):
    """Buttons handled by their custom_id alone: clicks reach the dynamic items registered for
    each custom_id pattern, so no view need be kept for the message.

    discord.py stores a sent view (one per message, forever when there is no timeout) only
    while the view is unfinished; this one is finished as soon as it is made. It still sends
    every button it holds. Built inside the running bot, as every view must be."""

    def __init__(self) -> None:
        super().__init__(timeout=None)
        self.stop()


def subscribe_button(show_id: int) -> Button:
    return discord.ui.Button(
        label="Subscribe",
        emoji="🔔",
        style=discord.ButtonStyle.primary,
        custom_id=SUBSCRIBE_ID.format(show_id=show_id),
    )


def unsubscribe_button(show_id: int) -> Button:
    return discord.ui.Button(
        label="Unsubscribe",
        style=discord.ButtonStyle.secondary,
        custom_id=UNSUBSCRIBE_ID.format(show_id=show_id),
    )


def subscription_buttons(show_id: int) -> discord.ui.View:
    view = StaticView()
    view.add_item(subscribe_button(show_id))
    view.add_item(unsubscribe_button(show_id))
    return view


def offer_button(offer_id: int, season: int) -> discord.ui.View:
    view = StaticView()
    view.add_item(
        discord.ui.Button(
            label=f"Track season {season}",
            emoji="📌",
            style=discord.ButtonStyle.primary,
            custom_id=OFFER_ID.format(offer_id=offer_id),
        )
    )
    return view


def list_page_button(page: int, days: int | None, *, label: str, disabled: bool) -> Button:
    return discord.ui.Button(
        label=label,
        disabled=disabled,
        style=discord.ButtonStyle.secondary,
        custom_id=LIST_PAGE_ID.format(page=page, days=days or 0),
    )
