"""Linker.hits scans an ASCII sentence lowercased, case-sensitively, and for Chinese aliases
only the ASCII ones: the same hits as the case-blind scan of every alias."""

from __future__ import annotations

import random

from verifier import lexicon
from verifier.extract import Extractor
from verifier.indicators import Linker


def _hits_by_full_scan(linker: Linker, sentence: str) -> list[tuple[int, int, str]]:
    found = []
    assert linker._en_re is not None and linker._zh_re is not None
    for m in linker._en_re.finditer(sentence):
        found.append((m.start(), m.end(), linker._en[" ".join(lexicon.fold(m.group(0)).split())]))
    for m in linker._zh_re.finditer(sentence):
        found.append((m.start(), m.end(), linker._zh[m.group(0)]))
    return found


def _mixed_case(text: str, rng: random.Random) -> str:
    return "".join(ch.upper() if rng.random() < 0.3 else ch for ch in text)


def test_ascii_sentences_hit_as_the_case_blind_scan(extractor: Extractor) -> None:
    linker = extractor.linker
    assert linker._en_lower_re is not None  # the fast scan is the one tested
    rng = random.Random(11)
    aliases = [*linker._en, *(a for a in linker._zh if a.isascii())]
    fillers = ["In 2023", "rose 5.2 percent;", "and", "(of which", "GDP)", "sales", "output of",
               "the", "5G-enabled", "non-", "'s", "\t", "  "]
    for _ in range(3000):
        parts = [rng.choice(aliases) if rng.random() < 0.5 else rng.choice(fillers)
                 for _ in range(rng.randrange(1, 7))]
        sentence = _mixed_case(" ".join(parts), rng)
        assert sentence.isascii()
        got = [(h.start, h.end, h.indicator) for h in linker.hits(sentence)]
        assert got == _hits_by_full_scan(linker, sentence), sentence


def test_other_sentences_hit_as_before(extractor: Extractor) -> None:
    linker = extractor.linker
    for sentence in ["2023年GDP增长5.2%，5G基站总数达337.7万个", "İndustrial output rose 4.6 percent",
                     "ſales of NEVs reached 9.5 million", "规模以上工业增加值增长4.6%"]:
        got = [(h.start, h.end, h.indicator) for h in linker.hits(sentence)]
        assert got == _hits_by_full_scan(linker, sentence), sentence


def test_other_sentences_without_odd_case_hit_as_the_case_blind_scan(extractor: Extractor) -> None:
    # the lowercased scan of a sentence that is not ASCII (lexicon.odd_case says where it holds)
    linker = extractor.linker
    assert linker._en_after_re is not None  # the fast scan is the one tested
    rng = random.Random(12)
    aliases = [*linker._en, *linker._zh]
    fillers = ["2023年", "增长5.2%，", "和", "（其中", "GDP）", "\u212a", "\u3000", "\xa0", "Ａ", "ｇｄｐ",
               "é", "ß", "Straße", "µ", "output of", "5G-enabled", "non-", "\u212aW", "İ", "ı", "ſ"]
    for _ in range(5000):
        parts = [rng.choice(aliases) if rng.random() < 0.5 else rng.choice(fillers)
                 for _ in range(rng.randrange(1, 7))]
        sentence = _mixed_case(rng.choice(["", " ", "，"]).join(parts), rng)
        got = [(h.start, h.end, h.indicator) for h in linker.hits(sentence)]
        assert got == _hits_by_full_scan(linker, sentence), sentence
