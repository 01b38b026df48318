"""Shows looked up on TVmaze: /show add without a date, and a refresh that keeps dates current.

The refresh asks TVmaze which shows changed (its updates endpoint), re-reads only the tracked
ones among them (each at most once a day), moves premieres that moved (through ShowService, so
reminders follow with their "premiere moved" notice), and offers a newly announced next season
to the server rather than adding it unasked.

A season's premiere is its first regular episode (numbered, TVmaze type "regular"), never a
special: TVmaze's next episode can be a special (a preview a week before episode 1, a
documentary after the finale), and then the show's episodes say which regular episode comes
next. /show add and the refresh share that rule (next_regular), so a premiere once taken from a
special is moved to the real one by the next refresh.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import Any

from bot.clock import Clock
from bot.db.episodes import EpisodeRepository
from bot.db.season_offers import SeasonOfferRepository
from bot.db.shows import ShowRepository
from bot.db.subscriptions import SubscriptionRepository
from bot.domain.dates import Precision, zone_for
from bot.domain.episodes import Announce, Episode, SeasonFacts, announced, finale_of
from bot.domain.shows import TITLE_MAX, SeasonOffer, Show
from bot.errors import InvalidInput, NotFound, UserError
from bot.services.once import Placed, post_once
from bot.services.shows import ShowEdit, ShowService
from bot.tvmaze import (
    TvEpisode,
    TvmazeClient,
    TvmazeNotFound,
    TvmazeQueueFull,
    TvmazeUnavailable,
    TvSeason,
    TvShow,
)

log = logging.getLogger(__name__)

PICK = re.compile(r"^tvmaze:(\d{1,12})$")
LOOKUP_SECONDS = 10.0  # a member waits this long for TVmaze at most (queue, 429s included)
SHORTEST_SEARCH = 2  # fewer typed characters match everything: not worth a request
CHECK_AT_MOST_EVERY = timedelta(days=1)
# A show followed episode by episode with an episode this close is re-read daily even when
# TVmaze's updates list does not name it: a late change to tonight's episode still counts.
EPISODE_SOON = timedelta(hours=48)
ENDED = "Ended"  # TVmaze's status of a show that will make no more episodes
EpisodeLists = tuple[Sequence[TvEpisode], Sequence[TvSeason]]  # a show's, as TVmaze lists them
# Told after TVmaze's episodes of a show were read again (the TVmaze show's id).
EpisodesChanged = Callable[[int], Awaitable[None]]
# Offers are posted by the Discord side: where it was shown, or None when the server has
# nowhere to show it yet.
OfferPoster = Callable[[SeasonOffer], Awaitable[Placed | None]]


@dataclass(frozen=True, slots=True)
class OfferClaim:
    """A season offer written down before it is posted (see bot.services.once)."""

    offer: SeasonOffer
    _offers: SeasonOfferRepository

    async def posted(self, placed: Placed) -> None:
        await self._offers.posted(self.offer.id, placed.channel_id, placed.message_id)

    async def withdraw(self) -> None:  # nobody saw it: offer it again next time
        await self._offers.withdraw(self.offer.id)


async def _nowhere() -> None:
    return None


def pick_value(show: TvShow) -> str:
    """An autocomplete choice's value for a TVmaze show."""
    return f"tvmaze:{show.id}"


def premiere_text(instant: datetime, precision: Precision, timezone: str) -> str:
    """A time or a day as text our own date parser reads back exactly, in `timezone`."""
    local = instant.astimezone(zone_for(timezone))
    if precision is Precision.TIME:
        return local.strftime("%Y-%m-%d %H:%M")
    return local.date().isoformat()


@dataclass(frozen=True, slots=True)
class Premiere:
    """A next episode as our premiere: exact when TVmaze has a time, else its day."""

    timezone: str
    season: int
    instant: datetime
    precision: Precision

    @property
    def text(self) -> str:
        return premiere_text(self.instant, self.precision, self.timezone)


def premiere_of(show: TvShow, episode: TvEpisode) -> Premiere | None:
    """When an episode airs: its exact time when TVmaze has one, else its day; None undated."""
    zone = show.timezone
    if episode.has_time and episode.airstamp is not None:
        return Premiere(zone, episode.season, episode.airstamp, Precision.TIME)
    if episode.airdate is None:
        return None
    # A streaming drop with no time: the day, in the service's own zone.
    start = datetime.combine(episode.airdate, time(0), tzinfo=zone_for(zone)).astimezone(UTC)
    return Premiere(zone, episode.season, start, Precision.DAY)


@dataclass(frozen=True, slots=True)
class NextRegular:
    """The regular episode TVmaze airs next, and whether it is its season's first (a premiere)."""

    episode: TvEpisode
    opens_season: bool


def next_regular(
    show: TvShow, episodes: Iterable[TvEpisode] = (), *, now: datetime
) -> NextRegular | None:
    """The next regular episode of `show`; None when TVmaze dates none yet.

    TVmaze's next episode answers when it is regular (episode 1 opens its season). When it is a
    special, `episodes` (the show's, from TvmazeClient.episodes, in any order) decide: the
    earliest dated regular episode airing no earlier than that special (or than `now`, for an
    undated one). It opens its season when no regular episode of that season comes before it:
    ordered by airstamp, else airdate, then number; an undated one by its number alone.
    """
    upcoming = show.next_episode
    if upcoming is None:
        return None
    if upcoming.is_regular:
        return NextRegular(upcoming, upcoming.number == 1)
    since = premiere_of(show, upcoming) or Premiere(show.timezone, 0, now, Precision.TIME)
    regular = [(premiere_of(show, e), e) for e in episodes if e.is_regular]
    later = [(when, e) for when, e in regular if when and _not_before(when, since)]
    if not later:
        return None
    when, found = min(later, key=lambda pair: _order(*pair))
    return NextRegular(
        found,
        not any(
            _comes_before(other_when, other, when, found)
            for other_when, other in regular
            if other.season == found.season and other.id != found.id
        ),
    )


def season_premiere(
    show: TvShow, episodes: Iterable[TvEpisode] = (), *, now: datetime
) -> Premiere | None:
    """The premiere TVmaze dates next for `show`: the first regular episode of a season that has
    not begun. None when the next regular episode is mid-season, undated, or not known."""
    found = next_regular(show, episodes, now=now)
    if found is None or not found.opens_season:
        return None
    return premiere_of(show, found.episode)


def season_opener(show: TvShow, episodes: Iterable[TvEpisode], season: int) -> Premiere | None:
    """When a season began: its first dated regular episode. None when none is dated."""
    dated = [
        (when, e)
        for e in episodes
        if e.is_regular and e.season == season and (when := premiere_of(show, e)) is not None
    ]
    return min(dated, key=lambda pair: _order(*pair))[0] if dated else None


def needs_episodes(show: TvShow) -> bool:
    """Whether next_regular needs the show's episodes: TVmaze's next episode is a special."""
    return show.next_episode is not None and not show.next_episode.is_regular


def kept_episodes(
    show: TvShow, episodes: Iterable[TvEpisode], seasons: Iterable[TvSeason]
) -> list[Episode]:
    """TVmaze's regular, dated episodes as the bot keeps them: each airs at its airstamp (a
    drop without a time at the start of its day, in the show's zone), finales marked."""
    facts = [SeasonFacts(s.number, s.episode_order) for s in seasons]
    kept = []
    for episode in episodes:
        when = premiere_of(show, episode)
        if not episode.is_regular or when is None:
            continue
        assert episode.number is not None  # is_regular
        kept.append(
            Episode(
                tvmaze_show_id=show.id,
                id=episode.id,
                season=episode.season,
                number=episode.number,
                name=episode.name,
                airs_at=when.instant,
                has_time=when.precision is Precision.TIME,
                finale=finale_of(
                    episode.season, episode.number, facts, show_ended=show.status == ENDED
                ),
            )
        )
    return kept


def _order(when: Premiere, episode: TvEpisode) -> tuple[datetime, int]:
    # By when they air (a day without a time at its start), then by number.
    return (when.instant, episode.number or 0)


def _comes_before(
    when: Premiere | None, episode: TvEpisode, found_when: Premiere, found: TvEpisode
) -> bool:
    if when is None:  # undated: only its number places it
        return (episode.number or 0) < (found.number or 0)
    return _order(when, episode) < _order(found_when, found)


def _not_before(when: Premiere, since: Premiere) -> bool:
    if when.precision is Precision.TIME and since.precision is Precision.TIME:
        return when.instant >= since.instant
    # A day without a time cannot be ordered within that day: the same day counts as not before.
    return _local_day(when) >= _local_day(since)


def _local_day(when: Premiere) -> date:
    return when.instant.astimezone(zone_for(when.timezone)).date()


@dataclass
class RefreshReport:
    checked: int = 0
    moved: list[ShowEdit] = field(default_factory=list)
    offered: list[SeasonOffer] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class TvmazeService:
    def __init__(
        self,
        client: TvmazeClient,
        shows: ShowService,
        show_rows: ShowRepository,
        offers: SeasonOfferRepository,
        subscriptions: SubscriptionRepository,
        clock: Clock,
        *,
        episodes: EpisodeRepository,
    ) -> None:
        self._client = client
        self._shows = shows
        self._show_rows = show_rows
        self._offers = offers
        self._subscriptions = subscriptions
        self._episodes = episodes
        self._clock = clock
        self.offer_poster: OfferPoster | None = None
        self.episode_listeners: list[EpisodesChanged] = []  # the reminder engine re-plans

    # ----------------------------------------------------------------- /show add

    async def suggest(self, typed: str) -> list[TvShow]:
        """TVmaze's shows matching what was typed; [] when TVmaze can't answer (autocomplete
        must never fail)."""
        if len(typed.strip()) < SHORTEST_SEARCH or PICK.match(typed.strip()):
            return []
        try:
            return await self._client.search(typed.strip())
        except TvmazeUnavailable as error:
            log.info("TVmaze search failed: %s", error.detail or error)
            return []

    async def add(
        self,
        guild_id: int,
        pick: str,
        *,
        added_by: int,
        season: int | None = None,
        network: str | None = None,
        premiere: str | None = None,
        timezone: str | None = None,
        announce: Announce = Announce.PREMIERES,
    ) -> Show:
        """Track a TVmaze show: a pick from autocomplete ("tvmaze:ID") or a name. Its next
        episode gives the premiere and the show stays in step with TVmaze; a premiere the member
        gives is theirs, and TVmaze then only names the show. Announcing finales or episodes
        needs the link (TVmaze's episodes), so it is refused with a premiere given by hand."""
        linked = premiere is None  # a date given by hand is the member's to keep
        if announce is not Announce.PREMIERES and not linked:
            raise InvalidInput(
                f"announce: {announce.value} follows TVmaze's episodes, so the premiere must "
                "come from TVmaze too: leave premiere empty, or keep announce: premieres."
            )
        follows_episodes = announce is not Announce.PREMIERES
        try:
            async with asyncio.timeout(LOOKUP_SECONDS):
                show = await self._lookup(pick)
                lists = None
                if follows_episodes:
                    with _as_refusals():
                        lists = await self._episode_lists(show)
                episodes = lists[0] if lists is not None else None
                found = None
                if linked:
                    found = await self._next_premiere(
                        show, season, episodes, airing_ok=follows_episodes
                    )
                if lists is not None:
                    await self._keep_episodes(show, lists)
        except TimeoutError:
            # Out of time: stuck behind the bot's own queue of lookups, or TVmaze was slow.
            busy = self._client.queued > 0
            log.warning("TVmaze lookup out of time (%s)", "queued" if busy else "TVmaze slow")
            refusal = TvmazeQueueFull() if busy else TvmazeUnavailable()
            raise InvalidInput(str(refusal)) from None
        if found is not None:
            premiere, season, timezone = found.text, found.season, found.timezone
        assert premiere is not None  # given by hand, or found on TVmaze
        return await self._shows.add(
            guild_id,
            title=show.name[:TITLE_MAX],
            premiere=premiere,
            season=season,
            network=network or show.network,
            timezone=timezone,
            added_by=added_by,
            tvmaze_id=show.id if linked else None,
            announce=announce,
            poster_url=show.image_url,
            # A season already airing: followed for its episodes still to come.
            airing=follows_episodes and found is not None and found.instant <= self._clock.now(),
        )

    # ----------------------------------------------------------------- what a server announces

    async def set_announce(
        self, guild_id: int, show_id: int, announce: Announce, **changes: Any
    ) -> ShowEdit:
        """Announce a tracked show's premieres, its finales too, or every episode, with any
        other `changes` /show edit takes, all in one edit. More than premieres needs the show's
        episodes, read from TVmaze first (so it must be linked): when TVmaze fails, nothing
        is changed."""
        show = await self._shows.get(guild_id, show_id)
        if announce is not Announce.PREMIERES and show.tvmaze_id is not None:
            try:
                async with asyncio.timeout(LOOKUP_SECONDS):
                    with _as_refusals():
                        await self._keep_episodes(await self._client.show(show.tvmaze_id))
            except TimeoutError:
                raise InvalidInput(str(TvmazeUnavailable())) from None
        edit = await self._shows.edit(guild_id, show_id, announce=announce, **changes)
        if announce is Announce.PREMIERES:
            await self._episodes.forget_unfollowed()
        return edit

    async def airing(self, guild_id: int) -> list[tuple[Show, Episode]]:
        """The server's shows whose season has begun and is followed for what is still to
        come, each with the next episode it will announce, soonest first."""
        now = self._clock.now()
        following = [
            s
            for s in await self._show_rows.following_episodes(guild_id=guild_id)
            if s.tvmaze_id is not None and not s.is_upcoming(now)
        ]
        episodes = await self._episodes.of_seasons(
            [(s.tvmaze_id, s.season) for s in following if s.tvmaze_id and s.season is not None]
        )
        found = []
        for show in following:
            mine = [e for e in episodes if e.tvmaze_show_id == show.tvmaze_id]
            ahead = [e for e in announced(mine, show.season, show.announce) if e.airs_at > now]
            if ahead:
                found.append((show, ahead[0]))
        return sorted(found, key=lambda pair: (pair[1].airs_at, pair[0].title.casefold()))

    async def _episode_lists(self, show: TvShow) -> EpisodeLists:
        episodes = await self._client.episodes(show.id, updated=show.updated)
        seasons = await self._client.seasons(show.id, updated=show.updated)
        return episodes, seasons

    async def _keep_episodes(self, show: TvShow, lists: EpisodeLists | None = None) -> None:
        """Read the show's episodes (and seasons, for finales), unless already read, and keep
        them: one request each however many servers follow the show. When they changed, every
        server following it re-plans (a server adding the show plans its own as it is added)."""
        episodes, seasons = lists if lists is not None else await self._episode_lists(show)
        if await self._episodes.replace(show.id, kept_episodes(show, episodes, seasons)):
            for listener in self.episode_listeners:
                await listener(show.id)

    async def _lookup(self, pick: str) -> TvShow:
        pick = pick.strip()
        with _as_refusals():
            if match := PICK.match(pick):
                return await self._client.show(int(match.group(1)))
            found = await self._client.search(pick)
            if not found:
                raise NotFound(
                    f'TVmaze knows no show called "{pick[:60]}". Check the spelling, pick one '
                    "from the suggestions, or give the premiere date yourself."
                )
            return await self._client.show(found[0].id)

    async def _next_premiere(
        self,
        show: TvShow,
        season: int | None,
        episodes: Sequence[TvEpisode] | None = None,
        *,
        airing_ok: bool = False,
    ) -> Premiere:
        """The premiere to track: the season TVmaze dates next. With `airing_ok` (a show
        followed episode by episode) a season already airing counts too: its premiere has
        passed, and its episodes still to come are what the server follows."""
        if show.next_episode is None:
            raise InvalidInput(
                f"TVmaze has no upcoming episode of {show.name} yet. Add it with premiere: "
                "once a date is announced."
            )
        if episodes is None:
            with _as_refusals():
                episodes = await self._episodes_if_needed(show)
        found = next_regular(show, episodes, now=self._clock.now())
        if found is None:
            # Only a special is coming (a preview, a documentary): specials are never premieres.
            raise InvalidInput(
                f"TVmaze's next episode of {show.name} is a special, and it has no date for the "
                "next regular episode yet. Add it with premiere: once one is announced."
            )
        episode = found.episode
        if season is not None and season != episode.season:
            raise InvalidInput(
                f"TVmaze's next episode of {show.name} is in season {episode.season}, and it "
                f"has no date for season {season}. Give premiere: yourself, or leave season "
                "empty."
            )
        if not found.opens_season:
            opener = season_opener(show, episodes, episode.season) if airing_ok else None
            if opener is not None:
                return opener
            raise InvalidInput(
                f"Season {episode.season} of {show.name} is already airing (episode "
                f"{episode.number} is next), and TVmaze has no date for a next season yet. "
                "To be told of its episodes still to come, add it with announce: episodes "
                "(or finales); for the next season's premiere, add it once one is announced."
            )
        premiere = premiere_of(show, episode)
        if premiere is None:
            raise InvalidInput(
                f"TVmaze lists the next episode of {show.name} without a date yet. Add it with "
                "premiere: once one is announced."
            )
        return premiere

    async def _episodes_if_needed(self, show: TvShow) -> tuple[TvEpisode, ...]:
        """The show's episodes when its next episode is a special, else nothing (no request)."""
        if not needs_episodes(show):
            return ()
        return await self._client.episodes(show.id, updated=show.updated)

    # ------------------------------------------------------------------ the refresh

    async def refresh_and_log(self) -> None:
        """The periodic refresh: its report goes to the log."""
        report = await self.refresh()
        log.info(
            "TVmaze refresh: %d checked, %d moved, %d offered, problems: %s",
            report.checked,
            len(report.moved),
            len(report.offered),
            report.problems or "none",
        )

    async def refresh(self) -> RefreshReport:
        """Re-read the tracked shows TVmaze changed, act on what moved or was announced."""
        report = RefreshReport()
        now = self._clock.now()
        try:
            updated = await self._client.updated_since("week")
        except TvmazeUnavailable as error:
            report.problems.append(str(error))
            return report
        airing_soon = set(await self._episodes.followed_airing_between(now, now + EPISODE_SOON))
        candidates = await self._show_rows.linked_to_tvmaze(
            set(updated) | airing_soon, checked_before=now - CHECK_AT_MOST_EVERY
        )
        by_tvmaze: dict[int, list[Show]] = {}
        for show, checked_at in candidates:
            assert show.tvmaze_id is not None
            if (
                checked_at is None
                or show.tvmaze_id in airing_soon
                # The same second counts: an update just after the last check is not missed.
                or updated.get(show.tvmaze_id, 0) >= int(checked_at.timestamp())
            ):
                by_tvmaze.setdefault(show.tvmaze_id, []).append(show)
        for tvmaze_id, tracked in by_tvmaze.items():
            try:
                current = await self._client.show(tvmaze_id)
                episodes = await self._episodes_if_needed(current)
                if any(s.announce is not Announce.PREMIERES for s in tracked):
                    await self._keep_episodes(current)
            except (TvmazeUnavailable, TvmazeNotFound) as error:
                report.problems.append(f"TVmaze show {tvmaze_id}: {error}")
                if isinstance(error, TvmazeUnavailable):
                    break  # TVmaze is struggling: stop, the rest wait for the next refresh
                continue
            # The same rule as /show add: a special is never a premiere, so a premiere once
            # taken from one moves to the season's first regular episode here.
            found = season_premiere(current, episodes, now=self._clock.now())
            for show in tracked:
                await self._follow_move(show, found, report)
            by_guild: dict[int, list[Show]] = {}
            for show in tracked:
                by_guild.setdefault(show.guild_id, []).append(show)
            for shows in by_guild.values():
                # One offer per server, made from its latest tracked season.
                await self._offer_next_season(
                    max(shows, key=lambda s: s.season or 0), current, found, report
                )
            await self._show_rows.mark_tvmaze_checked([s.id for s in tracked], now)
            report.checked += len(tracked)
        return report

    async def _follow_move(self, show: Show, found: Premiere | None, report: RefreshReport) -> None:
        if found is None or found.season != show.season or not show.is_upcoming(self._clock.now()):
            return
        if (found.instant, found.precision) == (show.premiere, show.precision):
            return
        try:
            edit = await self._shows.edit(
                show.guild_id, show.id, premiere=found.text, timezone=found.timezone
            )
        except UserError as error:  # e.g. TVmaze now dates it in the past
            report.problems.append(f"{show.label}: {error}")
            return
        report.moved.append(edit)

    async def _offer_next_season(
        self, latest: Show, current: TvShow, found: Premiere | None, report: RefreshReport
    ) -> None:
        if found is None or found.season <= (latest.season or 0):
            return
        assert latest.tvmaze_id is not None
        if await self._show_rows.find_by_tvmaze(latest.guild_id, latest.tvmaze_id, found.season):
            return  # the server tracks that season already
        offer = await self._offers.record(
            latest.guild_id,
            latest.id,
            found.season,
            found.instant,
            found.precision,
            found.timezone,
            current.network or latest.network,
            self._clock.now(),
            tvmaze_id=latest.tvmaze_id,
        )
        if offer is None:
            return  # offered before
        poster = self.offer_poster
        try:
            placed = await post_once(
                OfferClaim(offer, self._offers), partial(poster, offer) if poster else _nowhere
            )
        except Exception:
            log.exception("offering %s failed", offer.label)
            return
        if placed is not None:
            report.offered.append(offer)

    async def accept_offer(self, guild_id: int, offer_id: int, added_by: int) -> Show:
        """Track the offered season, its subscribers carried over from the season before."""
        offer = await self._offers.get(guild_id, offer_id)
        if offer is None:
            raise NotFound(
                "That offer is gone (the show was removed from this server). Use /show add."
            )
        if offer.accepted_show_id is not None:
            existing = await self._show_rows.get(guild_id, offer.accepted_show_id)
            if existing is not None:
                raise InvalidInput(f"Already done: this server tracks {existing.label}.")
        earlier = await self._show_rows.get(guild_id, offer.show_id)
        # The new season is announced as the season before it was (its episodes are kept).
        announce = earlier.announce if earlier and offer.tvmaze_id else Announce.PREMIERES
        show = await self._shows.add(
            guild_id,
            title=offer.title,
            premiere=premiere_text(offer.premiere, offer.precision, offer.timezone),
            season=offer.season,
            network=offer.network,
            timezone=offer.timezone,
            added_by=added_by,
            tvmaze_id=offer.tvmaze_id,
            announce=announce,
            poster_url=earlier.poster_url if earlier else None,
        )
        await self._offers.accepted(guild_id, offer.id, show.id)
        await self._subscriptions.copy(guild_id, offer.show_id, show.id, self._clock.now())
        return show


@contextmanager
def _as_refusals() -> Iterator[None]:
    """TVmaze's failures as the sentences a member reads."""
    try:
        yield
    except TvmazeUnavailable as error:
        raise InvalidInput(str(error)) from None
    except TvmazeNotFound:
        raise NotFound(
            "TVmaze no longer has that show. Pick another from the suggestions, or give "
            "the premiere date yourself."
        ) from None
