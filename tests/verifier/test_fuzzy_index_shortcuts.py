"""_FuzzyIndex.candidates against a plain reading of its bounds, alias by alias: the table of
aliases close in length (_close_rows, by window length and number of words) and the pool of
aliases that share words must keep exactly what the bounds keep."""

from __future__ import annotations

from verifier.extract import Extractor
from verifier.indicators import _FUZZY_CUTOFF, _FuzzyIndex

from .test_fuzzy_index import _windows


def _plain(index: _FuzzyIndex, window: str) -> list[str]:
    """Every alias that passes the shared-words bound, or whose length, characters and length
    without spaces all pass the bound on the first ratio."""
    k = 100 - _FUZZY_CUTOFF
    words = set(window.split())
    n = len(" ".join(sorted(words)))
    letters = {ch for w in words for ch in w}
    out = []
    for choice in index.choices:
        alias = set(choice.split())
        a = len(" ".join(sorted(alias)))
        shared = alias & words
        s = len(" ".join(sorted(shared)))
        side = min(n, a)
        spaces = abs(len(words) - len(alias))
        only = len(letters ^ {ch for w in alias for ch in w})
        bare = abs((n - len(words)) - (a - len(alias)))
        if 100 * (side - s) <= k * (side + s) or (
                100 * abs(n - a) <= k * (n + a) and 100 * (only + spaces) <= k * (n + a)
                and 100 * (bare + spaces) <= k * (n + a)):
            out.append(choice)
    return out


def _odd_windows(choices: list[str]) -> list[str]:
    """Edges: one word twice, words of one letter, windows longer than any alias, each alias
    with a word more or less, other whitespace, non-ASCII letters and digits."""
    longest = max(choices, key=len)
    out = ["of of", "a b", "a b c d e f g h i", "x" * 80 + " y", " ".join([longest] * 3),
           "rate\tgrowth", "growth  rate", "İndustrial ſales ı", "ｇｄｐ growth １２",
           "value-added industrial", "-- -"]
    for choice in choices:
        words = choice.split()
        out += [" ".join(words[::-1]), choice + " of", " ".join([*words[1:], "the"]),
                choice.replace("e", "", 1), choice + "s growth"]
    return out


def test_candidates_keep_what_the_bounds_keep(extractor: Extractor) -> None:
    index = extractor.linker._fuzzy_index
    assert index.exact
    windows = _windows(index.choices, 3000) + _odd_windows(index.choices)
    kept = 0
    for window in windows:
        got = index.candidates(window)
        assert got == _plain(index, window), window
        kept += bool(got)
    assert kept > 1000

