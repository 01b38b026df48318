"""Moving a bot's data from one database to another (a SQLite file into PostgreSQL, for a bot
that outgrew one process), verified row for row.

Every table is copied in an order that keeps foreign keys satisfied, with its ids as they were
(reminder delivery ids are message nonces, so they must not change), in batches, inside one
transaction on the target: a copy either lands whole or not at all.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from bot.db.connection import Database, Dialect, Reads, Row

BATCH = 2_000

# (table, the columns that order it) — parents before children. The schema is the bot's own,
# so these names are constants, never input.
TABLES: tuple[tuple[str, str], ...] = (
    ("bot_meta", "key"),
    ("guild_settings", "guild_id"),
    ("shows", "id"),
    ("subscriptions", "show_id, user_id"),
    ("reminders", "id"),
    ("deliveries", "id"),
    ("show_events", "show_id"),
    ("event_interest", "event_id, user_id"),
    ("event_problems", "show_id"),
    ("articles", "id"),
    ("feeds", "id"),
    ("feed_entries", "feed_id, entry_key"),
    ("season_offers", "id"),
    ("tvmaze_episodes", "tvmaze_show_id, episode_id"),
    ("calendars", "guild_id"),
    ("quiet_hours", "guild_id, user_id"),
    ("digest_plans", "guild_id"),
    ("digests", "id"),
    ("held_news", "id"),
)
# Tables whose ids the target numbers itself afterwards: its counter must start past them.
NUMBERED = (
    "shows",
    "reminders",
    "deliveries",
    "articles",
    "feeds",
    "season_offers",
    "digests",
    "held_news",
)


class CopyRefused(Exception):
    """The copy can't be made as asked; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class TableCopy:
    table: str
    rows: int


def _select(table: str, order: str) -> str:
    return f"SELECT * FROM {table} ORDER BY {order} LIMIT ? OFFSET ?"  # noqa: S608 (constants)


def _values(row: Row) -> tuple[object, ...]:
    return tuple(row)  # a row iterates its values, in column order, in both engines


async def _pages(db: Reads, table: str, order: str) -> AsyncIterator[list[Row]]:
    offset = 0
    while True:
        rows = await db.fetch_all(_select(table, order), (BATCH, offset))
        if not rows:
            return
        yield rows
        offset += len(rows)


async def copy_database(
    source: Database, target: Database, *, progress: Callable[[TableCopy], None] | None = None
) -> list[TableCopy]:
    """Copy every row of `source` into `target`, which must be migrated and empty, then read
    both back and compare them row for row. Returns how many rows each table holds."""
    if await source.schema_version() != await target.schema_version():
        raise CopyRefused(
            "The two databases are at different migrations: start the bot once on each (or run "
            "`python -m bot migrate`) so both are up to date, then copy."
        )
    for table, _ in TABLES:
        if await target.scalar(f"SELECT count(*) FROM {table}"):  # noqa: S608 (constants)
            raise CopyRefused(
                f"The target database already holds data (table {table}): copy only into a "
                "new, empty database."
            )
    copied: list[TableCopy] = []
    async with target.transaction() as tx:
        for table, order in TABLES:
            count = 0
            async for rows in _pages(source, table, order):
                columns = list(rows[0].keys())
                marks = ", ".join("?" for _ in columns)
                insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
                await tx.executemany(insert, [tuple(row[c] for c in columns) for row in rows])
                count += len(rows)
            copied.append(TableCopy(table, count))
            if progress is not None:
                progress(copied[-1])
        if target.dialect is Dialect.POSTGRESQL:
            for table in NUMBERED:
                await tx.fetch_one(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)"
                )
        await verify_same(source, tx)  # inside the transaction: a difference keeps nothing
    return copied


async def verify_same(source: Reads, target: Reads) -> None:
    """Read both databases in the same order and compare every row; raises on the first
    difference."""
    for table, order in TABLES:
        theirs = _pages(target, table, order)
        async for mine in _pages(source, table, order):
            other: list[Row] = await anext(theirs, [])
            if [_values(r) for r in mine] != [_values(r) for r in other]:
                raise CopyRefused(f"Table {table} differs after the copy: nothing was kept.")
        if await anext(theirs, None) is not None:
            raise CopyRefused(f"Table {table} has more rows in the target than in the source.")
