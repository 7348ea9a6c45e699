"""The shortcuts the linker (indicators.py) takes for speed find what the plain scans they
replace find."""

from __future__ import annotations

import random
import re
import sys

from verifier import lexicon
from verifier.extract import Extractor
from verifier.indicators import _CLAUSE_END, _NEW_CUE, _has_new_cue, _share_reach

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


REACH_PIECES = ["a", "share", " ", ",", "，", ";", "；", "。", "of", "占", "5", "1.2%", "İ", "ſ",
                "\n", "比重", "percent"]


def _plain_share_reach(sentence: str, q_start: int) -> int:
    near, far = max(0, q_start - 40), max(0, q_start - 60)
    last_end = None
    for m in _CLAUSE_END.finditer(sentence, far, q_start):
        last_end = m.end()
    return far if last_end is None else min(near, last_end)


def test_share_reach_is_the_last_clause_end_by_finditer() -> None:
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice(REACH_PIECES) for _ in range(rng.randrange(0, 60)))
        for q_start in range(len(text) + 1):
            assert _share_reach(text, q_start) == _plain_share_reach(text, q_start), (text, q_start)


def test_hits_by_search_are_finditer_hits(extractor: Extractor) -> None:
    linker = extractor.linker
    sentences = ["GDP grew 5.2 percent, GDPGDP and gdp", "国内生产总值增长5.2%，GDP总量、新能源汽车产量",
                 "新能源汽车产量和销量分别增长35.8%和37.9%，new energy vehicles", "no alias here",
                 "Industrial Value Added rose; ſales of new energy vehicles İndustrial value added",
                 "5G基站、5G base stations和industrial value added", ""]
    for sentence in sentences:
        plain = []
        if not sentence.isascii():
            for m in linker._en_re.finditer(sentence):
                key = " ".join(lexicon.fold(m.group(0)).split())
                plain.append((m.start(), m.end(), linker._en[key]))
        zh_re = linker._zh_ascii_re if sentence.isascii() else linker._zh_re
        plain += [(m.start(), m.end(), linker._zh[m.group(0)]) for m in zh_re.finditer(sentence)]
        found = [(h.start, h.end, h.indicator) for h in linker.hits(sentence)]
        if sentence.isascii():  # the English hits come first, from the ASCII path
            found = found[len(found) - len(plain):] if plain else []
        assert found == plain, sentence
