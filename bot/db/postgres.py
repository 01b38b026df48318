"""PostgreSQL: a pool of asyncpg connections. Statements are written with SQLite's `?`
placeholders and numbered (`$1`, `$2`, …) here, once per statement text."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager, contextmanager
from functools import lru_cache
from typing import Any, TypeAlias
from urllib.parse import urlsplit

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from bot.db.connection import (
    Database,
    Dialect,
    IntegrityError,
    Row,
    Transaction,
    UniqueViolation,
)

POOL_SIZE = 10
Connection: TypeAlias = "asyncpg.Connection[Any] | PoolConnectionProxy[Any]"
# What a statement looks like to the translator: quoted text and comments are left alone.
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|\?")


@lru_cache(maxsize=512)
def numbered(sql: str) -> str:
    """`?` placeholders as PostgreSQL's `$1`, `$2`, … (outside quotes and comments)."""
    count = 0

    def number(match: re.Match[str]) -> str:
        nonlocal count
        if match.group() != "?":
            return match.group()
        count += 1
        return f"${count}"

    return _TOKENS.sub(number, sql)


def _changed(status: str) -> int:
    """Rows changed, from asyncpg's command status ("UPDATE 3", "INSERT 0 1", "DELETE 0")."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


@contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except asyncpg.UniqueViolationError as error:
        raise UniqueViolation(str(error)) from error
    except asyncpg.IntegrityConstraintViolationError as error:
        raise IntegrityError(str(error)) from error


def safe_location(url: str) -> str:
    """The server and database of a URL, without its user or password (for logs)."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    port = f":{parts.port}" if parts.port else ""
    return f"postgresql://{host}{port}{parts.path}"


class _PostgresReads:
    dialect = Dialect.POSTGRESQL

    def _connection(self) -> AbstractAsyncContextManager[Connection]:
        raise NotImplementedError

    async def fetch_one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        async with self._connection() as connection:
            row: Row | None = await connection.fetchrow(numbered(sql), *params)
            return row

    async def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        async with self._connection() as connection:
            return list(await connection.fetch(numbered(sql), *params))


class PostgresDatabase(_PostgresReads, Database):
    """Each transaction has a connection of its own from the pool, so PostgreSQL keeps them
    apart: a read never sees another's unfinished work."""

    def __init__(self, pool: asyncpg.Pool[Any], location: str) -> None:
        self._pool = pool
        self.location = location

    @classmethod
    async def connect(cls, url: str) -> PostgresDatabase:
        pool = await asyncpg.create_pool(url, min_size=1, max_size=POOL_SIZE)
        database = cls(pool, safe_location(url))
        try:
            await database.migrate()
        except BaseException:
            await pool.close()
            raise
        return database

    async def close(self) -> None:
        await self._pool.close()

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[Connection]:
        async with self._pool.acquire() as connection:
            yield connection

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        async with self._pool.acquire() as connection, connection.transaction():
            yield _PostgresTransaction(connection)

    async def schema_version(self) -> int:
        async with self._connection() as connection:
            await connection.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"
            )
            version = await connection.fetchval("SELECT max(version) FROM schema_version")
        return int(version or 0)

    async def _record_version(self, tx: Transaction, number: int) -> None:
        await tx.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))


class _PostgresTransaction(_PostgresReads, Transaction):
    def __init__(self, connection: Connection) -> None:
        self._held = connection

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[Connection]:
        yield self._held

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        with _translated():
            return _changed(await self._held.execute(numbered(sql), *params))

    async def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        with _translated():
            new_id: int = await self._held.fetchval(numbered(sql) + " RETURNING id", *params)
            return new_id

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            with _translated():
                await self._held.executemany(numbered(sql), rows)

    async def run_script(self, sql: str) -> None:
        await self._held.execute(sql)  # several statements at once: the simple protocol
