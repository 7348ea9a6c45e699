"""Linker.hits finds the English aliases of an ASCII sentence with the character before each
(_after_non_letter): the same hits as the case-blind scan, also for aliases glued to each other,
to letters, digits and punctuation, and at the start and end of the sentence."""

from __future__ import annotations

import random

from verifier import lexicon
from verifier.extract import Extractor
from verifier.indicators import Linker


def _hits_by_full_scan(linker: Linker, sentence: str) -> list[tuple[int, int, str]]:
    assert linker._en_re is not None and linker._zh_re is not None
    return [*((m.start(), m.end(), linker._en[" ".join(lexicon.fold(m.group(0)).split())])
              for m in linker._en_re.finditer(sentence)),
            *((m.start(), m.end(), linker._zh[m.group(0)]) for m in linker._zh_re.finditer(sentence))]


def test_glued_aliases_hit_as_the_case_blind_scan(extractor: Extractor) -> None:
    linker = extractor.linker
    assert linker._en_after_re is not None  # the scan tested
    rng = random.Random(5)
    aliases = list(linker._en)
    glue = ["", " ", "  ", "\t", ")", "(", '"', "'", "-", ",", "5", "1", "x", "a", "s", "Z", "."]
    for _ in range(20000):
        parts = []
        for _ in range(rng.randrange(1, 6)):
            alias = rng.choice(aliases)
            if rng.random() < 0.3:  # a part of an alias: what starts like one and is not
                alias = alias[:rng.randrange(1, len(alias) + 1)]
            parts.append(alias + rng.choice(glue))
        sentence = "".join(ch.upper() if rng.random() < 0.2 else ch
                           for ch in rng.choice(glue) + "".join(parts))
        assert sentence.isascii()
        got = [(h.start, h.end, h.indicator) for h in linker.hits(sentence)]
        assert got == _hits_by_full_scan(linker, sentence), sentence

