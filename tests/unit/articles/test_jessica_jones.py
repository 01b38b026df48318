"""The shared sample article: it must always read the same way, whenever it is present."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bot.articles import analyse
from bot.domain.dates import Precision

ROOT = Path(__file__).parents[3]
SAMPLE = ROOT.parent / "shared" / "articles" / "jessica-jones-s2.txt"

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="../shared/articles is not here")


def test_the_facts() -> None:
    article = analyse(text=SAMPLE.read_text(encoding="utf-8"))
    facts = article.facts

    assert facts.show == "Jessica Jones"
    assert facts.season == 2
    assert facts.network == "Netflix"
    assert facts.premiere_precision is Precision.DAY
    assert facts.local_premiere is not None
    assert facts.local_premiere.date() == date(2018, 3, 8)
    assert all(facts.confidence[field] >= 0.8 for field in ("show", "season", "network"))
    assert article.other_premieres == ()


def test_the_summary_keeps_the_premiere_and_drops_the_author() -> None:
    summary = analyse(text=SAMPLE.read_text(encoding="utf-8")).summary

    assert "March 8, 2018" in summary
    assert "About The Author" not in summary
    assert "Sara" not in summary
    assert len(summary) <= 600


def test_the_cli_prints_the_facts_as_json() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "preview", "--json", str(SAMPLE)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["show"] == "Jessica Jones"
    assert result["season"] == 2
    assert result["network"] == "Netflix"
    assert result["premiere"] == "2018-03-08"
    assert result["premiere_precision"] == "day"
    assert "About The Author" not in result["summary"]
