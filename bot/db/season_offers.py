"""Next seasons TVmaze announced for tracked shows, each offered to its server once."""

from __future__ import annotations

from datetime import datetime

from bot.db.connection import Database, Row, UniqueViolation
from bot.db.shows import from_epoch, to_epoch
from bot.domain.dates import Precision
from bot.domain.shows import SeasonOffer

SELECT_OFFERS = """
    SELECT season_offers.id, season_offers.guild_id, show_id, shows.title, season_offers.season,
           season_offers.premiere_at, season_offers.premiere_precision,
           season_offers.premiere_timezone, season_offers.network, shows.tvmaze_id,
           accepted_show_id
    FROM season_offers JOIN shows ON shows.id = season_offers.show_id
"""


def _offer(row: Row) -> SeasonOffer:
    return SeasonOffer(
        id=row["id"],
        guild_id=row["guild_id"],
        show_id=row["show_id"],
        title=row["title"],
        season=row["season"],
        premiere=from_epoch(row["premiere_at"]),
        precision=Precision(row["premiere_precision"]),
        timezone=row["premiere_timezone"],
        network=row["network"],
        tvmaze_id=row["tvmaze_id"],
        accepted_show_id=row["accepted_show_id"],
    )


class SeasonOfferRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def record(
        self,
        guild_id: int,
        show_id: int,
        season: int,
        premiere: datetime,
        precision: Precision,
        timezone: str,
        network: str | None,
        now: datetime,
        *,
        tvmaze_id: int,
    ) -> SeasonOffer | None:
        """Write the offer down; None when this server was offered this season before (from
        any of its tracked seasons of the show)."""
        try:
            async with self._db.transaction() as tx:
                offered = await tx.fetch_one(
                    """SELECT 1 FROM season_offers JOIN shows ON shows.id = season_offers.show_id
                       WHERE season_offers.guild_id = ? AND shows.tvmaze_id = ?
                         AND season_offers.season = ?""",
                    (guild_id, tvmaze_id, season),
                )
                if offered is not None:
                    return None
                offer_id = await tx.insert(
                    """INSERT INTO season_offers (guild_id, show_id, season, premiere_at,
                                                  premiere_precision, premiere_timezone, network,
                                                  offered_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    (
                        guild_id,
                        show_id,
                        season,
                        to_epoch(premiere),
                        precision.value,
                        timezone,
                        network,
                        to_epoch(now),
                    ),
                )
        except UniqueViolation:
            return None
        return await self.get(guild_id, offer_id)

    async def get(self, guild_id: int, offer_id: int) -> SeasonOffer | None:
        row = await self._db.fetch_one(
            SELECT_OFFERS + "WHERE season_offers.guild_id = ? AND season_offers.id = ?",
            (guild_id, offer_id),
        )
        return None if row is None else _offer(row)

    async def posted(self, offer_id: int, channel_id: int, message_id: int) -> None:
        await self._db.execute(
            "UPDATE season_offers SET channel_id = ?, message_id = ? WHERE id = ?",
            (channel_id, message_id, offer_id),
        )

    async def withdraw(self, offer_id: int) -> None:
        """Forget an offer nobody saw (no channel to post in), so it is made again later."""
        await self._db.execute(
            "DELETE FROM season_offers WHERE id = ? AND message_id IS NULL", (offer_id,)
        )

    async def accepted(self, guild_id: int, offer_id: int, show_id: int) -> None:
        await self._db.execute(
            "UPDATE season_offers SET accepted_show_id = ? WHERE guild_id = ? AND id = ?",
            (show_id, guild_id, offer_id),
        )
