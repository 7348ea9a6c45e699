"""The shortcuts indicators.py and multiples.py take for speed find what the plain scans they
replace find: on the corpus texts, and on random and adversarial strings."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import english_numbers, lexicon, multiples

ROOT = Path(__file__).resolve().parents[2]


def _corpus_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "tests" / "corpus").glob("*.yaml")):
        with path.open(encoding="utf-8") as fh:
            doc = yaml.safe_load(fh)
        if isinstance(doc, dict) and isinstance(doc.get("text"), str):
            texts.append(doc["text"])
    return texts


CORPUS = _corpus_texts()


# --- multiples: the stems found with str.find, not the case-blind regex ---------------------

def _hint_spans_by_regex(norm: str) -> list[tuple[int, int]]:
    return [m.span() for m in multiples._english_hint().finditer(norm)]


def _hint_spans(norm: str) -> list[tuple[int, int]]:
    """multiples._hint_spans with the folded copy the caller makes, and the same without one
    (as for a text with İ, ı, ſ or K, where folded_ascii gives none): both must agree."""
    low = english_numbers.folded_ascii(norm)
    found = multiples._hint_spans(norm, low)
    assert multiples._hint_spans(norm, None) == found
    return found


def test_no_stem_starts_another() -> None:
    # what _hint_spans' "no two stems match at one place" rests on
    stems = multiples._stems()
    assert all(s == s.lower() and s.isascii() for s in stems)
    assert not any(a != b and b.startswith(a) for a in stems for b in stems)


def test_lowercase_keeps_offsets_and_case_blind_letters() -> None:
    # İ is the one character whose lowercase is longer; the characters a case-blind regex
    # matches with an ASCII letter are the ASCII letters, İ, ı, ſ and the Kelvin sign, and a
    # non-ASCII character's lowercase is an ASCII letter only for İ and the Kelvin sign
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    assert [ch for ch in everything if len(ch.lower()) != 1] == ["\u0130"]
    blind = set(re.findall("[a-z]", everything, re.IGNORECASE))
    assert blind - set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") \
        == {"\u0130", "\u0131", "\u017f", "\u212a"}
    lowered = {ch for ch in everything if not ch.isascii() and ch.lower()[0].isascii()}
    assert lowered == {"\u0130", "\u212a"}
    assert "\u212a".lower() == "k" and not any("k" in s for s in multiples._stems())


def test_hint_spans_on_the_corpus() -> None:
    assert CORPUS
    found = 0
    for text in CORPUS:
        expected = _hint_spans_by_regex(text)
        assert _hint_spans(text) == expected
        found += len(expected)
    assert found  # the corpus has multiples to find


ADVERSARIAL = ["foldoubl", "FOLDOUBLE", "tImEs", "twicetimes", "trebtripl", "foldold",
               "timeſ", "tımes", "TİMES", "İ twice", "doub", "quadrupled fourfold",
               "两倍 doubled 翻一番", "ＴＩＭＥＳ", "\u212aTimes", "ttimes", "ddoubl"]


def test_hint_spans_on_adversarial_strings() -> None:
    for text in ADVERSARIAL:
        assert _hint_spans(text) == _hint_spans_by_regex(text), text


_PIECES = st.sampled_from(["doubl", "DOUBL", "Fold", "fol", "d", "quadr", "tImes", "trebl",
                           "tripl", "twice", "t", "T", "e", "o", "ld", "s", "ſ", "ı", "İ", "K",
                           " ", "-", "倍", "两", "x", "3"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_hint_spans_on_random_strings(text: str) -> None:
    assert _hint_spans(text) == _hint_spans_by_regex(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_hint_spans_on_any_text(text: str) -> None:
    assert _hint_spans(text) == _hint_spans_by_regex(text)


def test_odd_case_is_what_the_fallback_needs() -> None:
    assert lexicon.odd_case("tımes") and lexicon.odd_case("timeſ") and lexicon.odd_case("İ")
