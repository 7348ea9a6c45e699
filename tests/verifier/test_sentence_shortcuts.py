"""The shortcuts extract.py takes for each sentence and its figures (what is found once per
sentence, or only when a rule asks) give what the plain computation gives."""

from __future__ import annotations

import random
import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import extract, lexicon
from verifier.claims import Claim
from verifier.extract import (
    Extractor,
    _after_punctuation,
    _CueSpots,
    _loose_place_starts,
    _match_starts,
    _Punctuation,
    _punctuation_ends,
)
from verifier.periods import find_time_expressions
from verifier.quantities import Quantity

TRICKY = [
    "BEIJING, March 5 (Xinhua) -- China had 3.38 million 5G base stations.",
    "Guangdong had two million, Hong Kong  one, Beijing(three) and \"four\" in Xi'an five",
    "sales in Inner Mongolia rose 7 percent, 广东、江苏和浙江分别增长7.9%和8.7%。",
    "全国范围内，北京、上海和广州分别为１２万个、１０万个和９万个",
    "ſhanghai, İstanbul, ıi, \u212aunming and SHENZHEN DAILY",
    "chinachina the\u3000country the\ncountry hongkong hong kong",
    "",
    "x",
    "全",
    "中国中国人民",
]
PIECES = ["china", "China", "CHINA", "chin", "a", "the", " ", "\u3000", "\n", "country", "Hong",
          "Kong", "xi'an", "Xi", "an", "inner", "mongolia", "全国", "全", "国", "范围", "北京",
          "广东", "省", "、", "和", "5", "１２", "万", "ſ", "İ", "ı", "\u212a", ",", "，", "-"]


def _fuzz(n: int) -> list[str]:
    rng = random.Random(11)
    return [*TRICKY, *("".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14)))
                       for _ in range(n))]


def _loose_starts_agree(text: str) -> None:
    lower = _CueSpots(text).lower
    if lower is None:
        return
    plain = _match_starts(lexicon.loose_place_regex(), lower)
    assert _loose_place_starts(lower, text.isascii()) == plain, text


def test_loose_place_starts_are_those_of_the_regex_of_all_names() -> None:
    for text in _fuzz(600):
        _loose_starts_agree(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_loose_place_starts_on_any_text(text: str) -> None:
    _loose_starts_agree(text)


def test_the_two_loose_place_regexes_hold_every_name_once() -> None:
    any_text, not_ascii = extract._loose_place_regexes()
    names = list(lexicon.place_regex()[1])
    assert any_text is not None and not_ascii is not None
    for name in names:
        lowered = name.lower()
        in_any = any_text.fullmatch(lowered) is not None
        in_not = not_ascii.fullmatch(lowered) is not None
        assert in_any != in_not, name


# sentences with average and trade words around figures, before and after punctuation
RULE_SENTENCES = [
    "销量1288.8万辆，同比增长34.4%，出口50万辆，下降3%",
    "sold 12.87 million units, up 35.5 percent, and 3 million, down 2 percent",
    "sold 12.87 million UNITS, UP 35.5 percent; 4 million, fell 1 percent",
    "Output grew at an average annual rate of 7.9 percent, and exports rose 5 percent.",
    "两年平均增长6.1%，出口120.3万辆，同比增长77.6%",
    "Sales averaged 3 percent a year; exported 1.2 million units, up 35.5 percent",
    "新能源汽车出口120.3万辆，进口5万辆，年均增长7.9%",
    "AVERAGE OF 5 percent, EXPORTS 7 million, averaging, 9 percent per annum",
    "average 5,6 percent; export,7 million units and 8 million",
    "the ſhipments abroad 5 million, an averaġe of 6 percent",  # ſ: every scan made
    "5 percent on average, 6 percent each year, 7 percent",
]


def _figures(sentence: str) -> list[tuple[int, int, str]]:
    """The sentence's figures with their units: percentages, else counts."""
    found = []
    for m in re.finditer(r"\d+(?:\.\d+)?(?P<percent>%| percent)?(?:万辆| million(?: units)?)?",
                         sentence):
        found.append((m.start(), m.end(), "percent" if m.group("percent") else "count"))
    return found


def _claims_of(sentence: str, offset: int) -> list[Claim]:
    return [Claim(text=sentence[s:e], start=s + offset, end=e + offset, sentence=sentence,
                  value=1.0, lower=None, upper=None, unit=unit, qualifier="exact",
                  indicator="nev_sales" if unit == "count" else None,
                  geography="CN", period="2024", kind="actual",
                  candidates=["nev_sales"])
            for s, e, unit in _figures(sentence)]


def _every_scan(sentence: str) -> _CueSpots:
    """Spots that tell nothing, as in a text with İ, ı or ſ: every cue scan is made."""
    spots = _CueSpots(sentence)
    spots.lower = None
    return spots


def _averages_agree(sentence: str) -> None:
    for offset in (0, 17):
        fast, plain = _claims_of(sentence, offset), _claims_of(sentence, offset)
        exprs = find_time_expressions(sentence)
        extract._averages(fast, sentence, offset, exprs, _Punctuation(sentence),
                          _CueSpots(sentence))
        extract._averages(plain, sentence, offset, exprs, _Punctuation(sentence),
                          _every_scan(sentence))
        assert fast == plain, sentence


def _trade_agrees(extractor: Extractor, sentence: str) -> None:
    for offset in (0, 17):
        fast, plain = _claims_of(sentence, offset), _claims_of(sentence, offset)
        qs = [Quantity(start=c.start, end=c.end, text=c.text, value=1.0, lower=1.0, upper=1.0,
                       unit=c.unit, qualifier="exact") for c in fast]
        extractor._trade_and_following_growth(fast, qs, sentence, offset, _Punctuation(sentence),
                                              _CueSpots(sentence))
        extractor._trade_and_following_growth(plain, qs, sentence, offset,
                                              _Punctuation(sentence), _every_scan(sentence))
        assert fast == plain, sentence


def test_averages_and_trade_as_with_every_scan(extractor: Extractor) -> None:
    rng = random.Random(5)
    words = ["average", "averaged", "an average of", "exports", "exported", "出口", "进口",
             "年均", "平均", "5 percent", "6%", "7 million", "8万辆", ",", "，", ";", "、", " ",
             "a year", "each year", "up", "增长", "EXPORTS", "Average", "x", "ſ", "下降", "fell",
             " down ", "同比", "units", "比上年", "rose", "UP", "Rose"]
    texts = [*RULE_SENTENCES, *("".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
                                for _ in range(400))]
    for sentence in texts:
        _averages_agree(sentence)
        _trade_agrees(extractor, sentence)


def test_the_punctuation_asked_for_is_the_scan() -> None:
    for sentence in [*_fuzz(200), *RULE_SENTENCES]:
        marks = _Punctuation(sentence)
        for start in range(len(sentence) + 1):
            assert marks.after(start) == _after_punctuation(_punctuation_ends(sentence), start)


def test_respectively_with_the_lower_case_as_the_pattern_finds_it() -> None:
    rng = random.Random(3)
    words = ["respectively", "RESPECTIVELY", "Respectively", "reſpectively", "respectıvely",
             "分别", "分", "别", "分 别", "respect", "ively", " ", "x", "İ", "\u212a", "，", "5%"]
    texts = [*_fuzz(200), *("".join(rng.choice(words) for _ in range(rng.randint(0, 6)))
                            for _ in range(500))]
    for text in texts:
        expected = extract._RESPECTIVELY.search(text) is not None
        assert extract._says_respectively(text, _CueSpots(text).lower) == expected, text
        assert extract._says_respectively(text) == expected, text


def test_a_sentence_ends_as_the_pattern_finds_it() -> None:
    rng = random.Random(9)
    pieces = [".", "!", "?", "。", "！", "？", "”", "’", "\"", "'", ")", "）", " ", "\n", "\t",
              "\u3000", "\u00a0", "x", "5", "中", "“", "(", ".x", "\n\n"]
    texts = ["", ".", "a.", "a. ", "a.\n", "a.)\n ", "a )", "a.x", "。”", "? ’ ", "x\n.", *_fuzz(100),
             *("".join(rng.choice(pieces) for _ in range(rng.randint(0, 7))) for _ in range(3000))]
    for text in texts:
        expected = extract._SENTENCE_END.search(text) is not None
        assert extract._ends_a_sentence(text) == expected, repr(text)


def test_the_pair_rules_do_nothing_with_fewer_than_two_figures() -> None:
    # _claims_in_sentence and extract call them only for two figures or more
    for sentence in ["from 31.3 trillion yuan to 40.5 trillion yuan, up 38 percent", "5 percent", ""]:
        for claims in ([], _claims_of(sentence, 0)[:1]):
            for c in claims:
                c.pair_role = "from"
            before = [replace(c) for c in claims]
            extract._rates_over_pairs(claims, sentence, 0)
            extract._pairs_share_indicator(claims)
            assert claims == before
            assert extract._pair_periods(claims) is None
