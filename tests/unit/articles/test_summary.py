"""Extractive summaries: short, the premiere sentence in, page furniture out."""

from __future__ import annotations

from bot.articles.summarize import MAX_CHARS, summarize

BODY = "\n".join(
    [
        "The lighthouse drama is returning sooner than anyone expected.",
        "In the first season, Maren discovered that her brother faked his own death.",
        "The new season adds three cast members and moves the story to Glasgow.",
        "Sign up for our newsletter to get TV news in your inbox.",
        "Critics loved the first run, and audiences followed.",
        "Harbor Lights season 2 is set to premiere on Netflix on March 8, 2024.",
        "About the Author: Jo writes about television.",
    ]
)
EVIDENCE = "Harbor Lights season 2 is set to premiere on Netflix on March 8, 2024."


def test_at_most_three_sentences_and_the_premiere_among_them() -> None:
    summary = summarize(
        BODY, headline="Harbor Lights returns", evidence=EVIDENCE, show="Harbor Lights"
    )

    assert EVIDENCE in summary
    assert len(summary) <= MAX_CHARS
    assert summary.count(". ") + 1 <= 3


def test_no_boilerplate() -> None:
    summary = summarize(BODY, evidence=EVIDENCE)

    assert "newsletter" not in summary
    assert "About the Author" not in summary


def test_spoiler_safe_hides_plot_sentences_only() -> None:
    summary = summarize(BODY, evidence=EVIDENCE, spoiler_safe=True)

    assert "||In the first season, Maren discovered that her brother faked his own death.||" in (
        summary
    )
    assert f"||{EVIDENCE}" not in summary
    assert summary.count("||") % 2 == 0


def test_a_very_long_premiere_sentence_is_cut_to_fit() -> None:
    long = "The show premieres on March 8, 2024, " + "and then it goes on " * 60 + "forever."
    summary = summarize(long, evidence=long, spoiler_safe=True)

    assert len(summary) <= MAX_CHARS
    assert summary.endswith("…")


def test_a_numbered_entrys_number_is_left_out_and_a_later_bracket_kept() -> None:
    body = (
        "Five returns to plan your spring around, from thrillers to sitcoms.\n"
        '3. "Harbor Lights": It is set to begin on Sunday, April 13 at 10 p.m. (Nov. 17) '
        "was the old date."
    )
    evidence = '3. "Harbor Lights": It is set to begin on Sunday, April 13 at 10 p.m.'
    summary = summarize(body, evidence=evidence, show="Harbor Lights")

    assert "3." not in summary
    assert '"Harbor Lights": It is set to begin' in summary
    assert "(Nov. 17) was the old date." in summary
