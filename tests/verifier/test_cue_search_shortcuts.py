"""The cue scans of indicators.Linker try one search before making a finditer: a span with no
match gives what the plain scan gives. Each scan is compared with its plain form, finditer
alone, on cue words at the very edges of the span, Chinese, odd case and full-width digits."""

from __future__ import annotations

import re

from verifier import lexicon
from verifier.extract import Extractor
from verifier.indicators import _CJK, _GDP, _WORLD, _nearest, _Sentence

_SENTENCES = [
    "Sales were up 12 percent", "sales 37.9 percent", "and sales 37.9 percent",
    "Production of new energy vehicles reached 9.587 million and sales came to 9.495 million",
    "9.587 million NEVs produced and 9.495 million sold", "，其中销量增长12%", "汽车产销量增长12%",
    "İndustrial SALES ı ſales 12", "ｓａｌｅｓ rose １２ percent", "exports 5", "12", "",
    "world GDP grew 3 percent, global output 国内生产总值 rose", "全球 世界 经济总量 4%",
    "GDP rose 5%", "production", "x" * 40 + " sales " + "y" * 40 + " 9 percent",
]


def _plain_cue_near(cue_re: re.Pattern[str], sentence: str, q_start: int) -> bool:
    for m in cue_re.finditer(sentence, max(0, q_start - 30), q_start):
        before = sentence[max(0, m.start() - 2):m.start()]
        if not before or not _CJK.match(before[-1]) \
                or lexicon.cues().clause_fillers.search(before):
            return True
    return False


def _plain_nearest(pattern: re.Pattern[str], text: str, at: int) -> int | None:
    distances = [min(abs(m.start() - at), abs(m.end() - at)) for m in pattern.finditer(text)]
    return min(distances) if distances else None


def test_cue_scans_match_finditer(extractor: Extractor) -> None:
    linker = extractor.linker
    cue_re = linker._cue_re
    assert cue_re is not None
    ids = sorted(linker._siblings)
    assert ids
    cued = 0
    for sentence in _SENTENCES:
        words = [(m.start(), m.end(), lexicon.fold(m.group(0))) for m in cue_re.finditer(sentence)]
        assert _Sentence(sentence, cue_re).cue_words() == words
        cued += bool(words)
        for at in range(len(sentence) + 1):
            assert linker.cue_near(sentence, at, at) == _plain_cue_near(cue_re, sentence, at)
            for pattern in (_WORLD, _GDP):
                assert _nearest(pattern, sentence, at) == _plain_nearest(pattern, sentence, at)
            for start in range(0, at + 1, 3):
                for i in ids[:4]:
                    want = []
                    for m in cue_re.finditer(sentence, start, at):
                        for j in linker._siblings[i]:
                            if j not in want and lexicon.fold(m.group(0)) in linker._cue_words[j]:
                                want.append(j)
                    assert linker.ids_by_cue(i, sentence, start, at) == want
    assert cued >= 8
