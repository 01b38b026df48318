"""Post once, or undo.

Whatever the bot posts only once (a story in a server, a season offer) is claimed in the
database first, so two members or two feeds can't both post it. Then the post is made, and the
claim either records where the post went or is given back when no post was made, so a later try
may make it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Placed:
    """Where a post went."""

    channel_id: int
    message_id: int


class Claim(Protocol):
    async def posted(self, placed: Placed) -> None:
        """Record where the post went: the claim is now for good."""
        ...

    async def withdraw(self) -> None:
        """Give the claim back: nothing was posted."""
        ...


async def post_once(claim: Claim, post: Callable[[], Awaitable[Placed | None]]) -> Placed | None:
    """Make the post for a claim already taken; returns where it went (None: nowhere)."""
    try:
        placed = await post()
    except BaseException:
        # Shielded: a cancelled post still gives its claim back before the cancel goes on.
        await asyncio.shield(claim.withdraw())
        raise
    if placed is None:
        await claim.withdraw()
    else:
        await claim.posted(placed)
    return placed
