"""How calendar links look in Discord."""

from __future__ import annotations

from bot.services.calendars import CalendarLinks


def calendar_links(links: CalendarLinks, *, reset: bool = False) -> str:
    """The private answer to /calendar link (and reset): the page, the feed, how to add it."""
    head = (
        "New calendar links: the old ones no longer work. Anyone who subscribed needs these."
        if reset
        else "This server's premieres and episodes, as a calendar:"
    )
    return (
        f"{head}\n"
        f"• Page: <{links.page}>\n"
        f"• Subscribe: <{links.webcal}>\n"
        f"• Feed: <{links.feed}> (add `?all_day=1` for all-day events)\n"
        "Google Calendar: Other calendars › + › From URL, paste the feed link. "
        "Apple Calendar: open the Subscribe link (or File › New Calendar Subscription). "
        "Outlook: Add calendar › Subscribe from web, paste the feed link.\n"
        "Keep the links to yourself: anyone with them can see this server's calendar. "
        "A manager can change them with /calendar reset."
    )
