"""The shortcuts of periods.py, sentences.py and lexicon.py give what the plain ways give."""

from __future__ import annotations

import dataclasses
import re

import pytest

from verifier import lexicon
from verifier.periods import TimeExpr, _dated, _is_comparison_base, _years, find_time_expressions
from verifier.sentences import _CLAUSE, clause_bounds, clause_marks

SENTENCES = [
    "Output rose 5 percent on 2023 - the fastest pace - and exports, which fell, recovered.",
    "Sales - - up 3% - while prices fell (slightly); costs: flat",
    "He said a band played a wa while the wand was which-way and-so",
    "2024年上半年，全国新能源汽车产量比2023年同期增长30%，其中 - 出口 - 大增",
    "",
    " - ",
    "and",
]


def test_dated_is_dataclasses_replace() -> None:
    # _dated names every field; a field added to TimeExpr must be added there too
    assert [f.name for f in dataclasses.fields(TimeExpr)][:4] == ["start", "end", "year", "month"]
    assert len(dataclasses.fields(TimeExpr)) == 15
    expr = TimeExpr(3, 9, month=6, quarter=2, half=1, span=(2021, 2025), year_end=True, relative=-1,
                    now=True, by=True, plan=True, base=True, text_relative=True, later=2)
    assert _dated(expr, 2024) == dataclasses.replace(expr, year=2024)
    assert _dated(expr, 2024, 3) == dataclasses.replace(expr, year=2024, month=3)
    assert _dated(expr, None) == dataclasses.replace(expr, year=None)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_clause_marks_are_those_of_the_clause_regex(sentence: str) -> None:
    spans = [m.span() for m in _CLAUSE.finditer(sentence)]
    assert clause_marks(sentence) == ([s for s, _ in spans], [e for _, e in spans])


@pytest.mark.parametrize("sentence", SENTENCES)
def test_clause_bounds_with_the_marks_given(sentence: str) -> None:
    marks = clause_marks(sentence)
    for start in range(len(sentence) + 1):
        for end in (start, min(len(sentence), start + 4)):
            assert clause_bounds(sentence, start, end, marks) == clause_bounds(sentence, start, end)


def test_years_counts_up_to_two() -> None:
    texts = ("no year", "in 2024", "2019-2023", "2019 2020 2021", "20245")
    assert [_years(s) for s in texts] == [0, 1, 2, 2, 1]


@pytest.mark.parametrize("sentence,base", [
    ("up 5% on 2023", True),
    ("compared  with the 2023 level", True),
    ("比2023年增长", True),
    ("较 2023年底", True),
    ("the pandemic-hit 2020 average", True),
    ("in 2023 sales rose", False),
    ("(2023)", False),
])
def test_comparison_base(sentence: str, base: bool) -> None:
    start = re.search(r"\d{4}", sentence).start()  # type: ignore[union-attr]
    assert _is_comparison_base(sentence, start) is base
    assert any(e.base for e in find_time_expressions(sentence)) is base


def test_fold_of_ascii_is_lower() -> None:
    for word in ("March", "Q1", "FIRST HALF", "vs.", ""):
        assert lexicon.fold(word) == "".join((ch.casefold() or ch)[0] for ch in word) == word.lower()
    assert lexicon.fold("\u0130\u017f\u212a") == "isk"  # İ, ſ and the Kelvin sign

