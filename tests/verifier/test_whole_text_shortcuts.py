"""The shortcuts of the passes over the whole text find what the plain scans they replace find:
on the labelled corpus's texts, and on random and adversarial strings (words glued to
digits, case-blind letters that fold to ASCII ones, counts and fractions with odd spacing)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import quantities
from verifier.numbers import normalise

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def _texts() -> list[str]:
    texts = [normalise(yaml.safe_load(p.read_text(encoding="utf-8"))["text"])
             for p in sorted(CORPUS.glob("*.yaml"))]
    texts += [normalise(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    # the same without digits: the texts where the masks are skipped
    return texts + [re.sub(r"\d", "", t) for t in texts]


TEXTS = _texts()

_PIECES = [
    " ", "  ", "\n", "\t", "-", " - ", ",", ".", "/", ":", "@", "(", ")", "（", "）", "+",
    "0", "7", "12", "2019", "-2023", "1234567", "٣", "月", "日", "号", "年", "成", "GB", " nm",
    "http://x.cn/1", "www.a.b", "a@b.com", "ICP备", "Jan", "January ", "Sept. ", "3rd",
    "İ", "ı", "ſ", "\u212a", "é", "“", "—", "ten", "Ten", "TEN", "seventeen", "twenty-five",
    "provinces", "PROVINCES", "cities", "counties", "countries", "firms", "ſectors",
    "half", "Half", "a third", "two thirds", "one-third", "three-quarters", "quarter", "fifth",
    " of ", "million", "percent", "per cent", "Per Cent", "yuan", "dollars", "\u212am",
    "thousand", "two", "and", "a", "more than ", "about ", "x", "s",
]
_ADVERSARIAL = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
_RANDOM = st.text(alphabet=st.characters(codec="utf-8"), max_size=200)


def _plain_mask(norm: str) -> bytearray:
    """What _mask marks, with every pattern scanned over the whole text."""
    masked = bytearray(len(norm) + 1)
    patterns = [quantities._ADDRESS, *(p for p, _ in quantities._MASKS),
                *(p for p, _, _ in quantities._NEAR_MASKS)]
    for pattern in patterns:
        for m in pattern.finditer(norm):
            masked[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return masked


def _check(norm: str) -> None:
    assert quantities._mask(norm) == _plain_mask(norm)


def test_corpus_texts() -> None:
    assert TEXTS
    for norm in TEXTS:
        _check(norm)


@settings(max_examples=400, deadline=None)
@given(_ADVERSARIAL)
def test_adversarial_strings(text: str) -> None:
    _check(normalise(text))


@settings(max_examples=200, deadline=None)
@given(_RANDOM)
def test_random_strings(text: str) -> None:
    _check(normalise(text))
