"""_CueSpots finds the loose matches of several cues by one scan (lexicon.loose_union): the
starts it keeps for each cue are those of a scan with that cue's own loose pattern."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import lexicon
from verifier.extract import (
    _COMPARED_BEFORE,
    _COMPARED_LAST,
    _MULTIPLE_OF_BEFORE,
    _MULTIPLE_OF_LAST,
    _SPOTTED_CUES,
    _CueSpots,
    _ends_before,
    _match_starts,
    _spotted_starts,
)

from .test_cue_spots import SENTENCES

CUES = tuple(sorted(lexicon._BILINGUAL_CUES))


def _starts_agree(text: str, names: tuple[str, ...]) -> None:
    """The union's starts of each cue are those of the cue's own loose pattern, in the text
    lower-cased (as _CueSpots searches it) and as it is."""
    for lower in {text.lower(), text}:
        for ascii_text in {lower.isascii(), False}:  # (a pattern for any text fits ASCII too)
            union = lexicon.loose_union(names, ascii_text)
            found = _spotted_starts(lower, union)
            loose = lexicon.loose_cues(ascii_text)
            assert set(found) == set(names)
            for cue in names:
                assert list(found[cue]) == _match_starts(loose[cue], lower), (cue, text)


def test_the_spotted_cues_are_bilingual_cues() -> None:
    assert set(_SPOTTED_CUES) <= set(CUES)


def test_union_starts_on_the_corpus() -> None:
    for text in SENTENCES:
        _starts_agree(text, _SPOTTED_CUES)
        _starts_agree(text, CUES)


def _phrases() -> list[str]:
    return sorted({phrase for ascii_text in (True, False)
                   for phrase in lexicon.loose_union(CUES, ascii_text).cues})


@pytest.mark.parametrize("names", [_SPOTTED_CUES, CUES, ("growth_up",), ("share", "growth_up")])
def test_union_starts_at_every_phrase(names: tuple[str, ...]) -> None:
    # each phrase alone, glued to others, with other white space between its words, cut short:
    # a phrase that starts a longer one of another cue ("up" in "up to") is found there too
    phrases = _phrases()
    for phrase in phrases:
        for text in (phrase, f"x{phrase}y", phrase.replace(" ", "\n "), phrase.replace(" ", "\u3000"),
                     phrase[:-1], phrase.upper(), f"{phrase}{phrase}", f"{phrase[:2]}{phrase}"):
            _starts_agree(text, names)


def test_phrases_that_start_others_are_listed_under_them() -> None:
    union = lexicon.loose_union(CUES, False)
    nested = [(short, long) for short in union.cues for long in union.cues
              if short != long and long.startswith(short)]
    assert nested  # the tables do have such phrases: the test above covers them
    for short, long in nested:
        assert set(union.cues[short]) <= set(union.cues[long])


ALPHABET = st.sampled_from([
    *"abcdefghijklmnopqrstuvwxyz ABCDEGHILMNOPRSTUWXY-'/,.5%", "\u017f", "\u212a", "\u0131",
    "\u0130", "\u3000", "\n", "\t", "\u00a0", "１", "将近", "将", "预计", "有望", "目标", "占", "比重",
    "增长", "下降", "新增", "新建", "出口", "进口", "年均", "平均", " will ", " expected to ", "made up",
    "share", "rose", "fell", " up ", "up to", "net increase of", "built", "exports", "imports",
    "average", "target", "aim", "SHARE", "\u017fhare", "dropped", "year-on-year", "aims  to",
    "of\tall", "forecast", "increase"])


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=30).map("".join))
def test_union_starts_on_any_text(text: str) -> None:
    _starts_agree(text, _SPOTTED_CUES)
    _starts_agree(text, CUES)


@settings(max_examples=200, deadline=None)
@given(st.lists(ALPHABET, max_size=30).map("".join), st.sampled_from(CUES),
       st.integers(0, 40), st.integers(0, 40))
def test_may_match_as_one_scan_per_cue(text: str, cue: str, a: int, b: int) -> None:
    # the spots as they were: one scan per cue, whether spotted or not
    spots, plain = _CueSpots(text), _CueSpots(text)
    if plain.lower is not None:
        plain._starts.update({c: _match_starts(plain._loose[c], plain.lower) for c in CUES})
    left, right = min(a, b), max(a, b)
    assert spots.may_match(cue, left, right) == plain.may_match(cue, left, right), (text, cue)
    for other in CUES:  # in any order of asking
        assert spots.may_match(other, 0, len(text)) == plain.may_match(other, 0, len(text))


# _compared_with_previous searches for "up from", "twice the" only before a figure whose
# last character but white space (_ends_before) could end them

COMPARED_ALPHABET = st.sampled_from([
    *"abcdefmotFMTE -,\n\t", "\u3000", "\u00a0", "\u017f", "\u212a", "\u0131", "\u0130", "ｍ", "ｅ",
    "up from", "UP FROM", "down  from", "above the", "THE", "compared with the", "than",
    "times the", "twice that of", "those OF", "比", "较", "上年末的", "的", "，", "5"])


def _guarded_search_agrees(text: str) -> None:
    for start in range(len(text) + 1):
        left = max(0, start - 20)
        for pattern, last in ((_COMPARED_BEFORE, _COMPARED_LAST),
                              (_MULTIPLE_OF_BEFORE, _MULTIPLE_OF_LAST)):
            plain = pattern.search(text, left, start) is not None
            assert (_ends_before(text, start, last) and plain) == plain, (text, start)


@settings(max_examples=400, deadline=None)
@given(st.lists(COMPARED_ALPHABET, max_size=16).map("".join))
def test_compared_before_only_where_its_last_character_stands(text: str) -> None:
    _guarded_search_agrees(text)


def test_compared_before_only_where_its_last_character_stands_on_the_corpus() -> None:
    for text in [*SENTENCES, "up from\n", "up from \u3000", "twice that OF", "比上年的 "]:
        _guarded_search_agrees(text)
