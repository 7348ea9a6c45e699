"""The unit word after a number (verifier/quantities.py _unit_after_end) looked up by the
character it starts with, against the plain case-blind regex of every unit word."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import lexicon
from verifier import quantities as q

# characters that case-blind matching folds in odd ways, full-width forms, Chinese, spaces
_ODD = "ſKkİıiΣσςＡａ０％%成为个年元美吉-\n\t \u3000\u00a0²"
_BEFORE = ("", " ", "-", "\t", "\n", "\u3000", "\u00a0", "  ", " -", "- ", "--")
_AFTER = ("", " ", "s", "S", "K", "ſ", "ı", "1", "，", "个", "-", "/s")


def _plain(norm: str, end: int) -> int | None:
    m = q._unit_after_regex().match(norm, end)
    return None if m is None else m.end()


def _variants(word: str) -> list[str]:
    """The word as written, in upper, lower, title and swapped case, with ſ, K, ı, İ for s, k, i."""
    forms = {word, word.upper(), word.lower(), word.title(), word.swapcase()}
    forms |= {f.replace("s", "ſ").replace("k", "\u212a").replace("i", "ı") for f in list(forms)}
    forms |= {f.replace("S", "ſ").replace("K", "\u212a").replace("I", "\u0130") for f in list(forms)}
    return sorted(forms)


def test_every_unit_word_in_odd_case_and_place() -> None:
    for word in lexicon.units().after:
        for form in _variants(word):
            for before in _BEFORE:
                for after in _AFTER:
                    for lead in ("", "5", "ab5"):
                        norm = lead + before + form + after
                        at = len(lead)
                        assert q._unit_after_end(norm, at) == _plain(norm, at), repr(norm)


def test_every_character_in_the_table_starts_what_the_regex_starts() -> None:
    """Each character the table holds: alone, with a space or hyphen before it, and before the
    rest of each unit word (so a wrong group of words for it would show)."""
    rests = sorted({w[1:] for w in lexicon.units().after})
    for c in q._UNIT_WORDS_BY_FIRST:
        for before in ("", " ", "-"):
            assert q._unit_after_end(before + c, 0) == _plain(before + c, 0)
        for rest in rests:
            norm = "7" + c + rest + " "
            assert q._unit_after_end(norm, 1) == _plain(norm, 1), repr(norm)


def test_characters_outside_the_table_use_every_word() -> None:
    """A character the table does not hold (no ASCII, no CJK ideograph): every case-blind
    equivalent of a first character anywhere in Unicode gives the plain regex's answer."""
    firsts = "".join(sorted({w[0] for w in lexicon.units().after}))
    first = re.compile("[" + re.escape(firsts) + "]", re.IGNORECASE)
    table = q._UNIT_WORDS_BY_FIRST
    rests = sorted({w[1:] for w in lexicon.units().after})
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if c in table or not first.match(c):
            continue
        for rest in rests:
            norm = c + rest
            assert q._unit_after_end(norm, 0) == _plain(norm, 0), repr(norm)


def test_the_table_finds_the_engine_s_foldings() -> None:
    """ſ and K stand in the words of s and k; a word fails when the group were wrong."""
    assert q._unit_after_end("5 ſq m", 1) == _plain("5 ſq m", 1) == 6
    assert q._unit_after_end("5\u212aWh", 1) == _plain("5\u212aWh", 1) == 4
    assert q._unit_after_end("5 tonnes", 1) == 8  # after the space first
    assert q._unit_after_end("5-元", 1) == 3
    assert q._unit_after_end("5年", 1) is None


_PIECES = st.sampled_from(sorted(lexicon.units().after) + list(_ODD) + ["5", "per", "ton", "s"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=5).map("".join), st.integers(0, 6))
def test_unit_after_on_random_text(text: str, at: int) -> None:
    at = min(at, len(text))
    assert q._unit_after_end(text, at) == _plain(text, at)
