"""What the bot can do, without Discord: one object per area, built over one database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.articles import Fetcher
from bot.clock import Clock
from bot.db.calendars import CalendarRepository
from bot.db.connection import Database
from bot.db.episodes import EpisodeRepository
from bot.db.feeds import FeedRepository
from bot.db.season_offers import SeasonOfferRepository
from bot.db.settings import SettingsRepository
from bot.db.shows import ShowRepository
from bot.db.subscriptions import SubscriptionRepository
from bot.domain.feeds import DEFAULT_INTERVAL
from bot.services.articles import ArticleService
from bot.services.calendars import CalendarService
from bot.services.feeds import FeedService
from bot.services.settings import SettingsService
from bot.services.shows import ShowService
from bot.services.subscriptions import SubscriptionService
from bot.services.tvmaze import TvmazeService
from bot.tvmaze import TvmazeClient


@dataclass(frozen=True, slots=True)
class Services:
    shows: ShowService
    subscriptions: SubscriptionService
    settings: SettingsService
    articles: ArticleService
    feeds: FeedService
    tvmaze: TvmazeService
    calendars: CalendarService

    @classmethod
    def build(
        cls,
        db: Database,
        clock: Clock,
        *,
        tvmaze: TvmazeClient,
        fetcher: Fetcher | None = None,
        feed_interval: timedelta = DEFAULT_INTERVAL,
        public_url: str | None = None,
    ) -> Services:
        shows = ShowRepository(db)
        settings = SettingsRepository(db)
        subscriptions = SubscriptionRepository(db)
        episodes = EpisodeRepository(db)
        show_service = ShowService(shows, settings, subscriptions, clock)
        return cls(
            shows=show_service,
            subscriptions=SubscriptionService(subscriptions, shows, clock, settings),
            settings=SettingsService(settings),
            articles=ArticleService(db, show_service, clock, fetcher=fetcher),
            feeds=FeedService(FeedRepository(db), clock, fetcher=fetcher, interval=feed_interval),
            tvmaze=TvmazeService(
                tvmaze,
                show_service,
                shows,
                SeasonOfferRepository(db),
                subscriptions,
                clock,
                episodes=episodes,
            ),
            calendars=CalendarService(
                CalendarRepository(db), shows, episodes, settings, clock, public_url=public_url
            ),
        )
