"""_contribution's ASCII shortcut (an ASCII sentence is searched without the Chinese words that
cannot match ASCII text) finds what the full 'before' pattern finds."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import extract
from verifier.quantities import Quantity


def _percent(start: int, end: int) -> Quantity:
    return Quantity(start=start, end=end, text="30%", value=30.0, lower=30.0, upper=30.0,
                    unit="percent", qualifier="exact")


def _plain(sentence: str, start: int, end: int) -> bool:
    before, _, after = extract._contribution_patterns()
    return bool(after.match(sentence, end) or before.search(sentence, max(0, start - 40), start))


def _check(sentence: str) -> None:
    for start in range(len(sentence) + 1):
        for end in (start, min(len(sentence), start + 3)):
            q = _percent(start, end)
            assert extract._contribution(sentence, start, end, q) == _plain(sentence, start, end), \
                (sentence, start, end)


def test_only_these_match_ascii_case_blind() -> None:
    # what the ASCII pattern rests on: the characters a case-blind regex matches with an ASCII
    # character are the ASCII ones and _MATCH_ASCII_BLIND
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    blind = set(re.findall("[\x00-\x7f]", everything, re.IGNORECASE))
    assert {ch for ch in blind if not ch.isascii()} == set(extract._MATCH_ASCII_BLIND)


def test_ascii_pattern_keeps_words_that_can_match_ascii() -> None:
    before, before_ascii, _ = extract._contribution_patterns()
    for text in ("a contribution rate of", "CONTRIBUTION", "contribution  rate"):
        assert bool(before.search(text)) == bool(before_ascii.search(text)) is True
    assert before.search("贡献率达") and not before_ascii.search("贡献率达")


_SENTENCES = ["Its contribution rate to growth was 30% in 2023.",
              "contribution 30%", "30% of global manufacturing growth",
              "对世界经济增长的贡献率达30%", "贡献度 30%", "Contribution rate: 30%",
              "The CONTRIBUTIONS were 30%", "xcontribution 30%", "İ contribution 30%",
              "contrıbution 30%", "\u212a contribution 30%", "ſhare contribution 30%",
              "contribution rate ３０%", "", "30%"]


def test_tricky_sentences() -> None:
    for sentence in _SENTENCES:
        _check(sentence)


_PIECES = st.sampled_from(["contribution", "CONTRIBUTION", "contrib", "rate", " ", "  ", "贡献",
                           "率", "度", "30%", "ı", "İ", "ſ", "\u212a", "x", "-", "of growth"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=8).map("".join))
def test_random_sentences(sentence: str) -> None:
    _check(sentence)
