"""An extractive summary: the article's own sentences, the premiere's among them."""

from __future__ import annotations

import re

from bot.articles.text import BOILERPLATE_SENTENCE, LIST_NUMBER, Sentence, split_sentences

MAX_SENTENCES = 3
MAX_CHARS = 600
SPOILER = "||"

# Sentences about what happens in the story, not about the show's release.
_PLOT = re.compile(
    r"""(?ix)\b(?:kill(?:s|ed|ing|er)?|dies|died|death|dead|murder\w*|twist\w*|betray\w*
      |kidnap\w*|tortur\w*|finds?\s+out|discover\w*|learns?|fate|ending|cliffhanger|pregnan\w*
      |married|wedding|breaks?\s+up|affair|villain|flashbacks?|memor(?:y|ies)|hallucinat\w*
      |trauma\w*|escape\w*|arrest\w*|surviv\w*|sacrific\w*|spoilers?|plot|storyline
      |we\s+(?:saw|see|learn|find)|picks\s+up\s+(?:where|after|with)|left\s+off
      |in\s+the\s+(?:new|last|previous|first)\s+(?:season|trailer|episode|series)
      |(?:season|series|story)\s+(?:follows|finds|sees|centers|centres|focuses)|revenge
      |secret\w*|identity|reveals?\s+(?:that|his|her|their|the\s+truth)|love\s+interest
      |romance|relationship|kiss\w*|battle\w*|fight\w*|war\b|crash|powers?|mystery)\b"""
)
_SPEECH_OPEN = re.compile(r"^[\"“]")
_FIRST_PERSON = re.compile(r"(?i)^(?:i|we|my|our)\b|\b(?:i'm|i've|i think|we're sure)\b")


def summarize(
    body: str,
    *,
    headline: str = "",
    evidence: str | None = None,
    show: str | None = None,
    spoiler_safe: bool = False,
) -> str:
    """At most 3 sentences and 600 characters, in the article's order, always including the
    sentence that states the premiere (`evidence`) when the body has it."""
    every = split_sentences(body)
    forced = _find(every, evidence)  # kept however long: it is what the reader came for
    sentences = [s for s in every if s is forced or _usable(s, headline)]
    scored = sorted(
        ((_score(s, index, show), index) for index, s in enumerate(sentences) if s is not forced),
        reverse=True,
    )
    chosen = [forced] if forced else []
    for _score_value, index in scored:
        if len(chosen) >= MAX_SENTENCES:
            break
        chosen.append(sentences[index])
    chosen.sort(key=lambda s: s.start)
    while len(chosen) > 1 and _length(chosen) > MAX_CHARS:
        weakest = min(
            (s for s in chosen if s is not forced),
            key=lambda s: _score(s, sentences.index(s), show),
        )
        chosen.remove(weakest)
    # "3. "Mad Men": It is set to begin...": a list's number reads as noise in prose.
    parts = [
        _shown(LIST_NUMBER.sub("", s.text, count=1), spoiler_safe and s is not forced)
        for s in chosen
    ]
    text = " ".join(parts)
    if len(text) > MAX_CHARS:
        text = _cut(text)
    return text


def _usable(sentence: Sentence, headline: str) -> bool:
    text = sentence.text
    if len(text) < 25 or len(text) > 450 or BOILERPLATE_SENTENCE.search(text):
        return False
    if sentence.is_line and not re.search(r"[.!?]$", text) and len(text) < 60:
        return False  # list rows and headers read badly in prose
    return text.casefold() != headline.casefold()


def _find(sentences: list[Sentence], evidence: str | None) -> Sentence | None:
    if not evidence:
        return None
    for sentence in sentences:
        # A run-on sentence is split in pieces: the premiere's first piece stands for it.
        if evidence in sentence.text or sentence.text in evidence:
            return sentence
    return None


def _score(sentence: Sentence, index: int, show: str | None) -> float:
    text = sentence.text
    score = max(0.0, 3.0 - index * 0.5)  # news puts what matters first
    if show and show.casefold() in text.casefold():
        score += 1.5
    if re.search(r"(?i)\b(?:season|series|premiere|returns?|debut|netflix|network|stream)", text):
        score += 0.7
    if text.endswith("?"):
        score -= 1.5
    if _SPEECH_OPEN.match(text) or _FIRST_PERSON.search(text):
        score -= 1.0
    if len(text) > 300:
        score -= 1.0
    return score


def _shown(text: str, hide: bool) -> str:
    if hide and _PLOT.search(text):
        # A "||" inside would close the tag early.
        return SPOILER + text.replace("|", "¦") + SPOILER
    return text


def _length(sentences: list[Sentence]) -> int:
    return sum(len(s.text) + 5 for s in sentences)  # room for a space and spoiler tags


def _cut(text: str) -> str:
    cut = text[: MAX_CHARS - 3].rsplit(" ", 1)[0].rstrip(" ,;:")
    # An open spoiler tag must close, or the rest of the message would be hidden.
    return cut + "…" + (SPOILER if cut.count(SPOILER) % 2 else "")
