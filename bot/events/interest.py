"""Who marks a premiere's event Interested, read from the gateway.

discord.py dispatches `scheduled_event_user_add`/`_remove` only for users already in its member
cache, and without the privileged members intent that cache stays empty, so those events never
fire for this bot. The gateway's own message carries the three ids needed; discord.py hands every
message to `on_socket_raw_receive` when the client is made with `enable_debug_events=True`, and
this reads the two kinds that matter from it.
"""

from __future__ import annotations

import json

from bot.domain.events import InterestChange

INTEREST_EVENTS = {
    "GUILD_SCHEDULED_EVENT_USER_ADD": True,
    "GUILD_SCHEDULED_EVENT_USER_REMOVE": False,
}
_MARKER = "GUILD_SCHEDULED_EVENT_USER_"


def interest_change(message: str | bytes) -> InterestChange | None:
    """The change a raw gateway message announces, or None for every other message."""
    # Most messages are something else: a substring test spares decoding them twice.
    if not isinstance(message, str) or _MARKER not in message:
        return None
    payload = json.loads(message)
    interested = INTEREST_EVENTS.get(payload.get("t"))
    if interested is None:
        return None
    data = payload["d"]
    return InterestChange(
        guild_id=int(data["guild_id"]),
        event_id=int(data["guild_scheduled_event_id"]),
        user_id=int(data["user_id"]),
        interested=interested,
    )
