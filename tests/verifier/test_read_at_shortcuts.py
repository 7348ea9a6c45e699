"""_read_at's early turn-downs (verifier/quantities.py _turned_down_early, _reads_bare) against
the plain reading, the scale, unit and qualifier lookups and then the checks, which
_turned_down_early left alone gives: on the labelled corpus's texts and sentences, on tricky
cases (ordinals, letters glued on, years with a scale, unit, fraction or tenths after them) and
on random strings, both for claims and for every number."""

from __future__ import annotations

import re
from pathlib import Path
from unittest import mock

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import quantities as q
from verifier.numbers import normalise

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _corpus_texts() -> list[str]:
    texts = [yaml.safe_load(p.read_text(encoding="utf-8"))["text"] for p in sorted(CORPUS.glob("*.yaml"))]
    # each sentence alone too: a number at a text's start or end has no character there
    return texts + [s for t in texts for s in re.split(r"(?<=[.。!?！？\n])", t) if s.strip()]


def _same_as_plain(text: str) -> None:
    for every_number in (False, True):
        fast = q.find_quantities(text, every_number=every_number)
        with mock.patch.object(q, "_turned_down_early", return_value=False):
            plain = q.find_quantities(text, every_number=every_number)
        assert fast == plain, (text, every_number)


def test_corpus_texts_and_sentences() -> None:
    texts = _corpus_texts()
    assert texts
    for text in texts:
        _same_as_plain(text)


_YEAR_TAILS = ("", ",", ".", " ", "\n", "年", "万", " 万", "  亿", "    万", "   万元", "千", "十万",
               "k", " k", " K", "M", " M", "b", "m", " d", " dozen", " dozens of", " D", " million",
               "million", "-million", " bn", "bn", "-bn", " and a half", "分之一", "分之", "又三分之一",
               "成", " 成", "\t成", "成为", "块", "块钱", "多", "多万", "余万元", "以上", "左右",
               " or more", " plus", " tonnes", "tonnes", " GWh", "GW", "-GW", " USD", "USD", "元",
               "个", " 个", "%", " %", " percent", "th", "st", "G", "Gbps", "x", " comments",
               "-year", " to 2024", "-2024", "/24", " 1/4", "½", " the count", "\u3000")
_YEAR_HEADS = ("", "in ", "USD", "$", "人民币", "人民币  ", "-", "minus ", "负", "(", "1. ", "第",
               "百分之", "约", "about ", "X", "COVID-", "24/", "近", "表", "Table ", "\n")


def test_years_with_what_may_follow_them() -> None:
    for number in ("2023", "2101", "2,023", "2023.5"):
        for head in _YEAR_HEADS:
            for tail in _YEAR_TAILS:
                _same_as_plain(f"{head}{number}{tail}")
    for number in ("1900", "2100", "1899", "19"):
        for tail in _YEAR_TAILS:
            _same_as_plain(f"Output was {number}{tail} last year.")


def test_letters_glued_on() -> None:
    for number in ("5", "14", "1.2", "3", "10", "2023", "1,000", "2 1/4", "3/4", "2½"):
        for head in ("", "$", "USD", "约", "百分之", "\n2. "):
            for tail in ("G", "G ", "G-Advanced", "GW", "GWh", "th", "th ", "thousand", "th-century",
                         "st", "nd", "rd", "rdx", "k", "K", "M", "m", "b", "B", "bn", "mn", "tn",
                         "ml", "x", "D", "D printing", "Q1", "s", "tonnes", "kWh", "hr", "TH", "Th",
                         "\u212a", "\u017f", "ſt"):
                _same_as_plain(f"The firm built {head}{number}{tail} sites in 2024.")


_ALPHABET = st.sampled_from([
    *"0123456789 ,.-/\n\t年万亿千百十一二两三分之又成块多余以上元个人吨第（(%$¥",
    "2023", "1999", "2100", "5G", "14th", "3rd", " dozen", " million", " bn", "万元", " 万",
    "  亿", "成为", " or more", "以上", "USD", "GWh", "GW", "kWh", "/4", " 1/4", "½", "百分之",
    "k", "K", "M", "m", "b", "th", "st", "G", "minus ", "about ", "in ",
])


@settings(max_examples=800, deadline=None)
@given(st.lists(_ALPHABET, max_size=14).map("".join))
def test_random_strings(text: str) -> None:
    _same_as_plain(normalise(text))


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=10).map("".join))
def test_bare_digits_take_no_scale_or_unit(text: str) -> None:
    """Where _reads_bare says digits stay bare, none of the lookups it stands for finds anything
    at them: no unit before or after, no scale (word, letter, Chinese, also after spaces), no
    tenths, fraction, mixed fraction, 块 or Chinese qualifier after."""
    norm = normalise(text)
    for m in re.finditer(r"\d+(?:,\d{3})*(?:\.\d+)?", norm):
        start, end = m.span()
        if not q._reads_bare(norm, start, end):
            continue
        assert q._unit_before(norm, start) is None
        assert q._unit_after(norm, end) is None
        assert q._EN_SCALE_RE.match(norm, end) is None
        assert q._letter_scale(norm, start, end) is None
        assert q._longest_prefix(norm, end + len(norm[end:end + 4]) - len(norm[end:end + 4].lstrip(" ")),
                                 q.lexicon.scales().zh) is None
        assert q._longest_prefix(norm, end, q.lexicon.qualifiers().after_zh) is None
        assert q._TENTHS.match(norm, end) is None
        assert not norm.startswith(("分之", "又", "块", " d", " D"), end)
