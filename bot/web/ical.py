"""A server's calendar as an RFC 5545 feed, through the icalendar library."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from icalendar import Calendar, Event, vDuration

from bot.domain.calendar import CalendarEntry

PRODUCT = "-//Premiere Bot//Premiere calendar//EN"
# Calendar apps poll a subscribed feed; an hour is plenty for premiere dates.
REFRESH = timedelta(hours=1)
TIMED_LENGTH = timedelta(hours=1)  # premieres have no end time; an hour reads right


def ical_feed(name: str, entries: Sequence[CalendarEntry], *, all_day: bool = False) -> bytes:
    """The feed: a timed event (in UTC) where the time is known, else an all-day event on the
    day it airs where the show airs; `all_day` makes every event all-day (a US evening premiere
    otherwise lands in the small hours in Europe)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))  # an x- property is text unless told
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("sequence", entry.sequence)
        event.add("dtstamp", entry.stamp)
        event.add("summary", entry.summary)
        if entry.has_time and not all_day:
            event.add("dtstart", entry.starts)
            event.add("dtend", entry.starts + TIMED_LENGTH)
        else:
            event.add("dtstart", entry.local_day)
            event.add("dtend", entry.local_day + timedelta(days=1))
            event.add("transp", "TRANSPARENT")  # an all-day premiere does not make anyone busy
        if entry.network:
            event.add("location", entry.network)
            event.add("description", f"On {entry.network}")
        if entry.url:
            event.add("url", entry.url)
        calendar.add_component(event)
    feed: bytes = calendar.to_ical()
    return feed
