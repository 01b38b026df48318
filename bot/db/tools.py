"""`python -m bot migrate` and `python -m bot copy-db`: what an owner runs by hand."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from bot.db.connection import Database, is_postgres_url
from bot.db.copy import CopyRefused, TableCopy, copy_database


class ToolRefused(SystemExit):
    """Ends the command with one line on standard error, and status 2."""

    def __init__(self, line: str) -> None:
        print(line, file=sys.stderr)
        super().__init__(2)


async def migrate_command(target: Path | str) -> None:
    database = await Database.open(target)  # opening applies what is pending
    try:
        version = await database.schema_version()
        print(f"{database.location}: up to date (migration {version})")
    finally:
        await database.close()


async def copy_command(source_path: Path, target_url: str) -> None:
    if not is_postgres_url(target_url):
        raise ToolRefused("--to must be a PostgreSQL URL (postgresql://user:pass@host/db).")
    if not await asyncio.to_thread(source_path.is_file):
        raise ToolRefused(f"There is no SQLite database at {source_path}: give it with --from.")
    source = await Database.open(source_path)
    try:
        target = await Database.open(target_url)
        try:
            copied = await copy_database(source, target, progress=_report)
        except CopyRefused as refusal:
            raise ToolRefused(str(refusal)) from None
        finally:
            await target.close()
    finally:
        await source.close()
    total = sum(c.rows for c in copied)
    print(f"Copied and verified {total} rows from {source.location} into {target.location}.")
    print("Set DATABASE_URL to it and start the bot.")


def _report(copy: TableCopy) -> None:
    print(f"  {copy.table}: {copy.rows} rows")
