"""The shortcuts of extract.py's per-figure rules give what the plain scans give: a cue scan
of a part of a sentence is skipped when _CueSpots proves it finds nothing."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.verifier.conftest import corpus_sentences
from verifier import lexicon
from verifier.extract import (
    _CueSpots,
    _kind,
    _names_a_part,
    _parts,
    _Place,
    _scan_places,
)

SENTENCES = corpus_sentences()
CUES = sorted(lexicon._BILINGUAL_CUES)

# characters the cue phrases are made of, and the ones that match some of them case-blind
# (ſ: s, K: k, ı/İ: i), spaces of several kinds, letters glued to phrases, 将近
ALPHABET = st.sampled_from([
    *"abcdefghijklmnopqrstuvwxyzABCDEGHILMNOPRSTUWXY -'/,.5%", "\u017f", "\u212a", "\u0131",
    "\u0130", "\u3000", "\n", "将近", "将", "预计", "有望", "目标", "占", "比重", "增长", "下降", "新增",
    "新建", "出口", "已", "年均", " will ", " expected to ", "made up", "share", "rose", "fell",
    " up ", "net increase of", "built", "exports", "has", "Will", "SHARE", "\u017fhare",
    "dropped", "year-on-year", "aims  to", "of\tall"])
TEXTS = st.lists(ALPHABET, max_size=40).map("".join)


def _scan_starts(pattern: re.Pattern[str], text: str, left: int, right: int) -> list[int]:
    """Where the matches of a scan of text[left:right] start, and of one with pos and endpos."""
    sliced = [left + m.start() for m in pattern.finditer(text[left:right])]
    bounded = [m.start() for m in pattern.finditer(text, left, right)]
    return sliced + bounded


def _check_windows(text: str, windows: list[tuple[int, int]]) -> None:
    spots = _CueSpots(text)
    cues = lexicon.cues_for(text)
    for cue in CUES:
        pattern = getattr(cues, cue)
        for left, right in windows:
            found = _scan_starts(pattern, text, left, right)
            if not spots.may_match(cue, left, right):
                assert found == [], (cue, text, left, right)


def test_every_bilingual_cue_has_a_loose_pattern() -> None:
    for text in ("ascii", "中文"):
        assert set(lexicon.loose_cues(text.isascii())) == set(CUES)
        cues = lexicon.cues_for(text)
        for cue in CUES:
            assert isinstance(getattr(cues, cue), re.Pattern)


def test_the_spots_hold_every_loose_match() -> None:
    spots = _CueSpots("sales rose, exports rose and output rose by 5 percent")
    assert spots.may_match("growth_up", 6, 7)
    assert spots.may_match("growth_up", 20, 24)
    assert spots.may_match("growth_up", 36, 37)
    # "up" in "supply": a loose match needs no word boundary
    assert _CueSpots("supply").may_match("growth_up", 1, 2)
    assert not spots.may_match("growth_up", 7, 20)  # "ales rose, exports ": no start
    assert not spots.may_match("growth_up", 37, 80)
    assert not spots.may_match("forecast", 0, 60)


def test_upper_case_and_odd_case_letters() -> None:
    # the loose patterns search the lower-cased sentence: "SHARE" is found as "share"
    spots = _CueSpots("Its SHARE rose")
    assert spots.may_match("share", 4, 5) and spots.may_match("growth_up", 10, 11)
    assert not spots.may_match("share", 5, 14)
    # a case-blind regex matches "ſ" as "s", where "ſ".lower() is no "s": no shortcut at all
    text = "its ſhare rose"
    assert lexicon.cues_for(text).share.search(text) is not None
    spots = _CueSpots(text)
    assert all(spots.may_match(cue, 0, 1) for cue in CUES)


@pytest.mark.parametrize("step", [7])
def test_no_cue_match_where_the_spots_say_none_on_the_corpus(step: int) -> None:
    assert len(SENTENCES) > 100
    for text in SENTENCES:
        windows = [(left, left + size) for left in range(0, len(text), step)
                   for size in (12, 25, 40, 80)]
        windows += [(left, len(text)) for left in range(0, len(text), 3 * step)]
        _check_windows(text, windows)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(0, 60), st.integers(0, 60))
def test_no_cue_match_where_the_spots_say_none_on_any_text(text: str, a: int, b: int) -> None:
    n = len(text)
    windows = [(min(a, n), min(b, n)), (min(a, b, n), min(max(a, b), n)), (0, n)]
    windows += [(i, j) for i in range(n + 1) for j in range(i, n + 1, 3)] if n <= 24 else []
    _check_windows(text, windows)


def _every_scan(text: str) -> _CueSpots:
    """Spots that tell nothing, as in a text with İ, ı or ſ: every cue scan is made."""
    spots = _CueSpots(text)
    spots.lower = None
    return spots


def _kinds_agree(text: str, figures: list[tuple[int, int]]) -> None:
    spots, plain = _CueSpots(text), _every_scan(text)
    n = len(text)
    for start, end in figures:
        for clause in ((0, n), (max(0, start - 10), min(n, end + 10)), (start, end)):
            assert _kind(text, start, end, None, None, clause, spots) \
                == _kind(text, start, end, None, None, clause, plain), (text, start, end, clause)


def test_kind_as_the_plain_scans_on_the_corpus() -> None:
    for text in SENTENCES:
        figures = [m.span() for m in re.finditer(r"\d+(?:\.\d+)?", text)]
        _kinds_agree(text, figures)


@pytest.mark.parametrize("text", [
    "销量将近300万辆，预计将达到400万辆",
    "expected将近to reach 5 percent",
    "aims将近to 5 percent",
    "the goal将近is 7 percent, will rise",
])
def test_kind_with_nearly_blanked_out(text: str) -> None:
    _kinds_agree(text, [(i, i + 1) for i in range(len(text))])


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_kind_as_the_plain_scans_on_any_text(text: str) -> None:
    _kinds_agree(text, [(i, min(len(text), i + 2)) for i in range(0, len(text) + 1, 2)])


def _names_a_part_plainly(sentence: str) -> bool:
    pattern, _ = _parts()
    return pattern.search(sentence) is not None


def test_names_a_part_with_the_lower_case_on_the_corpus() -> None:
    for text in [*SENTENCES, "the Core alone", "CORE", "核心产业", "its \u017fcore", "score"]:
        assert _names_a_part(text, _CueSpots(text).lower) == _names_a_part_plainly(text), text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"corCOR e-1", "\u017f", "\u0130", "\u0131", "核心", "产业", "核"]),
                max_size=20).map("".join))
def test_names_a_part_with_the_lower_case_on_any_text(text: str) -> None:
    assert _names_a_part(text, _CueSpots(text).lower) == _names_a_part_plainly(text), text


def _place_rows(places: list[_Place]) -> list[tuple[tuple[int, int], str, bool, bool]]:
    return [(m.span(), code, named, of_before) for m, code, named, of_before in places]


def _places_agree(text: str) -> None:
    lower = _CueSpots(text).lower
    for limit in {len(text), len(text) // 2, len(text) - 1, 5}:
        limit = max(0, limit)
        assert _place_rows(_scan_places(text, limit, lower)) == _place_rows(_scan_places(text, limit)), \
            (text, limit)


def test_scan_places_with_the_lower_case_on_the_corpus() -> None:
    for text in SENTENCES:
        _places_agree(text)


# (no name with a run of spaces: _place looks a name up as matched, and fails on either path)
@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(
    [*"abc -,", "China", "CHINA", "china", "Chinese mainland", "Beijing",
     "BeijingDaily", "xian", "Xi'an", "Hong Kong", "Hongkong", "Shanghai", "Jiangsu", "\u017f",
     "\u0130", "\u0131", "\u212a", "全国", "北京", "广东省", "江苏", "在京", "of ", "占", "and "]),
    max_size=20).map("".join))
def test_scan_places_with_the_lower_case_on_any_text(text: str) -> None:
    _places_agree(text)

