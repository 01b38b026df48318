"""Articles per second: HTML page -> facts + summary, on one core, against trafilatura alone.

    python bench/articles.py [--pages 300] [--rounds 3]

Generates news pages of about 15 KB (navigation, share bars, sidebars, related links,
comments, scripts, an author bio around a premiere story of a few paragraphs), then times,
on the same pages and one CPU core:

- trafilatura: `bare_extraction(html, with_metadata=True, fast=True)`, its own fast mode;
- pipeline: `bot.articles.analyse(html=...)`: metadata, trafilatura's text, facts, summary.

Targets: at least 100 articles/s, at most 1.5x trafilatura's time. Prints one JSON line per
measurement and one with the verdict. Nothing is fetched: pages are built in memory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from collections.abc import Callable
from datetime import date, timedelta

import trafilatura

from bot.articles import analyse

TARGET_PER_SECOND = 100
TARGET_RATIO = 1.5

SHOWS = (
    "Harbor Lights", "The Lantern Keepers", "Copper Valley", "Glass Orchard", "Night Shift",
    "Ledger of Bones", "The Quiet Parish", "Orbit Nine", "Dust Bowl", "Paper Moons",
    "Only Murders in the Lighthouse", "What We Found in the Attic", "Saltmarsh", "Wolf Hollow",
)  # fmt: skip
NETWORKS = ("Netflix", "HBO", "Hulu", "Prime Video", "Apple TV+", "Peacock", "FX", "AMC",
            "BBC One", "Disney+", "Paramount+", "Starz", "NBC", "CBS")  # fmt: skip
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")
FILLER = (
    "The series has built a loyal audience since its debut, helped by strong word of mouth.",
    "Critics singled out the cast's chemistry and the show's patient, careful pacing.",
    "The writers' room reconvened in the spring, and filming took place over the summer.",
    "New cast members include a pair of veteran character actors and one newcomer.",
    "The showrunner has promised that long-running mysteries will finally be answered.",
    "Fans spent the hiatus trading theories about the cliffhanger that ended the last run.",
    "Production moved to a new studio outside the city to make room for bigger sets.",
    "The network has not said whether the show will continue beyond this season.",
    "Early reviews from festival screenings suggested a darker, more ambitious season.",
    "Several episodes were directed by alumni of the show's original crew.",
)
BOILERPLATE_LINKS = (
    "The 25 Best Crime Dramas of the Decade, Ranked", "Every Streaming Price Increase This Year",
    "What's New on Streaming This Weekend", "The Summer's Most Surprising Cancellations",
    "Our Critics Pick the Shows You Missed", "Casting News Roundup", "Emmy Predictions",
)  # fmt: skip


def page(index: int, rng: random.Random) -> tuple[str, str]:
    show, network = rng.choice(SHOWS), rng.choice(NETWORKS)
    season = rng.randint(2, 6)
    published = date(2023, 1, 1) + timedelta(days=rng.randint(0, 700))
    premiere = published + timedelta(days=rng.randint(10, 120))
    when = f"{premiere:%B} {premiere.day}"
    title = f"{network} Sets ‘{show}’ Season {season} Premiere Date"
    paragraphs = [
        f"{network} has set a return date for {show}, one of its most talked-about series.",
        *rng.sample(FILLER, 6),
        f"{show} season {season} premieres {when} on {network}, the network announced.",
        *rng.sample(FILLER, 3),
    ]
    nav = "".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(40))
    links = "".join(
        f'<li><a href="/r/{index}/{i}">{rng.choice(BOILERPLATE_LINKS)}</a></li>' for i in range(12)
    )
    comments = "".join(
        f'<div class="comment"><p class="who">viewer{i}</p><p>{rng.choice(FILLER)}</p></div>'
        for i in range(18)
    )
    script = (
        "<script>window.dataLayer=window.dataLayer||[];function g(){dataLayer.push(arguments)}"
        "g('js',new Date());var ads={slots:['top','mid','bottom'],refresh:30};</script>"
    ) * 20
    sitemap = "".join(f'<a href="/map/{i}">{rng.choice(BOILERPLATE_LINKS)}</a> ' for i in range(30))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    slug = f"{network}-{show}-season-{season}-premiere-date".lower().replace(" ", "-")
    html = f"""<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8">
<title>{title} | Screen Ledger</title><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published.isoformat()}T09:00:00Z">
{script}</head><body><header><nav><ul>{nav}</ul></nav></header><main><article>
<h1>{title}</h1><div class="byline">By Staff Writer</div>
<div class="share"><a>Facebook</a><a>Twitter</a><a>Email</a></div>
<div class="article-body">{body}</div>
<div class="tags">Tags: <a>{network}</a>, <a>{show}</a></div>
<div class="author-bio"><h3>About the Author</h3><p>Staff Writer covers television.</p></div>
</article><aside><h3>Most Popular</h3><ul>{links}</ul>
<form><p>Sign up for our newsletter</p><input type="email"><button>Subscribe</button></form>
</aside><section class="comments"><h2>Comments (18)</h2>{comments}</section></main>
<footer><nav class="sitemap">{sitemap}</nav>
<p>© 2024 Screen Ledger. All rights reserved.</p></footer>{script}</body></html>"""
    return html, f"https://www.screenledger.example/tv/news/{slug}"


def timed(label: str, pages: list[tuple[str, str]], rounds: int, work: Callable) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for html, url in pages:
            work(html, url)
        best = min(best, time.perf_counter() - start)
    print(
        json.dumps(
            {
                "measure": label,
                "pages": len(pages),
                "seconds": round(best, 3),
                "articles_per_second": round(len(pages) / best, 1),
            }
        ),
        flush=True,
    )
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    rng = random.Random(20261124)
    pages = [page(i, rng) for i in range(args.pages)]
    size = sum(len(html.encode()) for html, _ in pages) / len(pages)
    print(json.dumps({"pages": len(pages), "average_kb": round(size / 1024, 1)}), flush=True)
    # Warm both (imports, compiled patterns) so neither pays a first-call cost in the timing.
    for html, url in pages[:5]:
        analyse(html=html, url=url)
        trafilatura.bare_extraction(html, url=url, with_metadata=True, fast=True)

    def baseline(html: str, url: str) -> None:
        trafilatura.bare_extraction(html, url=url, with_metadata=True, fast=True)

    def pipeline(html: str, url: str) -> None:
        article = analyse(html=html, url=url)
        assert article.facts.premiere is not None, url

    def text_only(html: str, url: str) -> None:
        trafilatura.bare_extraction(html, url=url, with_metadata=False, fast=True)

    base = timed("trafilatura bare_extraction(fast=True, with_metadata=True)", pages,
                 args.rounds, baseline)  # fmt: skip
    # The part of trafilatura the pipeline calls (it reads the page's metadata itself).
    timed("trafilatura bare_extraction(fast=True, with_metadata=False)", pages, args.rounds,
          text_only)  # fmt: skip
    ours = timed("pipeline: html -> facts + summary", pages, args.rounds, pipeline)
    per_second = len(pages) / ours
    ratio = ours / base
    print(
        json.dumps(
            {
                "articles_per_second": round(per_second, 1),
                "ratio_to_trafilatura": round(ratio, 2),
                "target_articles_per_second": TARGET_PER_SECOND,
                "target_ratio": TARGET_RATIO,
                "meets_targets": per_second >= TARGET_PER_SECOND and ratio <= TARGET_RATIO,
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
