"""Subscribing and unsubscribing a member, shared by /subscribe, /unsubscribe and every
Subscribe/Unsubscribe button (on show info, articles, and reminders in channels or DMs)."""

from __future__ import annotations

from bot.domain.subscriptions import Delivery
from bot.render import subscriptions as render
from cogs._typing import Interaction


async def server_of(interaction: Interaction, show_id: int) -> int:
    """The server the click is about: where it was pressed, or, for a button on a reminder in
    the member's DMs, the show's own server."""
    if interaction.guild_id is not None:
        return interaction.guild_id
    return await interaction.client.services.shows.server_of(show_id)


async def subscribe(
    interaction: Interaction,
    show_id: int,
    delivery: Delivery | None,
    *,
    news: bool | None = None,
    episodes: bool | None = None,
) -> None:
    """Shared by /subscribe and the button. A click keeps the member's delivery, news and
    episodes choices."""
    services = interaction.client.services
    guild_id = await server_of(interaction, show_id)
    if delivery is None:
        current = await services.shows.details(guild_id, show_id, interaction.user.id)
        mine = current.viewer_subscription
        delivery = mine.delivery if mine else Delivery.CHANNEL
    result = await services.subscriptions.subscribe(
        guild_id, show_id, interaction.user.id, delivery, news=news, episodes=episodes
    )
    settings = await services.settings.get(guild_id)
    text = render.subscribed(
        result.show,
        result.delivery,
        result.change,
        has_channel=settings.announce_channel_id is not None,
        news=result.news,
        episodes=result.episodes,
    )
    await interaction.response.send_message(text, ephemeral=True)


async def unsubscribe(interaction: Interaction, show_id: int) -> None:
    show, removed = await interaction.client.services.subscriptions.unsubscribe(
        await server_of(interaction, show_id), show_id, interaction.user.id
    )
    await interaction.response.send_message(render.unsubscribed(show, removed), ephemeral=True)
