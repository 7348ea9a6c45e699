"""Chinese numerals, on numerals and sentences we wrote: traditional and 大写 characters, bare
numerals, fractions, signs, approximations (十多万), ranges and bounds; what stays no claim."""

from __future__ import annotations

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.chinese_numbers import parse, read_prefix
from verifier.numbers import normalise
from verifier.quantities import find_quantities


def _claims(text: str) -> list[tuple[str, float, str, str]]:
    return [(q.text, q.value, q.unit, q.qualifier) for q in find_quantities(text)]


def _numbers(text: str) -> list[tuple[str, float]]:
    return [(q.text, q.value) for q in find_quantities(text, every_number=True)]


def _same(got: list[tuple[str, float, str, str]], want: list[tuple[str, float, str, str]]) -> None:
    assert [(t, u, q) for t, _, u, q in got] == [(t, u, q) for t, _, u, q in want]
    for (_, value, _, _), (_, expected, _, _) in zip(got, want, strict=True):
        assert value == pytest.approx(expected)


@pytest.mark.parametrize("numeral, value, step", [
    ("三十七", 37, 1),
    ("二十万亿", 2e13, 1e13),
    ("四百零八万", 4.08e6, 1e4),
    ("九万零三十", 90_030, 10),
    ("六千零九", 6_009, 1),
    # a last digit after a place or a section word counts the next place down
    ("两千七", 2_700, 100),
    ("三百八十五万六", 3_856_000, 1_000),
    ("一亿五", 1.5e8, 1e7),
    # 零 before a place with no digit, and the archaic 万万
    ("三百零十", 310, 10),
    ("五万万", 5e8, 1e8),
    ("八点零六", 8.06, 0.01),
    ("二〇二五", 2025, 1),
])
def test_numerals(numeral: str, value: float, step: float) -> None:
    reading = parse(numeral)
    assert reading is not None
    assert reading[0] == pytest.approx(value)
    assert reading[1] == pytest.approx(step)


@pytest.mark.parametrize("token, read", [
    ("十四五", None),  # a plan's name, no number
    ("七八十", None),  # seventy or eighty
    ("三十两", ("三十", 30)),  # then the weight 两
    ("五百千", ("五百", 500)),  # then 千瓦 or 千克
])
def test_the_longest_numeral_at_the_start(token: str, read: tuple[str, float] | None) -> None:
    got = read_prefix(token)
    assert (None if got is None else (token[:got[1]], got[0][0])) == read


@pytest.mark.parametrize("text, folded", [
    ("營收達壹仟貳佰萬元", "營收達一千二百万元"),
    ("肆佰陸拾伍億", "四百六十五亿"),
    ("萬分之柒", "万分之七"),
    # outside a numeral the same characters are words of their own
    ("大陆万余家台资企业", "大陆万余家台资企业"),
    ("队伍扩大到伍仟人", "队伍扩大到五千人"),
    ("收拾好了", "收拾好了"),
])
def test_traditional_and_daxie_numerals_fold_one_character_for_one(text: str, folded: str) -> None:
    assert normalise(text) == folded


@pytest.mark.parametrize("text, expected", [
    # traditional script and 大写, as Hong Kong and Taiwan sources and contracts write them
    ("營收達壹仟貳佰萬元", [("壹仟貳佰萬元", 1.2e7, "CNY", "exact")]),
    ("用戶增至4.78億", [("4.78億", 4.78e8, "count", "exact")]),
    ("失業率上升0.3個百分點", [("0.3個百分點", 0.3, "percentage_point", "exact")]),
    ("合同金额人民币陆万元整", [("人民币陆万元", 6e4, "CNY", "exact")]),
    # 十/几/多 before a scale: at least that many
    ("观众有十多万人", [("十多万人", 1e5, "count", "at_least")]),
    ("票房二十几万元", [("二十几万元", 2e5, "CNY", "at_least")]),
    ("市值三十万多亿元", [("三十万多亿元", 3e13, "CNY", "at_least")]),
    ("四万万人口", [("四万万人", 4e8, "count", "exact")]),
    ("总额2千零50万元", [("2千零50万元", 2.05e7, "CNY", "exact")]),
    # fractions: per mille is a percentage; a small fraction is a share, about that much
    ("不良率为千分之三", [("千分之三", 0.3, "percent", "exact")]),
    ("误差在万分之五以内", [("万分之五", 0.05, "percent", "exact")]),
    ("三分之二的受访企业表示", [("三分之二", 200 / 3, "percent", "about")]),
    ("超过四分之一的门店", [("超过四分之一", 25.0, "percent", "at_least")]),
    ("七百分之三", []),  # no share a news text gives
    # signs
    ("CPI同比-0.4%", [("-0.4%", -0.4, "percent", "exact")]),
    ("增速为负1.5%", [("负1.5%", -1.5, "percent", "exact")]),
    ("价格在5元-8元之间", [("5元-8元", 6.5, "CNY", "about")]),
    ("负债3000万元", [("3000万元", 3e7, "CNY", "exact")]),
    # a Chinese numeral with a physical unit
    ("装机一百千瓦", [("一百千瓦", 100.0, "kw", "exact")]),
    ("查获近两吨", [("近两吨", 2.0, "tonne", "at_most")]),
    ("运来三吨半", [("三吨半", 3.5, "tonne", "exact")]),
    ("渗透率达到四成半", [("四成半", 45.0, "percent", "exact")]),
    # the gap some sites put between digits and Chinese
    ("营收 1000 万元", [("1000 万元", 1e7, "CNY", "exact")]),
    # full-width digits group thousands with a full-width comma
    ("投资５，６００万元", [("５，６００万元", 5.6e7, "CNY", "exact")]),
    # 块 is yuan in a sentence about money, unless a noun follows
    ("一杯咖啡卖十五块。", [("十五块", 15.0, "CNY", "exact")]),
    ("一份盒饭花了二十块钱", [("二十块钱", 20.0, "CNY", "exact")]),
    ("卖出三块地", []),
])
def test_chinese_quantities(text: str, expected: list[tuple[str, float, str, str]]) -> None:
    _same(_claims(text), expected)


@pytest.mark.parametrize("text", [
    "一个", "两组", "十分", "千万不要", "一百年", "十万火急", "百万富翁", "一切", "统一",
    "四川", "九九", "之一", "大陆万余家", "负增长", "胜负", "二三十人", "切成三块。", "一吨煤",
])
def test_what_stays_no_claim(text: str) -> None:
    assert _claims(text) == []


@pytest.mark.parametrize("text, numbers", [
    # a bare numeral is a number before a measure word, a time word or where a phrase ends
    ("三本书", [("三", 3.0)]),
    ("答案是四而不是六", [("四", 4.0), ("六", 6.0)]),
    ("等了九年", [("九", 9.0)]),
    ("十", [("十", 10.0)]),
    # and part of a word before other characters or after 统/唯/之
    ("一切照旧", []),
    ("千万别去", []),
    ("统一", []),
    ("九九归一", []),
    ("老字号陆续开张", []),
    # a fraction is its value; mixed numbers add up
    ("七分之三", [("七分之三", 3 / 7)]),
    ("二又四分之三", [("二又四分之三", 2.75)]),
    ("负八", [("负八", -8.0)]),
    ("1千零5", [("1千零5", 1005.0)]),
])
def test_every_number_reads_bare_numerals(text: str, numbers: list[tuple[str, float]]) -> None:
    got = _numbers(text)
    assert [t for t, _ in got] == [t for t, _ in numbers]
    assert [v for _, v in got] == pytest.approx([v for _, v in numbers])


def test_a_fraction_of_whole_numbers_is_exact() -> None:
    (q,) = find_quantities("七分之三", every_number=True)
    assert q.lower == q.upper == pytest.approx(3 / 7)


@pytest.mark.parametrize("text, span, middle", [
    ("单价在300以上，500以下", "300以上，500以下", 400),
    ("每户最多6台最少2台", "最多6台最少2台", 4),
    ("增速介于5和8之间", "介于5和8之间", 6.5),
    ("人数在10与20间", "10与20间", 15),
])
def test_bounds_side_by_side_are_a_range(text: str, span: str, middle: float) -> None:
    (q,) = find_quantities(text, every_number=True)
    assert (q.text, q.value, q.is_range) == (span, middle, True)


@pytest.mark.parametrize("text, qualifier, lower, upper", [
    ("成绩超过了90", "at_least", 90, None),
    ("名额最多为8", "at_most", None, 8),
    ("年龄在六十或以上", "at_least", 60, None),
    ("收入1500以下", "at_most", None, 1500),
])
def test_qualifiers_make_one_sided_bounds(text: str, qualifier: str, lower: float | None,
                                          upper: float | None) -> None:
    (q,) = find_quantities(text, every_number=True)
    assert (q.qualifier, q.lower, q.upper) == (qualifier, lower, upper)


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_numerals_read_back(n: int) -> None:
    reading = parse(cn2an.an2cn(n))
    assert reading is not None and reading[0] == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=10, max_value=10**12 - 1))
def test_daxie_and_traditional_numerals_read_the_same_value(n: int) -> None:
    # (a lone 陆 or 肆 is a word: 大陆, 放肆; beside another numeral character it is a digit)
    daxie = cn2an.an2cn(n, "up")  # 壹亿贰仟叁佰肆拾伍万陆仟...
    traditional = cn2an.an2cn(n).translate(str.maketrans("万亿两", "萬億兩"))
    for written in (daxie, traditional):
        folded = normalise(written)
        assert len(folded) == len(written)
        assert _numbers(written) == [(written, pytest.approx(n))]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="零〇一二两三四五六七八九十百千万亿点", min_size=1, max_size=12))
def test_any_string_of_numeral_characters_reads_as_a_number_or_none(token: str) -> None:
    got = read_prefix(token)
    if got is not None:
        (value, step), length = got
        assert 0 < length <= len(token)
        assert value >= 0 and step > 0
