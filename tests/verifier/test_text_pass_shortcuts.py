"""The whole-text passes' shortcuts give what the plain computation gives: find_quantities with
the folded copy its caller made (claim extraction makes it once for all its passes) reads what
it reads when it makes the copy itself, on the labelled corpus's texts and on tricky strings
(letters that case-blind matching folds to ASCII ones, where the copy is None)."""

from __future__ import annotations

from pathlib import Path

import yaml

from verifier import english_numbers
from verifier.numbers import normalise
from verifier.quantities import find_quantities

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

_TRICKY = [
    "", "5", "İstanbul grew 12 percent", "ſeven hundred \u212a 3 million", "two thirds of 40 firms",
    "营收 1000 万元，同比增长 3.5%", "From 20 to 30 percent, 2019-2023, 3:30 pm, Jan 5, 2024",
    "twenty percent of ten provinces", "ı 1.5 bn yuan and a half", "١٢/٣/٢٠٢٤ and 12/3/2024",
]


def _texts() -> list[str]:
    texts = [yaml.safe_load(p.read_text(encoding="utf-8"))["text"] for p in sorted(CORPUS.glob("*.yaml"))]
    return texts + _TRICKY


def test_folded_copy_given_or_made() -> None:
    texts = _texts()
    assert len(texts) > len(_TRICKY)
    for text in texts:
        norm = normalise(text)
        low = english_numbers.folded_ascii(norm)
        for every_number in (False, True):
            made = find_quantities(text, norm, every_number=every_number)
            assert find_quantities(text, norm, every_number=every_number, low=low) == made
            assert find_quantities(text, every_number=every_number, low=low) == made
