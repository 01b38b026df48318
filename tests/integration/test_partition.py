"""Several processes on one database: each does the scheduled work of its own servers only, no
reminder is ever claimed twice, and work of no server is held by one process at a time. On
SQLite and on PostgreSQL alike."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.db.connection import Database, Dialect
from bot.db.feeds import FeedRepository, NewFeed
from bot.db.leases import LeaseRepository
from bot.db.reminders import ReminderRepository
from bot.db.shows import NewShow, ShowRepository
from bot.domain.dates import Precision
from bot.domain.reminders import DeliveryStatus, Rung
from bot.domain.shards import EVERY_SERVER, Partition, shard_of
from bot.domain.shows import Show
from bot.outbox.sole import LEASE_TTL, RENEW_EVERY, SoleRunner
from bot.outbox.timer import Scheduler
from bot.sandbox.double import guild_id_on_shard
from tests.postgres import PostgresServer

NOW = datetime(2026, 11, 24, 15, tzinfo=UTC)
SHARDS = 3
FIRST, REST = Partition.of(SHARDS, [0]), Partition.of(SHARDS, [1, 2])


@pytest.fixture(params=list(Dialect))
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    if request.param is Dialect.SQLITE:
        database = await Database.open(tmp_path / "bot.sqlite3")
        yield database
        await database.close()
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = await server.fresh_database()
    database = await Database.open(url)
    yield database
    await database.close()
    await server.drop_database(url)


def servers(per_shard: int = 2) -> list[int]:
    """Server ids shaped like Discord's, `per_shard` on each of the shards."""
    return [
        guild_id_on_shard(shard, SHARDS, n) for shard in range(SHARDS) for n in range(per_shard)
    ]


async def track(db: Database, guild_id: int, due_in: timedelta = timedelta(0)) -> Show:
    """A show in the server with one reminder due at NOW + `due_in`."""
    premiere = NOW + timedelta(days=1)
    show = await ShowRepository(db).insert(
        NewShow(guild_id, "Severance", 2, None, premiere, Precision.TIME, "UTC", 7, NOW)
    )
    offset = premiere - (NOW + due_in)
    await ReminderRepository(db).replan(show, [Rung(offset, NOW + due_in)])
    return show


async def test_each_partition_claims_the_due_reminders_of_its_own_servers(db: Database) -> None:
    guilds = servers()
    for guild_id in guilds:
        await track(db, guild_id)

    first = await ReminderRepository(db, FIRST).claim_due(NOW)
    rest = await ReminderRepository(db, REST).claim_due(NOW)

    assert sorted(r.guild_id for r, _ in first) == sorted(g for g in guilds if shard_of(g, 3) == 0)
    assert sorted(r.guild_id for r, _ in rest) == sorted(g for g in guilds if shard_of(g, 3) != 0)
    assert await ReminderRepository(db).claim_due(NOW) == []  # nothing left for anyone


async def test_every_server_is_the_whole_bot(db: Database) -> None:
    guilds = servers()
    for guild_id in guilds:
        await track(db, guild_id)

    claimed = await ReminderRepository(db, EVERY_SERVER).claim_due(NOW)

    assert sorted(r.guild_id for r, _ in claimed) == sorted(guilds)


async def test_a_partition_wakes_for_its_own_reminders_only(db: Database) -> None:
    [on_first, on_second] = [guild_id_on_shard(0, SHARDS), guild_id_on_shard(1, SHARDS)]
    await track(db, on_first, due_in=timedelta(hours=2))
    await track(db, on_second, due_in=timedelta(hours=1))

    assert await ReminderRepository(db, FIRST).next_wake() == NOW + timedelta(hours=2)
    assert await ReminderRepository(db, REST).next_wake() == NOW + timedelta(hours=1)
    assert await ReminderRepository(db, Partition.of(SHARDS, [2])).next_wake() is None


async def test_after_a_crash_a_process_resumes_its_own_half_sent_reminders_only(
    db: Database,
) -> None:
    for guild_id in servers(1):
        await track(db, guild_id)
    await ReminderRepository(db).claim_due(NOW)  # every reminder is being sent

    first = await ReminderRepository(db, FIRST).in_flight()
    rest = await ReminderRepository(db, REST).in_flight()

    assert [shard_of(r.guild_id, SHARDS) for r, _ in first] == [0]
    assert sorted(shard_of(r.guild_id, SHARDS) for r, _ in rest) == [1, 2]


async def test_delivery_retries_are_woken_for_and_resent_by_their_servers_process(
    db: Database,
) -> None:
    store = ReminderRepository(db)
    for guild_id in servers(1):
        await track(db, guild_id)
    retry_at = {}
    for n, (reminder, _) in enumerate(await store.claim_due(NOW)):
        [delivery] = await store.plan_deliveries(reminder.id, 555, [(None, ())], [])
        retry_at[shard_of(reminder.guild_id, SHARDS)] = NOW + timedelta(minutes=n + 1)
        await store.retry_later(delivery.id, "503", retry_at[shard_of(reminder.guild_id, 3)])

    first, rest = ReminderRepository(db, FIRST), ReminderRepository(db, REST)

    assert await first.next_wake() == retry_at[0]
    assert await rest.next_wake() == min(retry_at[1], retry_at[2])
    later = NOW + timedelta(hours=1)
    retried = {
        shard_of(reminder.guild_id, SHARDS)
        for reminder_id in await rest.retry_due(later)
        if (reminder := await store.get(reminder_id))
    }
    assert retried == {1, 2}
    assert len(await first.retry_due(later)) == 1
    assert [d.status for d in await store.deliveries(1)] == [DeliveryStatus.PENDING]


async def test_claims_that_overlap_by_mistake_still_never_take_a_reminder_twice(
    db: Database,
) -> None:
    for guild_id in servers(8):
        await track(db, guild_id)
    # Two processes both told to run shard 0 (a wrong setting), and one running everything,
    # claiming at the same moment: in PostgreSQL each claim has a connection of its own.
    claims = await asyncio.gather(
        ReminderRepository(db, FIRST).claim_due(NOW),
        ReminderRepository(db, FIRST).claim_due(NOW),
        ReminderRepository(db).claim_due(NOW),
        ReminderRepository(db, REST).claim_due(NOW),
    )

    ids = [reminder.id for claim in claims for reminder, _ in claim]
    assert len(ids) == len(set(ids)) == SHARDS * 8


async def test_each_partition_checks_the_feeds_of_its_own_servers(db: Database) -> None:
    feeds = FeedRepository(db)
    for n, guild_id in enumerate(servers(1)):
        await feeds.insert(
            NewFeed(
                guild_id, "https://tv.example/feed", "tv.example/feed", "TV", 555, False, 7,
                NOW, timedelta(minutes=15), NOW + timedelta(minutes=n), None, None,
            ),
            [],
        )  # fmt: skip
    later = NOW + timedelta(hours=1)

    first, rest = FeedRepository(db, FIRST), FeedRepository(db, REST)

    assert [shard_of(f.guild_id, SHARDS) for f in await first.due(later, 10)] == [0]
    assert [shard_of(f.guild_id, SHARDS) for f in await rest.due(later, 10)] == [1, 2]
    assert await first.next_poll_at() == NOW
    assert await rest.next_poll_at() == NOW + timedelta(minutes=1)
    assert len(await feeds.due(later, 10)) == SHARDS


# ------------------------------------------------------------------ the work of no server


async def test_a_lease_has_one_holder_until_it_lapses(db: Database) -> None:
    leases, ttl = LeaseRepository(db), timedelta(seconds=40)

    assert await leases.take("refresh", "a", NOW, ttl)
    assert not await leases.take("refresh", "b", NOW + timedelta(seconds=39), ttl)
    assert await leases.take("refresh", "a", NOW + timedelta(seconds=30), ttl)  # renewed
    assert not await leases.take("refresh", "b", NOW + timedelta(seconds=69), ttl)
    assert await leases.holder("refresh", NOW + timedelta(seconds=69)) == "a"

    assert await leases.take("refresh", "b", NOW + timedelta(seconds=70), ttl)  # a lapsed
    assert not await leases.take("refresh", "a", NOW + timedelta(seconds=71), ttl)
    assert await leases.holder("refresh", NOW + timedelta(seconds=71)) == "b"


async def test_a_lease_given_up_is_free_at_once(db: Database) -> None:
    leases, ttl = LeaseRepository(db), timedelta(seconds=40)
    await leases.take("refresh", "a", NOW, ttl)

    await leases.release("refresh", "b")  # not b's to give up
    assert await leases.holder("refresh", NOW) == "a"
    await leases.release("refresh", "a")

    assert await leases.holder("refresh", NOW) is None
    assert await leases.take("refresh", "b", NOW, ttl)


async def test_processes_asking_for_a_lease_at_once_get_one_holder(db: Database) -> None:
    leases = LeaseRepository(db)

    taken = await asyncio.gather(
        *(leases.take("refresh", f"process {n}", NOW, LEASE_TTL) for n in range(8))
    )

    assert taken.count(True) == 1


class Hand:
    """A clock a test moves by hand."""

    def __init__(self) -> None:
        self.at = NOW

    def now(self) -> datetime:
        return self.at


class Process:
    """What one process of the bot has for the work of no server: a scheduler and its runner."""

    def __init__(self, db: Database, clock: Hand, name: str, runs: list[str]) -> None:
        self.scheduler = Scheduler(clock)
        self.scheduler.start()
        self.sole = SoleRunner(self.scheduler, LeaseRepository(db), holder=name)

        async def refresh() -> None:
            runs.append(name)

        self.sole.every("tvmaze:refresh", timedelta(hours=6), refresh, first=timedelta(minutes=2))

    def refresh_is_set(self) -> bool:
        return self.scheduler.apscheduler.get_job("tvmaze:refresh") is not None

    async def refresh_comes_due(self) -> None:
        job = self.scheduler.apscheduler.get_job("tvmaze:refresh")
        assert job is not None
        await job.func()


@pytest.fixture
async def processes(db: Database) -> AsyncIterator[tuple[Hand, list[str], Process, Process]]:
    clock, runs = Hand(), []
    a, b = Process(db, clock, "a", runs), Process(db, clock, "b", runs)
    yield clock, runs, a, b
    for process in (a, b):
        process.scheduler.shutdown()


async def test_another_process_takes_over_the_work_of_no_server_within_a_minute(
    processes: tuple[Hand, list[str], Process, Process],
) -> None:
    clock, runs, a, b = processes
    await a.sole.start()
    await b.sole.start()
    assert (a.sole.holding, b.sole.holding) == (True, False)
    assert a.refresh_is_set() and not b.refresh_is_set()

    # a stops renewing (its process died); b keeps trying every RENEW_EVERY.
    assert timedelta(minutes=1) >= LEASE_TTL + RENEW_EVERY
    clock.at = NOW + LEASE_TTL - timedelta(seconds=1)
    assert not await b.sole.renew()
    clock.at = NOW + LEASE_TTL
    assert await b.sole.renew()
    assert b.refresh_is_set()
    assert await a.sole.current_holder() == "b"

    # a comes back (it was only stalled): its next run finds the lease gone and does nothing.
    await a.refresh_comes_due()
    assert runs == []
    assert not a.sole.holding and not a.refresh_is_set()
    await b.refresh_comes_due()
    assert runs == ["b"] and b.refresh_is_set()  # and again in six hours

    await b.sole.stop()  # a clean stop gives the lease up: a need not wait for it to lapse
    assert await a.sole.renew()
    assert a.refresh_is_set()


async def test_a_process_alone_always_does_the_work_of_no_server() -> None:
    scheduler = Scheduler(Hand())
    sole = SoleRunner(scheduler, None)

    await sole.start()

    assert sole.holding
    assert await sole.current_holder() == sole.holder
