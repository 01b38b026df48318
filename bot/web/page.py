"""A server's calendar as a web page: semantic HTML that reads well on a phone, times in UTC in
the markup and turned into the reader's own zone by a few lines of script (readable without it),
no third-party scripts, fonts or trackers. The inline style and script are allowed by their
hashes in the Content-Security-Policy, and by nothing else."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from html import escape

from bot.domain.calendar import CalendarEntry, EntryKind

POSTERS = "https://static.tvmaze.com/"  # the only images the page shows

STYLE = """
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.4; }
body { margin: 0 auto; max-width: 46rem; padding: 1rem; }
header p { margin: 0.25rem 0 0.75rem; }
nav a { display: inline-block; margin: 0 0.75rem 0.5rem 0; }
ol { list-style: none; margin: 0; padding: 0; }
li { border-top: 1px solid #8884; padding: 0.75rem 0; }
article { display: flex; gap: 0.75rem; align-items: flex-start; }
img { width: 4.25rem; height: auto; border-radius: 0.25rem; flex: none; }
h2 { font-size: 1.05rem; margin: 0 0 0.2rem; }
p.when { margin: 0; }
.kind { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; opacity: 0.75; }
footer { font-size: 0.85rem; opacity: 0.75; margin-top: 1rem; }
""".strip()

# Times are written in UTC; this turns each into the reader's zone, and says which zone.
SCRIPT = """
const options = { weekday: "long", day: "numeric", month: "long", year: "numeric",
                  hour: "2-digit", minute: "2-digit", timeZoneName: "short" };
const format = new Intl.DateTimeFormat(undefined, options);
for (const element of document.querySelectorAll("time[data-local]")) {
  element.textContent = format.format(new Date(element.dateTime));
}
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
document.getElementById("zone").textContent = "Times are shown in your timezone, " + zone + ".";
""".strip()


def _hash(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()


CONTENT_SECURITY_POLICY = (
    "default-src 'none'; "
    f"img-src {POSTERS}; "
    f"style-src '{_hash(STYLE)}'; "
    f"script-src '{_hash(SCRIPT)}'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def upcoming(entries: Sequence[CalendarEntry], now: datetime) -> list[CalendarEntry]:
    """What the page lists: entries still to come, or under way (a timed one for its first
    hour, a day-only one all that day)."""
    return [
        e
        for e in entries
        if (e.starts + timedelta(hours=1) if e.has_time else e.starts + timedelta(days=1)) > now
    ]


def _when(entry: CalendarEntry) -> str:
    if entry.has_time:
        instant = entry.starts.astimezone(UTC)
        stamp = instant.strftime("%Y-%m-%dT%H:%M:%SZ")
        words = f"{instant:%A} {instant.day} {instant:%B %Y, %H:%M} UTC"
        return f'<time datetime="{stamp}" data-local>{escape(words)}</time>'
    day = entry.local_day
    words = f"{day:%A} {day.day} {day:%B %Y} (time to be announced)"
    return f'<time datetime="{day.isoformat()}">{escape(words)}</time>'


def _item(entry: CalendarEntry) -> str:
    poster = ""
    if entry.poster_url and entry.poster_url.startswith(POSTERS):
        poster = f'<img src="{escape(entry.poster_url)}" alt="" loading="lazy">'
    kind = "Premiere" if entry.kind is EntryKind.PREMIERE else "Episode"
    network = f" · {escape(entry.network)}" if entry.network else ""
    link = f' · <a href="{escape(entry.url)}" rel="noreferrer">TVmaze</a>' if entry.url else ""
    return (
        f"<li><article>{poster}<div>"
        f'<p class="kind">{kind}</p>'
        f"<h2>{escape(entry.summary)}</h2>"
        f'<p class="when">{_when(entry)}{network}{link}</p>'
        "</div></article></li>"
    )


def calendar_page(
    name: str,
    entries: Sequence[CalendarEntry],
    *,
    now: datetime,
    feed: str,
    webcal: str,
) -> str:
    """The page for a server called `name`: its upcoming entries, soonest first."""
    shown = upcoming(entries, now)
    title = escape(name)
    listing = (
        f"<ol>{''.join(_item(e) for e in shown)}</ol>"
        if shown
        else "<p>Nothing is coming up yet. Premieres appear here once the server tracks them.</p>"
    )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>{title} · Premieres</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p>Upcoming premieres and episodes, soonest first.</p>
<nav aria-label="Subscribe">
<a href="{escape(webcal)}">Subscribe in your calendar</a>
<a href="{escape(feed)}">iCal feed</a>
<a href="{escape(feed)}?all_day=1">All-day events</a>
</nav>
</header>
<main>
{listing}
</main>
<footer><p id="zone">Times are shown in UTC.</p></footer>
<script>{SCRIPT}</script>
</body>
</html>
"""
