"""One long-lived aiosqlite connection, its pragmas, and the numbered migrations."""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

log = logging.getLogger(__name__)

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
BUSY_TIMEOUT_MS = 5_000


class _Reads:
    """Queries that read; the same whether or not a transaction is open."""

    _connection: aiosqlite.Connection

    @asynccontextmanager
    async def _turn(self) -> AsyncIterator[None]:
        """Wait for this reader's turn on the connection (see Database)."""
        yield

    async def fetch_one(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Row | None:
        async with self._turn(), self._connection.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[aiosqlite.Row]:
        async with self._turn(), self._connection.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = await self.fetch_one(sql, params)
        return None if row is None else row[0]


class Database(_Reads):
    """Owns the connection. One connection is shared by every task, and SQLite transactions are
    per connection: a statement run while another task's transaction is open would be part of
    it, and a read would see rows that may still roll back. So a transaction holds the
    connection to itself, and reads from other tasks wait for it to end."""

    def __init__(self, connection: aiosqlite.Connection, path: Path) -> None:
        self._connection = connection
        self._write_lock = asyncio.Lock()
        self._writer: asyncio.Task[Any] | None = None  # the task whose transaction is open
        self.path = path

    @asynccontextmanager
    async def _turn(self) -> AsyncIterator[None]:
        if self._writer is not None and self._writer is asyncio.current_task():
            yield  # the transaction's own task reads what it has written so far
            return
        async with self._write_lock:
            yield

    @classmethod
    async def open(cls, path: Path) -> Database:
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

    async def migrate(self) -> int:
        """Apply pending migrations in order, each in its own transaction; returns the version."""
        version: int = await self.scalar("PRAGMA user_version")
        for number, name, sql in available_migrations():
            if number <= version:
                continue
            log.info("Applying migration %s", name)
            async with self.transaction() as connection:
                await connection.executescript_in_transaction(sql)
                # PRAGMA takes no parameters; number comes from our own file name.
                await connection.execute(f"PRAGMA user_version = {number:d}")
            version = number
        return version

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[_Transaction]:
        async with self._write_lock:
            self._writer = asyncio.current_task()
            try:
                await self._connection.execute("BEGIN IMMEDIATE")
                try:
                    yield _Transaction(self._connection)
                except BaseException:
                    await self._connection.rollback()
                    raise
                else:
                    await self._connection.commit()
            finally:
                self._writer = None

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one write in its own transaction; returns the number of rows changed."""
        async with self.transaction() as tx:
            return await tx.execute(sql, params)


class _Transaction(_Reads):
    """The statements a caller runs while it holds the write lock."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        async with self._connection.execute(sql, params) as cursor:
            return cursor.rowcount

    async def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run an INSERT and return the new row's id."""
        async with self._connection.execute(sql, params) as cursor:
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        await self._connection.executemany(sql, rows)

    async def executescript_in_transaction(self, sql: str) -> None:
        # executescript() would COMMIT first; run the statements one by one instead.
        for statement in split_statements(sql):
            await self._connection.execute(statement)


def split_statements(sql: str) -> list[str]:
    """Split a migration into statements, using SQLite's own notion of a complete statement."""
    statements, current = [], ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip() and not all(
        s.startswith("--") for s in current.strip().splitlines() if s.strip()
    ):
        raise ValueError(f"incomplete SQL statement in migration: {current.strip()[:80]!r}")
    return statements


def available_migrations() -> list[tuple[int, str, str]]:
    """(number, file name, SQL) for every migration shipped with the package, in order."""
    folder = resources.files("bot.db") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [n for n, _, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {numbers}")
    return found
