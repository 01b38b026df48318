"""The shows table: parameterised SQL in, frozen Show dataclasses out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.db.connection import Database, Dialect, Row, UniqueViolation
from bot.domain.dates import Precision
from bot.domain.episodes import Announce
from bot.domain.shows import Show, title_key
from bot.errors import AlreadyExists

SELECT_SHOWS = """
    SELECT id, guild_id, title, season, network, premiere_at, premiere_precision,
           premiere_timezone, added_by, added_at, tvmaze_id, announce, premiere_sequence,
           poster_url
    FROM shows
"""


@dataclass(frozen=True, slots=True)
class NewShow:
    guild_id: int
    title: str
    season: int | None
    network: str | None
    premiere: datetime
    precision: Precision
    timezone: str
    added_by: int
    added_at: datetime
    tvmaze_id: int | None = None
    announce: Announce = Announce.PREMIERES
    poster_url: str | None = None


def to_epoch(instant: datetime) -> int:
    return int(instant.timestamp())


def from_epoch(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


_LINKED = """
    SELECT id, guild_id, title, season, network, premiere_at, premiere_precision,
           premiere_timezone, added_by, added_at, tvmaze_id, announce, premiere_sequence,
           poster_url, tvmaze_checked_at
    FROM shows
    WHERE {ids} AND COALESCE(tvmaze_checked_at, 0) < ?
    ORDER BY tvmaze_id, id
"""
LINKED_TO_TVMAZE = {
    Dialect.SQLITE: _LINKED.replace("{ids}", "tvmaze_id IN (SELECT value FROM json_each(?))"),
    Dialect.POSTGRESQL: _LINKED.replace("{ids}", "tvmaze_id = ANY(?::bigint[])"),
}


def _show(row: Row) -> Show:
    return Show(
        id=row["id"],
        guild_id=row["guild_id"],
        title=row["title"],
        season=row["season"],
        network=row["network"],
        premiere=from_epoch(row["premiere_at"]),
        precision=Precision(row["premiere_precision"]),
        timezone=row["premiere_timezone"],
        added_by=row["added_by"],
        added_at=from_epoch(row["added_at"]),
        tvmaze_id=row["tvmaze_id"],
        announce=Announce(row["announce"]),
        premiere_sequence=row["premiere_sequence"],
        poster_url=row["poster_url"],
    )


class ShowRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def insert(self, new: NewShow) -> Show:
        try:
            async with self._db.transaction() as tx:
                show_id = await tx.insert(
                    """INSERT INTO shows (guild_id, title, title_key, season, network, premiere_at,
                                          premiere_precision, premiere_timezone, added_by,
                                          added_at, tvmaze_id, announce, poster_url)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (
                        new.guild_id,
                        new.title,
                        title_key(new.title),
                        new.season,
                        new.network,
                        to_epoch(new.premiere),
                        new.precision.value,
                        new.timezone,
                        new.added_by,
                        to_epoch(new.added_at),
                        new.tvmaze_id,
                        new.announce,
                        new.poster_url,
                    ),
                )
        except UniqueViolation as exc:
            raise AlreadyExists(new.title) from exc
        show = await self.get(new.guild_id, show_id)
        assert show is not None
        return show

    async def get(self, guild_id: int, show_id: int) -> Show | None:
        row = await self._db.fetch_one(
            SELECT_SHOWS + "WHERE guild_id = ? AND id = ?",
            (guild_id, show_id),
        )
        return None if row is None else _show(row)

    async def server_of(self, show_id: int) -> int | None:
        """The server a show belongs to (show ids are unique across servers)."""
        guild_id: int | None = await self._db.scalar(
            "SELECT guild_id FROM shows WHERE id = ?", (show_id,)
        )
        return guild_id

    async def find(self, guild_id: int, title: str, season: int | None) -> Show | None:
        row = await self._db.fetch_one(
            SELECT_SHOWS + "WHERE guild_id = ? AND title_key = ? AND COALESCE(season, -1) = ?",
            (guild_id, title_key(title), -1 if season is None else season),
        )
        return None if row is None else _show(row)

    async def find_by_tvmaze(self, guild_id: int, tvmaze_id: int, season: int) -> Show | None:
        row = await self._db.fetch_one(
            SELECT_SHOWS + "WHERE guild_id = ? AND tvmaze_id = ? AND season = ?",
            (guild_id, tvmaze_id, season),
        )
        return None if row is None else _show(row)

    async def ending_after(self, guild_id: int, earliest_start: datetime) -> list[Show]:
        """Shows whose premiere starts at or after `earliest_start`, soonest first. Callers pass
        a start early enough to include every window still open, then filter exactly."""
        rows = await self._db.fetch_all(
            SELECT_SHOWS
            + "WHERE guild_id = ? AND premiere_at >= ? ORDER BY premiere_at, title_key",
            (guild_id, to_epoch(earliest_start)),
        )
        return [_show(r) for r in rows]

    async def all_in_guild(self, guild_id: int) -> list[Show]:
        rows = await self._db.fetch_all(
            SELECT_SHOWS + "WHERE guild_id = ? ORDER BY premiere_at",
            (guild_id,),
        )
        return [_show(r) for r in rows]

    async def update(self, show: Show) -> Show:
        """Write every editable field of `show` (the row is found by server and id)."""
        try:
            await self._db.execute(
                """UPDATE shows SET title = ?, title_key = ?, season = ?, network = ?,
                                    premiere_sequence = premiere_sequence + CASE
                                        WHEN premiere_at <> ? OR premiere_precision <> ?
                                        THEN 1 ELSE 0 END,
                                    premiere_at = ?, premiere_precision = ?,
                                    premiere_timezone = ?, announce = ?
                   WHERE guild_id = ? AND id = ?""",
                (
                    show.title,
                    title_key(show.title),
                    show.season,
                    show.network,
                    to_epoch(show.premiere),
                    show.precision.value,
                    to_epoch(show.premiere),
                    show.precision.value,
                    show.timezone,
                    show.announce,
                    show.guild_id,
                    show.id,
                ),
            )
        except UniqueViolation as exc:
            raise AlreadyExists(show.title) from exc
        updated = await self.get(show.guild_id, show.id)
        assert updated is not None
        return updated

    async def linked_to_tvmaze(
        self, tvmaze_ids: Iterable[int], *, checked_before: datetime
    ) -> list[tuple[Show, datetime | None]]:
        """Every server's shows linked to these TVmaze shows and not checked since
        `checked_before`, with when each was last checked: the refresh job's work, which is
        about TVmaze, not one server."""
        # One parameter however many ids (see Reads.list_param).
        rows = await self._db.fetch_all(
            LINKED_TO_TVMAZE[self._db.dialect],
            (self._db.list_param(sorted(set(tvmaze_ids))), to_epoch(checked_before)),
        )
        return [
            (
                _show(r),
                None if r["tvmaze_checked_at"] is None else from_epoch(r["tvmaze_checked_at"]),
            )
            for r in rows
        ]

    async def mark_tvmaze_checked(self, show_ids: Iterable[int], now: datetime) -> None:
        async with self._db.transaction() as tx:
            await tx.executemany(
                "UPDATE shows SET tvmaze_checked_at = ? WHERE id = ?",
                [(to_epoch(now), show_id) for show_id in show_ids],
            )

    async def following_episodes(
        self, *, tvmaze_id: int | None = None, guild_id: int | None = None
    ) -> list[Show]:
        """Shows whose server hears of more than premieres: of one TVmaze show, or of one
        server (exactly one of the two is given)."""
        column, value = (
            ("tvmaze_id", tvmaze_id) if tvmaze_id is not None else ("guild_id", guild_id)
        )
        assert value is not None
        query = {
            "tvmaze_id": SELECT_SHOWS + "WHERE tvmaze_id = ? AND announce <> ? ORDER BY id",
            "guild_id": SELECT_SHOWS + "WHERE guild_id = ? AND announce <> ? ORDER BY id",
        }[column]
        rows = await self._db.fetch_all(query, (value, Announce.PREMIERES))
        return [_show(r) for r in rows]

    async def delete(self, guild_id: int, show_id: int) -> bool:
        changed = await self._db.execute(
            "DELETE FROM shows WHERE guild_id = ? AND id = ?", (guild_id, show_id)
        )
        return changed == 1
