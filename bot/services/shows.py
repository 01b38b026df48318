"""Tracking shows: validation and storage, no Discord. Every refusal is a UserError whose text
names the problem and says what to do instead."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.clock import Clock
from bot.db.shows import NewShow, ShowRepository
from bot.domain import search
from bot.domain.dates import DateParseError, Precision, parse_premiere
from bot.domain.shows import NETWORK_MAX, SEASON_MAX, TITLE_MAX, Show, clean_text
from bot.errors import AlreadyExists, InvalidInput, NotFound

# The longest premiere window (a year) – how far back a still-open window can start.
_LONGEST_WINDOW = timedelta(days=366)


class ShowService:
    def __init__(self, shows: ShowRepository, clock: Clock) -> None:
        self._shows = shows
        self._clock = clock

    async def add(
        self,
        guild_id: int,
        *,
        title: str,
        premiere: str,
        added_by: int,
        season: int | None = None,
        network: str | None = None,
        timezone: str = "UTC",
    ) -> Show:
        now = self._clock.now()
        title = _valid_title(title)
        network = _valid_network(network)
        _valid_season(season)
        parsed = _parse(premiere, now, timezone)
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
        )
        if _window_closed(draft, now):
            raise InvalidInput(
                f"That premiere date ({premiere.strip()[:60]}) is in the past. "
                'Give a date still to come, e.g. "March 8 2027" or "next friday 9pm".'
            )
        try:
            return await self._shows.insert(draft)
        except AlreadyExists:
            existing = await self._shows.find(guild_id, title, season)
            name = existing.label if existing else title
            raise AlreadyExists(
                f"This server already tracks **{name}**. Use /show remove first to re-add it, "
                "or give a different season."
            ) from None

    async def upcoming(self, guild_id: int, *, within_days: int | None = None) -> list[Show]:
        now = self._clock.now()
        shows = [
            s
            for s in await self._shows.ending_after(guild_id, now - _LONGEST_WINDOW)
            if s.is_upcoming(now)
        ]
        if within_days is not None:
            horizon = now + timedelta(days=within_days)
            shows = [s for s in shows if s.premiere <= horizon]
        return shows

    async def get(self, guild_id: int, show_id: int) -> Show:
        show = await self._shows.get(guild_id, show_id)
        if show is None:
            raise NotFound("That show is no longer tracked in this server. See /show list.")
        return show

    async def resolve(self, guild_id: int, text: str) -> Show:
        """The show a member named: an autocomplete pick (its id) or typed text that matches."""
        text = text.strip()
        if text.isdigit() and (show := await self._shows.get(guild_id, int(text))):
            return show
        matches = search.rank(text, await self._shows.all_in_guild(guild_id), limit=2)
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

    async def suggest(self, guild_id: int, typed: str, limit: int = 25) -> list[Show]:
        return search.rank(typed, await self._shows.all_in_guild(guild_id), limit)

    async def remove(self, guild_id: int, show_id: int) -> Show:
        show = await self.get(guild_id, show_id)
        if not await self._shows.delete(guild_id, show_id):
            raise NotFound("That show was already removed. See /show list.")
        return show


def _window_closed(draft: NewShow, now: datetime) -> bool:
    probe = Show(
        0,
        draft.guild_id,
        draft.title,
        draft.season,
        draft.network,
        draft.premiere,
        draft.precision,
        draft.timezone,
        draft.added_by,
        draft.added_at,
    )
    return not probe.is_upcoming(now)


def _parse(text: str, now: datetime, timezone: str):  # type: ignore[no-untyped-def]
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


def _valid_season(season: int | None) -> None:
    if season is not None and not 0 <= season <= SEASON_MAX:
        raise InvalidInput(f"The season must be a number from 0 to {SEASON_MAX}.")


__all__ = ["Precision", "ShowService"]
