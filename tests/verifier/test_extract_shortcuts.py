"""The shortcuts extract.py takes for speed find what the plain scans they replace find."""

from __future__ import annotations

import random
from datetime import date

from verifier import extract
from verifier.extract import (
    _after_punctuation,
    _place_regex,
    _places_before,
    _punctuation_ends,
    _says_respectively,
    _scan_places,
)
from verifier.periods import period_start

SENTENCES = [
    "BEIJING, March 5 (Xinhua) -- China had 3.38 million 5G base stations.",
    "On Jan. 21, 2025 the minister said sales rose 5 percent, and on Feb.  3 they fell.",
    "Mayor May 5 2024 september 30th, SEPT. 9, 2023; dec 31,2024 and Sept.12",
    "Guangdong had two million, Hong Kong  one, Beijing(three) and \"four\" in Xi'an five",
    "sales in Inner Mongolia rose 7 percent, 广东、江苏和浙江分别增长7.9%和8.7%。",
    "Marchx 5, amarch 5, March5, March 123, March 12.5, ſeptember 9 and 2025年3月5日",
]
PIECES = ["March", "sept", "ſept", "May", "dec", "Jan", "x", "a", ".", ",", ";", "，", " ", "  ",
          "\n", "5", "12", "2025", "1999", "th", "st", "(", "\"", "-", "Hong", "Kong", "Beijing",
          "Xi'an", "Inner", "Mongolia", "two", "million", "广东", "江苏", "月", "日", "、", "和",
          "March 5", "Sept. 12", "dec  3", "MAY 31st", ", 2024", " 7", "ſeptember 9"]


def _fuzz(n: int) -> list[str]:
    rng = random.Random(7)
    return [*SENTENCES, *("".join(rng.choice(PIECES) for _ in range(rng.randint(0, 16)))
                          for _ in range(n))]


def test_punctuation_by_bisect_is_the_scan() -> None:
    for sentence in _fuzz(500):
        marks = _punctuation_ends(sentence)
        for start in range(len(sentence) + 1):
            scanned = max((m.end() for m in extract._PUNCTUATION.finditer(sentence, 0, start)),
                          default=0)
            assert _after_punctuation(marks, start) == scanned


def test_places_before_is_the_scan_stopping_there() -> None:
    for sentence in _fuzz(300):
        for limit in {len(sentence), len(sentence) // 2, len(sentence) // 3}:
            scanned_to_limit = _scan_places(sentence, limit)
            for start in range(limit + 1):
                scanned = [m.span() for m in _place_regex(sentence).finditer(sentence, 0, start)]
                found = _places_before(sentence, start, scanned_to_limit)
                assert [p[0].span() for p in found] == scanned, (sentence, limit, start)


def test_respectively_as_the_pattern_finds_it() -> None:
    for sentence in [*_fuzz(300), "rose 5% and 7% RESPECTIVELY", "Respectively,", "分别增长",
                     "respectivelyx", "resp ectively", "reſpectively 5"]:
        assert _says_respectively(sentence) == (extract._RESPECTIVELY.search(sentence) is not None)


def test_part_named_as_the_pattern_finds_it() -> None:
    pattern, _ = extract._parts()
    for sentence in [*_fuzz(300), "The core alone", "CORE industries", "corex", "其中核心产业",
                     "hardcore", "核 心"]:
        assert extract._names_a_part(sentence) == (pattern.search(sentence) is not None)


def test_starts_after_is_period_start() -> None:
    days = [date(2024, 1, 1), date(2024, 6, 30), date(2024, 12, 31), date(2025, 3, 1)]
    labels = ["2023", "2024", "2025", "2024-01", "2024-06", "2024-07", "2024-12", "2025-02",
              "2024-Q1", "2024-Q3", "2024-Q4", "2024-H1", "2024-H2", "2025-H1", "2023-Q4"]
    for day in days:
        for label in labels:
            assert extract._starts_after(label, day) == (period_start(label) > day), (label, day)
