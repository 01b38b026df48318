"""Moving a bot's SQLite file into PostgreSQL: every row, ids kept, verified, all or nothing;
and the owner's two commands, `python -m bot copy-db` and `python -m bot migrate`."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.db.connection import Database
from bot.db.copy import TABLES, CopyRefused, copy_database
from bot.db.events import EventRepository
from bot.db.feeds import FeedRepository, NewFeed
from bot.db.meta import MetaRepository
from bot.db.reminders import ReminderRepository
from bot.db.season_offers import SeasonOfferRepository
from bot.db.settings import SettingsRepository
from bot.db.shows import NewShow, ShowRepository
from bot.db.subscriptions import SubscriptionRepository
from bot.domain.dates import Precision
from bot.domain.reminders import Rung
from bot.domain.subscriptions import Delivery
from tests.postgres import PostgresServer

NOW = datetime(2026, 11, 24, 15, tzinfo=UTC)
ROOT = Path(__file__).parents[2]


async def fill(db: Database) -> None:
    """A little of everything a running bot keeps."""
    shows = ShowRepository(db)
    premiere = NOW + timedelta(days=30)
    jessica = await shows.insert(
        NewShow(1, "Jessica Jones", 2, "Netflix", premiere, Precision.TIME, "UTC", 7, NOW)
    )
    await shows.insert(NewShow(2, "Dark", None, None, premiere, Precision.DAY, "UTC", 8, NOW))
    await SubscriptionRepository(db).upsert(1, jessica.id, 42, Delivery.DM, NOW)
    await SettingsRepository(db).update(1, announce_channel_id=555, timezone="Europe/Berlin")
    reminders = ReminderRepository(db)
    await reminders.replan(jessica, [Rung(timedelta(days=1), premiere - timedelta(days=1))])
    [(reminder, _)] = await reminders.claim_due(premiere)
    await reminders.plan_deliveries(reminder.id, 555, [(None, (42, 43))], [44])
    events = EventRepository(db)
    await events.remember(1, jessica.id, 9000)
    await events.replace_interest(1, 9000, [42, 43])
    await events.note_problem(1, jessica.id, jessica.label, "no Manage Events", NOW)
    feeds = FeedRepository(db)
    feed = await feeds.insert(
        NewFeed(
            1, "https://tv.example/feed", "tv.example/feed", "TV", 555, False, 7, NOW,
            timedelta(minutes=15), NOW, None, None,
        ),
        ["id:1", "link:tv.example/a"],
    )  # fmt: skip
    assert feed.id
    await SeasonOfferRepository(db).record(
        1, jessica.id, 3, premiere, Precision.DAY, "UTC", "Netflix", NOW, tvmaze_id=1
    )
    await MetaRepository(db).put("synced_tree:1", "abc")


@pytest.fixture
async def source(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "bot.sqlite3")
    await fill(database)
    yield database
    await database.close()


@pytest.fixture
async def target(postgres_url: str) -> AsyncIterator[Database]:
    database = await Database.open(postgres_url)
    yield database
    await database.close()


async def test_every_row_arrives_with_its_ids_and_is_read_back_the_same(
    source: Database, target: Database
) -> None:
    copied = await copy_database(source, target)

    counts = {c.table: c.rows for c in copied}
    assert [c.table for c in copied] == [t for t, _ in TABLES]
    assert counts["shows"] == 2 and counts["deliveries"] == 2 and counts["event_interest"] == 2
    for guild_id in (1, 2):
        copy, original = ShowRepository(target), ShowRepository(source)
        assert await copy.all_in_guild(guild_id) == await original.all_in_guild(guild_id)
    assert await SettingsRepository(target).get(1) == await SettingsRepository(source).get(1)
    # New rows are numbered past the copied ones: ids are nonces and must never repeat.
    later = await ShowRepository(target).insert(
        NewShow(1, "Severance", None, None, NOW, Precision.DAY, "UTC", 7, NOW)
    )
    assert later.id > max(s.id for s in await ShowRepository(source).all_in_guild(1))


async def test_a_target_that_holds_data_is_refused_and_left_alone(
    source: Database, target: Database
) -> None:
    await MetaRepository(target).put("mine", "keep")

    with pytest.raises(CopyRefused, match="already holds data"):
        await copy_database(source, target)

    assert await MetaRepository(target).get("mine") == "keep"
    assert await ShowRepository(target).all_in_guild(1) == []


def run_bot(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=cwd,
        timeout=120,
        check=False,
    )


async def test_the_owners_commands_migrate_then_copy_then_refuse_a_second_copy(
    tmp_path: Path, postgres_server: PostgresServer
) -> None:
    sqlite_file = tmp_path / "bot.sqlite3"
    seeded = await Database.open(sqlite_file)
    await fill(seeded)
    await seeded.close()
    url = await postgres_server.fresh_database()
    env = {"DATABASE_URL": url, "PYTHONPATH": str(ROOT), "DISCORD_TOKEN": ""}
    try:
        migrated = run_bot("migrate", env=env, cwd=tmp_path)
        assert migrated.returncode == 0, migrated.stderr
        assert "up to date" in migrated.stdout and "secret" not in migrated.stdout

        copied = run_bot("copy-db", "--from", str(sqlite_file), "--to", url, env=env, cwd=tmp_path)
        assert copied.returncode == 0, copied.stderr
        assert "verified" in copied.stdout and "deliveries: 2 rows" in copied.stdout

        again = run_bot("copy-db", "--from", str(sqlite_file), "--to", url, env=env, cwd=tmp_path)
        assert again.returncode == 2
        assert "already holds data" in again.stderr and "Traceback" not in again.stderr
    finally:
        await postgres_server.drop_database(url)


async def test_every_table_of_the_schema_is_copied(tmp_path: Path) -> None:
    """A new table must join the copy (or say here why not): a forgotten one would be lost when
    a bot moves to PostgreSQL."""
    db = await Database.open(tmp_path / "schema.sqlite3")
    try:
        rows = await db.fetch_all(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    finally:
        await db.close()
    not_copied = {"leases"}  # who runs the work of no server: each deployment's own, short-lived
    assert {r["name"] for r in rows} - not_copied == {table for table, _ in TABLES}
