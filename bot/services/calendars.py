"""Each server's calendar behind a secret link: /calendar link and reset, and what the web
server shows for a secret. No Discord, no HTTP."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import timedelta

from bot.clock import Clock
from bot.db.calendars import Calendar, CalendarRepository
from bot.db.episodes import EpisodeRepository
from bot.db.settings import SettingsRepository
from bot.db.shows import ShowRepository
from bot.domain.calendar import CALENDAR_PAST, CalendarEntry, calendar_entries
from bot.domain.episodes import Announce, Episode
from bot.errors import InvalidInput

SECRET_BYTES = 24  # 192 random bits, written in 32 URL-safe characters
# What a secret may look like in a request: anything else is not even looked up.
SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
ONE_DAY = timedelta(days=1)
CALENDARS_OFF = (
    "Calendars are off on this bot: its owner turns them on by setting PUBLIC_URL (the address "
    "people reach the bot's web server at) and restarting it."
)


@dataclass(frozen=True, slots=True)
class CalendarLinks:
    page: str  # https://…/c/<secret>
    feed: str  # https://…/c/<secret>.ics
    webcal: str  # webcal://…/c/<secret>.ics: calendar apps subscribe to it in one click


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class CalendarService:
    def __init__(
        self,
        calendars: CalendarRepository,
        shows: ShowRepository,
        episodes: EpisodeRepository,
        settings: SettingsRepository,
        clock: Clock,
        *,
        public_url: str | None,
    ) -> None:
        self._calendars = calendars
        self._shows = shows
        self._episodes = episodes
        self._settings = settings
        self._clock = clock
        self.public_url = public_url.rstrip("/") if public_url else None

    @property
    def enabled(self) -> bool:
        return self.public_url is not None

    async def link(self, guild_id: int, guild_name: str) -> CalendarLinks:
        """The server's links, made on first use."""
        self._refuse_when_off()
        secret = secrets.token_urlsafe(SECRET_BYTES)
        calendar = await self._calendars.create(
            guild_id, secret, digest_of(secret), guild_name, self._clock.now()
        )
        return self._links(calendar)

    async def reset(self, guild_id: int, guild_name: str) -> CalendarLinks:
        """A new secret: the old links stop working at once."""
        self._refuse_when_off()
        secret = secrets.token_urlsafe(SECRET_BYTES)
        calendar = await self._calendars.replace_secret(
            guild_id, secret, digest_of(secret), guild_name, self._clock.now()
        )
        return self._links(calendar)

    async def open(self, secret: str) -> Calendar | None:
        """The calendar a secret opens; None for any other string. The row is found by the
        secret's digest and the secret itself compared in constant time."""
        if not SECRET_SHAPE.match(secret):
            return None
        calendar = await self._calendars.by_digest(digest_of(secret))
        if calendar is None or not hmac.compare_digest(calendar.secret, secret):
            return None
        return calendar

    async def entries(
        self, guild_id: int, *, show_ids: Collection[int] | None = None
    ) -> list[CalendarEntry]:
        """The server's premieres and announced episodes from a month ago on, soonest first;
        only `show_ids` (of this server) when given."""
        now = self._clock.now()
        shows = [
            s
            # A dated premiere's window is a day at most: one that began a day before the
            # calendar's reach may still be in it.
            for s in await self._shows.ending_after(guild_id, now - CALENDAR_PAST - ONE_DAY)
            if show_ids is None or s.id in show_ids
        ]
        # A season airing its episodes started before the window: its show is still here.
        followed = {s.id for s in shows}
        shows += [
            s
            for s in await self._shows.following_episodes(guild_id=guild_id)
            if s.id not in followed and (show_ids is None or s.id in show_ids)
        ]
        wanted = [
            (s.tvmaze_id, s.season)
            for s in shows
            if s.tvmaze_id is not None
            and s.season is not None
            and s.announce is not Announce.PREMIERES
        ]
        by_season: dict[tuple[int, int], list[Episode]] = {}
        for episode in await self._episodes.of_seasons(wanted):
            by_season.setdefault((episode.tvmaze_show_id, episode.season), []).append(episode)
        settings = await self._settings.get(guild_id)
        return calendar_entries(
            shows, by_season, now=now, names_hidden=settings.episode_names_hidden
        )

    def _links(self, calendar: Calendar) -> CalendarLinks:
        assert self.public_url is not None
        page = f"{self.public_url}/c/{calendar.secret}"
        feed = f"{page}.ics"
        return CalendarLinks(page, feed, "webcal://" + feed.split("://", 1)[1])

    def _refuse_when_off(self) -> None:
        if not self.enabled:
            raise InvalidInput(CALENDARS_OFF)
