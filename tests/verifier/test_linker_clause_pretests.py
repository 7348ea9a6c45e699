"""The linker's substring pretests (indicators.py) answer what the regexes they spare answer:
the clause break after a figure, the list a count is put on, a new item of a list."""

from __future__ import annotations

import random
import re

from tests.verifier.conftest import corpus_sentences
from verifier import lexicon
from verifier.extract import Extractor
from verifier.indicators import (
    _AFTER_BREAK,
    _CJK,
    _CJK_RUN,
    _CLAUSE_BREAK,
    _EN_WORD,
    _GLUED_LETTERS,
    Linker,
    _clause_break,
    _listed_patterns,
    _may_be_listed,
)

SENTENCES = corpus_sentences()

PIECES = ["while", "While", "whilst", "awhile", "whereas", "whereas ", " while ", "_while",
          "while5", "，", ",", ";", "；", "、", "。", " ", "\t", "\n", "\u3000", "\xa0", "and ",
          "service robots ", "sales ", "集成电路", "产量增长", "的", "12.8 percent", "5G", "入选",
          "列入", "纳入", "家", "个", "项", "座", " included in the list of ", " were listed in ",
          "lists of ", "名单", "Included In ", "growth ", "share of "]


def _random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 10)))
            for _ in range(count)]


def _pieces(texts: list[str]) -> list[str]:
    out = list(texts)
    for text in texts:
        out += [text[a:a + 30] for a in range(0, len(text), 5)]
    return out


def test_clause_break_as_the_regex() -> None:
    for text in _pieces([*SENTENCES, *_random_texts(20000, 1)]):
        assert _clause_break(text) == bool(_CLAUSE_BREAK.search(text)), text


def test_listed_pretest_keeps_every_match() -> None:
    en, zh = _listed_patterns()
    matched = 0
    for text in [*SENTENCES, *_random_texts(20000, 2)]:
        for at in range(len(text) + 1):
            if en.match(text, at) or zh.match(text, at):
                matched += 1
                assert _may_be_listed(text[at:at + 1]), (text, at)
    assert matched > 1000  # the texts do reach the regexes' matches


def _plain_new_subject(linker: Linker, tail: str) -> bool:
    """Linker._new_subject as it was: every regex run, whatever the answer reads."""
    m = _AFTER_BREAK.match(tail)
    if m is None:
        return False
    rest = tail[m.end():]
    cue = linker._cue_re.search(rest) if linker._cue_re is not None else None
    cues = lexicon.cues_for(tail)
    if _CJK.match(rest):
        head = cues.clause_fillers.sub("", rest[:cue.start()] if cue else "")
        run = _CJK_RUN.match(head)
        return run is not None and len(run.group(0)) >= 2 and not cues.growth_up.search(head) \
            and not cues.share.search(head)
    words = rest.split()
    if words[:1] != ["and"]:
        return False
    words = words[1:]
    return 1 <= len(words) <= 3 \
        and cue is None and all(_EN_WORD.fullmatch(w) for w in words) \
        and words[-1].lower().endswith("s") \
        and not (cues.growth_up.search(rest) or cues.growth_down.search(rest)
                 or cues.share.search(rest))


def test_new_subject_as_before(extractor: Extractor) -> None:
    linker = extractor.linker
    found = 0
    for text in _pieces([*SENTENCES, *_random_texts(20000, 3)]):
        plain = _plain_new_subject(linker, text)
        found += plain
        assert linker._new_subject(text) == plain, text
    assert found > 100


def test_glued_letters_are_the_lookahead_class() -> None:
    letters = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")
    assert {chr(c) for c in range(0x10000) if letters.fullmatch(chr(c))} == _GLUED_LETTERS
