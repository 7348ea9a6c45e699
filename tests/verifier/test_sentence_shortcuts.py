"""The shortcuts extract.py takes for each sentence and its figures (what is found once per
sentence, or only when a rule asks) give what the plain computation gives."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import extract, lexicon
from verifier.extract import _CueSpots, _loose_place_starts, _match_starts

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
