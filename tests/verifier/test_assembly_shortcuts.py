"""The shortcuts the claim assembly of extract.py takes give what the plain computation gives:
work done once per sentence instead of once per figure, tests skipped when a test of the whole
sentence proves they fail, and a cache of period keys."""

from __future__ import annotations

import random
import re
from dataclasses import fields
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.verifier.conftest import corpus_sentences
from verifier.claims import Claim
from verifier.extract import (
    Extractor,
    _CueSpots,
    _future_cued,
    _kind,
    _number_between,
    _period_key,
    _text_year,
)
from verifier.periods import find_time_expressions, period_start
from verifier.quantities import Quantity
from verifier.sentences import clause_bounds, clause_marks

SENTENCES = corpus_sentences()
DAYS = [None, date(2024, 1, 20), date(2024, 12, 31), date(2025, 3, 5)]
LABELS = [None, "2023", "2024", "2025", "2026", "2024-12", "2025-03", "2025-04", "2025-Q2",
          "2025-H2", "2020/2024"]
# a figure's period and the publication date: a label that starts after the day is a target
DATED = list(zip(LABELS, [*DAYS, *DAYS, *DAYS], strict=False))


def _kinds_agree(text: str, figures: list[tuple[int, int]],
                 dated: list[tuple[str | None, date | None]] = DATED) -> None:
    """_kind told whether the sentence holds a cue word gives what it gives when it scans as
    if it might (the plain computation, which asks the spots part by part)."""
    spots = _CueSpots(text)
    cued = _future_cued(text, spots)
    n = len(text)
    for start, end in figures:
        for clause in ((0, n), (max(0, start - 10), min(n, end + 10)), (start, end)):
            for label, published in dated:
                assert _kind(text, start, end, label, published, clause, spots, cued) \
                    == _kind(text, start, end, label, published, clause, spots), \
                    (text, start, end, clause, label, published)


def test_kind_told_of_no_cue_word_on_the_corpus() -> None:
    for text in SENTENCES:
        _kinds_agree(text, [m.span() for m in re.finditer(r"\d+(?:\.\d+)?", text)])


@pytest.mark.parametrize("text", [
    "销量将近300万辆，将近400万辆",  # "将近" and no cue word: the blanked part is still scanned
    "销量将近300万辆，预计将达到400万辆",
    "expected将近to reach 5 percent",
    "will将近be 5 percent",
    "aims将近to 5 percent",
    "the goal将近is 7 percent, will rise",
    "sales rose 5 percent",  # no cue word at all
    "\u017fales will rise 5 percent",  # ſ: the lower case does not tell, every part is scanned
    "\u0130n 2025 output is expected to grow 5 percent",
])
def test_kind_told_of_no_cue_word_on_tricky_text(text: str) -> None:
    _kinds_agree(text, [(i, i + 1) for i in range(len(text))])


ALPHABET = st.sampled_from([
    *"abcdefghijklmnopqrstuvwxyz -,.5%", "\u017f", "\u212a", "\u0131", "\u0130", "\u3000",
    "将近", "将", "预计", "有望", "目标", "计划", " will ", " expected to ", "target", "aims  to",
    "forecast", "Will", "plans", "goal", "2025"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=30).map("".join))
def test_kind_told_of_no_cue_word_on_any_text(text: str) -> None:
    _kinds_agree(text, [(i, min(len(text), i + 2)) for i in range(0, len(text) + 1, 2)],
                 [(None, None), ("2026", date(2025, 3, 5))])


def test_future_cued_is_whether_any_part_may_match() -> None:
    for text in [*SENTENCES[:400], "将近", "", "will", "sales rose"]:
        spots = _CueSpots(text)
        n = len(text)
        anywhere = any(spots.may_match(name, left, right) for name in ("forecast", "target")
                       for left in range(n + 1) for right in (left + 1, n + 1))
        assert _future_cued(text, spots) == anywhere or spots.lower is None, text


def _number_between_plainly(offsets: list[tuple[int, int]], left: int, right: int) -> bool:
    return any(left <= s and e <= right for s, e in offsets)


def test_number_between_is_the_plain_test() -> None:
    rng = random.Random(3)
    for _ in range(3000):
        offsets = sorted((s, s + rng.randint(0, 6)) for s in rng.sample(range(60), rng.randint(0, 6)))
        if rng.random() < 0.3:
            rng.shuffle(offsets)
        left, right = sorted((rng.randint(-2, 70), rng.randint(-2, 70)))
        for a, b in ((left, right), (right, left), (left, left)):
            assert _number_between(offsets, a, b) == _number_between_plainly(offsets, a, b)


def test_period_key_kept_is_the_key_worked_out() -> None:
    labels = ["2023", "2024", "2024-01", "2024-12", "2024-Q1", "2024-Q4", "2024-H1", "2024-H2",
              "2020/2024", "2019/2023-12", "1999", "2099-12", "2150"]
    for label in labels * 2:  # the second time from the cache
        last = label.split("/")[-1]
        assert _period_key(label) == (period_start(last), len(last)), label
        assert _period_key(label) == _period_key.__wrapped__(label)


def test_text_year_does_not_depend_on_the_figure() -> None:
    """_period takes the sentence's text year, worked out once: it depends on the sentence's
    dates, the publication date and the context alone (no figure, clause or unit), and leaves
    the dates as they were."""
    for text in SENTENCES[:300]:
        exprs = find_time_expressions(text)
        before = list(exprs)
        for published in DAYS:
            for context in (None, "2023", "2024-06", "2019/2023", "2024-Q2"):
                year = _text_year(exprs, published, context)
                assert year == _text_year(exprs, published, context)
        assert exprs == before


def test_claim_fields_in_the_order_the_assembly_passes_them() -> None:
    """_claims_in_sentence makes each Claim with its fields by position, in this order."""
    assert [f.name for f in fields(Claim)][:16] == [
        "text", "start", "end", "sentence", "value", "lower", "upper", "unit", "qualifier",
        "indicator", "geography", "period", "kind", "candidates", "period_explicit", "pair_role"]


def test_claims_made_by_position_hold_what_was_found(extractor: Extractor) -> None:
    """A claim's fields hold the values they are about (a field passed in the wrong place would
    put a string where a number is, or the sentence where the text is)."""
    text = ("China had 3.38 million 5G base stations at the end of 2023, up from 2.31 million, "
            "and Guangdong's output rose 7.9 percent in 2024.")
    found = extractor.extract(text, date(2025, 1, 20))
    assert found
    for c in found:
        assert text[c.start:c.end] == c.text and c.text in c.sentence and c.sentence in text
        assert isinstance(c.value, float | int) and c.kind in ("actual", "target", "forecast")
        assert isinstance(c.candidates, list) and isinstance(c.period_explicit, bool)
        assert c.pair_role in (None, "from", "to") and isinstance(c.geography, str)
        assert c.period is None or c.period[:4].isdigit()


def test_clause_bounds_with_the_sentence_marks_as_without() -> None:
    """_compared_with_previous reads a figure's clause with the marks its sentence was scanned
    for once (clause_marks), as the figures' own tests do."""
    for text in [*SENTENCES, "up from 15.1 percent and 16 percent, while 3 - 4 rose", "a - - b 5"]:
        marks = clause_marks(text)
        for m in re.finditer(r"\d+(?:\.\d+)?", text):
            for end in (m.end(), min(len(text), m.end() + 3)):
                assert clause_bounds(text, m.start(), end, marks) == clause_bounds(text, m.start(), end)


def test_topic_worked_out_late_is_the_topic_worked_out_at_once(extractor: Extractor) -> None:
    """The subject a sentence hands on (Linker.topic) is worked out from its hits only when a
    figure of a later sentence asks: it depends on the hits alone, whenever it is asked."""
    linker = extractor.linker
    for text in SENTENCES[:300]:
        hits = linker.hits(text)
        kept = list(hits)
        at_once = linker.topic(hits)
        for other in SENTENCES[300:303]:
            linker.link(other, Quantity(0, 1, "1", 1.0, None, None, "percent", "exact"), 0, 1,
                        linker.hits(other))
        assert linker.topic(hits) == at_once and list(hits) == kept, text


@pytest.mark.parametrize(("text", "indicators"), [
    # the topic of the last sentence that named anything, past a sentence that names nothing
    ("Production of new energy vehicles reached 9.6 million units in 2023. The weather was "
     "fine. Sales were up 37.9 percent, and output rose 35.8 percent.",
     ["nev_production", "nev_sales_growth", "nev_production_growth"]),
    ("Production of new energy vehicles reached 9.6 million units in 2023. It was a good year "
     "for 12 firms. Sales were up 37.9 percent, and output rose 35.8 percent.",
     ["nev_production", "nev_production", "nev_sales_growth", "nev_production_growth"]),
    # a topic with no siblings to carry: nothing is carried
    ("China had 3.38 million 5G base stations. Sales were up 37.9 percent.",
     ["5g_base_stations", None]),
])
def test_topic_carried_as_before(extractor: Extractor, text: str, indicators: list[str | None]) -> None:
    assert [c.indicator for c in extractor.extract(text, date(2024, 1, 20))] == indicators
