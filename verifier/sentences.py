"""Sentences and clauses with their offsets, for English and Chinese text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# A boundary: Chinese end punctuation, a line break, or English end punctuation
# followed by white space and a capital, a digit or a quote. Decimal points and
# "U.S." stay inside.
# (the lookahead up front: the characters a boundary starts with, one test at each position)
_BOUNDARY = re.compile(r"(?=[。！？!?；;\n.])"
                       r"(?:[。！？!?；;]+[”」』\"']?|\n+|(?<![A-Z])(?<!\b[A-Z][a-z])\.(?=\s+[A-Z0-9\"“(]))")
# (the lookahead up front, as in _BOUNDARY: the characters a mark starts with, white space and
# the first letters of the words, one test at each position instead of five branches)
_CLAUSE = re.compile(r"(?=[,，;；:：、—–()（）\saw])"
                     r"(?:[,，;；:：、—–()（）]|\s-\s|\band\b|\bwhile\b|\bwhich\b)")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


# No real sentence is this long; a run of text without boundaries (a table flattened
# into one line, 5 MB of digits) is cut into pieces so that the work stays linear.
MAX_SENTENCE = 1000
_SOFT_BREAK = re.compile(r"[\s,，、]")
_NOT_SPACE = re.compile(r"\S")  # \s is what str.strip() strips (str.isspace)


def sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if _NOT_SPACE.search(text, start, end):  # text[start:end].strip(), without two copies
            spans.extend(_cut(text, start, end))
        start = end
    if _NOT_SPACE.search(text, start):
        spans.extend(_cut(text, start, len(text)))
    return spans


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


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause of a sentence (offsets relative to the sentence) around [start, end)."""
    starts, ends = _clause_marks(sentence)
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
# The clause marks of the last sentence asked about: each figure asks for its clause several
# times (period, kind, stock or flow) and a sentence holds several figures. One entry, the
# sentence kept by it (so `is` never meets a new string at an old address), replaced whole (so
# a thread never sees half of one).
_CLAUSE_CACHE: tuple[str, tuple[list[int], list[int]]] = ("", ([], []))


def _clause_marks(sentence: str) -> tuple[list[int], list[int]]:
    global _CLAUSE_CACHE
    cached = _CLAUSE_CACHE
    if cached[0] is sentence:
        return cached[1]
    spans = [m.span() for m in _CLAUSE.finditer(sentence)]
    marks = ([s for s, _ in spans], [e for _, e in spans])
    _CLAUSE_CACHE = (sentence, marks)
    return marks
