"""Fixtures for end-to-end tests that move time."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import World
from tests.e2e.reminder_support import Ladder


@pytest.fixture
def ladder(world: World, at_t0: Any) -> Ladder:
    """A server ready for reminders (channel, role, fans) with time frozen-but-ticking at T0."""
    return Ladder(world, at_t0)
