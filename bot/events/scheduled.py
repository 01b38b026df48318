"""A Discord event for each dated premiere, in servers that want them and where the bot has
Manage Events; and who marked one Interested, whom reminders then mention in the channel.

Discord is called in the background, one server at a time, so a slow or rate-limited Discord
never holds up a command's reply. Each run makes the show's event match the show as it is now,
so changes that pile up are applied once, in order. What fails is written down for /status.
Every request waits its turn at the bot's shared pacer, like every other post of its own.

Who is Interested is asked of Discord (the event's users) when a reminder is about to go out:
discord.py only reports Interested marks of members in its cache, which stays empty without the
privileged members intent, and the event's own list also holds marks made while the bot was away.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

import aiohttp
import discord

from bot.clock import Clock
from bot.db.connection import Database
from bot.db.events import EventRepository
from bot.db.settings import SettingsRepository
from bot.db.shows import ShowRepository
from bot.domain.dates import Precision
from bot.domain.events import EventProblem
from bot.domain.shards import shard_of
from bot.domain.shows import Show
from bot.outbox.sender import Pacer

log = logging.getLogger(__name__)

EVENT_PRECISIONS = (Precision.DAY, Precision.TIME)
EVENT_LENGTH = timedelta(hours=1)
# Discord refuses a start time in the past; leave the request time to get there.
MIN_LEAD = timedelta(minutes=1)
NAME_MAX = 100
LOCATION_MAX = 100
# On close, how long work already promised (a reply said "tracked") may take to finish.
CLOSE_GRACE_SECONDS = 10.0
NO_MANAGE_EVENTS = "I lack the Manage Events permission in this server"


# -------------------------------------------------------------- what the event says


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def event_description(show: Show) -> str:
    where = f" on {show.network}" if show.network else ""
    when = (
        ""
        if show.precision is Precision.TIME
        else " The time isn't announced yet, so the event starts with the day."
    )
    return (
        f"The premiere of {show.label}{where}.{when} Mark yourself Interested to be mentioned "
        "in this server's reminders for it."
    )


@dataclass(frozen=True, slots=True)
class EventDetails:
    """What the show's event says: its name, description, place and times."""

    name: str
    description: str
    location: str
    start: datetime
    end: datetime


def event_details(show: Show) -> EventDetails:
    return EventDetails(
        name=_clip(show.label, NAME_MAX),
        description=event_description(show),
        location=_clip(show.network or "TBA", LOCATION_MAX),
        start=show.premiere,
        end=show.premiere + EVENT_LENGTH,
    )


# -------------------------------------------------------------- keeping events in step


class ScheduledEvents:
    """A ShowListener and an EventsListener: shows and settings change, events follow."""

    def __init__(self, client: discord.Client, db: Database, clock: Clock, pacer: Pacer) -> None:
        self.store = EventRepository(db)
        self._client = client
        self._pacer = pacer
        self._shows = ShowRepository(db)
        self._settings = SettingsRepository(db)
        self._clock = clock
        self._locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._queued: set[tuple[int, int]] = set()
        self._removed: dict[int, str] = {}  # labels of removed shows, for their problems
        self._tasks: set[asyncio.Task[None]] = set()
        self._closing = False

    # -------------------------------------------------------------- what asks for a sync

    async def show_added(self, show: Show) -> None:
        self._queue(show.guild_id, show.id)

    async def show_changed(self, before: Show, after: Show) -> None:
        if event_details(before) != event_details(after):
            self._queue(after.guild_id, after.id)

    async def show_removed(self, show: Show) -> None:
        self._removed[show.id] = show.label
        self._queue(show.guild_id, show.id)

    async def events_switched(self, guild_id: int, enabled: bool) -> None:
        # Old problems are stale either way: switched off they no longer matter, switched on
        # every show is tried again and writes down whatever still fails.
        await self.store.clear_problems(guild_id)
        show_ids = set(await self.store.shows_with_events(guild_id))
        if enabled:
            upcoming = await self._shows.ending_after(guild_id, self._clock.now())
            show_ids |= {s.id for s in upcoming if s.precision in EVENT_PRECISIONS}
        for show_id in sorted(show_ids):
            self._queue(guild_id, show_id)

    # -------------------------------------------------------------- what Discord tells us

    async def refresh_interest(self, guild_id: int, show_id: int) -> None:
        """Ask Discord who is Interested in the show's event now, and keep that; on failure the
        marks already kept stand (a reminder goes out either way)."""
        event_id = await self.store.event_for(show_id)
        if event_id is None or self._closing:
            return
        try:
            guild = await self._guild(guild_id)
            if guild is None:
                return
            event = await self._event(guild, event_id)
            if event is None:
                await self.store.forget(event_id)
                return
            users: list[int] = []
            async for user in event.users(limit=None):
                users.append(user.id)
                if len(users) % 100 == 0:  # each page of 100 is a request of its own
                    await self._pacer.wait()
        except (discord.HTTPException, aiohttp.ClientError, TimeoutError, OSError) as error:
            log.warning("Show %s: couldn't ask who is Interested: %s", show_id, error)
            return
        await self.store.replace_interest(guild_id, event_id, users)

    async def event_deleted(self, event_id: int) -> None:
        """Deleted in Discord (by us, or by a moderator): nobody can be Interested in it any
        more. A later edit of the show makes a new one."""
        if not self._closing:
            await self.store.forget(event_id)

    async def problems(self, guild_id: int) -> list[EventProblem]:
        """The newest failures to keep this server's events in step, for /status."""
        return await self.store.problems(guild_id)

    # -------------------------------------------------------------- lifecycle

    async def idle(self) -> None:
        """Wait until no event work is under way (for tests and the sandbox)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def close(self) -> None:
        """Finish what replies already promised, for a little while, then give up on it."""
        self._closing = True
        if not self._tasks:
            return
        _, late = await asyncio.wait(list(self._tasks), timeout=CLOSE_GRACE_SECONDS)
        for task in late:
            log.warning("Gave up on a Discord event change at shutdown")
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)

    def _queue(self, guild_id: int, show_id: int) -> None:
        key = (guild_id, show_id)
        if self._closing or key in self._queued:
            return  # the run already waiting will see the show as it is by then
        self._queued.add(key)
        task = asyncio.create_task(self._run(key))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, key: tuple[int, int]) -> None:
        guild_id, show_id = key
        async with self._locks[guild_id]:  # one server's events change in the order asked
            self._queued.discard(key)
            try:
                await self._sync(guild_id, show_id)
            except Exception:
                log.exception("Syncing the Discord event of show %s failed", show_id)

    # -------------------------------------------------------------- one show

    async def _sync(self, guild_id: int, show_id: int) -> None:
        show = await self._shows.get(guild_id, show_id)
        label = show.label if show else self._removed.pop(show_id, "a removed show")
        event_id = await self.store.event_for(show_id)
        if show is None or not await self._wanted(show):
            if event_id is None:
                await self.store.clear_problem(show_id)
            else:
                delete = partial(self._delete, event_id)
                await self._attempt("delete", guild_id, show_id, label, delete)
            return
        now = self._clock.now()
        if show.premiere + EVENT_LENGTH <= now or (
            event_id is None and show.premiere - now < MIN_LEAD
        ):
            # Over, or too late to create: Discord refuses a start in the past.
            await self.store.clear_problem(show_id)
        elif event_id is None:
            await self._attempt("create", guild_id, show_id, label, partial(self._create, show))
        else:
            update = partial(self._update, show, event_id)
            await self._attempt("update", guild_id, show_id, label, update)

    async def _wanted(self, show: Show) -> bool:
        if show.precision not in EVENT_PRECISIONS:
            return False
        return (await self._settings.get(show.guild_id)).scheduled_events

    async def _attempt(
        self,
        action: str,
        guild_id: int,
        show_id: int,
        label: str,
        work: Callable[[discord.Guild], Awaitable[None]],
    ) -> None:
        """Do the work, or write down why it couldn't be done."""
        try:
            guild = await self._guild(guild_id)
            reason = self._cannot_manage(guild)
            if guild is not None and reason is None:
                await work(guild)
        except discord.HTTPException as error:
            reason = _refusal(error)
        except (aiohttp.ClientError, TimeoutError, OSError) as error:
            reason = f"I couldn't reach Discord ({error.__class__.__name__})"
        if reason is None:
            await self.store.clear_problem(show_id)
            return
        log.warning("Show %s: couldn't %s its Discord event: %s", show_id, action, reason)
        problem = f"Couldn't {action} its Discord event: {reason}."
        await self.store.note_problem(guild_id, show_id, label, problem, self._clock.now())

    async def _guild(self, guild_id: int) -> discord.Guild | None:
        """The server as this process knows it (its shards' servers are cached), else, for a
        server on another process's shard (a show the TVmaze refresh moved, say), as Discord
        describes it; None when one of this process's own servers is unavailable."""
        guild = self._client.get_guild(guild_id)
        if guild is not None or self._holds(guild_id):
            return guild
        await self._pacer.wait()
        return await self._client.fetch_guild(guild_id, with_counts=False)

    def _holds(self, guild_id: int) -> bool:
        """Whether this process runs the shard that receives the server's events."""
        count = getattr(self._client, "shard_count", None) or 1
        mine = getattr(self._client, "shard_ids", None)
        return mine is None or shard_of(guild_id, count) in mine

    @staticmethod
    def _cannot_manage(guild: discord.Guild | None) -> str | None:
        """Why the bot may not manage events in the server, or None when it may (or can't tell
        before asking: a server described by Discord carries no member list). Asking Discord only
        to be refused would count against the bot's invalid-request limit."""
        if guild is None:
            return "the server is unavailable to me right now"
        me: discord.Member | None = guild.me  # None in a server described by Discord
        if me is None:
            return None  # another process's server: Discord's answer will say
        if not me.guild_permissions.manage_events:
            return NO_MANAGE_EVENTS
        return None

    async def _event(self, guild: discord.Guild, event_id: int) -> discord.ScheduledEvent | None:
        """The event from discord.py's cache (kept by the scheduled events intent), else asked
        of Discord; None when it is gone."""
        event = guild.get_scheduled_event(event_id)
        if event is not None:
            return event
        await self._pacer.wait()
        try:
            return await guild.fetch_scheduled_event(event_id)
        except discord.NotFound:
            return None

    async def _create(self, show: Show, guild: discord.Guild) -> None:
        details = event_details(show)
        await self._pacer.wait()
        if show.premiere - self._clock.now() < MIN_LEAD:
            return  # the wait for a turn (behind a big fan-out, say) made it too late
        event = await guild.create_scheduled_event(
            name=details.name,
            description=details.description,
            start_time=details.start,
            end_time=details.end,
            entity_type=discord.EntityType.external,
            privacy_level=discord.PrivacyLevel.guild_only,
            location=details.location,
        )
        await self.store.remember(show.guild_id, show.id, event.id)

    async def _update(self, show: Show, event_id: int, guild: discord.Guild) -> None:
        # Once the premiere has begun its times stay as they are; Discord won't move a start
        # into the past, nor an event already under way.
        event = await self._event(guild, event_id)
        if event is not None:
            details = event_details(show)
            await self._pacer.wait()
            # Judged after the wait for a turn, which may have taken the start into the past.
            movable = show.premiere - self._clock.now() >= MIN_LEAD
            try:
                if movable:
                    await event.edit(
                        name=details.name,
                        description=details.description,
                        location=details.location,
                        start_time=details.start,
                        end_time=details.end,
                    )
                else:
                    await event.edit(
                        name=details.name,
                        description=details.description,
                        location=details.location,
                    )
                return
            except discord.NotFound:
                pass
        await self.store.forget(event_id)  # deleted in Discord meanwhile: start afresh
        await self._create(show, guild)  # unless that is too late by now

    async def _delete(self, event_id: int, guild: discord.Guild) -> None:
        event = await self._event(guild, event_id)
        if event is not None:
            await self._pacer.wait()
            with contextlib.suppress(discord.NotFound):  # already gone is gone
                await event.delete()
        await self.store.forget(event_id)


def _refusal(error: discord.HTTPException) -> str:
    if isinstance(error, discord.Forbidden):
        return "Discord says I lack permission (Manage Events)"
    detail = f": {error.text[:120]}" if error.text else ""
    return f"Discord refused it ({error.status}{detail})"
