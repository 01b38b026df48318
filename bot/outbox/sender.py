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


# The shortest gap between two sends, as a share of the pace (see Pacer).
MIN_GAP = 0.9


class Pacer:
    """Spaces requests evenly, `rate` a second. Discord caps a bot at 50 requests a second and
    answers more with 429s; discord.py paces each route from response headers, but nothing
    paces the total, so a fan-out to a thousand servers would trip the global limit. Even
    spacing, rather than bursts, keeps every one-second window under the cap however Discord's
    own window happens to be aligned.

    Requests keep to their schedule, so a little lag in waking (a busy event loop) costs no
    time over a long fan-out; but a request that went late pushes the next one back, so the gap
    between two real sends is never less than nine tenths of the pace: a loop that fell behind
    never sends the late ones back to back to catch up, which is exactly a burst."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self._lock:
            now = time.monotonic()
            planned = max(self._next, now)
            if planned > now:
                await asyncio.sleep(planned - now)
            went = time.monotonic()
            self._next = max(planned + 1 / self.rate, went + MIN_GAP / self.rate)
