"""SQLite: one long-lived aiosqlite connection shared by every task, and its pragmas."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from bot.db.connection import (
    Database,
    Dialect,
    IntegrityError,
    Row,
    Transaction,
    UniqueViolation,
    split_statements,
)

BUSY_TIMEOUT_MS = 5_000
# The line a migration carries when it must run with foreign keys off (a table rebuild).
FOREIGN_KEYS_OFF = "-- sqlite: foreign keys off"


@contextmanager
def _translated() -> Iterator[None]:
    """sqlite3's constraint errors as the engine-neutral ones repositories catch."""
    try:
        yield
    except sqlite3.IntegrityError as error:
        if "UNIQUE" in str(error):
            raise UniqueViolation(str(error)) from error
        raise IntegrityError(str(error)) from error


class _SqliteReads:
    dialect = Dialect.SQLITE
    _connection: aiosqlite.Connection

    @asynccontextmanager
    async def _turn(self) -> AsyncIterator[None]:
        """Wait for this reader's turn on the connection (see SqliteDatabase)."""
        yield

    async def fetch_one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        async with self._turn(), self._connection.execute(sql, params) as cursor:
            row: Row | None = await cursor.fetchone()
            return row

    async def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        async with self._turn(), self._connection.execute(sql, params) as cursor:
            return list(await cursor.fetchall())


class SqliteDatabase(_SqliteReads, Database):
    """One connection is shared by every task, and SQLite transactions are per connection: a
    statement run while another task's transaction is open would be part of it, and a read
    would see rows that may still roll back. So a transaction holds the connection to itself,
    and reads from other tasks wait for it to end."""

    def __init__(self, connection: aiosqlite.Connection, path: Path) -> None:
        self._connection = connection
        self._write_lock = asyncio.Lock()
        self._writer: asyncio.Task[Any] | None = None  # the task whose transaction is open
        self.path = path
        self.location = str(path)

    @classmethod
    async def connect(cls, path: Path) -> SqliteDatabase:
        path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, so nothing commits behind us.
        # timeout= is SQLite's busy timeout: wait this long for a lock before failing.
        connection = await aiosqlite.connect(
            path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
        )
        connection.row_factory = aiosqlite.Row
        try:
            await connection.execute("PRAGMA journal_mode = WAL")
            await connection.execute("PRAGMA foreign_keys = ON")
            await connection.execute("PRAGMA synchronous = NORMAL")
            database = cls(connection, path)
            await database.migrate()
        except BaseException:
            await connection.close()
            raise
        return database

    async def close(self) -> None:
        await self._connection.close()

    @asynccontextmanager
    async def _turn(self) -> AsyncIterator[None]:
        if self._writer is not None and self._writer is asyncio.current_task():
            yield  # the transaction's own task reads what it has written so far
            return
        async with self._write_lock:
            yield

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        async with self._write_lock:
            self._writer = asyncio.current_task()
            try:
                await self._connection.execute("BEGIN IMMEDIATE")
                try:
                    yield _SqliteTransaction(self._connection)
                except BaseException:
                    await self._connection.rollback()
                    raise
                else:
                    await self._connection.commit()
            finally:
                self._writer = None

    async def _apply(self, number: int, sql: str) -> None:
        """A migration that rebuilds a table says so (FOREIGN_KEYS_OFF): SQLite's own recipe
        turns foreign keys off around it, since dropping the old table would otherwise delete
        the rows that point at it, and checks every key before it commits."""
        if FOREIGN_KEYS_OFF not in sql:
            await super()._apply(number, sql)
            return
        # The pragma is ignored inside a transaction: set it before, put it back after.
        await self._connection.execute("PRAGMA foreign_keys = OFF")
        try:
            async with self.transaction() as tx:
                await tx.run_script(sql)
                broken = await tx.fetch_all("PRAGMA foreign_key_check")
                if broken:
                    raise IntegrityError(f"migration {number} leaves {len(broken)} broken keys")
                await self._record_version(tx, number)
        finally:
            await self._connection.execute("PRAGMA foreign_keys = ON")

    async def schema_version(self) -> int:
        version: int = await self.scalar("PRAGMA user_version")
        return version

    async def _record_version(self, tx: Transaction, number: int) -> None:
        # PRAGMA takes no parameters; the number is an int from our own migration file's name.
        await tx.execute(f"PRAGMA user_version = {number:d}")


class _SqliteTransaction(_SqliteReads, Transaction):
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        with _translated():
            async with self._connection.execute(sql, params) as cursor:
                changed: int = cursor.rowcount
                return changed

    async def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        with _translated():
            async with self._connection.execute(sql, params) as cursor:
                new_id: int | None = cursor.lastrowid
                assert new_id is not None
                return new_id

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with _translated():
            await self._connection.executemany(sql, rows)

    async def run_script(self, sql: str) -> None:
        # executescript() would COMMIT first; run the statements one by one instead.
        for statement in split_statements(sql):
            await self._connection.execute(statement)
