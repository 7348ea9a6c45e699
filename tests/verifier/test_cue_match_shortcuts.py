"""_cue_matches and _cue_search try a cue's regex only at the spots where _CueSpots says a match
of it may start: they find what pattern.finditer and pattern.search of the part find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import lexicon
from verifier.extract import _cue_matches, _cue_search, _CueSpots

from .test_cue_spots import ALPHABET, SENTENCES

CUES = sorted(lexicon._BILINGUAL_CUES)


def _spans(matches: list[re.Match[str]]) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in matches]


def _agree(text: str, windows: list[tuple[int, int]]) -> None:
    spots = _CueSpots(text)
    cues = lexicon.cues_for(text)
    for cue in CUES:
        pattern: re.Pattern[str] = getattr(cues, cue)
        for left, right in windows:
            part = text[left:right]
            assert _spans(_cue_matches(spots, cue, pattern, part, left)) \
                == _spans(list(pattern.finditer(part))), (cue, text, left, right)
            found, plain = _cue_search(spots, cue, pattern, part, left), pattern.search(part)
            assert _spans([found] if found else []) == _spans([plain] if plain else []), \
                (cue, text, left, right)


def test_cue_matches_on_the_corpus() -> None:
    for text in SENTENCES:
        n = len(text)
        windows = [(left, min(n, left + size)) for left in range(0, n, 11) for size in (25, 45)]
        _agree(text, [*windows, (0, n)])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=30).map("".join))
def test_cue_matches_on_any_text(text: str) -> None:
    n = len(text)
    _agree(text, [(i, j) for i in range(n + 1) for j in range(i, n + 1, 4)] if n <= 24
           else [(0, n), (n // 3, n), (0, n // 2)])


def test_cue_matches_where_a_part_cuts_a_word() -> None:
    # "timeshare": a scan of the part from "share" on finds it (nothing before it to see)
    text = "the timeshare rose, up from supply"
    _agree(text, [(9, len(text)), (8, len(text)), (20, 23), (0, len(text))])
