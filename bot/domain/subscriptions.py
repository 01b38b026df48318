"""A member's subscription to a show, and how they want to hear about it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo


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


@dataclass(frozen=True, slots=True)
class QuietHours:
    """When a member wants no direct messages, in their own timezone; it may span midnight."""

    start: time
    end: time
    timezone: str

    def covers(self, instant: datetime) -> bool:
        now = instant.astimezone(ZoneInfo(self.timezone)).time().replace(tzinfo=None)
        if self.start < self.end:
            return self.start <= now < self.end
        return now >= self.start or now < self.end

    def ends_after(self, instant: datetime) -> datetime:
        """The first end of the quiet hours after `instant` (aware, in UTC's terms)."""
        zone = ZoneInfo(self.timezone)
        local = instant.astimezone(zone)
        for days in range(3):
            day = local.date() + timedelta(days=days)
            # A wall time a clock change skips or repeats resolves by zoneinfo's fold rules.
            end = datetime.combine(day, self.end, tzinfo=zone)
            if end > local:
                return end.astimezone(instant.tzinfo)
        raise AssertionError("a daily end time always comes within two days")
