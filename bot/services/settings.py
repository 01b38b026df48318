"""Server settings: where announcements go, who is mentioned, the timezone, reminder offsets."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Protocol

from bot.db.settings import SettingsRepository
from bot.domain.dates import DateParseError, resolve_timezone
from bot.domain.episodes import parse_delay
from bot.domain.settings import (
    THREAD_ARCHIVE_CHOICES,
    WEEKDAYS,
    ArticlesWho,
    OffsetsError,
    ServerSettings,
    parse_clock_time,
    parse_offsets,
)
from bot.errors import InvalidInput, NotDone

log = logging.getLogger(__name__)


class SettingsListener(Protocol):
    """Told after settings that change the plan: the reminder offsets, the episode delay."""

    async def offsets_changed(self, guild_id: int) -> None: ...


class DigestListener(Protocol):
    """Told after a server changes its weekly digest (on, off, or its day and time)."""

    async def digest_changed(self, guild_id: int) -> None: ...


class EventsListener(Protocol):
    """Told after a server turns Discord events for its premieres on or off (or on again)."""

    async def events_switched(self, guild_id: int, enabled: bool) -> None: ...


class SettingsService:
    def __init__(self, settings: SettingsRepository) -> None:
        self._settings = settings
        self.listeners: list[SettingsListener] = []
        self.events_listeners: list[EventsListener] = []
        self.digest_listeners: list[DigestListener] = []

    async def get(self, guild_id: int) -> ServerSettings:
        return await self._settings.get(guild_id)

    async def set_channel(self, guild_id: int, channel_id: int) -> ServerSettings:
        return await self._settings.update(guild_id, announce_channel_id=channel_id)

    async def set_role(self, guild_id: int, role_id: int | None) -> ServerSettings:
        return await self._settings.update(guild_id, mention_role_id=role_id)

    async def set_timezone(self, guild_id: int, name: str) -> ServerSettings:
        updated = await self._settings.update(guild_id, timezone=valid_timezone(name))
        for listener in self.digest_listeners:  # the digest's day and time are local
            await listener.digest_changed(guild_id)
        return updated

    async def set_offsets(self, guild_id: int, text: str) -> ServerSettings:
        try:
            offsets = parse_offsets(text)
        except OffsetsError as exc:
            raise InvalidInput(str(exc)) from None
        before = await self._settings.get(guild_id)
        updated = await self._settings.update(guild_id, reminder_offsets=offsets)
        await self._replan_or_undo(
            guild_id,
            undo={"reminder_offsets": before.reminder_offsets},
            refusal="I couldn't re-plan the reminders, so the offsets were left as they were. "
            "Try again.",
        )
        return updated

    async def _replan_or_undo(
        self, guild_id: int, *, undo: dict[str, object], refusal: str
    ) -> None:
        """Let the plan follow a change already stored. Stored settings that the plan doesn't
        follow would make /settings and /status disagree: when re-planning fails, the old values
        go back, and the plan with them, and the member is told nothing changed."""
        try:
            await self._replan(guild_id)
        except Exception as error:
            log.exception("Re-planning for server %s failed", guild_id)
            await self._settings.update(guild_id, **undo)
            try:
                await self._replan(guild_id)
            except Exception:
                log.exception("Re-planning with the old settings failed too")
            raise NotDone(refusal) from error

    async def _replan(self, guild_id: int) -> None:
        for listener in self.listeners:
            await listener.offsets_changed(guild_id)

    async def set_episodes(
        self, guild_id: int, *, delay: str | None = None, names_hidden: bool | None = None
    ) -> ServerSettings:
        """How episode posts go out: how long after the airtime, and whether names are hidden
        (they can spoil). A new delay moves every planned episode post."""
        if delay is None and names_hidden is None:
            raise InvalidInput("Nothing to change. Give delay, names, or both.")
        before = await self._settings.get(guild_id)
        changes: dict[str, object] = {}
        if delay is not None:
            try:
                changes["episode_delay"] = parse_delay(delay)
            except ValueError as exc:
                raise InvalidInput(str(exc)) from None
        if names_hidden is not None:
            changes["episode_names_hidden"] = names_hidden
        updated = await self._settings.update(guild_id, **changes)
        if updated.episode_delay != before.episode_delay:
            await self._replan_or_undo(
                guild_id,
                undo={"episode_delay": before.episode_delay},
                refusal="I couldn't re-plan the episode posts, so the delay was left as it was. "
                "Try again.",
            )
        return updated

    async def set_threads(
        self, guild_id: int, *, enabled: bool | None = None, archive: str | None = None
    ) -> ServerSettings:
        """Discussion threads on premiere and episode posts, and when they archive."""
        if enabled is None and archive is None:
            raise InvalidInput("Nothing to change. Give enabled, archive, or both.")
        changes: dict[str, object] = {}
        if enabled is not None:
            changes["threads_enabled"] = enabled
        if archive is not None:
            minutes = THREAD_ARCHIVE_CHOICES.get(archive.strip().lower())
            if minutes is None:
                raise InvalidInput(
                    f"Threads archive after {', '.join(THREAD_ARCHIVE_CHOICES)}; "
                    f'"{archive.strip()[:10]}" is not one of them.'
                )
            changes["thread_archive"] = timedelta(minutes=minutes)
        return await self._settings.update(guild_id, **changes)

    async def set_digest(
        self,
        guild_id: int,
        *,
        enabled: bool | None = None,
        day: str | None = None,
        at: str | None = None,
    ) -> ServerSettings:
        """The weekly digest: on or off, and the weekday and time (in the server's timezone)
        it goes out. Giving a day or a time turns it on unless `enabled` says otherwise."""
        if enabled is None and day is None and at is None:
            raise InvalidInput("Nothing to change. Give enabled, day, time, or several.")
        changes: dict[str, object] = {}
        if day is not None:
            wanted = day.strip().lower()
            matches = [i for i, name in enumerate(WEEKDAYS) if name.startswith(wanted[:3])]
            if len(wanted) < 3 or len(matches) != 1 or not WEEKDAYS[matches[0]].startswith(wanted):
                raise InvalidInput(
                    f'"{day.strip()[:12]}" is not a day of the week. Use Monday … Sunday.'
                )
            changes["digest_weekday"] = matches[0]
        if at is not None:
            try:
                changes["digest_time"] = parse_clock_time(at)
            except ValueError as exc:
                raise InvalidInput(str(exc)) from None
        changes["digest_enabled"] = enabled if enabled is not None else True
        updated = await self._settings.update(guild_id, **changes)
        for listener in self.digest_listeners:
            await listener.digest_changed(guild_id)
        return updated

    async def set_articles_who(self, guild_id: int, who: ArticlesWho) -> ServerSettings:
        return await self._settings.update(guild_id, articles_who=who)

    async def set_events(self, guild_id: int, enabled: bool) -> ServerSettings:
        """Listeners hear even when nothing changed: turning events on again is how a server
        retries premieres left without one (say, before the bot had Manage Events)."""
        updated = await self._settings.update(guild_id, scheduled_events=enabled)
        for listener in self.events_listeners:
            await listener.events_switched(guild_id, enabled)
        return updated


def valid_timezone(name: str) -> str:
    """The IANA name for what a member typed ("ET", "europe/london"), or a refusal that
    suggests the closest names."""
    try:
        return resolve_timezone(name).key
    except DateParseError as exc:
        raise InvalidInput(str(exc)) from None
