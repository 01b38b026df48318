"""The bot's database, one API over two engines: SQLite (a file, the default) and PostgreSQL
(`DATABASE_URL`, for bots that outgrow one process). Repositories write their SQL once, with `?`
placeholders; where the two engines' SQL must differ, a repository keeps one statement per
dialect. Migrations are numbered once and applied in order; a migration whose SQL differs has a
file of its own under `migrations/<dialect>/`.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(target: str) -> bool:
    return target.startswith(POSTGRES_SCHEMES)


class Dialect(StrEnum):
    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"


class Row(Protocol):
    """A result row: by column name or by position (sqlite3.Row and asyncpg.Record alike)."""

    def __getitem__(self, key: Any, /) -> Any: ...

    def keys(self) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...


class IntegrityError(Exception):
    """A constraint refused a write (a CHECK, a foreign key), in either engine."""


class UniqueViolation(IntegrityError):
    """A write would duplicate a unique key: the thing exists already."""


class Reads(ABC):
    """Queries that read; the same on the database and inside a transaction."""

    dialect: Dialect

    @abstractmethod
    async def fetch_one(self, sql: str, params: Sequence[Any] = ()) -> Row | None: ...

    @abstractmethod
    async def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    async def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = await self.fetch_one(sql, params)
        return None if row is None else row[0]

    def list_param(self, values: Iterable[Any]) -> Any:
        """A list of values as one parameter: for `IN (SELECT value FROM json_each(?))` in
        SQLite and `= ANY(?)` in PostgreSQL (no limit on how many, unlike one `?` each)."""
        listed = list(values)
        return json.dumps(listed) if self.dialect is Dialect.SQLITE else listed


class Transaction(Reads):
    """The statements a caller runs inside one transaction: all of them happen, or none."""

    @abstractmethod
    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; returns the number of rows it changed."""

    @abstractmethod
    async def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run an INSERT into a table with an `id` column; returns the new row's id."""

    @abstractmethod
    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    @abstractmethod
    async def run_script(self, sql: str) -> None:
        """Run a migration's statements, in this transaction."""


class Database(Reads):
    """Owns the connection(s). Reads never see another task's unfinished transaction."""

    location: str  # the file, or the server and database (never a password): for logs and /status

    @staticmethod
    async def open(target: Path | str) -> Database:
        """Open and migrate: a `postgresql://` URL, else a SQLite file path."""
        if is_postgres_url(str(target)):
            from bot.db.postgres import PostgresDatabase

            return await PostgresDatabase.connect(str(target))
        from bot.db.sqlite import SqliteDatabase

        return await SqliteDatabase.connect(Path(target))

    @abstractmethod
    async def close(self) -> None: ...

    @abstractmethod
    def transaction(self) -> AbstractAsyncContextManager[Transaction]: ...

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one write in its own transaction; returns the number of rows changed."""
        async with self.transaction() as tx:
            return await tx.execute(sql, params)

    @abstractmethod
    async def schema_version(self) -> int:
        """The number of the last migration applied."""

    @abstractmethod
    async def _record_version(self, tx: Transaction, number: int) -> None: ...

    async def migrate(self) -> int:
        """Apply pending migrations in order, each in its own transaction; returns the version."""
        version = await self.schema_version()
        for number, name, sql in available_migrations(self.dialect):
            if number <= version:
                continue
            log.info("Applying migration %s (%s)", name, self.dialect)
            await self._apply(number, sql)
            version = number
        return version

    async def _apply(self, number: int, sql: str) -> None:
        """One migration in one transaction, its version recorded with it."""
        async with self.transaction() as tx:
            await tx.run_script(sql)
            await self._record_version(tx, number)


def split_statements(sql: str) -> list[str]:
    """Split a migration into statements, using SQLite's own notion of a complete statement
    (PostgreSQL migrations are written to the same plain rules: no functions with bodies)."""
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


def available_migrations(dialect: Dialect = Dialect.SQLITE) -> list[tuple[int, str, str]]:
    """(number, file name, SQL) for every migration shipped with the package, in order: the
    dialect's own file where there is one, else the shared one."""
    folder = resources.files("bot.db") / "migrations"
    found: dict[int, tuple[str, str]] = {}
    for entry in folder.iterdir():
        if match := MIGRATION_NAME.match(entry.name):
            found[int(match.group(1))] = (entry.name, entry.read_text(encoding="utf-8"))
    own = folder / dialect.value
    if own.is_dir():
        for entry in own.iterdir():
            if match := MIGRATION_NAME.match(entry.name):
                found[int(match.group(1))] = (entry.name, entry.read_text(encoding="utf-8"))
    numbers = sorted(found)
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {numbers}")
    return [(n, *found[n]) for n in numbers]
