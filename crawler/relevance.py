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
    escaped = re.escape(term)
    if term.isascii():
        # Word boundaries for English ("NEV" must not match "never"), and a
        # plural or possessive ending is still the same word.
        return re.compile(rf"(?<![A-Za-z0-9]){escaped}(?:s|es|'s)?(?![A-Za-z0-9])", re.I)
    return re.compile(escaped)


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
