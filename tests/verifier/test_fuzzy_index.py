"""The fuzzy index leaves out only aliases that cannot reach the cutoff: extractOne over its
candidates gives what it gives over every alias, for windows that nearly name an alias."""

from __future__ import annotations

import random

from rapidfuzz import fuzz, process

from verifier.extract import Extractor
from verifier.indicators import _FUZZY_CUTOFF

_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789-"


def _windows(choices: list[str], count: int) -> list[str]:
    """Aliases reordered, with letters dropped or added, words added or dropped."""
    rng = random.Random(7)
    vocab = sorted({w for c in choices for w in c.split()} | {"the", "of", "rose", "percent"})
    out = []
    for _ in range(count):
        words = choices[rng.randrange(len(choices))].split()
        rng.shuffle(words)
        for j, w in enumerate(words):
            if rng.random() < 0.3:
                at = rng.randrange(len(w) + 1)
                words[j] = w[:at] + w[at + 1:] if rng.random() < 0.5 \
                    else w[:at] + rng.choice(_LETTERS) + w[at:]
        for _ in range(rng.randrange(4)):
            words.insert(rng.randrange(len(words) + 1), rng.choice(vocab))
        if len(words) > 1 and rng.random() < 0.3:
            words.pop(rng.randrange(len(words)))
        words = [w for w in words if w]
        if words:
            out.append(" ".join(words[-9:]))
    return out


def test_candidates_give_the_same_best_as_every_alias(extractor: Extractor) -> None:
    index = extractor.linker._fuzzy_index
    assert index.exact
    near = 0
    for window in _windows(index.choices, 3000):
        choices = index.candidates(window)
        got = process.extractOne(window, choices, scorer=fuzz.token_set_ratio,
                                 score_cutoff=_FUZZY_CUTOFF) if choices else None
        want = process.extractOne(window, index.choices, scorer=fuzz.token_set_ratio,
                                  score_cutoff=_FUZZY_CUTOFF)
        assert (got and got[:2]) == (want and want[:2]), window
        near += want is not None and want[1] < 100
    assert near > 20  # the windows test the bounds, not only the exact subsets
