"""How a double is set up: its token, deadlines, intents, ids, shards and the API spec it checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .schema import default_spec_path


@dataclass
class DoubleConfig:
    token: str = "double-bot-token"  # noqa: S105 - not a secret, the double's own
    response_deadline: float = 3.0
    privileged_intents: set[str] = field(default_factory=set)
    application_id: int | None = None  # fixed ids let a sandbox keep its data across runs
    spec_path: Path | None = field(default_factory=default_spec_path)
    # GET /gateway/bot recommends one shard per this many servers, as Discord does...
    guilds_per_shard: int = 1000
    # ...and a connection that would hold more servers than this is closed with 4011.
    max_guilds_per_shard: int = 2500
    # Shards that may identify at once (session_start_limit); high, so tests start fast.
    max_concurrency: int = 16
