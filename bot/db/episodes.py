"""The tvmaze_episodes table: TVmaze's episodes of the shows some server follows episode by
episode, kept once per TVmaze show however many servers follow it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.db.connection import Database, Dialect, Row
from bot.db.shows import from_epoch, to_epoch
from bot.domain.episodes import Announce, Episode, Finale

SELECT_EPISODES = """
    SELECT tvmaze_show_id, episode_id, season, number, name, airs_at, has_time, finale, sequence
    FROM tvmaze_episodes
"""


_OF_SHOWS = SELECT_EPISODES + "WHERE {ids} ORDER BY airs_at, tvmaze_show_id, number"
OF_SHOWS = {
    Dialect.SQLITE: _OF_SHOWS.replace(
        "{ids}", "tvmaze_show_id IN (SELECT value FROM json_each(?))"
    ),
    Dialect.POSTGRESQL: _OF_SHOWS.replace("{ids}", "tvmaze_show_id = ANY(?::bigint[])"),
}


def _episode(row: Row) -> Episode:
    return Episode(
        tvmaze_show_id=row["tvmaze_show_id"],
        id=row["episode_id"],
        season=row["season"],
        number=row["number"],
        name=row["name"],
        airs_at=from_epoch(row["airs_at"]),
        has_time=bool(row["has_time"]),
        finale=Finale(row["finale"]) if row["finale"] else None,
        sequence=row["sequence"],
    )


def _facts(episode: Episode) -> tuple[object, ...]:
    """What TVmaze says of an episode (its sequence is ours)."""
    return (
        episode.id,
        episode.season,
        episode.number,
        episode.name,
        to_epoch(episode.airs_at),
        episode.has_time,
        episode.finale,
    )


class EpisodeRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def replace(self, tvmaze_show_id: int, episodes: Sequence[Episode]) -> bool:
        """Keep exactly these episodes of the show: a moved one moves (its sequence grows, so
        calendars update it), a removed one goes. Returns whether anything changed."""
        async with self._db.transaction() as tx:
            stored = [
                _episode(r)
                for r in await tx.fetch_all(
                    SELECT_EPISODES + "WHERE tvmaze_show_id = ?", (tvmaze_show_id,)
                )
            ]
            before = {e.id: e for e in stored}
            rows = []
            for e in episodes:
                old = before.get(e.id)
                moved = old is not None and old.airs_at != e.airs_at
                rows.append(
                    (
                        tvmaze_show_id,
                        e.id,
                        e.season,
                        e.number,
                        e.name,
                        to_epoch(e.airs_at),
                        int(e.has_time),
                        e.finale,
                        (old.sequence if old else 0) + moved,
                    )
                )
            if {_facts(e) for e in stored} == {_facts(e) for e in episodes}:
                return False  # the daily re-read of a show airing soon, with nothing new
            await tx.execute(
                "DELETE FROM tvmaze_episodes WHERE tvmaze_show_id = ?", (tvmaze_show_id,)
            )
            await tx.executemany(
                """INSERT INTO tvmaze_episodes (tvmaze_show_id, episode_id, season, number, name,
                                                airs_at, has_time, finale, sequence)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                rows,
            )
        return True

    async def of_season(self, tvmaze_show_id: int, season: int) -> list[Episode]:
        rows = await self._db.fetch_all(
            SELECT_EPISODES + "WHERE tvmaze_show_id = ? AND season = ? ORDER BY airs_at, number",
            (tvmaze_show_id, season),
        )
        return [_episode(r) for r in rows]

    async def of_seasons(self, wanted: Sequence[tuple[int, int]]) -> list[Episode]:
        """The episodes of several (TVmaze show, season) pairs, in airing order: one query."""
        pairs = set(wanted)
        if not pairs:
            return []
        rows = await self._db.fetch_all(
            OF_SHOWS[self._db.dialect],
            (self._db.list_param(sorted({show for show, _ in pairs})),),
        )
        return [e for e in map(_episode, rows) if (e.tvmaze_show_id, e.season) in pairs]

    async def followed_airing_between(self, start: datetime, end: datetime) -> list[int]:
        """TVmaze shows with an episode airing in [start, end) in a season some server
        follows episode by episode: checked daily whatever TVmaze's updates list says."""
        rows = await self._db.fetch_all(
            """SELECT DISTINCT e.tvmaze_show_id FROM tvmaze_episodes e
               JOIN shows s ON s.tvmaze_id = e.tvmaze_show_id AND s.season = e.season
               WHERE s.announce <> ? AND e.airs_at >= ? AND e.airs_at < ?
               ORDER BY 1""",
            (Announce.PREMIERES, to_epoch(start), to_epoch(end)),
        )
        return [r["tvmaze_show_id"] for r in rows]

    async def forget_unfollowed(self) -> int:
        """Drop the episodes of TVmaze shows no server follows episode by episode any more."""
        return await self._db.execute(
            """DELETE FROM tvmaze_episodes WHERE tvmaze_show_id NOT IN (
                   SELECT tvmaze_id FROM shows WHERE tvmaze_id IS NOT NULL AND announce <> ?)""",
            (Announce.PREMIERES,),
        )
