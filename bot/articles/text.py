"""Article text as the rest of the pipeline sees it: boilerplate gone, split into sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line that is page furniture, not article: prompts, share rows, credits, counters.
_FURNITURE = re.compile(
    r"""^\W*(?:
        related(?:\s+(?:articles?|stories|posts|content|reading|coverage|news|links))?\s*:?
      | read\s+(?:more|next|also)\b | see\s+also\b | more\s+(?:from|on|stories|news)\b
      | you\s+(?:may|might)\s+also\s+like | recommended(?:\s+for\s+you)? | trending(?:\s+now)?
      | most\s+(?:popular|read) | popular\s+(?:now|posts|stories) | up\s+next | watch\s+next
      | tags?\s*: | topics?\s*: | filed\s+(?:under|in)\b | categor(?:y|ies)\s*:
      | share\s+(?:this|on|via)\b | share\s*$ | tweet\s*$ | pin\s+it | email\s+this | copy\s+link
      | (?:sign|log)\s*(?:up|in)\b | subscribe\b | newsletter | get\s+our\b | join\s+our\b
      | advertisement | sponsored | (?:photo|image|video)\s*(?:credit)?\s*: | credit\s*:
      | \d+\s+comments? | comments?\s*(?:\(\d+\))?\s*$ | leave\s+a\s+(?:comment|reply)
      | view\s+comments | show\s+comments | follow\s+us\b | click\s+here | skip\s+to
      | ©|copyright\b|all\s+rights\s+reserved | privacy\s+policy | terms\s+of\s+(?:use|service)
      | cookie | back\s+to\s+top | load\s+more | continue\s+reading
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Lines a page prints above its story: navigation, mastheads, archive labels, the weather.
_TOP_FURNITURE = re.compile(
    r"""^\W*(?:
        top\s+of\s+(?:the\s+)?page | header\s+ads? | press\s+office | programme\s+information
      | new\s+this\s+week | menu | home | search | or | main\s+menu | navigation | breaking
      # a section's name: "News", "TV News", "Features"
      | (?:latest\s+)?(?:tv\s+|entertainment\s+)?(?:news|features?|reviews?) | television
      | entertainment | culture | showbiz
      | tag\s+archives?\b.* | archives?\s*:.* | category\s*:.* | posted\s+in\b.*
      | [-+]?\d+(?:\.\d+)?\s*°\s*[CF]\b.* | (?:[^|/>\n]{1,25}\s*[|>/]\s*){2,}[^|/>\n]{0,25}
      | [^|/>\n]{1,25}\s*>\s*[^|/>\n]{1,25}
      | [\s,;|·•]*
      # a caption: "Rachel Griffiths. Picture: Richard Dobson", "... Credit: ITV"
      | .{0,100}\b(?:picture|photo|photograph|image|credit)\s*:\s*(?-i:[A-Z][\w.&'’-]*[\s/,]*){1,5}
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)


# "By Rick Marshall" above the headline: the writer's name.
# "By Erik Pedersen", "By Tambay A. Obenson | Shadow and Act" (the site after a bar)
_BYLINE_ALONE = re.compile(
    r"\W*By\s+(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,2})"
    r"(?:\s*[|·]\s*[A-Z][\w'’&.-]*(?:\s+[\w'’&.-]+){0,4})?\W*"
)


def is_top_furniture(line: str, writer: str = "") -> bool:
    """A line above the story that is the site's, not the article's ("Skip to main content",
    "Tag Archives: Crave", "TV | Film | Music", "Home > TV", "4.8°C Dublin", a byline, a
    caption, and the `writer`'s name again under their byline)."""
    return len(line) < 160 and bool(
        _FURNITURE.match(line)
        or _TOP_FURNITURE.match(line)
        or _BYLINE_ALONE.fullmatch(line)
        or (writer and line.strip() == writer)
    )


def byline_name(line: str) -> str:
    """ "Erik Pedersen" of "By Erik Pedersen"; "" for a line that is no byline."""
    match = _BYLINE_ALONE.fullmatch(line)
    return match["name"].strip(" \t-–—|·") if match else ""


# A line after which nothing belongs to the article (checked in the last part of the text).
_TAIL = re.compile(
    r"""^\W*(?:
        about\s+the\s+authors? | about\s+(?:the\s+)?writer | author\s+bio | meet\s+the\s+author
      | related(?:\s+(?:articles?|stories|posts|content|reading|coverage|news))?\s*:?\s*$
      | tags?\s*:?.{0,200}$ | filed\s+(?:under|in)\b | more\s+(?:from|stories|news)\b.*$
      | you\s+(?:may|might)\s+also\s+like | recommended(?:\s+for\s+you)?\s*$
      | (?:\d+\s+)?comments?\s*(?:\(\d+\))?\s*$ | leave\s+a\s+(?:comment|reply)
      | join\s+the\s+discussion
      | share\s+this\s+(?:article|story|post)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Sentences a summary must never quote, wherever they stand.
BOILERPLATE_SENTENCE = re.compile(
    r"""(?:about\s+the\s+author | sign\s*(?:up|in)\b | subscribe\b | newsletter | click\s+here
      | follow\s+us | share\s+(?:this|on)\b | \bcomments?\b | getty\s+images | \bphoto\s*:
      | credit\s*: | read\s+(?:more|next)\b | related\s*: | want\s+more | don'?t\s+miss
      | our\s+(?:partners|affiliates)
      | affiliate\s+link | may\s+earn\s+a\s+commission | cookies? | advertisement | all\s+rights
      | copyright | ©)""",
    re.IGNORECASE | re.VERBOSE,
)

_ABBREVIATIONS = frozenset({
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "no", "vol", "ep", "pt", "inc", "ltd",
    "co", "corp", "mt", "ft", "gen", "prof", "rev", "sen", "rep", "gov", "lt", "col", "sgt",
})  # fmt: skip
MAX_SENTENCE_CHARS = 1000
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_LAST_WORD = re.compile(r"(\S+?)[.!?…]+[\"'”’)\]]*$")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int  # offset of the sentence in the body text
    paragraph: int
    is_line: bool  # a short line without a full stop: a list item, a grid row, a date header


# "3 Ant & Dec have confirmed ... Credit: Getty": a gallery's photo number before its caption.
_GALLERY_COUNTER = re.compile(r"^\d{1,2}\s+(?=[A-Z].*\b(?:Credit|Picture|Photo)\s*:)")


def clean_lines(text: str) -> list[str]:
    """The article's lines with page furniture dropped and everything after a bio or tag cut."""
    lines = [_GALLERY_COUNTER.sub("", " ".join(line.split())) for line in text.splitlines()]
    lines = _unwrapped([line.removeprefix("- ").removeprefix("• ") for line in lines if line])
    # Tail markers only count in the back part: "Related" in an intro is a word, not a footer.
    cut_from = len(lines) // 3
    for index in range(max(1, cut_from), len(lines)):
        if len(lines[index]) < 240 and _TAIL.match(lines[index]):
            lines = lines[:index]
            break
    return [line for line in lines if not (len(line) < 160 and _FURNITURE.match(line))]


# A line that stops on one of these words was cut by a hard wrap, not ended: "Sophomore Hart of"
# above "Dixie is the first to bow".
_WRAPPED = re.compile(
    r"(?i)(?:^|\s)(?:of|the|and|a|an|to|in|on|for|with|at|by|from|its|their|his|her|is|are|will"
    r"|as|that)$|,$"
)


def _unwrapped(lines: list[str]) -> list[str]:
    joined: list[str] = []
    for line in lines:
        if joined and _WRAPPED.search(joined[-1]):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def line_around(text: str, at: int) -> tuple[int, int]:
    """Where the line holding position `at` starts and ends in `text`."""
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, len(text) if end == -1 else end


# "3. Murder In Successville": a numbered list's entry number, then its text.
LIST_NUMBER = re.compile(r"^\s*#?\d{1,2}[.)]\s+(?=\S)")
_INITIALISM_END = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}\s*$")


_SMALL_WORDS = frozenset(
    {"of", "the", "and", "in", "on", "a", "an", "to", "for", "at", "with", "from", "by", "or", "&"}
)


def _titled_initialism(line: str) -> bool:
    """A title-case line that ends on an initialism's point: "Agents of S.H.I.E.L.D."."""
    words = LIST_NUMBER.sub("", line).split()
    return bool(_INITIALISM_END.search(line)) and all(
        w[0].isupper() or w[0].isdigit() or w in _SMALL_WORDS for w in words
    )


# "Burn Notice (USA), 9 p.m.": a listing's row, its point the clock's, with no prose word in it.
_ENDS_ON_AN_HOUR = re.compile(r"(?i)\d\s*[ap]\.m\.\s*$")
_PROSE_WORD = re.compile(r"(?<![\w'’])[a-z]{4,}\b")


def _row_ending_on_its_hour(line: str) -> bool:
    return bool(_ENDS_ON_AN_HOUR.search(line)) and not _PROSE_WORD.search(line)


def split_sentences(body: str) -> list[Sentence]:
    """Sentences per paragraph (one line each); abbreviations and initials do not end one."""
    sentences: list[Sentence] = []
    offset = 0
    for paragraph, line in enumerate(body.split("\n")):
        start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        is_line = (
            len(line) < (160 if LIST_NUMBER.match(line) else 100)
            and not line.rstrip().endswith(("!", "?", "…", '."', ".”"))
            # "Agents of S.H.I.E.L.D.": a title-case line's closing initialism is no sentence
            # end ("It airs in the U.S." is prose all the same)
            and not (
                line.rstrip().endswith(".")
                and not _titled_initialism(line)
                and not _row_ending_on_its_hour(line)
            )
        )
        piece_start = 0
        for boundary in _BOUNDARY.finditer(line):
            head = line[piece_start : boundary.start() + 1]
            last = _LAST_WORD.search(head)
            word = last.group(1).lower().lstrip("(\"'“‘") if last else ""
            if _is_abbreviation(word, line[boundary.start()] == "."):
                continue
            if (
                piece_start == 0
                and (number := LIST_NUMBER.match(line))
                and boundary.start() < number.end()
            ):
                continue  # "3. Murder In Successville": a numbered entry, not a sentence's end
            if line[boundary.start()] in "!?" and _inside_a_title(line, piece_start, boundary):
                continue
            text = line[piece_start : boundary.end()].strip()
            sentences.append(Sentence(text, start + piece_start, paragraph, False))
            piece_start = boundary.end()
        text = line[piece_start:].strip()
        if text:
            sentences.append(Sentence(text, start + piece_start, paragraph, is_line))
    return [piece for sentence in sentences for piece in _bounded(sentence)]


def _inside_a_title(line: str, start: int, boundary: re.Match[str]) -> bool:
    """ "JEOPARDY! The Greatest of All Time" premieres...", "Hey Lady! (8 x 8 minutes), a
    new comedy": the mark belongs to a title, inside open quotes or before its aside."""
    after = line[boundary.end() : boundary.end() + 2]
    if after.startswith("(") and not after[1:].isupper():
        return True
    if any(mark in boundary.group() for mark in '"”'):
        return False  # the quotes close with the mark: 'He said "Stop!" Then...'
    before = line[start : boundary.start()]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _bounded(sentence: Sentence) -> list[Sentence]:
    """A run-on "sentence" (a table flattened into one line, junk) in pieces of bounded length,
    so that no later step pays for its length squared."""
    if len(sentence.text) <= MAX_SENTENCE_CHARS:
        return [sentence]
    pieces = []
    text, offset = sentence.text, 0
    while offset < len(text):
        cut = offset + MAX_SENTENCE_CHARS
        if cut < len(text):
            space = text.rfind(" ", offset + MAX_SENTENCE_CHARS // 2, cut)
            cut = space if space > 0 else cut
        piece = text[offset:cut].strip()
        if piece:
            pieces.append(Sentence(piece, sentence.start + offset, sentence.paragraph, False))
        offset = cut
    return pieces


def _is_abbreviation(word: str, period: bool) -> bool:
    if not period:
        return False
    # "Mon.Sept." with its space lost: the last of the run is the abbreviation
    if word in _ABBREVIATIONS or word.rsplit(".", 1)[-1] in _ABBREVIATIONS:
        return True
    # Initials ("J.R.", "U.S.") and clock words ("p.m.") never end a sentence here.
    return bool(re.fullmatch(r"(?:[a-z]\.)*[a-z]", word))
