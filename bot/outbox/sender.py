"""How the bot posts on its own: a small interface, its errors, and a pacer."""

from __future__ import annotations

import asyncio
import time
from typing import Protocol

import discord


class SendError(Exception):
    """A message could not be sent; the text says why, for /status."""


class DmClosed(SendError):
    """The member does not accept direct messages from the bot (Discord code 50007)."""


class Unreachable(SendError):
    """Retrying will not help: the channel is gone, or the bot may not post there."""


class Transient(SendError):
    """Discord is struggling (5xx, rate limits past discord.py's own retries, network): retry."""


class Sender(Protocol):
    async def to_channel(
        self,
        channel_id: int,
        *,
        content: str,
        embed: discord.Embed | None,
        view: discord.ui.View | None,
        role_id: int | None,
        user_ids: tuple[int, ...],
        nonce: str,
    ) -> int:
        """Post in a channel, pinging exactly `role_id` and `user_ids`; returns the message id."""
        ...

    async def to_user(
        self, user_id: int, *, embed: discord.Embed, view: discord.ui.View | None, nonce: str
    ) -> int:
        """Send a direct message; returns the message id."""
        ...

    async def to_user_many(self, user_id: int, *, embeds: list[discord.Embed], nonce: str) -> int:
        """Send one direct message carrying several embeds (at most ten); returns its id."""
        ...

    async def start_thread(
        self, channel_id: int, message_id: int, *, guild_id: int, name: str, archive_minutes: int
    ) -> int:
        """Open a public thread on a message; returns the thread's id. A thread already made
        on it (a retry after a crash) is that thread."""
        ...


class EditingSender(Sender, Protocol):
    """A Sender that can also edit what it posted in a channel."""

    async def edit_in_channel(
        self, channel_id: int, message_id: int, *, embed: discord.Embed
    ) -> None:
        """Replace a channel message's embed, pinging nobody; Unreachable when the channel or
        the message is gone."""
        ...


# How early a request may go against its slot, as a share of the pace: enough to absorb a busy
# loop's small lags in waking, small enough that no second holds more than the rate and one.
TOLERANCE = 0.4


class Pacer:
    """Spaces requests evenly, `rate` a second. Discord caps a bot at 50 requests a second and
    answers more with 429s; discord.py paces each route from response headers, but nothing
    paces the total, so a fan-out to a thousand servers would trip the global limit.

    Each request has a slot one pace after the last (its theoretical arrival time) and may go
    up to TOLERANCE of a pace early. A loop that wakes a little late loses no time over a long
    fan-out; one that fell far behind starts a fresh schedule from when it sent, never a burst
    to catch up. So any window of t seconds holds at most rate × t + 1.4 requests, counted on
    when they really went: at 49 a second no second holds more than 50, Discord's limit, and
    processes pacing at shares of 49 stay within it together."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self._slot = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self._lock:
            pace = 1 / self.rate
            earliest = self._slot - TOLERANCE * pace
            now = time.monotonic()
            if earliest > now:
                await asyncio.sleep(earliest - now)
            went = time.monotonic()
            self._slot = max(went, self._slot) + pace
