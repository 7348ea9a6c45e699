"""The shortcuts of verifier/periods.py give what the plain scans they replace give.

_Anchor.matches finds a pattern's matches from its anchors (a month name, a year, "end of ...")
and the words before them, _Scouted.matches the relative years' from their lowercased words and
_Led.matches "到2027年"'s from the year and 年:
the same matches as pattern.finditer, on the corpus and on strings made of the words, month
names, years, relative years, white space runs and glue."""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import lexicon
from verifier.periods import (
    _BASE_CACHE,
    _DESCRIBED_YEAR,
    _PATTERNS,
    _WORDS,
    _YEAR_RE,
    _first_day,
    _is_comparison_base,
    _labels,
    _years,
    find_time_expressions,
    has_year,
    period_start,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _anchored() -> list[tuple[re.Pattern[str], Any]]:
    find_time_expressions("")  # builds the patterns
    found = [(pattern, anchor) for pattern, _, _, _, anchor in _PATTERNS if anchor is not None]
    assert len(found) == 7  # month_en, year_end, year, relative_end, year_end_context, relative, zh_year
    return found


def _plain(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str]]]:
    return [(m.span(), {k: v for k, v in m.groupdict().items() if v is not None})
            for m in pattern.finditer(text)]


def _fast(pattern: re.Pattern[str], anchor: Any, text: str) -> list[tuple[tuple[int, int], dict[str, str]]]:
    # the groups the match from an anchor lacks are those the pattern's match has as None
    return [(m.span(), {k: v for k, v in m.groupdict().items() if v is not None})
            for m in anchor.matches(pattern, text, text.lower())]


def _corpus_lines() -> list[str]:
    lines = []
    for path in sorted(CORPUS.glob("*.yaml")):
        text = yaml.safe_load(path.read_text(encoding="utf-8")).get("text") or ""
        lines.extend(line for line in text.splitlines() if line.strip())
    return lines


def test_anchored_matches_on_the_corpus() -> None:
    lines = [line for line in _corpus_lines() if not lexicon.odd_case(line)]
    assert len(lines) > 500
    hits = 0
    for pattern, anchor in _anchored():
        for line in lines:
            plain = _plain(pattern, line)
            hits += len(plain)
            assert _fast(pattern, anchor, line) == plain, (pattern.pattern, line)
    assert hits > 100  # the test sees matches, with and without words


_PIECES = ["by", "By", "BY", "at", "the", "The", "end", "END", "of", "as", "As", "year-end",
           "end-", "Year-End", "nearby", "bend", "the end of", "by the end of", "at the end of",
           "as of", "by year-end", "2024", "1999", "2049", "2050", "1979", "20245", "12024", "19",
           "20", "5", "%", "年", "Jan", "Jan.", "January", "june", "JUNE", "Jun", "may", "May",
           "mar", "March", "Sept", "sep", "dec", "decline", "December", "Kelvin\u212a", "\u212a",
           " ", "  ", "\t", "\n", "\u3000", "\u00a0", "-", "–", ".", ",", "(", "x", "a", "s", "d",
           "year", "Year", "last year", "LAST YEAR", "this year", "a year earlier", "the year before",
           "the previous year", "next", "Next Year", "the year", "end of the year", "End Of Last Year",
           "end of", "at the end of the", "yearly", "e", "la", "st", "到", "至", "到2027年", "2024年",
           "至 2025 年底", "一季度", "上半年", "6月", "底", "\uff12\uff10\uff12\uff14"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_anchored_matches_on_made_up_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    for pattern, anchor in _anchored():
        assert _fast(pattern, anchor, text) == _plain(pattern, text), (pattern.pattern, text)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="byatheendofs- \t0129Jjunmarc.%年\u212alsrYEx到至底", max_size=40))
def test_anchored_matches_on_random_text(text: str) -> None:
    for pattern, anchor in _anchored():
        assert _fast(pattern, anchor, text) == _plain(pattern, text), (pattern.pattern, text)


@pytest.mark.parametrize("spaces", [1, 2, 7, 30])
def test_longest_words_with_long_white_space(spaces: int) -> None:
    """The window searched for the words counts their letters, not their white space."""
    gap = " " * spaces
    rng = random.Random(spaces)
    for words in ("by the end of", "at the end of", "by year-end", "as of", "end-", "the end of", "by"):
        for anchor_text in ("June 2024", "2024", "Dec. 2023"):
            spaced = gap.join(words.split(" "))
            text = "x" * rng.randrange(3) + spaced + ("" if words.endswith("-") else gap) + anchor_text
            for pattern, anchor in _anchored():
                assert _fast(pattern, anchor, text) == _plain(pattern, text), (pattern.pattern, text)


def _words() -> Any:
    find_time_expressions("")
    return _WORDS[0]


def _in_text(finder: Any, low: str) -> set[str]:
    cued = (w for _, words in finder.ascii_cued + finder.other_cued for w in words)
    every = (*finder.ascii, *finder.other, *cued)
    return {w for w in every if w in low}


def test_word_finder_on_the_corpus() -> None:
    finder = _words()
    assert finder.ascii_cued and finder.other_cued  # the cues gate some words
    for line in _corpus_lines():
        low = line.lower()
        found, plain = finder.present(low), _in_text(finder, low)
        assert found >= plain, line
        if low.isascii():
            assert found == plain, line


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["year", "last year", "quarter", "first quarter", "q1", "q", "jan", "jul",
                                 "ju", "j", "年", "上年", "十四五", "五", "-", "~", "–", "中", "é",
                                 " ", "x"]), max_size=10))
def test_word_finder_on_made_up_text(pieces: list[str]) -> None:
    finder = _words()
    low = "".join(pieces)
    found, plain = finder.present(low), _in_text(finder, low)
    assert found >= plain, low
    if low.isascii():
        assert found == plain, low


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["2024", "年", "一季度", "-", "~", "–", "～", "h1", "H2", "Jan", "may", "q3",
                                 "last year", "now", "\u212a", "\u0130", "\u017f", "\uff12\uff10", "5%", ".",
                                 " ", "月底", "上半年", "五", "x"]), max_size=10))
def test_word_finder_letter_gate_on_chinese_text(pieces: list[str]) -> None:
    """A text whose ASCII characters hold no letter skips the words with one: the same words found."""
    finder = _words()
    low = ("中" + "".join(pieces)).lower()
    found, plain = finder.present(low), _in_text(finder, low)
    assert found >= plain, low
    ascii_text = low.encode("ascii", "ignore").decode("ascii")
    if ascii_text.upper() == ascii_text:  # the gated path: exactly the words in the text
        assert {w for w in found if w.isascii()} == {w for w in plain if w.isascii()}, low


def test_period_start_from_the_table_is_the_computed_day() -> None:
    labels = [label for year in range(1890, 2111) for label in _labels(year)]
    labels += ["2021/2025", "1999/2001", "2024-12", "2100-Q4", "1899-H2"]
    for label in labels:
        assert period_start(label) == _first_day(label), label
    assert period_start("2024-Q3") == date(2024, 7, 1)
    assert period_start("2025-06") == date(2025, 6, 1)
    assert period_start("2023") == date(2023, 1, 1)
    assert period_start("2021/2025") == date(2021, 1, 1)
    with pytest.raises(ValueError):
        period_start("20x4")


def _plain_years(sentence: str) -> int:
    return min(2, len(_YEAR_RE.findall(sentence)))


@pytest.mark.parametrize("sentence", [
    "", "2024", "in 2024 and 2025", "1999", "19", "20", "2 0 2 4", "\uff12\uff10\uff12\uff14年", "２０24",
    "20\u0661\u0662", "1989-90", "202020", "x2049y", "2050", "1979", "year 20", "2019年", "19.5%", "İ2024ı",
])
def test_years_after_the_digit_test(sentence: str) -> None:
    """A sentence without the ASCII digits 19 or 20 holds no year: the same count as the scan."""
    assert _years(sentence) == _plain_years(sentence), sentence
    assert has_year(sentence) == (_YEAR_RE.search(sentence) is not None), sentence


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="0129４\uff12\uff10 年-x", max_size=20))
def test_years_after_the_digit_test_on_random_text(text: str) -> None:
    assert _years(text) == _plain_years(text), text
    assert has_year(text) == (_YEAR_RE.search(text) is not None), text


def _plain_base(sentence: str, start: int) -> bool:
    """_is_comparison_base without the hyphen test before _DESCRIBED_YEAR's search."""
    _is_comparison_base(sentence, start)  # builds the regex
    base, zh_ends = _BASE_CACHE[0]
    before = sentence[start - 1:start]
    if not before or not (before.isspace() or before in zh_ends):
        return False
    return bool(base.search(sentence, max(0, start - 20), start)
                or _DESCRIBED_YEAR.search(sentence, max(0, start - 30), start))


@pytest.mark.parametrize("text", [
    "once the pandemic-hit 2020 is taken into account", "the crisis-struck 2009", "the crisis–struck 2009",
    "the crisis\u2010struck 2009", "THE Crisis-Struck 2009", "bathe crisis-struck 2009", "up 5% on 2023",
    "a very long run of words before the well-known 2021", "the x-y  2020", "the x-y\n2020", "-2020",
    "the a-b 比2020", "比上年末", "the ſtate-run 2020",
])
def test_comparison_base_after_the_hyphen_test(text: str) -> None:
    for start in range(len(text) + 1):
        assert _is_comparison_base(text, start) == _plain_base(text, start), (text, start)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="the-ab \t2on比较", max_size=40))
def test_comparison_base_after_the_hyphen_test_on_random_text(text: str) -> None:
    for start in range(len(text) + 1):
        assert _is_comparison_base(text, start) == _plain_base(text, start), (text, start)
