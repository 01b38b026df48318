"""Which of a page's candidate titles is its show.

The reader's rules name one show; the page offers others: the headline's capitalised runs and
quotes, the opening's, the statements' shows. Each candidate is scored by a linear model over
what it has going for it (where it stands, how often, whether the rules chose it, whether it
reads as a person, whether TVmaze knows a show by that name), and the best one wins.

The weights are learned from the development part of the real-page set only, by
`bench/train_show_ranker.py`, and stored beside this module in `data/show_ranker.json`.
The known titles are TVmaze's show index (api.tvmaze.com/shows, CC BY-SA 4.0), names only.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from bot.articles import learned
from bot.articles.titles import title_key


@dataclass(frozen=True, slots=True)
class Candidate:
    """One title the page could be about, and what speaks for it."""

    name: str
    in_headline_run: bool
    quoted_in_headline: bool
    in_opening_run: bool
    quoted_in_opening: bool
    is_lead: bool  # the title the headline, address and opening agree on
    lead_confidence: float
    lead_from_headline: bool
    is_rules_choice: bool  # the show the rules settled on
    in_statement: bool  # a premiere sentence names it
    is_chosen_statement: bool  # ... the one whose date the rules took
    statements: int  # how many premiere sentences name it
    in_slug: bool
    opening_count: int  # capitalised runs in the opening that spell it
    first_at: float  # 1.0 at the opening's first character, 0.0 at its end or never
    words: int
    plausible: bool
    person: bool  # reads as someone's name
    known: bool  # TVmaze has a show by that name

    def vector(self) -> tuple[float, ...]:
        return (
            float(self.is_chosen_statement),
            math.log1p(self.opening_count),
            float(self.is_rules_choice),
            self.first_at,
            float(self.known),
            float(self.in_slug),
            float(self.is_lead),
            self.lead_confidence if self.is_lead else 0.0,
            float(self.is_lead and self.lead_from_headline),
            math.log1p(self.statements),
            float(self.words == 1),
            float(self.words >= 4),
            float(self.person),
            float(self.plausible),
            float(self.quoted_in_opening),
            float(self.quoted_in_headline),
            float(self.in_opening_run),
            float(self.in_headline_run),
            float(self.in_statement),
            # how the signals combine
            float(self.is_chosen_statement and self.is_lead),
            float(self.in_slug and self.in_headline_run),
            float(self.quoted_in_headline and self.quoted_in_opening),
        )


FEATURES = (
    "chosen statement",
    "opening count",
    "rules choice",
    "first at",
    "known",
    "in slug",
    "lead",
    "lead confidence",
    "lead from headline",
    "statements",
    "one word",
    "four words or more",
    "person",
    "plausible",
    "quoted in opening",
    "quoted in headline",
    "run in opening",
    "run in headline",
    "in statement",
    "chosen statement x lead",
    "slug x headline run",
    "quoted in headline x in opening",
)


@dataclass(frozen=True, slots=True)
class Ranked:
    candidate: Candidate
    probability: float  # the softmax's share among the page's candidates


@cache
def known_titles() -> frozenset[str]:
    path = str(learned.DATA / "tvmaze_show_names.txt.gz")
    with gzip.open(path, "rt", encoding="utf-8") as names:
        return frozenset(key for line in names if (key := title_key(line.strip())))


def known_show(name: str) -> bool:
    return title_key(name) in known_titles()


@cache
def weights() -> tuple[float, ...]:
    return learned.load_weights("show_ranker.json", FEATURES)


def score(candidate: Candidate, w: Sequence[float] | None = None) -> float:
    return learned.dot(w or weights(), candidate.vector())


def best(candidates: Sequence[Candidate]) -> Ranked | None:
    """The likeliest candidate, or None for a page with none (or while recording: the trainer
    reads what the rules alone make of a page)."""
    if _offered.offer(tuple(candidates)) or not candidates:
        return None
    scores = [score(c) for c in candidates]
    top = max(scores)
    shares = [math.exp(s - top) for s in scores]
    i = scores.index(top)
    return Ranked(candidates[i], shares[i] / sum(shares))


# The trainer's one seam: what `best` was offered, page by page.
_offered: learned.Recorder[tuple[Candidate, ...]] = learned.Recorder("show candidates")
recording = _offered.recording
