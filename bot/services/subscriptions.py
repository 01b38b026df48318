"""Members subscribing to shows, and forgetting a member on request."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.db.settings import SettingsRepository
from bot.db.shows import ShowRepository
from bot.db.subscriptions import SubscriptionRepository
from bot.domain.settings import parse_clock_time
from bot.domain.shows import Show
from bot.domain.subscriptions import Change, Delivery, QuietHours, Subscription
from bot.errors import InvalidInput, ShowNotFound
from bot.services.settings import valid_timezone


@dataclass(frozen=True, slots=True)
class SubscribeResult:
    show: Show
    delivery: Delivery
    change: Change
    news: bool = False
    episodes: bool = False


class SubscriptionService:
    def __init__(
        self,
        subscriptions: SubscriptionRepository,
        shows: ShowRepository,
        clock: Clock,
        settings: SettingsRepository,
    ) -> None:
        self._subscriptions = subscriptions
        self._shows = shows
        self._clock = clock
        self._settings = settings

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

    async def set_quiet_hours(
        self,
        guild_id: int,
        user_id: int,
        *,
        start: str | None,
        end: str | None,
        timezone: str | None,
    ) -> QuietHours | None:
        """A member's quiet hours for direct messages; no start and no end turns them off.
        The timezone is theirs when given, else the server's."""
        if start is None and end is None:
            await self._subscriptions.set_quiet_hours(guild_id, user_id, None)
            return None
        if start is None or end is None:
            raise InvalidInput(
                "Give both start and end (24-hour HH:MM, e.g. start:23:00 end:08:00), or "
                "neither to turn quiet hours off."
            )
        try:
            begins, ends = parse_clock_time(start), parse_clock_time(end)
        except ValueError as exc:
            raise InvalidInput(str(exc)) from None
        if begins == ends:
            raise InvalidInput(
                "Start and end are the same time. Give a span, e.g. start:23:00 end:08:00."
            )
        zone = (
            valid_timezone(timezone) if timezone else (await self._settings.get(guild_id)).timezone
        )
        quiet = QuietHours(begins, ends, zone)
        await self._subscriptions.set_quiet_hours(guild_id, user_id, quiet)
        return quiet

    async def quiet_hours(self, guild_id: int, user_id: int) -> QuietHours | None:
        return await self._subscriptions.quiet_hours(guild_id, user_id)
