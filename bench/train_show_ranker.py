"""Learn the show ranker's weights from the development part of the real-page set.

    python bench/train_show_ranker.py           # train, report, write the weights
    python bench/train_show_ranker.py --check   # report only

The weights go to bot/articles/data/show_ranker.json.

Like the accuracy command it needs the pages' texts (data/realworld/README.md says how to
rebuild them). Only announcement pages of the dev part are read: the held-out part never
reaches the trainer. Each page's candidates are what the rules alone make of it
(`ranking.recording`); the model is a softmax over a page's candidates, trained by plain
stochastic gradient descent with a fixed seed, so the same pages give the same weights.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from article_accuracy import dev_announcements, read_article, store_weights

from bot.articles import learned, ranking
from bot.articles.titles import title_key

WEIGHTS = Path(ranking.__file__).parent / "data" / "show_ranker.json"
Page = tuple[list[tuple[float, ...]], list[bool], bool]  # vectors, which are right, rules right


def pages() -> list[Page]:
    found = []
    for label in dev_announcements():
        with ranking.recording() as offered:
            article = read_article(label)
        if article is None or not offered or not offered[0]:
            continue
        want = {
            title_key(n)
            for n in [label["expect"]["show"], *label["expect"].get("show_aliases", [])]
            if n
        }
        candidates = offered[0]
        right = [title_key(c.name) in want for c in candidates]
        rules_right = any(r and c.is_rules_choice for c, r in zip(candidates, right, strict=True))
        found.append(([c.vector() for c in candidates], right, rules_right))
    return found


def train(
    data: Sequence[Page], epochs: int = 60, rate: float = 0.1, decay: float = 1e-3
) -> list[float]:
    weights = [0.0] * len(ranking.FEATURES)
    order = [
        p for p in data if any(p[1])
    ]  # a page none of whose candidates is right teaches nothing
    shuffle = random.Random(1)
    for _ in range(epochs):
        shuffle.shuffle(order)
        for vectors, right, _rules in order:
            shares = _softmax([learned.dot(weights, v) for v in vectors])
            wanted = 1.0 / sum(right)
            for vector, share, is_right in zip(vectors, shares, right, strict=True):
                gradient = share - (wanted if is_right else 0.0)
                if gradient:
                    for i, x in enumerate(vector):
                        weights[i] -= rate * gradient * x
            weights = [w * (1 - rate * decay) for w in weights]
    return weights


def picks_right(weights: Sequence[float], page: Page) -> bool:
    vectors, right, _rules = page
    scores = [learned.dot(weights, v) for v in vectors]
    return right[scores.index(max(scores))]


def _softmax(scores: Sequence[float]) -> list[float]:
    top = max(scores)
    shares = [math.exp(s - top) for s in scores]
    total = sum(shares)
    return [s / total for s in shares]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report without writing weights")
    args = parser.parse_args()
    data = pages()
    folds = 5
    shuffled = list(data)
    random.Random(7).shuffle(shuffled)
    ranked = 0
    for k in range(folds):
        weights = train([p for j, p in enumerate(shuffled) if j % folds != k])
        ranked += sum(picks_right(weights, page) for page in shuffled[k::folds])
    rules = sum(p[2] for p in data)
    reachable = sum(any(p[1]) for p in data)
    print(f"dev announcement pages: {len(data)} (the right show is a candidate on {reachable})")
    print(f"show right, rules alone:           {rules / len(data):.1%} ({rules})")
    print(f"show right, ranker ({folds}-fold on dev): {ranked / len(data):.1%} ({ranked})")
    store_weights(WEIGHTS, ranking.FEATURES, train(data), check=args.check)


if __name__ == "__main__":
    main()
