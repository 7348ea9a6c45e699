"""Sentences and clauses with their offsets, for English and Chinese text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A boundary: Chinese end punctuation, a line break, or English end punctuation
# followed by white space and a capital, a digit or a quote. Decimal points and
# "U.S." stay inside.
_BOUNDARY = re.compile(r"[。！？!?；;]+[”」』\"']?|\n+|(?<![A-Z])(?<!\b[A-Z][a-z])\.(?=\s+[A-Z0-9\"“(])")
_CLAUSE = re.compile(r"[,，;；:：、—–()（）]|\s-\s|\band\b|\bwhile\b|\bwhich\b")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


# No real sentence is this long; a run of text without boundaries (a table flattened
# into one line, 5 MB of digits) is cut into pieces so that the work stays linear.
MAX_SENTENCE = 1000
_SOFT_BREAK = re.compile(r"[\s,，、]")


def sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if text[start:end].strip():
            spans.extend(_cut(text, start, end))
        start = end
    if text[start:].strip():
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
    left = 0
    for m in _CLAUSE.finditer(sentence, 0, start):
        left = m.end()
    right_m = _CLAUSE.search(sentence, end)
    right = right_m.start() if right_m else len(sentence)
    return left, right
