"""How well the article reader does on real news pages (data/realworld), per field.

    python bench/article_accuracy.py            # the dev and held-out parts side by side
    python bench/article_accuracy.py --misses   # and every miss of the dev part

A measurement, like the benchmarks, not a test: the pages' texts are not in the repository
(data/realworld/README.md says how to rebuild them). Each page is read exactly as
`python -m bot preview --json --url URL FILE` reads it. Misses are listed for the dev part
only: the held-out part is scored, never looked into, so it stays an honest figure.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.articles import Article, learned
from bot.articles.errors import ArticleError
from bot.articles.preview import PreviewError, premiere_value, read_saved
from bot.articles.titles import title_key

SET = Path(__file__).resolve().parents[1] / "data" / "realworld"
SPLITS = ("dev", "heldout")


@dataclass
class Outcome:
    label: dict[str, Any]
    got: dict[str, Any] | None  # None: the reader refused the page
    misses: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    @property
    def announcement(self) -> bool:
        return self.label["kind"] == "announcement"


def load_labels(pattern: str = "*.jsonl") -> list[dict[str, Any]]:
    labels = []
    for path in sorted((SET / "labels").glob(pattern)):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    labels.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise SystemExit(f"{path.name}:{number}: not JSON ({error})") from None
    return labels


def split_of(label: dict[str, Any]) -> str:
    """Three pages in ten are held out, chosen by their address alone, fixed before any tuning."""
    digest = hashlib.sha256(label["url"].encode()).digest()
    return "heldout" if int.from_bytes(digest[:8], "big") % 10 < 3 else "dev"


def read(label: dict[str, Any]) -> dict[str, Any] | None:
    article = read_article(label)
    return None if article is None else _facts(article)


def read_article(label: dict[str, Any]) -> Article | None:
    """The page read as `preview --url` reads it; None where the reader refuses it."""
    raw = (SET / "texts" / f"{label['id']}.txt").read_bytes()
    try:
        return read_saved(raw, name=label["id"], url=label["url"])
    except (ArticleError, PreviewError):
        return None


def store_weights(
    path: Path, features: Sequence[str], weights: Sequence[float], *, check: bool
) -> None:
    """A trainer's last step: print the weights learned, and write them unless only checking."""
    width = max(map(len, features))
    for name, weight in zip(features, weights, strict=True):
        print(f"  {name:{width}s} {weight:+.3f}")
    if not check:
        path.write_text(learned.weights_json(features, weights), encoding="utf-8")
        print(f"wrote {path}")


def dev_announcements() -> list[dict[str, Any]]:
    """The dev part's announcement pages that have their text: all the trainers learn from."""
    return [
        label
        for label in load_labels()
        if label["kind"] == "announcement"
        and split_of(label) == "dev"
        and (SET / "texts" / f"{label['id']}.txt").exists()
    ]


def _facts(article: Article) -> dict[str, Any]:
    premiere, precision = premiere_value(article.facts)
    return {
        "show": article.facts.show,
        "season": article.facts.season,
        "network": article.facts.network,
        "premiere": premiere,
        "precision": precision,
        "trackable": article.facts.trackable,
    }


def judge(label: dict[str, Any], got: dict[str, Any] | None) -> Outcome:
    outcome = Outcome(label, got)
    want = label["expect"]
    got = got or {"show": None, "season": None, "network": None, "premiere": None}
    if outcome.announcement:
        names = [want["show"], *want.get("show_aliases", [])]
        if not any(_same_title(name, got["show"]) for name in names):
            outcome.misses["show"] = (want["show"], got["show"])
        for name in ("season", "network"):
            if want[name] != got[name]:
                outcome.misses[name] = (want[name], got[name])
        if want["precision"] != got.get("precision"):
            outcome.misses["precision"] = (want["precision"], got.get("precision"))
        if not _same_premiere(want["premiere"], want["precision"], got["premiere"]):
            outcome.misses["premiere"] = (want["premiere"], got["premiere"])
    else:
        if got["premiere"] is not None:
            outcome.misses["claimed"] = (None, got["premiere"])
        if label.get("not_tv") and got["show"] is not None:
            outcome.misses["show"] = (None, got["show"])
    return outcome


def _same_title(want: str | None, got: str | None) -> bool:
    if want is None or got is None:
        return want is got
    return title_key(want) == title_key(got)


def _same_premiere(want: str | None, precision: str | None, got: str | None) -> bool:
    if want is None or got is None:
        return want is got
    width = {"day": 10, "month": 7, "year": 4}[precision or "day"]
    return want[:width] == got[:width] and len(got) >= width


@dataclass
class Scores:
    outcomes: list[Outcome]

    def rows(self) -> list[tuple[str, str]]:
        ann = [o for o in self.outcomes if o.announcement]
        none = [o for o in self.outcomes if not o.announcement]
        not_tv = [o for o in none if o.label.get("not_tv")]
        by_day = [o for o in ann if o.label["expect"]["precision"] == "day"]
        claimed_day = [o for o in self.outcomes if o.got and o.got["precision"] == "day"]
        claimed_right = [
            o
            for o in claimed_day
            if o.announcement
            and o.label["expect"]["precision"] == "day"
            and o.label["expect"]["premiere"][:10] == o.got["premiere"][:10]
        ]
        # A round-up's claim may be another premiere it announces, right for its own show.
        claimed_pair_right = [
            o for o in claimed_day if o.announcement and _announces(o.label, o.got)
        ]
        abstained = [o for o in ann if not (o.got and o.got["premiere"])]
        # Where the Track button is offered, is it for a show the page announces (or, for a
        # page that announces nothing, the show it is about)?
        offered = [o for o in self.outcomes if o.got and o.got["trackable"]]
        offered_right = [
            o
            for o in offered
            if any(_same_title(name, o.got["show"]) for name in _shows_of(o.label))
        ]
        return [
            ("pages (announcements / none)", f"{len(self.outcomes)} ({len(ann)} / {len(none)})"),
            ("show", _share(ann, "show")),
            ("season", _share(ann, "season")),
            ("network", _share(ann, "network")),
            ("exact premiere day", _share(by_day, "premiere")),
            ("premiere (any precision)", _share(ann, "premiere")),
            ("precision", _share(ann, "precision")),
            ("claimed day dates right", _ratio(len(claimed_right), len(claimed_day))),
            ("  and for the show claimed", _ratio(len(claimed_pair_right), len(claimed_day))),
            ("abstained (no premiere)", f"{len(abstained)} of {len(ann)}"),
            ("Track offered for a right show", _ratio(len(offered_right), len(offered))),
            ("claimed on non-announcements", f"{_count(none, 'claimed')} of {len(none)}"),
            ("a show on non-TV pages", f"{_count(not_tv, 'show')} of {len(not_tv)}"),
            ("a premiere on non-TV pages", f"{_count(not_tv, 'claimed')} of {len(not_tv)}"),
        ]


def _announces(label: dict[str, Any], got: dict[str, Any]) -> bool:
    """Whether the page announces the claimed show on the claimed day, as its lead or not."""
    return any(
        premiere.get("precision") == "day"
        and premiere["premiere"][:10] == got["premiere"][:10]
        and any(
            _same_title(name, got["show"])
            for name in [premiere.get("show"), *premiere.get("show_aliases", [])]
        )
        for premiere in [label["expect"], *label.get("others", [])]
    )


def _shows_of(label: dict[str, Any]) -> list[str]:
    premieres = [label["expect"], *label.get("others", [])]
    return [
        name
        for premiere in premieres
        for name in [premiere.get("show"), *premiere.get("show_aliases", [])]
        if name
    ]


def _share(outcomes: list[Outcome], name: str) -> str:
    right = sum(1 for o in outcomes if name not in o.misses)
    return _ratio(right, len(outcomes))


def _ratio(right: int, total: int) -> str:
    return f"{right / total:6.1%} ({right}/{total})" if total else "     – (0/0)"


def _count(outcomes: list[Outcome], name: str) -> int:
    return sum(1 for o in outcomes if name in o.misses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list every miss of the dev part")
    parser.add_argument(
        "--labels", default="*.jsonl", help="which label files to score (a glob, e.g. 'g-*')"
    )
    args = parser.parse_args()
    labels = load_labels(args.labels)
    missing = [
        label["id"] for label in labels if not (SET / "texts" / f"{label['id']}.txt").exists()
    ]
    if missing:
        print(f"{len(missing)} texts missing (left out): {', '.join(missing[:20])}")
    parts = {
        split: Scores(
            [
                judge(label, read(label))
                for label in labels
                if split_of(label) == split and label["id"] not in missing
            ]
        )
        for split in SPLITS
    }
    outlets = {label["outlet"] for label in labels}
    print(f"real pages: {len(labels)} from {len(outlets)} outlets\n")
    print(f"{'':<32}{'dev':<22}{'held-out':<22}")
    for (name, dev), (_, held) in zip(*(parts[s].rows() for s in SPLITS), strict=True):
        print(f"{name:<32}{dev:<22}{held:<22}")
    if args.misses:
        print("\ndev misses:")
        for outcome in parts["dev"].outcomes:
            for name, (want, got) in outcome.misses.items():
                print(f"  {outcome.label['id']:<6}{name:<10} want {want!r} got {got!r}")


if __name__ == "__main__":
    main()
