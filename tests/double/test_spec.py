"""Bodies are checked against Discord's own OpenAPI spec when it is beside the checkout."""

from __future__ import annotations

import pytest

from bot.sandbox.double import DiscordDouble, DoubleConfig, schema
from tests.double.conftest import Raw


async def test_the_spec_is_loaded(double: DiscordDouble) -> None:
    # Not skipped when the spec or jsonschema is missing: the suite must not run unchecked.
    assert schema.validator_installed(), "jsonschema (the test extra) is not installed"
    assert schema.default_spec_path() is not None, "Discord's OpenAPI spec is not found"
    assert double.spec_checked


def test_without_jsonschema_the_double_still_starts_unchecked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A plain install (no test extra) runs the sandbox: the double works, it just cannot check.
    monkeypatch.setattr(schema, "validator_installed", lambda: False)
    schema.load_spec_validator.cache_clear()
    try:
        unchecked = DiscordDouble(DoubleConfig())
    finally:
        schema.load_spec_validator.cache_clear()
    assert not unchecked.spec_checked


async def test_a_body_the_spec_forbids_is_refused(raw: Raw, double: DiscordDouble) -> None:
    channel = double.channel_named(double.add_guild(), "general")
    # allowed_mentions.parse takes only "users", "roles" and "everyone".
    status, body, _ = await raw.call(
        "POST",
        f"/channels/{channel.id}/messages",
        {"content": "hi", "allowed_mentions": {"parse": ["pets"]}},
    )
    assert status == 400
    assert body["code"] == 50035
    assert any("allowed_mentions" in p for p in double.problems), double.problems
    double.problems.clear()


async def test_valid_bodies_pass(raw: Raw, double: DiscordDouble) -> None:
    channel = double.channel_named(double.add_guild(), "general")
    status, _, _ = await raw.call(
        "POST",
        f"/channels/{channel.id}/messages",
        {"content": "hi", "allowed_mentions": {"parse": []}},
    )
    assert status == 200
