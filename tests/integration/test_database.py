"""The database on a real SQLite file and a real PostgreSQL server: migrations, transactions,
the shows table; and what only SQLite has (pragmas)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.db import connection
from bot.db.connection import (
    Database,
    Dialect,
    IntegrityError,
    available_migrations,
    split_statements,
)
from bot.db.shows import NewShow, ShowRepository
from bot.db.sqlite import BUSY_TIMEOUT_MS, SqliteDatabase
from bot.domain.dates import Precision
from bot.errors import AlreadyExists
from tests.postgres import PostgresServer

NOW = datetime(2026, 11, 24, 15, tzinfo=UTC)


@pytest.fixture
async def sqlite_db(tmp_path: Path) -> AsyncIterator[SqliteDatabase]:
    database = await SqliteDatabase.connect(tmp_path / "nested" / "bot.sqlite3")
    yield database
    await database.close()


@pytest.fixture(params=list(Dialect))
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """The same repositories on each engine: a SQLite file, and a fresh PostgreSQL database."""
    if request.param is Dialect.SQLITE:
        database = await Database.open(tmp_path / "nested" / "bot.sqlite3")
        yield database
        await database.close()
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = await server.fresh_database()
    database = await Database.open(url)
    yield database
    await database.close()
    await server.drop_database(url)


def draft(
    guild_id: int = 1, title: str = "Jessica Jones", season: int | None = 2, days: int = 30
) -> NewShow:
    return NewShow(
        guild_id,
        title,
        season,
        "Netflix",
        NOW + timedelta(days=days),
        Precision.DAY,
        "UTC",
        42,
        NOW,
    )


async def test_open_creates_the_folder_and_sets_the_pragmas(sqlite_db: SqliteDatabase) -> None:
    assert sqlite_db.path.is_file()
    assert await sqlite_db.scalar("PRAGMA journal_mode") == "wal"
    assert await sqlite_db.scalar("PRAGMA foreign_keys") == 1
    assert await sqlite_db.scalar("PRAGMA busy_timeout") == BUSY_TIMEOUT_MS


async def test_migrations_bring_the_schema_to_the_latest(db: Database) -> None:
    latest = available_migrations(db.dialect)[-1][0]
    assert await db.schema_version() == latest
    assert await db.migrate() == latest  # a second run applies nothing


def test_every_migration_has_the_same_number_and_name_on_both_engines() -> None:
    names = {dialect: [name for _, name, _ in available_migrations(dialect)] for dialect in Dialect}
    assert names[Dialect.SQLITE] == names[Dialect.POSTGRESQL]


async def test_a_failing_migration_leaves_no_trace(tmp_path: Path, monkeypatch) -> None:
    real = available_migrations()
    broken = (
        len(real) + 1,
        "9999_broken.sql",
        "CREATE TABLE half_done (id INTEGER);\nINSERT INTO nowhere VALUES (1);",
    )
    monkeypatch.setattr(connection, "available_migrations", lambda _dialect: [*real, broken])

    with pytest.raises(Exception, match="no such table"):
        await Database.open(tmp_path / "bot.sqlite3")

    monkeypatch.setattr(connection, "available_migrations", lambda _dialect: real)
    database = await Database.open(tmp_path / "bot.sqlite3")
    try:
        assert await database.scalar("PRAGMA user_version") == len(real)
        assert (
            await database.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'")
            == 0
        )
    finally:
        await database.close()


async def test_the_reminders_rebuild_keeps_every_reminder_and_its_deliveries(
    tmp_path: Path, monkeypatch
) -> None:
    """Migration 8 rebuilds the reminders table with foreign keys off: the deliveries that
    point at it (the ledger, whose ids are nonces) must all still be there, still pointing."""
    real = available_migrations()
    monkeypatch.setattr(connection, "available_migrations", lambda _dialect: real[:7])
    database = await Database.open(tmp_path / "bot.sqlite3")
    async with database.transaction() as tx:  # the schema of version 7, written by hand
        await tx.execute(
            """INSERT INTO shows (id, guild_id, title, title_key, premiere_at,
                                  premiere_precision, premiere_timezone, added_by, added_at)
               VALUES (9, 1, 'Jessica Jones', 'jessica jones', 100, 'day', 'UTC', 42, 1)"""
        )
        await tx.execute(
            """INSERT INTO reminders (id, guild_id, show_id, kind, offset_seconds, premiere_at,
                                      due_at, status)
               VALUES (41, 1, 9, 'countdown', 0, 100, 100, 'sending')"""
        )
        await tx.execute(
            """INSERT INTO deliveries (id, reminder_id, target, channel_id, part)
               VALUES (73, 41, 'channel', 5, 0)"""
        )
    await database.close()

    monkeypatch.setattr(connection, "available_migrations", lambda _dialect: real)
    database = await Database.open(tmp_path / "bot.sqlite3")
    try:
        assert await database.scalar("PRAGMA user_version") == len(real)
        assert await database.scalar("PRAGMA foreign_keys") == 1
        assert await database.scalar("SELECT reminder_id FROM deliveries WHERE id = 73") == 41
        assert await database.scalar("SELECT status FROM reminders WHERE id = 41") == "sending"
        # The rebuilt table still cascades: removing the show takes its reminders and messages.
        assert await ShowRepository(database).delete(1, 9)
        assert await database.scalar("SELECT count(*) FROM deliveries") == 0
    finally:
        await database.close()


def test_statements_split_on_sqlite_boundaries() -> None:
    sql = "-- a comment; with a semicolon\nCREATE TABLE a (x TEXT DEFAULT ';');\nSELECT 1;\n"
    assert split_statements(sql) == [
        "-- a comment; with a semicolon\nCREATE TABLE a (x TEXT DEFAULT ';');",
        "SELECT 1;",
    ]


async def test_a_failed_transaction_rolls_back(db: Database) -> None:
    async def write_then_fail() -> None:
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO bot_meta (key, value) VALUES ('k', 'v')")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await write_then_fail()
    assert await db.scalar("SELECT count(*) FROM bot_meta") == 0


async def test_insert_and_read_back_a_show(db: Database) -> None:
    shows = ShowRepository(db)
    stored = await shows.insert(draft())

    assert stored == await shows.get(1, stored.id)
    assert stored.premiere == NOW + timedelta(days=30)
    assert stored.premiere.tzinfo is UTC
    assert stored.precision is Precision.DAY


async def test_duplicates_are_case_and_space_blind_and_seasonless_ones_collide(
    db: Database,
) -> None:
    shows = ShowRepository(db)
    await shows.insert(draft(title="Jessica Jones", season=None))
    with pytest.raises(AlreadyExists):
        await shows.insert(draft(title="  JESSICA   jones ", season=None))
    await shows.insert(draft(title="Jessica Jones", season=1))  # another season is fine
    await shows.insert(draft(guild_id=2, title="Jessica Jones", season=None))  # another server


async def test_a_server_never_reads_or_deletes_another_servers_show(db: Database) -> None:
    shows = ShowRepository(db)
    mine = await shows.insert(draft(guild_id=1))

    assert await shows.get(2, mine.id) is None
    assert await shows.delete(2, mine.id) is False
    assert await shows.all_in_guild(2) == []
    assert await shows.get(1, mine.id) == mine


async def test_ending_after_orders_by_premiere(db: Database) -> None:
    shows = ShowRepository(db)
    for days, title in [(30, "C"), (10, "A"), (20, "B"), (-400, "Old")]:
        await shows.insert(draft(title=title, days=days))
    found = await shows.ending_after(1, NOW - timedelta(days=366))
    assert [s.title for s in found] == ["A", "B", "C"]


async def test_the_database_refuses_an_out_of_range_title(db: Database) -> None:
    with pytest.raises(IntegrityError):
        await ShowRepository(db).insert(draft(title="x" * 101))


async def test_a_read_never_sees_another_tasks_unfinished_transaction(db: Database) -> None:
    """One connection serves every task: a read from elsewhere waits for an open transaction
    to end, so it never sees a row that is then rolled back."""
    inside = asyncio.Event()
    finish = asyncio.Event()

    async def write_then_roll_back() -> None:
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO bot_meta (key, value) VALUES ('half', 'done')")
            assert await tx.scalar("SELECT value FROM bot_meta WHERE key = 'half'") == "done"
            inside.set()
            await finish.wait()
            raise RuntimeError("changed its mind")

    writer = asyncio.create_task(write_then_roll_back())
    await inside.wait()
    reader = asyncio.create_task(db.scalar("SELECT value FROM bot_meta WHERE key = 'half'"))
    await asyncio.sleep(0)  # the reader has had its chance to run while the write is open
    assert not reader.done()
    finish.set()
    with pytest.raises(RuntimeError, match="changed its mind"):
        await writer
    assert await reader is None
