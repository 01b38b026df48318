"""What the reader's learned models share.

Each model is linear over signals the rules already compute. Its weights are learned from the
development part of the real-page set only, by a trainer under `bench/`, and stored beside this
package in `data/`. A trainer needs what the rules alone hand a model, page by page: a
`Recorder` is that one seam. While it records, the model stands aside and the rules decide.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from typing import Generic, TypeVar

DATA: Traversable = resources.files("bot.articles") / "data"


@cache
def _stored(filename: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    stored = json.loads((DATA / filename).read_text(encoding="utf-8"))
    return tuple(stored["features"]), tuple(float(w) for w in stored["weights"])


def weights_json(features: Sequence[str], weights: Sequence[float]) -> str:
    """Weights as `load_weights` reads them back: what a trainer writes."""
    stored = {"features": list(features), "weights": [round(w, 4) for w in weights]}
    return json.dumps(stored, indent=1) + "\n"


def load_weights(filename: str, features: Sequence[str]) -> tuple[float, ...]:
    """The stored weights, checked against the features the code computes now."""
    trained_on, weights = _stored(filename)
    if trained_on != tuple(features):
        raise RuntimeError(f"{filename} was trained on other features: run its trainer")
    return weights


def dot(weights: Sequence[float], vector: Sequence[float]) -> float:
    return sum(w * x for w, x in zip(weights, vector, strict=True))


def logistic(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


T = TypeVar("T")


class Recorder(Generic[T]):
    """What a model was offered while a trainer listens; nothing otherwise."""

    def __init__(self, name: str) -> None:
        self._log: ContextVar[list[T] | None] = ContextVar(name, default=None)

    def offer(self, item: T) -> bool:
        """Log the item if a trainer is listening; True then: the model stands aside."""
        log = self._log.get()
        if log is None:
            return False
        log.append(item)
        return True

    @contextmanager
    def recording(self) -> Iterator[list[T]]:
        log: list[T] = []
        token = self._log.set(log)
        try:
            yield log
        finally:
            self._log.reset(token)
