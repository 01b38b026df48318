"""Per-field accuracy of the article pipeline on our labelled set (data/samples/articles).

Run it to see the table:  python -m tests.unit.articles.accuracy  [-v for every miss]
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bot.articles import Article, PremiereFacts, analyse
from bot.articles.preview import premiere_value
from bot.articles.titles import title_key

SAMPLES = Path(__file__).parents[3] / "data" / "samples" / "articles"
FIELDS = ("show", "season", "network", "premiere", "precision")
TODAY = date(2026, 11, 24)  # only for articles without any date of their own


@dataclass
class Result:
    file: str
    article: Article
    misses: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field -> (want, got)
    other_misses: list[str] = field(default_factory=list)


@dataclass
class Report:
    results: list[Result]

    def accuracy(self, name: str) -> float:
        checked = [r for r in self.results if name not in _skipped(r)]
        right = [r for r in checked if name not in r.misses]
        return len(right) / len(checked) if checked else 1.0

    @property
    def others_accuracy(self) -> float:
        with_others = [r for r in self.results if _label(r.file).get("others") is not None]
        right = [r for r in with_others if not r.other_misses]
        return len(right) / len(with_others) if with_others else 1.0

    def table(self, *, verbose: bool = False) -> str:
        lines = [f"articles: {len(self.results)}"]
        for name in FIELDS:
            lines.append(f"{name:<10} {self.accuracy(name):6.1%}")
        lines.append(f"{'others':<10} {self.others_accuracy:6.1%}")
        if verbose:
            for result in self.results:
                for name, (want, got) in result.misses.items():
                    lines.append(f"  {result.file}: {name} want {want!r} got {got!r}")
                for miss in result.other_misses:
                    lines.append(f"  {result.file}: others: {miss}")
        return "\n".join(lines)


def labels() -> list[dict[str, Any]]:
    return json.loads((SAMPLES / "labels.json").read_text(encoding="utf-8"))["articles"]


def _label(file: str) -> dict[str, Any]:
    return next(item for item in labels() if item["file"] == file)


def _skipped(result: Result) -> set[str]:
    notes = _label(result.file).get("notes") or ""
    return {"show", "network"} if "not checked" in notes else set()


def read(label: dict[str, Any]) -> Article:
    path = SAMPLES / label["file"]
    content = path.read_text(encoding="utf-8")
    published = date.fromisoformat(label["published"]) if label.get("published") else None
    kind = "html" if path.suffix == ".html" else "text"
    return analyse(**{kind: content}, url=label.get("url"), published=published, today=TODAY)


def same_premiere(want: str | None, got: str | None) -> bool:
    if want is None or got is None:
        return want == got
    if "T" in want:
        return "T" in got and datetime.fromisoformat(want) == datetime.fromisoformat(got)
    return want == got


def check(facts: PremiereFacts, want: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    premiere, precision = premiere_value(facts)
    got = {
        "show": facts.show,
        "season": facts.season,
        "network": facts.network,
        "premiere": premiere,
        "precision": precision,
    }
    misses = {}
    for name in FIELDS:
        if name == "show":
            right = (want["show"] is None and got["show"] is None) or (
                want["show"] is not None
                and got["show"] is not None
                and title_key(want["show"]) == title_key(got["show"])
            )
        elif name == "premiere":
            right = same_premiere(want["premiere"], got["premiere"])
        else:
            right = want[name] == got[name]
        if not right:
            misses[name] = (want[name], got[name])
    return misses


def evaluate() -> Report:
    results = []
    for label in labels():
        article = read(label)
        result = Result(label["file"], article, check(article.facts, label["expect"]))
        if "show" in _skipped(result):
            result.misses.pop("show", None)
            result.misses.pop("network", None)
        expected_others = label.get("others")
        if expected_others is not None:
            result.other_misses = compare_others(expected_others, article.other_premieres)
        results.append(result)
    return Report(results)


def compare_others(expected: list[dict[str, Any]], found: tuple[PremiereFacts, ...]) -> list[str]:
    misses = []
    for want in expected:
        match = [f for f in found if f.show and title_key(f.show) == title_key(want["show"])]
        candidates = [f for f in match if not check(f, want)]
        if not candidates:
            detail = [check(f, want) for f in match] or "not found"
            misses.append(f"{want['show']}: {detail}")
    if not expected and found:
        misses.append(f"expected none, got {[f.show for f in found]}")
    return misses


def main() -> None:
    print(evaluate().table(verbose="-v" in sys.argv))


if __name__ == "__main__":
    main()
