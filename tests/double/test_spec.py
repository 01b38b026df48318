"""Bodies are checked against Discord's own OpenAPI spec when it is beside the checkout."""

from __future__ import annotations

import pytest

from bot.sandbox.double import DiscordDouble
from bot.sandbox.double.schema import default_spec_path
from tests.double.conftest import Raw

pytestmark = pytest.mark.skipif(
    default_spec_path() is None, reason="Discord's OpenAPI spec is not beside this checkout"
)


async def test_the_spec_is_loaded(double: DiscordDouble) -> None:
    assert double.spec_checked


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
