"""find_time_expressions' pass shortcuts give what the plain pass gives.

The plain pass runs every pattern over the sentence with finditer, marks the characters taken in
a bytearray and tries _BASE_OF_MULTIPLE after each expression. The pass in verifier/periods.py
runs only the patterns _plan picks for the sentence's words and years (worked out once for each
set of them), tells taken characters from the expressions found (_overlaps), tries
_BASE_OF_MULTIPLE only in a sentence with a 倍, and counts the years with one search (_years).
Both must give the same expressions, on the corpus and on strings made of the patterns' pieces."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import lexicon, periods
from verifier.periods import (
    _BASE_CACHE,
    _BASE_OF_MULTIPLE,
    _DESCRIBED_YEAR,
    _PATTERNS,
    _PLANS,
    _YEAR_RE,
    WHEN_AFTER,
    TimeExpr,
    _Anchor,
    _fields,
    _is_comparison_base,
    _overlaps,
    _plan,
    _years,
    find_time_expressions,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _plain_find(sentence: str) -> list[TimeExpr]:
    """find_time_expressions without its shortcuts: every pattern, in order, over the sentence."""
    find_time_expressions("")  # builds the patterns
    words = lexicon.period_words()
    taken = bytearray(len(sentence) + 1)
    found: list[TimeExpr] = []
    for pattern, kind, _, _, _ in _PATTERNS:
        for m in pattern.finditer(sentence):
            start, end = m.span()
            if any(taken[start:end]):
                continue
            fields = _fields(kind, m, words)
            if fields is None:
                continue
            taken[start:end] = b"\x01" * (end - start)
            if "span" not in fields and ((_is_comparison_base(sentence, start)
                                          and not WHEN_AFTER.match(sentence, end))
                                         or _BASE_OF_MULTIPLE.match(sentence, end)):
                fields["base"] = True
            found.append(TimeExpr(start, end, **fields))
    found.sort(key=lambda e: e.start)
    # (the dating of "a year later" from the date before is no shortcut: both passes do it)
    return periods.count_on(found, sentence) if any(e.later for e in found) else found


def _corpus_lines() -> list[str]:
    lines = []
    for path in sorted(CORPUS.glob("*.yaml")):
        text = yaml.safe_load(path.read_text(encoding="utf-8")).get("text") or ""
        lines.extend(line for line in text.splitlines() if line.strip())
    return lines


def test_pass_on_the_corpus() -> None:
    lines = _corpus_lines()
    assert len(lines) > 500
    exprs = 0
    for line in lines:
        plain = _plain_find(line)
        exprs += len(plain)
        assert find_time_expressions(line) == plain, line
    assert exprs > 500  # the test sees expressions


def test_pass_on_the_corpus_with_a_cache_of_one_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    """A full cache is emptied, and the plans made again are the same."""
    monkeypatch.setattr(periods, "_MOST_PLANS", 1)
    _PLANS.clear()
    for line in _corpus_lines()[:300]:
        assert find_time_expressions(line) == _plain_find(line), line
        assert len(_PLANS) <= 1
    _PLANS.clear()


_PIECES = ["2024", "2023", "1999", "2050", "by ", "By ", "end of ", "the end of ", "year-end", " ", "  ",
           "\n",
           "on ", "from ", "up 5% on ", "than ", "Dec", "dec.", "June", "may", "May", "March", "jan-feb",
           "first half", "H1", "Q3", "first quarter", "last year", "a year earlier", "this year's", "now",
           "so far", "the first three months", "14th Five-Year Plan", "between ", " and ", "-", "–", "~",
           "24", "年", "月", "月底", "3月份", "1-6月", "前5个月", "一季度", "前三季度", "上半年", "年底",
           "上年", "上年末", "今年", "去年", "到", "至", "目前", "十四五", "比", "较", "的", "倍", "7倍",
           "是", "水平", "的7倍", "，when", ", when ", "the crisis-hit ", "İ", "ı", "ſ", "x", "中", "5"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_pass_on_made_up_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert find_time_expressions(text) == _plain_find(text), text


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="20194年月底末倍的比 -byendofDecjunq13H", max_size=40))
def test_pass_on_random_text(text: str) -> None:
    assert find_time_expressions(text) == _plain_find(text), text


def test_plan_is_the_patterns_the_tests_let_through() -> None:
    """_plan (cached or not) is each pattern whose years and words the sentence holds."""
    find_time_expressions("")
    every = sorted({w for _, _, _, (one_of, all_of), _ in _PATTERNS for w in (*(one_of or ()), *all_of)})
    sets = [set(), set(every), {"年"}, {"end", "year"}, {"end"}, {"-", "jan"}, {"月", "年底"}, {"between"},
            {"last year", "end"}, {"五", "十四五"}]
    sets += [{w} for w in every]
    for present in sets:
        for years in (0, 1, 2):
            plain = tuple(i for i, (_, _, needs_years, (one_of, all_of), _) in enumerate(_PATTERNS)
                          if needs_years <= years and (one_of is None or bool(one_of & present))
                          and all_of <= present)
            assert _plan(present, years) == plain, (present, years)
            assert _plan(set(present), years) == plain, (present, years)  # from the cache


def test_overlaps_is_the_taken_characters() -> None:
    """_overlaps(found, start, end) is whether the characters the expressions cover meet [start, end)."""
    spans = [(2, 5), (7, 8), (10, 14)]
    found = [TimeExpr(a, b) for a, b in spans]
    taken = bytearray(20)
    for a, b in spans:
        taken[a:b] = b"\x01" * (b - a)
    for start in range(18):
        for end in range(start, 19):
            assert _overlaps(found, start, end) == any(taken[start:end]), (start, end)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="0129480\n x年-", max_size=30))
def test_years_with_one_search(text: str) -> None:
    """_years: the years the plain scan finds, up to two."""
    assert _years(text) == min(2, len(_YEAR_RE.findall(text))), text


def test_multiple_needs_its_character() -> None:
    """_BASE_OF_MULTIPLE holds 倍 outside every optional part: a text without one has no match."""
    assert "倍" in _BASE_OF_MULTIPLE.pattern
    assert re.sub(r"\(\?:[^()]*\)\?", "", _BASE_OF_MULTIPLE.pattern).endswith("倍")


def _anchors() -> list[_Anchor]:
    find_time_expressions("")
    found = [anchor for _, _, _, _, anchor in _PATTERNS if isinstance(anchor, _Anchor)]
    assert len(found) == 5  # month_en, year_end, year, relative_end, year_end_context
    return found


# every ASCII character among an anchor's words' ends: the quick test answers nothing
_EVERY_END = "".join(chr(c) for c in range(128)).lower()


def _words_start_plain(anchor: _Anchor, text: str, pos: int, k: int) -> int | None:
    """_words_start with no quick answer. (The anchor is changed and put back, not copied:
    compiled with mypyc, it is a native class that copy.copy cannot make.)"""
    ends = anchor.ends
    anchor.ends = _EVERY_END
    try:
        return anchor._words_start(text, pos, k)
    finally:
        anchor.ends = ends


def _check_words_start(text: str) -> None:
    for anchor in _anchors():
        for k in range(len(text) + 1):
            for pos in range(0, k + 1, max(1, k // 4)):
                assert anchor._words_start(text, pos, k) == _words_start_plain(anchor, text, pos, k), \
                    (text, pos, k)


def test_words_start_on_the_corpus() -> None:
    """The last character's test before the words' search changes no answer."""
    for line in _corpus_lines()[:400]:
        _check_words_start(line[:120])


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["by", "By", "BY", "at", "the", "end", "of", "as", "year-end", "end-", " ",
                                 "  ",
                                 "\t", "\n", "-", "2024", "Dec", "x", "y", "İ", "ſ", "\u212a"]), max_size=10))
def test_words_start_on_made_up_text(pieces: list[str]) -> None:
    _check_words_start("".join(pieces))


def _plain_base(sentence: str, start: int) -> bool:
    """_is_comparison_base with the base regex searched whatever the window's last words."""
    _is_comparison_base(sentence, start)  # builds the regex
    base, zh_ends = _BASE_CACHE[0]
    before = sentence[start - 1:start]
    if not before or not (before.isspace() or before in zh_ends):
        return False
    return bool(base.search(sentence, max(0, start - 20), start)
                or _DESCRIBED_YEAR.search(sentence, max(0, start - 30), start))


def test_comparison_base_on_the_corpus() -> None:
    """The test of the window's last words before the base regex changes no answer."""
    bases = 0
    for line in _corpus_lines():
        for start in range(len(line) + 1):
            plain = _plain_base(line, start)
            bases += plain
            assert _is_comparison_base(line, start) == plain, (line, start)
    assert bases > 100


@pytest.mark.parametrize("text", [
    "up 5% on 2023", "up 5% ON the 2023", "higher than in 2022", "faster than at the  2022",
    "compared\twith 2020", "compared  to the 2019", "vs. 2021", "VS. 2021", "versus the\n2020", "5%on 2023",
    "upon 2023", "in 2024", "the 2024", "in the 2024", "than the in 2024", "since\n2019", "from the the 2020",
    "ſince 2019", "up from 2020", "same as in 2022", "those of 2021", "times 2020", "x" * 30 + " on 2023",
    "比2023", "比 2023", "较上年",
])
def test_comparison_base_after_the_last_words(text: str) -> None:
    for start in range(len(text) + 1):
        assert _is_comparison_base(text, start) == _plain_base(text, start), (text, start)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["on", "ON", "from", "than", "compared", "with", "to", "vs.", "since", "as",
                                 "of", "in", "at", "the", "The", "up", "x", "5%", " ", "  ", "\t", "\n",
                                 "2023",
                                 "比", "ſ", "-", "a-b"]), max_size=12))
def test_comparison_base_on_made_up_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    for start in range(len(text) + 1):
        assert _is_comparison_base(text, start) == _plain_base(text, start), (text, start)
