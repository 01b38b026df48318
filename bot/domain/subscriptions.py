"""A member's subscription to a show, and how they want to hear about it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Delivery(StrEnum):
    CHANNEL = "channel"  # mentioned in the server's announcement posts
    DM = "dm"  # sent a direct message


@dataclass(frozen=True, slots=True)
class Subscription:
    show_id: int
    guild_id: int
    user_id: int
    delivery: Delivery
    created_at: datetime
    dm_blocked: bool = False  # DMs bounced: mentioned in the channel until they subscribe again
    news: bool = False  # also told of premiere news about the show (posts from feeds)
    episodes: bool = False  # also told of every episode its server announces


class Change(StrEnum):
    CREATED = "created"
    UPDATED = "updated"  # the delivery, news or episodes choice changed
    UNCHANGED = "unchanged"
