"""The bot: opens the database and services, loads the cogs, syncs, and closes what it opened."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pkgutil
import time
from collections.abc import Iterator, Sequence
from datetime import timedelta
from importlib.util import find_spec
from typing import Any

import discord
import yarl
from discord.ext import commands

from bot.articles import Fetcher
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.db.connection import Database, Dialect
from bot.db.feeds import FeedRepository
from bot.db.leases import LeaseRepository
from bot.db.reminders import ReminderRepository
from bot.db.settings import SettingsRepository
from bot.db.shows import ShowRepository
from bot.db.subscriptions import SubscriptionRepository
from bot.domain.shards import IdentifyBuckets, Partition
from bot.events.scheduled import ScheduledEvents
from bot.news.desk import NewsDesk
from bot.news.digest import WeeklyDigest
from bot.news.offers import SeasonOfferDesk
from bot.news.poller import FeedPoller
from bot.outbox.discord_sender import DEFAULT_SEND_RATE, DiscordSender
from bot.outbox.sole import SoleRunner
from bot.outbox.timer import Scheduler
from bot.reminders.engine import ReminderEngine
from bot.services import Services
from bot.sync import SyncResult, sync_commands
from bot.tree import PremiereTree
from bot.tvmaze import TvmazeClient
from bot.web.server import CalendarSite

log = logging.getLogger(__name__)

# The first TVmaze refresh waits a little: a bot restarting in a loop must not hammer TVmaze.
TVMAZE_FIRST_REFRESH = timedelta(minutes=2)


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


# Endpoints of the bots running in this process, oldest first, and what discord.py had before.
_running_endpoints: list[tuple[str, yarl.URL]] = []
_default_endpoints: tuple[str, yarl.URL] | None = None


@contextlib.contextmanager
def discord_endpoints(api_base: str, gateway_url: str) -> Iterator[None]:
    """The one seam into discord.py: aim its REST calls and gateway at `api_base` and
    `gateway_url` (Discord's own, or a Discord-compatible server such as the sandbox's double).

    discord.py has no public setting for either: both are class attributes it reads on every
    request and connection. They are set while a bot runs and put back when it closes; with
    several bots in one process (tests), the newest still running decides."""
    global _default_endpoints
    route, socket = discord.http.Route, discord.gateway.DiscordWebSocket
    if not _running_endpoints:
        _default_endpoints = (route.BASE, socket.DEFAULT_GATEWAY)
    mine = (api_base, yarl.URL(gateway_url))
    _running_endpoints.append(mine)
    route.BASE, socket.DEFAULT_GATEWAY = mine
    try:
        yield
    finally:
        _running_endpoints.remove(mine)
        restored = _running_endpoints[-1] if _running_endpoints else _default_endpoints
        assert restored is not None
        route.BASE, socket.DEFAULT_GATEWAY = restored


class _NoVoiceWarnings(logging.Filter):
    """The bot never joins voice: discord.py's warnings that voice libraries are missing, logged
    when a client is made, say nothing useful about it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "voice will NOT be supported" not in record.getMessage()


_NO_VOICE_WARNINGS = _NoVoiceWarnings()


def intents() -> discord.Intents:
    chosen = discord.Intents.none()
    chosen.guilds = True  # servers, channels and roles: permission checks and channel lookups
    chosen.guild_scheduled_events = True  # who marks a premiere's event as Interested
    return chosen


def shard_options(settings: Settings) -> dict[str, Any]:
    """SHARD_COUNT and SHARD_IDS as discord.py takes them. Without SHARD_COUNT, discord.py asks
    Discord (GET /gateway/bot) how many shards to run, and runs them all."""
    if settings.shard_count is None:
        return {}
    options: dict[str, Any] = {"shard_count": settings.shard_count}
    if settings.shard_ids is not None:
        options["shard_ids"] = list(settings.shard_ids)
    return options


class PremiereBot(commands.AutoShardedBot):
    db: Database
    services: Services
    scheduler: Scheduler
    partition: Partition
    send_rate: float  # messages a second this process posts at: its share of Discord's budget
    sole_runner: SoleRunner
    reminders: ReminderEngine
    feeds: FeedPoller
    digest: WeeklyDigest
    events: ScheduledEvents
    sync_result: SyncResult | None

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock | None = None,
        extensions: Sequence[str] | None = None,
        article_fetcher: Fetcher | None = None,
        **options: Any,
    ) -> None:
        logging.getLogger("discord.client").addFilter(_NO_VOICE_WARNINGS)  # once: it's a set
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents(),
            tree_cls=PremiereTree,
            help_command=None,
            # Nothing the bot says pings anyone unless a message names who, explicitly.
            allowed_mentions=discord.AllowedMentions.none(),
            **shard_options(settings),
            **options,
        )
        self._identify_buckets = IdentifyBuckets()
        self.settings = settings
        self.clock = clock or SystemClock()
        self.article_fetcher = article_fetcher  # tests point it at their own local server
        self.extension_names = list(discover_extensions() if extensions is None else extensions)
        self.sync_result = None
        self._resources = contextlib.AsyncExitStack()

    async def login(self, token: str) -> None:
        # Before login's first request, and undone by close().
        self._resources.enter_context(
            discord_endpoints(self.settings.discord_api_base, self.settings.discord_gateway_url)
        )
        await super().login(token)

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        # discord.py waits five seconds before every shard's IDENTIFY but the first; Discord
        # lets max_concurrency shards identify together, so many shards start that much sooner.
        shard, buckets = shard_id or 0, self._identify_buckets
        if not initial and buckets.max_concurrency is None:
            try:
                buckets.max_concurrency = (await self.fetch_session_start_limits()).max_concurrency
            except discord.GatewayNotFound:
                log.warning("Discord did not say how many shards may start at once: one at a time")
                buckets.max_concurrency = 1
        await asyncio.sleep(buckets.wait_before(shard, time.monotonic()))
        buckets.identified(shard, time.monotonic())

    @property
    def process_shard_ids(self) -> tuple[int, ...]:
        """The shards this process runs: SHARD_IDS, else every one of `shard_count` (which,
        without SHARD_COUNT, is known once the bot has asked Discord, at connect)."""
        if self.shard_ids is not None:
            return tuple(self.shard_ids)
        return tuple(range(self.shard_count or 0))

    async def setup_hook(self) -> None:
        self.db = await Database.open(self.settings.database)
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
            public_url=self.settings.public_url,
        )
        self.scheduler = Scheduler(self.clock)
        # Each server's scheduled work is done by the process that runs its shard; Discord's
        # budget of requests, shared by every process of the bot, is split in the same shares.
        self.partition = Partition.of(self.shard_count, self.shard_ids)
        self.send_rate = self.partition.send_rate(DEFAULT_SEND_RATE)
        sender = DiscordSender(self, send_rate=self.send_rate)  # one pacer for all it posts
        # Work that is no server's is done by one process, chosen through the shared database.
        self.sole_runner = SoleRunner(
            self.scheduler,
            None if self.db.dialect is Dialect.SQLITE else LeaseRepository(self.db),
        )
        self.events = ScheduledEvents(self, self.db, self.clock, sender.pacer)
        self.reminders = ReminderEngine(
            self.db,
            self.clock,
            sender,
            self.scheduler,
            refresh_interest=self.events.refresh_interest,
            partition=self.partition,
        )
        desk = NewsDesk(
            self.services.articles,
            ShowRepository(self.db),
            SubscriptionRepository(self.db),
            sender,
            held=ReminderRepository(self.db, self.partition),
            clock=self.clock,
            fetcher=self.article_fetcher,
        )
        desk.news_held = self.reminders.timer.reschedule
        self.feeds = FeedPoller(
            FeedRepository(self.db, self.partition),
            desk,
            self.clock,
            self.scheduler,
            fetcher=self.article_fetcher,
        )
        self.services.feeds.listeners.append(self.feeds.feeds_changed)
        self.digest = WeeklyDigest(
            self.db,
            self.clock,
            sender,
            self.scheduler,
            entries=self.services.calendars.entries,
            partition=self.partition,
        )
        self.services.settings.digest_listeners.append(self.digest)
        self.services.tvmaze.episode_listeners.append(self.digest.episodes_changed)
        offers = SeasonOfferDesk(SettingsRepository(self.db), sender)
        self.services.tvmaze.offer_poster = offers.post
        self.services.shows.listeners += [self.reminders, self.events]
        self.services.shows.listeners.append(self.digest)  # last: after the plan is made
        self.services.settings.listeners.append(self.reminders)
        self.services.tvmaze.episode_listeners.append(self.reminders.episodes_changed)
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
        self.scheduler.start()
        await self.reminders.start()
        await self.feeds.start()
        await self.digest.start()
        if self.settings.tvmaze_refresh_hours:
            self.sole_runner.every(
                "tvmaze:refresh",
                timedelta(hours=self.settings.tvmaze_refresh_hours),
                self.services.tvmaze.refresh_and_log,
                first=TVMAZE_FIRST_REFRESH,
            )
        await self.sole_runner.start()
        if self.services.calendars.enabled:
            self.calendar_site: CalendarSite | None = CalendarSite(
                self.services.calendars,
                self.clock,
                host=self.settings.web_host,
                port=self.settings.web_port,
            )
            await self.calendar_site.start()
            self._resources.push_async_callback(self.calendar_site.stop)
        else:
            self.calendar_site = None

    async def close(self) -> None:
        # Stop sending, then stop taking events, then release the database: nothing may use
        # what is already closed. A reminder cut off mid-send is resumed at the next start,
        # and a refresh cut off is done again at the next one.
        try:
            if hasattr(self, "scheduler"):
                self.scheduler.shutdown()
            if hasattr(self, "sole_runner"):
                await self.sole_runner.stop()  # another process may take the shared work now
            if hasattr(self, "feeds"):
                await self.feeds.stop()
            if hasattr(self, "digest"):
                await self.digest.stop()
            if hasattr(self, "reminders"):
                await self.reminders.stop()
            if hasattr(self, "events"):
                await self.events.close()  # changes already promised in replies go out first
            await super().close()
        finally:
            await self._resources.aclose()

    # Events deleted in Discord, whoever deleted them: nobody can be Interested in them now.
    async def on_scheduled_event_delete(self, event: discord.ScheduledEvent) -> None:
        await self.events.event_deleted(event.id)
