"""Learn when a page that writes no season tells its show as new, from the dev part of the set.

    python bench/train_first_season.py           # train, report, write the weights
    python bench/train_first_season.py --check   # report only

The weights go to bot/articles/data/first_season.json.

Like the accuracy command it needs the pages' texts (data/realworld/README.md says how to
rebuild them). Only announcement pages of the dev part are read: the held-out part never
reaches the trainer. A page counts where the rules alone leave its season empty
(`first_season.recording`); it is new where its label's season is 1. The model is logistic,
trained by plain stochastic gradient descent with a fixed seed, so the same pages give the same
weights. Run it after `train_show_ranker.py`: which show a page is about moves its signals.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from article_accuracy import dev_announcements, read_article, store_weights

from bot.articles import first_season, learned

WEIGHTS = Path(first_season.__file__).parent / "data" / "first_season.json"
Page = tuple[tuple[float, ...], int | None]  # the signals' vector, the labelled season


def pages() -> list[Page]:
    found = []
    for label in dev_announcements():
        with first_season.recording() as offered:
            article = read_article(label)
        # the last reading is the one that stands (a ranked show re-reads the page)
        if article is not None and offered and article.facts.season is None:
            found.append((offered[-1].vector(), label["expect"]["season"]))
    return found


def train(
    data: Sequence[Page], epochs: int = 200, rate: float = 0.05, decay: float = 1e-2
) -> list[float]:
    weights = [0.0] * len(first_season.FEATURES)
    order = list(data)
    shuffle = random.Random(1)
    for _ in range(epochs):
        shuffle.shuffle(order)
        for vector, season in order:
            gradient = learned.logistic(learned.dot(weights, vector)) - (season == 1)
            weights = [
                w - rate * (gradient * x + decay * w) for w, x in zip(weights, vector, strict=True)
            ]
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report without writing weights")
    args = parser.parse_args()
    data = pages()
    folds = 5
    chances: list[tuple[float, int | None]] = []
    for k in range(folds):
        weights = train([p for j, p in enumerate(data) if j % folds != k])
        chances += [(learned.logistic(learned.dot(weights, v)), s) for v, s in data[k::folds]]
    new = sum(s == 1 for _, s in data)
    unstated = sum(s is None for _, s in data)
    print(f"dev announcement pages whose season the rules leave empty: {len(data)}")
    later = len(data) - new - unstated
    print(f"  labelled season 1: {new}, no season: {unstated}, a later one: {later}")
    print(f"{folds}-fold on dev, by threshold: 1 given where right / where none was stated / later")
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.9):
        given = [s for p, s in chances if p >= threshold]
        right = sum(s == 1 for s in given)
        wrong_none = sum(s is None for s in given)
        print(f"  {threshold:.1f}: {right:4d} {wrong_none:4d} {len(given) - right - wrong_none:4d}")
    store_weights(WEIGHTS, first_season.FEATURES, train(data), check=args.check)


if __name__ == "__main__":
    main()
