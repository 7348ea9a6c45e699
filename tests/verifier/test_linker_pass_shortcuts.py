"""The linker's per-figure shortcuts (indicators.py) give what the plain computations they
replace give: on the corpus sentences at every figure and alias, and on tricky and random text."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

from tests.verifier.conftest import corpus_sentences
from verifier import lexicon
from verifier.extract import Extractor
from verifier.indicators import (
    _CLAUSE_END,
    _DIGITS,
    _FUZZY_CUTOFF,
    _IN_THE_WHOLE,
    _MEASURE_OF,
    _NUMBER,
    _OF_AFTER,
    _OF_OR_ZHAN,
    _SHARE_OF_MODIFIED,
    _YEAR,
    PERCENT_UNITS,
    Link,
    Linker,
    _crosses_other_number,
    _FuzzyIndex,
    _Hit,
    _Hits,
    _last_number_end,
    _letter_bits,
    _may_share_of_modified,
    _must_share,
    _Sentence,
    _share_reach,
    _unit_fits,
)
from verifier.quantities import Quantity

from .test_fuzzy_index import _windows
from .test_fuzzy_index_shortcuts import _odd_windows, _plain

SENTENCES = corpus_sentences()
# the figures' places: every run of digits (a percentage or not)
_FIGURE = re.compile(r"\d+(?:\.\d+)?%?")

PIECES = ["share of ", "Share Of ", "SHARE OF the ", "proportion of ", "percent of ", "per cent of ",
          "per\ncent of ", "of ", "OF ", "oF ", "of", "in ", "占", "占全国", "value added of ",
          "output of ", "industrial ", "new ", "\n", "\t", "\u3000", "\xa0", " ", ",", "，", ";",
          "。", "GDP", "国内生产总值", "5.2%", "30 percent", "ſhare of ", "İn ", "\u212a",
          "above-size ", "the ", "growth in ", "made up ", "比重", "world", "的"]


def _random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 14)))
            for _ in range(count)]


# -- _is_denominator's cheap tests ------------------------------------------------------------

def test_only_o_and_f_match_a_case_blind_o_or_f() -> None:
    # _may_share_of_modified's premise: a case-blind "of" is an "of" in the lowercased text
    letters = {letter: re.compile(letter, re.IGNORECASE) for letter in "of"}
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        for letter, pattern in letters.items():
            if pattern.fullmatch(ch):
                assert ch.lower() == letter, ch


def test_regex_white_space_is_str_isspace() -> None:
    space = re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        assert bool(space.fullmatch(ch)) == ch.isspace(), hex(code)


def _share_of_modified_agrees(text: str) -> None:
    for end in range(len(text) + 1):
        plain = _SHARE_OF_MODIFIED.search(text, max(0, end - 60), end)
        if plain:
            assert _may_share_of_modified(text, end), (text, end)


def test_share_of_modified_pretest_keeps_every_match() -> None:
    matched = 0
    for text in [*SENTENCES, *_random_texts(4000, 3)]:
        _share_of_modified_agrees(text)
        matched += any(_SHARE_OF_MODIFIED.search(text, max(0, e - 60), e)
                       for e in range(len(text) + 1))
    assert matched > 300  # the texts do reach the regex's matches


def _plain_is_denominator(sentence: str, hit: _Hit, q_end: int) -> bool:
    """Linker._is_denominator as it was, with every regex run."""
    if hit.start >= q_end:
        return bool(_OF_OR_ZHAN.search(sentence[q_end:hit.start]))
    before = sentence[max(0, hit.start - 3):hit.start]
    if before.endswith(("占", "占全国")):
        return True
    if before.endswith("of "):
        if _MEASURE_OF.search(sentence, max(0, hit.start - 20), hit.start):
            return False
        return not _IN_THE_WHOLE.match(sentence, hit.end)
    if _SHARE_OF_MODIFIED.search(sentence, max(0, hit.start - 60), hit.start):
        return True
    return before.endswith("in ") and bool(
        lexicon.cues_for(sentence).share.search(sentence, max(0, hit.start - 60), hit.start))


def test_is_denominator_as_the_plain_regexes(extractor: Extractor) -> None:
    linker = extractor.linker
    texts = [*SENTENCES, *_random_texts(1500, 4)]
    for text in texts:
        hits = list(linker.hits(text))
        # aliases at made-up places too: every few characters, a few long
        hits += [_Hit(s, min(len(text), s + 3), "gdp") for s in range(0, len(text), 3)]
        for hit in hits:
            for q_end in range(0, len(text) + 1, 2):
                assert linker.is_denominator(text, hit, q_end) == \
                    _plain_is_denominator(text, hit, q_end), (text, hit, q_end)


# -- the share cue, once a figure --------------------------------------------------------------

def _plain_share_cue(share: re.Pattern[str], sentence: str, q_start: int, q_end: int) -> bool:
    after = _CLAUSE_END.split(sentence[q_end:q_end + 25], maxsplit=1)[0]
    return bool(share.search(sentence, _share_reach(sentence, q_start), q_start)
                or share.search(after) or _OF_AFTER.match(sentence, q_end))


def test_share_cue_as_the_plain_split(extractor: Extractor) -> None:
    cue_re = extractor.linker._cue_re
    for text in [*SENTENCES, *_random_texts(1500, 5)]:
        share = lexicon.cues_for(text).share
        facts = _Sentence(text, cue_re)
        spans = [m.span() for m in _FIGURE.finditer(text)]
        spans += [(s, s + 1) for s in range(0, len(text), 4)]
        for q_start, q_end in spans + spans:  # twice: the second answers come from the memo
            want = _plain_share_cue(share, text, q_start, q_end)
            assert Linker._share_cue(share, text, q_start, q_end) == want, (text, q_start)
            assert facts.share_cue(q_start, q_end) == want, (text, q_start)


# -- a family's levels for a kind of figure ----------------------------------------------------

def _quantities() -> list[Quantity]:
    units = sorted({i.unit for i in _catalogue_indicators()} | {"count", "USD", "CNY", "tonne"})
    return [Quantity(0, 1, "1", 1.0, None, None, unit, "", has_scale=scale, has_unit=has_unit)
            for unit in units for scale in (False, True) for has_unit in (False, True)]


def _catalogue_indicators() -> list:  # type: ignore[type-arg]
    from verifier.indicators import load_catalogue
    root = Path(__file__).resolve().parents[2]
    return list(load_catalogue(root / "reference_data" / "indicators.yaml").indicators.values())


def test_compatible_levels_are_the_plain_filter(extractor: Extractor) -> None:
    linker = extractor.linker
    for q in _quantities():
        for family, levels in linker._levels.items():
            for _ in range(2):  # made, then from the memo
                got, ids = linker._compatible_levels(family, q)
                want = [m for m in levels if _unit_fits(m.unit, q)]
                assert got == want and ids == {m.id for m in want}, (family, q.unit)


def _plain_member_for(linker: Linker, indicator_id: str, q: Quantity, sentence: str,
                      q_start: int, q_end: int) -> str | None:
    """_member_for's level path as it was: _unit_fits for every level, an identity test."""
    ind = linker.catalogue.indicators[indicator_id]
    if q.unit in PERCENT_UNITS:
        return linker._member_for(indicator_id, q, sentence, q_start, q_end)
    levels = linker._levels[ind.family]
    compatible = [m for m in levels if _unit_fits(m.unit, q)]
    if not compatible:
        return None
    own = any(m is ind for m in compatible)
    if own and len(compatible) == 1:
        return ind.id
    from verifier.indicators import _has_new_cue
    window = sentence[max(0, q_start - 60):min(len(sentence), q_end + 40)]
    new_cue = _has_new_cue(window)
    for m in compatible:
        if new_cue == m.id.endswith("_new") and (m.net_additions or m is ind):
            return m.id
    return ind.id if own else compatible[0].id


def test_member_for_as_the_plain_filter(extractor: Extractor) -> None:
    linker = extractor.linker
    texts = ["built 600,000 new 5G base stations", "新增5G基站60万个", "5G基站总数达337.7万个",
             "the 40 trillion mark", "GDP grew 5.2 percent", "newly added 300 EFLOPS", ""]
    for text in texts:
        for q in _quantities():
            for indicator_id in linker.catalogue.indicators:
                facts = _Sentence(text, linker._cue_re)
                got = linker._member_for(indicator_id, q, text, 0, min(1, len(text)), facts)
                assert got == _plain_member_for(linker, indicator_id, q, text, 0,
                                                min(1, len(text))), (text, q, indicator_id)


# -- _ranked with one id -----------------------------------------------------------------------

def _plain_ranked(linker: Linker, scored: dict[str, float], q: Quantity) -> Link:
    ranked = sorted(scored.items(), key=lambda kv: kv[1]) if len(scored) > 1 \
        else list(scored.items())
    best, best_d = ranked[0]
    candidates = tuple(i for i, _ in ranked[:3])
    runner_up = linker.catalogue.indicators[ranked[1][0]] if len(ranked) > 1 else None
    if runner_up is not None and ranked[1][1] - best_d < 3 and \
            runner_up.family != linker.catalogue.indicators[best].family:
        return Link(None, candidates, q.unit)
    ind = linker.catalogue.indicators[best]
    unit = q.unit
    if not q.has_unit and ind.unit not in ("count",) and ind.unit not in PERCENT_UNITS:
        unit = ind.unit
    return Link(best, candidates, unit)


def test_ranked_as_the_plain_sort(extractor: Extractor) -> None:
    linker = extractor.linker
    ids = sorted(linker.catalogue.indicators)
    rng = random.Random(9)
    quantities = _quantities()
    for _ in range(3000):
        scored = {i: float(rng.choice([0, 1, 2.5, 3, 4, 10, -5]))
                  for i in rng.sample(ids, rng.randrange(1, 5))}
        q = rng.choice(quantities)
        assert linker._ranked(dict(scored), q) == _plain_ranked(linker, scored, q), scored


# -- the fuzzy index's quick tests -------------------------------------------------------------

def test_must_share_worked_out() -> None:
    # _sharing's inline form of _must_share(w, n)
    k = 100 - _FUZZY_CUTOFF
    for n in range(1, 400):
        for length in range(1, n + 1):
            must = _must_share("x" * length, n)
            assert ((100 + k) * (length + 1) > 2 * k * n) == must
            assert (length >= 2 * k * n // (100 + k)) == must


def _plain_sharing(index: _FuzzyIndex, words: set[str], n: int) -> set[int]:
    """Every alias whose shared words make up enough of the shorter side."""
    k = 100 - _FUZZY_CUTOFF
    keep = set()
    for i, alias in enumerate(index.words):
        shared = alias & words
        s = sum(map(len, shared)) + len(shared) - 1
        side = min(n, index.joined[i])
        if 100 * (side - s) <= k * (side + s):
            keep.add(i)
    return keep


def test_sharing_keeps_what_the_bound_keeps(extractor: Extractor) -> None:
    index = extractor.linker._fuzzy_index
    windows = _windows(index.choices, 3000) + _odd_windows(index.choices)
    # the corpus's own windows: the words before each figure, as _fuzzy reads them
    for text in SENTENCES:
        for m in _FIGURE.finditer(text):
            words = re.findall(r"[A-Za-z0-9-]+", text[max(0, m.start() - 90):m.start()])[-9:]
            if len(words) >= 2:
                windows.append(" ".join(words).lower())
    kept = 0
    for window in windows:
        words = set(window.split())
        if not words:
            continue
        n = sum(map(len, words)) + len(words) - 1
        got = index._sharing(words, n)
        assert got == _plain_sharing(index, words, n), window
        kept += bool(got)
        assert index.candidates(window) == _plain(index, window), window
    assert kept > 500


# -- hits and their sentence facts -------------------------------------------------------------

def test_hits_carry_their_sentence(extractor: Extractor) -> None:
    linker = extractor.linker
    for text in SENTENCES[:200]:
        hits = linker.hits(text)
        assert isinstance(hits, _Hits) and hits.facts.text == text
        assert linker._facts(text, hits) is hits.facts
        assert hits[:] == list(hits)


@pytest.mark.parametrize("change", [False, True])
def test_link_is_the_same_twice(extractor: Extractor, change: bool) -> None:
    # the memos (share cues on the sentence, levels by kind of figure) answer a second link of
    # every figure as the first did
    linker = extractor.linker
    for text in SENTENCES:
        hits = linker.hits(text)
        for m in _FIGURE.finditer(text):
            unit = "percent" if m.group(0).endswith("%") else "count"
            q = Quantity(m.start(), m.end(), m.group(0), 1.0, None, None, unit, "")
            first = linker.link(text, q, m.start(), m.end(), hits, change)
            fresh = linker.link(text, q, m.start(), m.end(), linker.hits(text), change)
            again = linker.link(text, q, m.start(), m.end(), hits, change)
            assert first == fresh == again, (text, m.group(0))


# -- the numbers between an alias and its figure -----------------------------------------------

NUMBER_PIECES = ["2020", "1999", "2023年", "2024 ", "19", "20", "1900", "2100", "5", "12", "1.5",
                 "，", "、", ",", ".", "%", "万", " ", "亿", "元", "个", "G", "a", "Z", "Ａ", "ｚ",
                 "２０２０", "٣", "年", "增长", "from ", "2,000", "2020.5", "\n", "5G", "2020s"]


def _betweens(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = ["", "2020", "2020年", "5G", "2020 and 5G", "from 2019 to 2021", "12 2020", "2020 12"]
    out += ["".join(rng.choice(NUMBER_PIECES) for _ in range(rng.randrange(0, 12)))
            for _ in range(count)]
    # the corpus's own: every piece between two places of a sentence
    for text in SENTENCES[:300]:
        out += [text[a:a + 40] for a in range(0, len(text), 7)]
    return out


def _plain_last_number_end(between: str) -> int:
    for m in reversed(list(_DIGITS.finditer(between))):
        digits = m.group(0)
        if len(digits) != 4 or not digits.startswith(("19", "20")):
            return m.end()
    return 0


def _plain_crosses_other_number(between: str) -> bool:
    if not _NUMBER.search(between):
        return False
    return bool(_NUMBER.search(_YEAR.sub("", between)))


def test_last_number_end_as_finditer() -> None:
    for between in _betweens(100000, 6):
        assert _last_number_end(between) == _plain_last_number_end(between), between


def test_crosses_other_number_as_the_year_substitution() -> None:
    for between in _betweens(100000, 7):
        assert _crosses_other_number(between) == _plain_crosses_other_number(between), between


def test_letter_bits_as_a_loop() -> None:
    for text in ["", "a", "growth rate", "İndustrial ſales ı", "ｇｄｐ growth １２", "x" * 80,
                 *_random_texts(2000, 8)]:
        bits = 0
        for ch in set(text):
            bits |= 1 << ord(ch)
        assert _letter_bits(text) == bits, text


def test_by_cue_of_an_alias_without_siblings_is_its_own_id(extractor: Extractor) -> None:
    # _link skips by_cue for an alias of one id with no siblings
    linker = extractor.linker
    lonely = [i for i in linker.catalogue.indicators if i not in linker._siblings]
    assert lonely
    for text in SENTENCES[:300]:
        for m in _FIGURE.finditer(text):
            for start in range(0, len(text), 11):
                for i in lonely[:40]:
                    hit = _Hit(start, min(len(text), start + 4), i)
                    assert linker.by_cue(hit, text, m.start(), m.end()) == i
