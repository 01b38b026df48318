"""A next season TVmaze announced, offered to the server in its announcement channel."""

from __future__ import annotations

from bot.db.settings import SettingsRepository
from bot.domain.shows import SeasonOffer
from bot.outbox.sender import Sender
from bot.render import components
from bot.render import shows as render
from bot.services.once import Placed


class SeasonOfferDesk:
    def __init__(self, settings: SettingsRepository, sender: Sender) -> None:
        self._settings = settings
        self._sender = sender

    async def post(self, offer: SeasonOffer) -> Placed | None:
        """Post the offer with its Track button; None when the server has no announcement
        channel yet (the refresh offers it again later)."""
        channel_id = (await self._settings.get(offer.guild_id)).announce_channel_id
        if channel_id is None:
            return None
        message_id = await self._sender.to_channel(
            channel_id,
            content="",
            embed=render.season_offer(offer),
            view=components.offer_button(offer.id, offer.season),
            role_id=None,
            user_ids=(),
            nonce=f"offer{offer.id}",
        )
        return Placed(channel_id, message_id)
