"""The shortcuts the linker (indicators.py) takes for speed find what the plain scans they
replace find."""

from __future__ import annotations

import random
import re
import sys

from verifier.indicators import _NEW_CUE, _has_new_cue

NEW_PIECES = ["new", "New", "NEW", "nEw", "newly", "NEWLY", "renew", "news", "anew", "ne w",
              "n", "e", "w", "N", "E", "W", "新", "新建", "新开通", "新增", "新能源", "建",
              "İ", "ı", "ſ", "\u212a", "ǹ", "é", "ŵ", "ｎｅｗ", "Ｎ", " ", "-", ",", "，", "5G",
              "2024", "1.5%", "percent", "sales", "Newly", "\u0274\u1d07\u1d21"]


def _windows(count: int) -> list[str]:
    rng = random.Random(11)
    out = []
    for _ in range(count):
        out.append("".join(rng.choice(NEW_PIECES) for _ in range(rng.randrange(1, 8))))
    return out


def test_has_new_cue_is_the_regex_search() -> None:
    for window in [*NEW_PIECES, "", *_windows(20000)]:
        assert _has_new_cue(window) == bool(_NEW_CUE.search(window)), window


def test_the_letters_of_new_lowercase_to_themselves() -> None:
    # the proof's premise: every character re.IGNORECASE takes for n, e or w lowercases to it
    letters = {letter: re.compile(letter, re.IGNORECASE) for letter in "new"}
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        for letter, pattern in letters.items():
            if pattern.fullmatch(ch):
                assert ch.lower() == letter, ch
