"""What the bot can do, without Discord: one object per area, built over one database."""

from __future__ import annotations

from dataclasses import dataclass

from bot.articles import Fetcher
from bot.clock import Clock
from bot.db.connection import Database
from bot.db.settings import SettingsRepository
from bot.db.shows import ShowRepository
from bot.db.subscriptions import SubscriptionRepository
from bot.services.articles import ArticleService
from bot.services.settings import SettingsService
from bot.services.shows import ShowService
from bot.services.subscriptions import SubscriptionService


@dataclass(frozen=True, slots=True)
class Services:
    shows: ShowService
    subscriptions: SubscriptionService
    settings: SettingsService
    articles: ArticleService

    @classmethod
    def build(cls, db: Database, clock: Clock, *, fetcher: Fetcher | None = None) -> Services:
        shows = ShowRepository(db)
        settings = SettingsRepository(db)
        subscriptions = SubscriptionRepository(db)
        show_service = ShowService(shows, settings, subscriptions, clock)
        return cls(
            shows=show_service,
            subscriptions=SubscriptionService(subscriptions, shows, clock),
            settings=SettingsService(settings),
            articles=ArticleService(db, show_service, clock, fetcher=fetcher),
        )
