"""Scheduled events as the double keeps them: Discord's refusal of a start already gone."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from bot.sandbox.double import DiscordDouble
from tests.conftest import T0
from tests.double.conftest import Raw


def external_event(start: datetime) -> dict[str, Any]:
    return {
        "name": "Premiere",
        "entity_type": 3,
        "privacy_level": 2,
        "entity_metadata": {"location": "TBA"},
        "scheduled_start_time": start.isoformat(),
        "scheduled_end_time": (start + timedelta(hours=1)).isoformat(),
    }


@pytest.mark.usefixtures("at_t0")
async def test_an_event_that_starts_in_the_past_is_refused(raw: Raw, double: DiscordDouble) -> None:
    guild = double.add_guild()
    path = f"/guilds/{guild.id}/scheduled-events"

    refused, _, _ = await raw.call("POST", path, external_event(T0 - timedelta(hours=1)))
    refusals = list(double.problems)
    double.problems.clear()  # expected here: the fixture fails on any problem left over
    # The same event an hour ahead is taken: the start in the past is the only fault.
    accepted, created, _ = await raw.call("POST", path, external_event(T0 + timedelta(hours=1)))

    assert refused == 400
    assert ["in the past" in refusal for refusal in refusals] == [True]
    assert accepted == 200
    assert [event.id for event in guild.scheduled_events.values()] == [int(created["id"])]
