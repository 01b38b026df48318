"""Tracking shows: validation and storage, no Discord. Every refusal is a UserError whose text
names the problem and says what to do instead."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from bot.clock import Clock
from bot.db.settings import SettingsRepository
from bot.db.shows import NewShow, ShowRepository
from bot.db.subscriptions import SubscriptionRepository
from bot.domain import search
from bot.domain.dates import DateParseError, ParsedDate, Precision, parse_premiere, zone_for
from bot.domain.episodes import Announce
from bot.domain.shows import NETWORK_MAX, SEASON_MAX, TITLE_MAX, Show, clean_text, window_end
from bot.domain.subscriptions import Subscription
from bot.errors import (
    AlreadyExists,
    InvalidInput,
    NotDone,
    NotFound,
    ShowNotFound,
    ShowNotPicked,
)
from bot.services.settings import valid_timezone

log = logging.getLogger(__name__)

# The longest premiere window (a year) – how far back a still-open window can start.
_LONGEST_WINDOW = timedelta(days=366)
# How many shows a "did you mean" question lists.
_CLOSE_MATCHES = 5
# Show ids are SQLite integers, which stop below 2**63.
_LARGEST_ID = 2**63 - 1


class ShowListener(Protocol):
    """Told after a show changes, e.g. the reminder engine, which re-plans the countdown."""

    async def show_added(self, show: Show) -> None: ...

    async def show_changed(self, before: Show, after: Show) -> None: ...

    async def show_removed(self, show: Show) -> None: ...


@dataclass(frozen=True, slots=True)
class ShowEdit:
    before: Show
    after: Show


@dataclass(frozen=True, slots=True)
class ShowDetails:
    show: Show
    subscribers: int
    viewer_subscription: Subscription | None


class ShowService:
    def __init__(
        self,
        shows: ShowRepository,
        settings: SettingsRepository,
        subscriptions: SubscriptionRepository,
        clock: Clock,
    ) -> None:
        self._shows = shows
        self._settings = settings
        self._subscriptions = subscriptions
        self._clock = clock
        self.listeners: list[ShowListener] = []

    async def add(
        self,
        guild_id: int,
        *,
        title: str,
        premiere: str,
        added_by: int,
        season: int | None = None,
        network: str | None = None,
        timezone: str | None = None,
        tvmaze_id: int | None = None,
        announce: Announce = Announce.PREMIERES,
        poster_url: str | None = None,
        airing: bool = False,
    ) -> Show:
        """Track a show. The premiere is read in `timezone`, else the server's timezone.

        `airing` takes a season that has already begun (its premiere in the past), followed
        for its episodes still to come: only a TVmaze-linked show announcing more than
        premieres may be added so."""
        now = self._clock.now()
        _valid_announce(announce, tvmaze_id)
        if airing and announce is Announce.PREMIERES:
            raise ValueError("a season already airing is followed only for its episodes")
        title = _valid_title(title)
        network = _valid_network(network)
        _valid_season(season)
        parsed = _parse(premiere, now, await self._zone(guild_id, timezone))
        if not airing:
            _refuse_past(premiere, parsed.instant, parsed.precision, parsed.timezone, now)
        draft = NewShow(
            guild_id,
            title,
            season,
            network,
            parsed.instant,
            parsed.precision,
            parsed.timezone,
            added_by,
            now,
            tvmaze_id,
            announce,
            poster_url,
        )
        try:
            show = await self._shows.insert(draft)
        except AlreadyExists:
            existing = await self._shows.find(guild_id, title, season)
            name = existing.label if existing else title
            raise AlreadyExists(
                f"This server already tracks **{name}**. Use /show remove first to re-add it, "
                "or give a different season."
            ) from None
        await self._follow(
            lambda listener: listener.show_added(show),
            undo=lambda: self._shows.delete(guild_id, show.id),
            refusal="I couldn't plan this show's reminders, so it was not added. Try again.",
        )
        return show

    async def edit(
        self,
        guild_id: int,
        show_id: int,
        *,
        title: str | None = None,
        season: int | None = None,
        network: str | None = None,
        premiere: str | None = None,
        timezone: str | None = None,
        announce: Announce | None = None,
    ) -> ShowEdit:
        """Change only what is given. A timezone without a premiere keeps the premiere's local
        time and reads it in the new zone ("I meant 9pm Pacific")."""
        if all(v is None for v in (title, season, network, premiere, timezone, announce)):
            raise InvalidInput(
                "Nothing to change. Give at least one of title, season, network, premiere, "
                "timezone or announce."
            )
        before = await self.get(guild_id, show_id)
        now = self._clock.now()
        changes: dict[str, object] = {}
        if announce is not None:
            _valid_announce(announce, before.tvmaze_id)
            changes["announce"] = announce
        if title is not None:
            changes["title"] = _valid_title(title)
        if season is not None:
            _valid_season(season)
            changes["season"] = season
        if network is not None:
            changes["network"] = _valid_network(network)
        if premiere is not None:
            zone = await self._zone(guild_id, timezone) if timezone else before.timezone
            parsed = _parse(premiere, now, zone)
        elif timezone is not None:
            parsed = _same_wall_time(before, valid_timezone(timezone))
        else:
            parsed = None
        if parsed is not None:
            if parsed.instant != before.premiere or parsed.precision != before.precision:
                _refuse_past(
                    premiere or timezone or "",
                    parsed.instant,
                    parsed.precision,
                    parsed.timezone,
                    now,
                )
            changes |= {
                "premiere": parsed.instant,
                "precision": parsed.precision,
                "timezone": parsed.timezone,
            }
        # The changes are checked above, field by field; replace() takes them only as keywords.
        draft = dataclasses.replace(before, **changes)  # type: ignore[arg-type]
        try:
            after = await self._shows.update(draft)
        except AlreadyExists:
            raise AlreadyExists(
                f"This server already tracks **{draft.label}**. Pick another title or season."
            ) from None
        await self._follow(
            lambda listener: listener.show_changed(before, after),
            undo=lambda: self._restore(before, after),
            refusal="I couldn't re-plan this show's reminders, so it was left as it was. "
            "Try again.",
        )
        return ShowEdit(before, after)

    async def details(self, guild_id: int, show_id: int, viewer_id: int) -> ShowDetails:
        show = await self.get(guild_id, show_id)
        return ShowDetails(
            show,
            await self._subscriptions.count(guild_id, show_id),
            await self._subscriptions.get(guild_id, show_id, viewer_id),
        )

    async def upcoming(self, guild_id: int, *, within_days: int | None = None) -> list[Show]:
        """Premieres still to come or under way. Ordered by when their window closes, so
        "sometime in 2027" comes after the dated 2027 premieres, as people read it."""
        now = self._clock.now()
        shows = [
            s
            for s in await self._shows.ending_after(guild_id, now - _LONGEST_WINDOW)
            if s.is_upcoming(now)
        ]
        if within_days is not None:
            horizon = _horizon(now, within_days)
            shows = [s for s in shows if s.premiere <= horizon]
        return sorted(shows, key=lambda s: (s.premiere_ends, s.premiere, s.title.casefold()))

    async def get(self, guild_id: int, show_id: int) -> Show:
        show = await self._shows.get(guild_id, show_id) if _storable_id(show_id) else None
        if show is None:
            raise ShowNotFound
        return show

    async def resolve(self, guild_id: int, text: str) -> Show:
        """The show a member named for a command that only reads: an autocomplete pick (its
        id) or typed text that matches one show clearly."""
        text = text.strip()
        if (show_id := _picked_id(text)) is not None and (
            show := await self._shows.get(guild_id, show_id)
        ):
            return show
        shows = await self._shows.all_in_guild(guild_id)
        exact = [s for s in shows if search.is_exact(text, s)]
        if len(exact) == 1:
            return exact[0]  # "Severance" names Severance, even beside "Severance Pay"
        matches = search.rank(text, shows, limit=2)
        if (
            matches
            and search.score(text, matches[0]) >= 0.9
            and (
                len(matches) == 1 or search.score(text, matches[1]) < search.score(text, matches[0])
            )
        ):
            return matches[0]
        raise NotFound(
            f'No show here matches "{text[:60]}". Pick one from the suggestions, '
            "or see /show list for what this server tracks."
        )

    async def pick(self, guild_id: int, text: str) -> Show:
        """The show a member chose for a command that changes or deletes: an autocomplete
        pick (its id) or the whole title typed exactly, in any case. Anything else is asked
        back with the close matches (ShowNotPicked), never guessed."""
        text = text.strip()
        shows = await self._shows.all_in_guild(guild_id)
        show_id = _picked_id(text)
        wanted = clean_text(text).casefold()
        chosen = {
            s.id: s
            for s in shows
            if s.id == show_id or wanted in (s.title.casefold(), s.label.casefold())
        }
        if len(chosen) == 1:
            return next(iter(chosen.values()))
        close = list(chosen.values()) or search.rank(text, shows, limit=_CLOSE_MATCHES)
        raise ShowNotPicked(text, [s.label for s in close[:_CLOSE_MATCHES]])

    async def suggest(self, guild_id: int, typed: str, limit: int = 25) -> list[Show]:
        return search.rank(typed, await self._shows.all_in_guild(guild_id), limit)

    async def server_of(self, show_id: int) -> int:
        """The server of a show named by a button outside it (a reminder in a member's DMs)."""
        guild_id = await self._shows.server_of(show_id)
        if guild_id is None:
            raise ShowNotFound
        return guild_id

    async def remove(self, guild_id: int, show_id: int) -> Show:
        show = await self.get(guild_id, show_id)
        if not await self._shows.delete(guild_id, show_id):
            raise ShowNotFound
        # Removed in full whatever the listeners do: its reminders went with it (ON DELETE
        # CASCADE), and what they tidy up besides (events, the timer) they retry on their own.
        await self._follow(lambda listener: listener.show_removed(show), undo=None, refusal="")
        return show

    async def _follow(
        self,
        tell: Callable[[ShowListener], Awaitable[None]],
        *,
        undo: Callable[[], Awaitable[object]] | None,
        refusal: str,
    ) -> None:
        """Let the listeners (reminders, events) follow a change already stored. When one
        fails, the change is undone and the member told, so a reply never says "done" for a
        show whose reminders were not planned."""
        try:
            for listener in self.listeners:
                await tell(listener)
        except Exception as error:
            log.exception("Following a show change failed")
            if undo is None:
                return
            await undo()
            raise NotDone(refusal) from error

    async def _restore(self, before: Show, after: Show) -> None:
        """Put a show back as it was before an edit, and let the listeners follow it back."""
        await self._shows.update(before)
        try:
            for listener in self.listeners:
                await listener.show_changed(after, before)
        except Exception:
            log.exception("Following show %s back to where it was failed", before.id)

    async def _zone(self, guild_id: int, requested: str | None) -> str:
        if requested:
            return valid_timezone(requested)
        return (await self._settings.get(guild_id)).timezone


def _refuse_past(
    text: str, start: datetime, precision: Precision, timezone: str, now: datetime
) -> None:
    if window_end(start, precision, timezone) <= now:
        raise InvalidInput(
            f"That premiere date ({text.strip()[:60]}) is in the past. "
            'Give a date still to come, e.g. "March 8 2027" or "next friday 9pm".'
        )


def _same_wall_time(show: Show, timezone: str) -> ParsedDate:
    local = show.premiere.astimezone(zone_for(show.timezone)).replace(tzinfo=None)
    moved = local.replace(tzinfo=zone_for(timezone)).astimezone(UTC)
    return ParsedDate(moved, show.precision, timezone)


def _horizon(now: datetime, within_days: int) -> datetime:
    """`within_days` from now; a span past the calendar's end means no limit at all."""
    try:
        return now + timedelta(days=max(within_days, 0))
    except OverflowError:
        return datetime.max.replace(tzinfo=UTC)


def _storable_id(show_id: int) -> bool:
    return 0 < show_id <= _LARGEST_ID


def _picked_id(text: str) -> int | None:
    """The show id an autocomplete pick sends (ASCII digits); None for anything else."""
    if not (text.isascii() and text.isdigit()):
        return None
    show_id = int(text)
    return show_id if _storable_id(show_id) else None


def _parse(text: str, now: datetime, timezone: str) -> ParsedDate:
    try:
        return parse_premiere(text, now=now, timezone=timezone)
    except DateParseError as exc:
        raise InvalidInput(str(exc)) from None


def _valid_title(raw: str) -> str:
    title = clean_text(raw)
    if not title:
        raise InvalidInput('The title is empty. Give the show\'s name, e.g. "Jessica Jones".')
    if len(title) > TITLE_MAX:
        raise InvalidInput(
            f"The title is {len(title)} characters long; the limit is {TITLE_MAX}. "
            "Shorten it to the show's name."
        )
    return title


def _valid_network(raw: str | None) -> str | None:
    if raw is None:
        return None
    network = clean_text(raw)
    if len(network) > NETWORK_MAX:
        raise InvalidInput(f"The network name is over {NETWORK_MAX} characters. Shorten it.")
    return network or None


def _valid_announce(announce: Announce, tvmaze_id: int | None) -> None:
    if announce is not Announce.PREMIERES and tvmaze_id is None:
        raise InvalidInput(
            f"announce: {announce.value} needs the show's episodes, and only shows looked up on "
            "TVmaze have them; this one was added with a premiere given by hand. Add it again "
            "by picking a TVmaze suggestion and leaving premiere empty, or keep "
            "announce: premieres."
        )


def _valid_season(season: int | None) -> None:
    if season is not None and not 0 <= season <= SEASON_MAX:
        raise InvalidInput(f"The season must be a number from 0 to {SEASON_MAX}.")
