"""A real PostgreSQL for the integration tests: one private server per session, started on
first use, and a fresh empty database for each test that asks (see tests/postgres.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from tests.postgres import PostgresServer, start_or_explain


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = PostgresServer()
    start_or_explain(server)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def postgres_url(postgres_server: PostgresServer) -> AsyncIterator[str]:
    """The URL of a new, empty database; dropped (with any connection left open) afterwards."""
    url = await postgres_server.fresh_database()
    yield url
    await postgres_server.drop_database(url)
