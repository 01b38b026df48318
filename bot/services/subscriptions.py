"""Members subscribing to shows, and forgetting a member on request."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.db.shows import ShowRepository
from bot.db.subscriptions import SubscriptionRepository
from bot.domain.shows import Show
from bot.domain.subscriptions import Change, Delivery, Subscription
from bot.errors import ShowNotFound


@dataclass(frozen=True, slots=True)
class SubscribeResult:
    show: Show
    delivery: Delivery
    change: Change
    news: bool = False
    episodes: bool = False


class SubscriptionService:
    def __init__(
        self, subscriptions: SubscriptionRepository, shows: ShowRepository, clock: Clock
    ) -> None:
        self._subscriptions = subscriptions
        self._shows = shows
        self._clock = clock

    async def subscribe(
        self,
        guild_id: int,
        show_id: int,
        user_id: int,
        delivery: Delivery = Delivery.CHANNEL,
        *,
        news: bool | None = None,
        episodes: bool | None = None,
    ) -> SubscribeResult:
        """Subscribe a member; `news` or `episodes` None keeps that choice (off for a new one)."""
        show = await self._show(guild_id, show_id)
        change = await self._subscriptions.upsert(
            guild_id, show.id, user_id, delivery, self._clock.now(), news=news, episodes=episodes
        )
        mine = await self._subscriptions.get(guild_id, show.id, user_id)
        return SubscribeResult(
            show,
            delivery,
            change,
            news=bool(mine and mine.news),
            episodes=bool(mine and mine.episodes),
        )

    async def unsubscribe(self, guild_id: int, show_id: int, user_id: int) -> tuple[Show, bool]:
        """The show, and whether there was a subscription to remove."""
        show = await self._show(guild_id, show_id)
        return show, await self._subscriptions.delete(guild_id, show.id, user_id)

    async def of_member(self, guild_id: int, user_id: int) -> list[tuple[Show, Subscription]]:
        """The member's subscriptions in this server with their shows, soonest premiere first."""
        subscriptions = await self._subscriptions.for_member(guild_id, user_id)
        pairs = []
        for subscription in subscriptions:
            show = await self._shows.get(guild_id, subscription.show_id)
            if show is not None:
                pairs.append((show, subscription))
        pairs.sort(key=lambda pair: pair[0].premiere)
        return pairs

    async def subscribed_show_ids(self, guild_id: int, user_id: int) -> set[int]:
        return {s.show_id for s in await self._subscriptions.for_member(guild_id, user_id)}

    async def forget_member(self, guild_id: int, user_id: int) -> tuple[int, int]:
        """Forget this member's subscriptions and Interested marks here; returns how many
        subscriptions and event Interested marks went."""
        return await self._subscriptions.delete_member(guild_id, user_id)

    async def _show(self, guild_id: int, show_id: int) -> Show:
        show = await self._shows.get(guild_id, show_id)
        if show is None:
            raise ShowNotFound
        return show
