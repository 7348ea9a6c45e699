"""_CueSpots finds where the spotted cues and the place names start by one scan of a sentence
(lexicon.loose_union_with_places); _loose_place_starts takes the place starts from it for the
sentence just scanned. Both must give what the plain scans give: each cue's own loose pattern,
and the loose regex of all the place names."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import extract, lexicon
from verifier.extract import (
    _SPOTTED_CUES,
    _CueSpots,
    _loose_place_starts,
    _match_starts,
    _spotted_starts,
    _spotted_union,
)

from .test_cue_spots import SENTENCES

CUES = tuple(sorted(lexicon._BILINGUAL_CUES))


def _plain_place_starts(lower: str) -> list[int]:
    return _match_starts(lexicon.loose_place_regex(), lower)


def _union_agrees(text: str) -> None:
    """The union's starts of each cue are those of the cue's own loose pattern, and its place
    starts those of the place names' loose regex, in the text lower-cased and as it is."""
    for lower in {text.lower(), text}:
        for ascii_text in {lower.isascii(), False}:  # (a pattern for any text fits ASCII too)
            union = lexicon.loose_union_with_places(_SPOTTED_CUES, ascii_text)
            assert union.names == (*_SPOTTED_CUES, lexicon.PLACE_NAMES)
            found = _spotted_starts(lower, union)
            loose = lexicon.loose_cues(ascii_text)
            for cue in _SPOTTED_CUES:
                assert list(found[cue]) == _match_starts(loose[cue], lower), (cue, text)
            assert list(found[lexicon.PLACE_NAMES]) == _plain_place_starts(lower), text


def _spots_agree(text: str) -> None:
    """_CueSpots' starts are the plain scans', and the place starts that come with them too,
    for the text it scanned last and for no other."""
    spots = _CueSpots(text)
    if spots.lower is None:
        return
    loose = lexicon.loose_cues(text.isascii())
    for cue in CUES:
        plain = _match_starts(loose[cue], spots.lower)
        for left in range(len(text) + 1):
            for right in (left, left + 1, left + 7, len(text)):
                expected = any(left <= at < right for at in plain)
                assert spots.may_match(cue, left, right) == expected, (cue, text, left, right)
    assert list(spots.place_starts or ()) == _plain_place_starts(spots.lower)
    assert _loose_place_starts(spots.lower, text.isascii()) == _plain_place_starts(spots.lower)


# place names glued to cue phrases and to each other, names a cue phrase starts with ("up" in
# "upper", "china" in "of china's gdp"), the characters lower() does not map one to one
TRICKY = [
    "", "beijing", "Beijing rose 5 percent", "of china's gdp", "OF CHINA'S GDP", "chinashare",
    "up to Shanghai", "shanghaiup", "Hong  Kong's exports rose", "hong\nkong", "Xi'an", "xian",
    "全国增长", "北京占比重", "占全国的7.8%", "广东、江苏和浙江新增", "target Guangdong", "inner mongolia",
    "ſhare of Shanghai", "İstanbul share", "\u212aong", "Tianjin\u3000fell", "macaoshare",
    "the province's target", "新疆下降", "the forecast for Chongqing", "national average",
]

ALPHABET = st.sampled_from([
    *"abcdefghijklmnopqrstuvwxyz ABCDEGHILMNOPRSTUWXY-'/,.5%", "\u017f", "\u212a", "\u0131",
    "\u0130", "\u3000", "\n", "\t", "\u00a0", "将近", "预计", "占", "比重", "增长", "下降", "新增", "出口",
    " will ", "made up", "share", "rose", "fell", " up ", "up to", "net increase of", "exports",
    "average", "target", "forecast", "China", "china's", "Beijing", "Hong Kong", "hong  kong",
    "Shanghai", "Guangdong", "inner", "Mongolia", "Xi'an", "北京", "全国", "广东", "全国范围",
    "黑龙江", "江苏", "省", "、", "和"])
TEXTS = st.lists(ALPHABET, max_size=30).map("".join)


def test_union_with_places_on_the_corpus() -> None:
    for text in [*SENTENCES, *TRICKY]:
        _union_agrees(text)


def test_spots_and_place_starts_on_the_corpus() -> None:
    for text in [*SENTENCES[:150], *TRICKY]:
        _spots_agree(text)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_union_with_places_on_any_text(text: str) -> None:
    _union_agrees(text)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_spots_and_place_starts_on_any_text(text: str) -> None:
    _spots_agree(text)


def test_union_with_places_holds_every_place_name() -> None:
    names = list(lexicon.place_regex()[1])
    for ascii_text in (True, False):
        union = _spotted_union(ascii_text)
        for name in names:
            if ascii_text and not "".join(name.split()).isascii():
                continue  # (it cannot match in a text of ASCII only)
            assert lexicon.PLACE_NAMES in union.cues[" ".join(name.split())], name


def test_scan_places_as_with_a_plain_scan() -> None:
    # the places the sentence names, found from the starts _CueSpots found with its cues,
    # found from a scan of their own, and by finditer
    for text in [*SENTENCES, *TRICKY]:
        spots = _CueSpots(text)
        fast = extract._scan_places(text, len(text), spots.lower, spots.place_starts)
        plain = extract._scan_places(text, len(text), spots.lower)
        by_finditer = extract._scan_places(text, len(text), None)
        assert [(m.span(), rest) for m, *rest in fast] \
            == [(m.span(), rest) for m, *rest in plain] \
            == [(m.span(), rest) for m, *rest in by_finditer], text


# _place searches for a venue word and for 'of'/'占' before a name only where the character
# before it could end one

PLACE_BEFORE = st.sampled_from([
    *"aeinsNIK .,-\n\t", "\u3000", "\u00a0", "\u017f", "\u0130", "\u0131", "\u212a", "in ", "IN",
    "press conference in", "Forum  in", "held\tin", "summit in\n", "meeting", "expo", "在京", "在北京召开的",
    "在北京举行的", "的", "京", "占", "of", "OF ", "of the", "of the\n", "the ", "全国", "ſummit in"])


def _venue_and_of_agree(text: str) -> None:
    _, venue = lexicon.place_words()
    for start in range(len(text) + 1):
        plain = venue.search(text, max(0, start - 30), start) is not None
        assert extract._after_venue(text, start) == plain, (text, start)
    # each name the sentence holds, with what stands before it
    for name in ("Beijing", "北京", "Shanghai"):
        sentence = text + name
        m = lexicon.place_regex()[0].match(sentence, len(text))
        if m is None:
            continue
        _, _, named, of_before = extract._place(sentence, m)
        start = m.start()
        assert named == (not (extract._is_part_of_name(sentence, m)
                              or venue.search(sentence, max(0, start - 30), start))), sentence
        assert of_before == (extract._OF_BEFORE.search(
            sentence, max(0, start - extract._OF_REACH), start) is not None), sentence


def test_venue_and_of_before_on_the_corpus() -> None:
    for text in [*SENTENCES[:120], *TRICKY]:
        _venue_and_of_agree(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(PLACE_BEFORE, max_size=12).map("".join))
def test_venue_and_of_before_on_any_text(text: str) -> None:
    _venue_and_of_agree(text)


def test_venue_ends_hold_every_character_a_phrase_can_end_with() -> None:
    table = lexicon.load_table("geography")["venue_before"]
    lasts = {p.rstrip()[-1] for phrases in table.values() for p in phrases if p.strip()}
    ends = extract._venue_ends()
    for last in lasts:
        blind = re.compile(re.escape(last), re.IGNORECASE)
        for code in range(0x110000):
            ch = chr(code)
            if blind.fullmatch(ch):
                assert ch in ends, (last, hex(code))


def test_white_space_is_what_the_regex_takes_for_it() -> None:
    space = re.compile(r"\s")
    for code in range(0x110000):
        ch = chr(code)
        assert (space.fullmatch(ch) is not None) == ch.isspace(), hex(code)
