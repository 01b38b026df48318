"""The bot: opens the database and services, loads the cogs, syncs, and closes what it opened."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pkgutil
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from importlib.util import find_spec

import discord
import yarl
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from discord.ext import commands

from bot.articles import Fetcher
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.db.connection import Database
from bot.db.feeds import FeedRepository
from bot.db.shows import ShowRepository
from bot.db.subscriptions import SubscriptionRepository
from bot.domain.shows import SeasonOffer
from bot.feeds.news import NewsDesk
from bot.feeds.poller import FeedPoller
from bot.reminders.discord_sender import DiscordSender
from bot.reminders.engine import ReminderEngine
from bot.reminders.events import InterestChange, ScheduledEvents, watch_interest
from bot.render import components
from bot.render import shows as show_render
from bot.services import Services
from bot.sync import SyncResult, sync_commands
from bot.tree import PremiereTree
from bot.tvmaze import TvmazeClient

log = logging.getLogger(__name__)


def discover_extensions(package: str = "cogs") -> list[str]:
    """Every public module in the cogs package, found on disk so the core never imports it."""
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return []
    return sorted(
        f"{package}.{module.name}"
        for module in pkgutil.iter_modules(spec.submodule_search_locations)
        if not module.name.startswith("_")
    )


def point_discord_at(api_base: str, gateway_url: str) -> None:
    """Send discord.py's REST calls and gateway connection to the given server: Discord's own by
    default, or any Discord-compatible server such as the sandbox's double."""
    discord.http.Route.BASE = api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)


def intents() -> discord.Intents:
    chosen = discord.Intents.none()
    chosen.guilds = True  # servers, channels and roles: permission checks and channel lookups
    chosen.guild_scheduled_events = True  # who marks a premiere's event as Interested
    return chosen


# The bot never joins voice; don't warn at every start that voice libraries are missing.
discord.VoiceClient.warn_nacl = False
discord.VoiceClient.warn_dave = False


class PremiereBot(commands.Bot):
    db: Database
    services: Services
    reminders: ReminderEngine
    feeds: FeedPoller
    events: ScheduledEvents
    sync_result: SyncResult | None

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock | None = None,
        extensions: Sequence[str] | None = None,
        article_fetcher: Fetcher | None = None,
        **options: object,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents(),
            tree_cls=PremiereTree,
            help_command=None,
            # Nothing the bot says pings anyone unless a message names who, explicitly.
            allowed_mentions=discord.AllowedMentions.none(),
            **options,  # type: ignore[arg-type]
        )
        self.settings = settings
        self.clock = clock or SystemClock()
        self.article_fetcher = article_fetcher  # tests point it at their own local server
        self.extension_names = list(discover_extensions() if extensions is None else extensions)
        self.sync_result = None
        self._resources = contextlib.AsyncExitStack()
        self._refreshing: asyncio.Task[object] | None = None
        watch_interest(self)

    async def setup_hook(self) -> None:
        self.db = await Database.open(self.settings.database_path)
        self._resources.push_async_callback(self.db.close)
        # Cached answers age by the bot's clock, which the sandbox (and tests) move forward.
        tvmaze = TvmazeClient(
            self.settings.tvmaze_api_base, clock=lambda: self.clock.now().timestamp()
        )
        self._resources.push_async_callback(tvmaze.close)
        self.services = Services.build(
            self.db,
            self.clock,
            tvmaze=tvmaze,
            fetcher=self.article_fetcher,
            feed_interval=timedelta(minutes=self.settings.feed_interval_minutes),
        )
        sender = DiscordSender(self)  # one pacer for everything the bot posts on its own
        self.reminders = ReminderEngine(self.db, self.clock, sender)
        desk = NewsDesk(
            self.services.articles,
            ShowRepository(self.db),
            SubscriptionRepository(self.db),
            sender,
            fetcher=self.article_fetcher,
        )
        self.feeds = FeedPoller(
            FeedRepository(self.db), desk, self.clock, fetcher=self.article_fetcher
        )
        self.services.feeds.listeners.append(self.feeds.feeds_changed)
        self.services.tvmaze.offer_listeners.append(self.post_season_offer)
        self.refresher = AsyncIOScheduler(timezone=UTC)
        self.refresher.add_job(
            self._refresh_tvmaze,
            "interval",
            hours=self.settings.tvmaze_refresh_hours,
            jitter=300,  # many bots refreshing on the hour is what TVmaze's limits are for
            next_run_time=datetime.now(UTC) + timedelta(minutes=2),
            id="tvmaze:refresh",
            coalesce=True,
            max_instances=1,
        )
        self.services.shows.listeners.append(self.reminders)
        self.services.settings.listeners.append(self.reminders)
        self.events = ScheduledEvents(self, self.db, self.clock)
        self.services.shows.listeners.append(self.events)
        self.services.settings.events_listeners.append(self.events)
        for extension in self.extension_names:
            await self.load_extension(extension)
        assert self.application_id is not None
        self.sync_result = await sync_commands(
            self.tree,
            self.db,
            application_id=self.application_id,
            dev_guild_id=self.settings.dev_guild_id,
        )
        # Deliveries need only REST, which works from here on: no need to wait for the gateway.
        await self.reminders.start()
        await self.feeds.start()
        self.refresher.start()

    async def close(self) -> None:
        # Stop sending, then stop taking events, then release the database: nothing may use
        # what is already closed. A reminder cut off mid-send is resumed at the next start.
        try:
            if hasattr(self, "refresher") and self.refresher.running:
                self.refresher.shutdown(wait=False)
            if self._refreshing is not None:  # re-done at the next refresh; nothing is lost
                self._refreshing.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await self._refreshing
            if hasattr(self, "feeds"):
                await self.feeds.stop()
            if hasattr(self, "reminders"):
                await self.reminders.stop()
            if hasattr(self, "events"):
                await self.events.close()  # changes already promised in replies go out first
            await super().close()
        finally:
            await self._resources.aclose()

    async def _refresh_tvmaze(self) -> None:
        self._refreshing = asyncio.current_task()
        try:
            report = await self.services.tvmaze.refresh()
            log.info(
                "TVmaze refresh: %d checked, %d moved, %d offered, problems: %s",
                report.checked,
                len(report.moved),
                len(report.offered),
                report.problems or "none",
            )
        finally:
            self._refreshing = None

    async def post_season_offer(self, offer: SeasonOffer) -> tuple[int, int] | None:
        """Show a server the next season TVmaze announced, in its announcement channel; None
        when it has none yet (the refresh offers it again later)."""
        settings = await self.services.settings.get(offer.guild_id)
        if settings.announce_channel_id is None:
            return None
        channel = self.get_partial_messageable(settings.announce_channel_id)
        message = await channel.send(
            embed=show_render.season_offer(offer),
            view=components.offer_button(offer.id, offer.season),
        )
        return channel.id, message.id

    # Members marking a premiere's event Interested (see watch_interest), and events deleted
    # in Discord, whoever deleted them.
    async def on_raw_event_interest(self, change: InterestChange) -> None:
        await self.events.interest_changed(change)

    async def on_scheduled_event_delete(self, event: discord.ScheduledEvent) -> None:
        await self.events.event_deleted(event.id)
