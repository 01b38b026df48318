"""The PostgreSQL server the tests start themselves: a working database per test, kept apart,
on the loopback interface only, never running as root, and gone without a trace when stopped."""

from __future__ import annotations

import asyncio
import importlib.util
import os
import pwd
import socket
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import pytest

from tests import postgres
from tests.postgres import PostgresServer, PostgresUnavailable, start_or_explain


async def table_names(url: str) -> list[str]:
    connection = await asyncpg.connect(url)
    try:
        rows = await connection.fetch(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        )
    finally:
        await connection.close()
    return sorted(row["table_name"] for row in rows)


async def test_a_fresh_database_stores_and_reads_back(postgres_url: str) -> None:
    connection = await asyncpg.connect(postgres_url)
    try:
        await connection.execute("CREATE TABLE shows (id bigint PRIMARY KEY, title text NOT NULL)")
        await connection.executemany(
            "INSERT INTO shows (id, title) VALUES ($1, $2)",
            [(1, "Jessica Jones"), (2, "Severance — season 2")],
        )
        rows = await connection.fetch("SELECT id, title FROM shows ORDER BY id")
    finally:
        await connection.close()
    assert [tuple(row) for row in rows] == [(1, "Jessica Jones"), (2, "Severance — season 2")]


async def test_a_fresh_database_is_empty(postgres_url: str) -> None:
    # The test above made a table in its own database; none may show up here.
    assert await table_names(postgres_url) == []


async def test_two_fresh_databases_do_not_see_each_other(postgres_server: PostgresServer) -> None:
    first = await postgres_server.fresh_database()
    second = await postgres_server.fresh_database()
    try:
        assert first != second
        connection = await asyncpg.connect(first)
        try:
            await connection.execute("CREATE TABLE only_in_first (id int)")
            await connection.execute("INSERT INTO only_in_first VALUES ($1)", 7)
        finally:
            await connection.close()
        assert await table_names(first) == ["only_in_first"]
        assert await table_names(second) == []
    finally:
        await postgres_server.drop_database(first)
        await postgres_server.drop_database(second)


async def test_dropping_a_database_closes_what_is_still_connected(
    postgres_server: PostgresServer,
) -> None:
    url = await postgres_server.fresh_database()
    name = urlsplit(url).path.removeprefix("/")
    left_open = await asyncpg.connect(url)  # a test that forgot to close its connection
    await postgres_server.drop_database(url)
    with pytest.raises((asyncpg.InterfaceError, asyncpg.AdminShutdownError)):
        await left_open.fetchval("SELECT 1")
    admin = await asyncpg.connect(postgres_server.url())
    try:
        remaining = await admin.fetchval(
            "SELECT count(*) FROM pg_database WHERE datname = $1", name
        )
    finally:
        await admin.close()
    assert remaining == 0


async def test_only_databases_it_made_can_be_dropped(postgres_server: PostgresServer) -> None:
    with pytest.raises(ValueError, match="not a database made by fresh_database"):
        await postgres_server.drop_database(postgres_server.url("postgres"))


async def test_the_server_listens_on_the_loopback_interface_only(postgres_url: str) -> None:
    address = urlsplit(postgres_url)
    assert address.scheme == "postgresql"
    assert address.hostname == "127.0.0.1"
    connection = await asyncpg.connect(postgres_url)
    try:
        listening = await connection.fetchval("SELECT current_setting('listen_addresses')")
        sockets = await connection.fetchval("SELECT current_setting('unix_socket_directories')")
    finally:
        await connection.close()
    assert listening == "127.0.0.1"
    assert sockets == ""


def owner_of(path: str) -> int:
    return Path(path).stat().st_uid


async def test_the_server_never_runs_as_root(
    postgres_server: PostgresServer, postgres_url: str
) -> None:
    # Started by root (as in CI), it runs as nobody; started by anyone else, as them.
    expected_uid = pwd.getpwnam("nobody").pw_uid if os.geteuid() == 0 else os.geteuid()
    assert postgres_server.process is not None
    connection = await asyncpg.connect(postgres_url)
    try:
        data_directory = await connection.fetchval("SELECT current_setting('data_directory')")
        backend_pid = await connection.fetchval("SELECT pg_backend_pid()")
        # Read while connected: the connection's own process ends with it.
        owners = {
            "data directory": owner_of(data_directory),
            "server process": owner_of(f"/proc/{postgres_server.process.pid}"),
            "connection's process": owner_of(f"/proc/{backend_pid}"),
        }
    finally:
        await connection.close()
    assert owners == dict.fromkeys(owners, expected_uid)
    assert expected_uid != 0


def child_pids(pid: int) -> set[int]:
    children: set[int] = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # gone meanwhile
                continue
            if int(fields[1]) == pid:
                children.add(int(entry.name))
    return children


def alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


# Only where the session's server could start (else that fixture skips or fails with the
# reason); from then on any failure to start is this test's failure.
@pytest.mark.usefixtures("postgres_server")
def test_stopping_leaves_no_process_and_no_files() -> None:
    server = PostgresServer()
    server.start()
    assert server.process is not None and server.folder is not None
    postmaster = server.process.pid
    workers = child_pids(postmaster)
    folder = server.folder
    assert workers, "a running server has its background workers"
    assert (folder / "data" / "PG_VERSION").is_file()

    server.stop()
    server.stop()  # a second stop (as atexit may do) is harmless

    assert [pid for pid in {postmaster, *workers} if alive(pid)] == []
    assert not folder.exists()
    with pytest.raises(RuntimeError, match="not running"):
        server.url()


# Only where the session's server could start (else that fixture skips or fails with the
# reason); from then on any failure to start is this test's failure.
@pytest.mark.usefixtures("postgres_server")
def test_a_port_taken_before_the_server_binds_it_is_given_up_for_another(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        offered = iter([taken, postgres.free_port()])
        monkeypatch.setattr(postgres, "free_port", lambda: next(offered))
        server = PostgresServer()
        server.start()
        try:
            assert server.port not in (None, taken)
            assert asyncio.run(serves_queries(server.url()))
        finally:
            server.stop()


async def serves_queries(url: str) -> bool:
    connection = await asyncpg.connect(url)
    try:
        return bool(await connection.fetchval("SELECT 1 = 1"))
    finally:
        await connection.close()


def test_with_no_postgresql_to_be_found_the_reason_is_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *rest: None if name == "pgserver" else real_find_spec(name, *rest),
    )
    monkeypatch.setenv("PATH", "")
    server = PostgresServer()
    with pytest.raises(PostgresUnavailable, match="no PostgreSQL binaries"):
        server.start()
    assert server.folder is None and server.process is None


def test_in_ci_a_server_that_cannot_start_fails_the_tests(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(postgres, "find_installation", unavailable)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="PostgreSQL could not be started: no luck"):
        start_or_explain(PostgresServer())


@pytest.mark.parametrize("ci", [None, "", "false", "0"])
def test_elsewhere_a_server_that_cannot_start_skips_with_the_reason(
    monkeypatch: pytest.MonkeyPatch, ci: str | None
) -> None:
    monkeypatch.setattr(postgres, "find_installation", unavailable)
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.skip.Exception, match="PostgreSQL could not be started: no luck"):
        start_or_explain(PostgresServer())


def unavailable() -> postgres.Installation:
    raise PostgresUnavailable("no luck")
