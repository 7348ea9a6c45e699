"""Sentences and clauses with their offsets, for English and Chinese text."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

# A boundary: Chinese end punctuation, a line break, or English end punctuation
# followed by white space and a capital, a digit or a quote. Decimal points and
# "U.S." stay inside.
# The first character of a boundary is read first, as a set: the regex engine then skips to the
# next character of the set at once, where it tried a match at every position of the text; a
# lookbehind for the same character then picks the branch. This is
#   [。！？!?；;]+[”」』\"']? | \n+ | (?<![A-Z])(?<!\b[A-Z][a-z])\.(?=\s+[A-Z0-9\"“(])
# with the lookbehinds before the point moved after it (each one character longer).
_BOUNDARY = re.compile(r"[。！？!?；;\n.]"
                       r"(?:(?<=[。！？!?；;])[。！？!?；;]*[”」』\"']?|(?<=\n)\n*"
                       r"|(?<=\.)(?<![A-Z]\.)(?<!\b[A-Z][a-z]\.)(?=\s+[A-Z0-9\"“(]))")
# A mark's first character read first, as a set, as in _BOUNDARY; this is
#   [,，;；:：、—–()（）] | \s-\s | \band\b | \bwhile\b | \bwhich\b
# (`\b` before a letter: no word character before it, `(?<!\w.)` once the letter is read).
_CLAUSE = re.compile(r"[,，;；:：、—–()（）\saw]"
                     r"(?:(?<=[,，;；:：、—–()（）])|(?<=\s)-\s|(?<=a)(?<!\w.)nd\b|(?<=w)(?<!\w.)hi(?:le|ch)\b)")
# _CLAUSE in two: the marks but " - ", which no longer stops at every white space, and " - " from
# its hyphen (the match one character late). A mark of the one kind never shares a character
# with one of the other, so the marks of the whole are those of both, in order.
_CLAUSE_NOT_DASH = re.compile(r"[,，;；:：、—–()（）aw]"
                              r"(?:(?<=[,，;；:：、—–()（）])|(?<=a)(?<!\w.)nd\b|(?<=w)(?<!\w.)hi(?:le|ch)\b)")
_CLAUSE_DASH = re.compile(r"-(?<=\s-)\s")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


# No real sentence is this long; a run of text without boundaries (a table flattened
# into one line, 5 MB of digits) is cut into pieces so that the work stays linear.
MAX_SENTENCE = 1000
_SOFT_BREAK = re.compile(r"[\s,，、]")
_NOT_SPACE = re.compile(r"\S")  # \s is what str.strip() strips (str.isspace)


def sentences(text: str) -> Iterator[Span]:
    """The sentences of the text in order (or the pieces of one too long), made as the caller
    reads them: claim extraction stops after the sentence of the text's last figure, and about a
    quarter of the sentences of an article come after it."""
    start = 0
    # where each sentence ends: at each boundary, and at the end of the text
    for end in chain(map(re.Match.end, _BOUNDARY.finditer(text)), (len(text),)):
        first = _NOT_SPACE.search(text, start, end)  # text[start:end].strip(), without two copies
        if first is not None:  # not all white space
            if end - start > MAX_SENTENCE:
                yield from _cut(text, start, end)
            else:
                yield _trim(text, first.start(), end)
        start = end


def _cut(text: str, start: int, end: int) -> list[Span]:
    pieces = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        breaks = [m.end() for m in _SOFT_BREAK.finditer(text, limit - 200, limit)]
        cut = breaks[-1] if breaks else limit
        if text[start:cut].strip():
            pieces.append(_trim(text, start, cut))
        start = cut
    if text[start:end].strip():
        pieces.append(_trim(text, start, end))
    return pieces


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def clause_bounds(sentence: str, start: int, end: int,
                  marks: tuple[list[int], list[int]] | None = None) -> tuple[int, int]:
    """The clause of a sentence (offsets relative to the sentence) around [start, end).

    marks: clause_marks(sentence), for a caller that asks about several figures of a sentence."""
    starts, ends = marks if marks is not None else clause_marks(sentence)
    # The marks a scan that stops at `start` finds are those of the whole sentence that end by
    # then, unless one reaches over `start`, or a word ending right at it ("and") where `\b`
    # sees the end of the text: then scan as asked.
    k = bisect.bisect_right(ends, start)
    if (k < len(starts) and starts[k] < start) or sentence.endswith(_CLAUSE_WORDS, 0, start):
        left = 0
        for m in _CLAUSE.finditer(sentence, 0, start):
            left = m.end()
    else:
        left = ends[k - 1] if k else 0
    # the first mark from `end` on, unless one reaches over `end`
    k = bisect.bisect_left(starts, end)
    if k and ends[k - 1] > end:
        right_m = _CLAUSE.search(sentence, end)
        return left, right_m.start() if right_m else len(sentence)
    return left, starts[k] if k < len(starts) else len(sentence)


_CLAUSE_WORDS = ("and", "while", "which")


def clause_marks(sentence: str) -> tuple[list[int], list[int]]:
    """Where the clause marks of a sentence (_CLAUSE) start and where they end, in order: what
    clause_bounds reads, once for the sentence."""
    spans = [m.span() for m in _CLAUSE_NOT_DASH.finditer(sentence)]
    if "-" in sentence:
        dashes = []
        end = 0
        for m in _CLAUSE_DASH.finditer(sentence):
            # " - - " is one mark and a hyphen: the scan of _CLAUSE goes on after the first
            if m.start() - 1 >= end:
                end = m.end()
                dashes.append((m.start() - 1, end))
        if dashes:
            spans = sorted(spans + dashes)
    return [s for s, _ in spans], [e for _, e in spans]
