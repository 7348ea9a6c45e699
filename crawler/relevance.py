"""Is a story about China's industrial policy and statistics? A score in [0, 1].

A cheap filter in front of claim extraction: the crawler reads general news
feeds, and a football report with "3-1" or "70,000 fans" must not reach the
verifier. Term lists are data (crawler/words/relevance.yaml).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from crawler import words

RELEVANCE_THRESHOLD = 0.2


@dataclass(frozen=True)
class _Term:
    pattern: re.Pattern[str]
    weight: float


def _pattern(term: str) -> re.Pattern[str]:
    if not term.isascii():
        return re.compile(re.escape(term))
    # English: whole words only ("NEV" must not match "never"); the list gives
    # plurals ("robots", "factories") and the singular must match too.
    stem, ending = term, r"(?:s|es|'s)?"
    if term.endswith("ies"):
        stem, ending = term[:-3], r"(?:y|ies|y's)"
    elif term.endswith("y") and term[-2:-1] not in "aeiou":
        stem, ending = term[:-1], r"(?:y|ies|y's)"
    elif term.endswith("s") and not term.endswith("ss") and term[-2:-1].islower():
        stem = term[:-1]
    return re.compile(rf"(?<![A-Za-z0-9]){re.escape(stem)}{ending}(?![A-Za-z0-9])", re.I)


@cache
def _terms() -> tuple[tuple[_Term, ...], float, float]:
    table = words.load("relevance")
    weights: dict[str, float] = table["weights"]
    terms: dict[str, _Term] = {}
    for group, weight in weights.items():
        for pair in table[group]:
            for term in pair:
                if not term:
                    continue
                terms.setdefault(str(term).lower(), _Term(_pattern(str(term)), float(weight)))
    return tuple(terms.values()), float(table["title_factor"]), float(table["scale"])


def relevance_score(text: str, title: str = "") -> float:
    """How much ``text`` (and ``title``) is about our subject, from 0 to 1.

    Each distinct term counts its weight, a little more when repeated
    (1 + log of the count), more again in the title; the total is squashed
    into [0, 1). Compare with RELEVANCE_THRESHOLD.
    """
    terms, title_factor, scale = _terms()
    total = 0.0
    for term in terms:
        hits = len(term.pattern.findall(text))
        in_title = bool(title) and term.pattern.search(title) is not None
        if hits == 0 and not in_title:
            continue
        strength = (1.0 + math.log(hits)) if hits else 0.0
        if in_title:
            strength += title_factor
        total += term.weight * strength
    if total <= 0:
        return 0.0
    return 1.0 - math.exp(-total / scale)
