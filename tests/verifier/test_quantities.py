"""The number reader on sentences we wrote: what is a quantity, and what is furniture."""

from __future__ import annotations

import pytest

from verifier.quantities import find_quantities


def _read(text: str) -> list[tuple[str, float, str, str]]:
    return [(q.text, q.value, q.unit, q.qualifier) for q in find_quantities(text)]


@pytest.mark.parametrize("text, expected", [
    ("营收500余万元", [("500余万元", 5e6, "CNY", "at_least")]),
    ("用户突破四亿", [("突破四亿", 4e8, "count", "at_least")]),
    ("5G基站总数达425.1万个", [("425.1万个", 4.251e6, "count", "exact")]),
    ("增加值达到40.5万亿元", [("40.5万亿元", 4.05e13, "CNY", "exact")]),
    ("全年405442亿元", [("405442亿元", 4.05442e13, "CNY", "exact")]),
    ("共有1,100万户", [("1,100万户", 1.1e7, "count", "exact")]),
    ("约二十万亿元", [("约二十万亿元", 2e13, "CNY", "about")]),
    ("成本为$ 75 million", [("$ 75 million", 7.5e7, "USD", "exact")]),
    ("增长２０．５％", [("２０．５％", 20.5, "percent", "exact")]),
    ("nearly 4.6 million 5G base stations", [("nearly 4.6 million", 4.6e6, "count", "at_most")]),
    # headline verbs qualify like their longer forms
    ("5G network passes 1.4 million sites", [("passes 1.4 million", 1.4e6, "count", "at_least")]),
    ("output tops 40 trillion yuan", [("tops 40 trillion yuan", 4e13, "CNY", "at_least")]),
    ("sales approach 9.5 million", [("approach 9.5 million", 9.5e6, "count", "at_most")]),
    ("5G sites near 3.92 million", [("near 3.92 million", 3.92e6, "count", "at_most")]),
    # a range is its middle, about, with the ends as bounds; a bare decimal may open one
    ("growth of 4.5 to 5 percent", [("4.5 to 5 percent", 4.75, "percent", "about")]),
    ("增长30%—40%", [("30%—40%", 35.0, "percent", "about")]),
    # 成 is tenths; 十/百/千 with no digit stand with a qualifier or a unit
    ("智能算力增速超七成", [("超七成", 70.0, "percent", "at_least")]),
    ("渗透率达到3.5成", [("3.5成", 35.0, "percent", "exact")]),
    ("新增5G基站超百万个", [("超百万个", 1e6, "count", "at_least")]),
    ("增加值突破千亿元", [("突破千亿元", 1e11, "CNY", "at_least")]),
    ("企业逾千家", [("逾千家", 1000.0, "count", "at_least")]),
    ("售价十美元", [("十美元", 10.0, "USD", "exact")]),
    ("用户一千多万", [("一千多万", 1e7, "count", "at_least")]),
    ("5万4千6百台", [("5万4千6百台", 54600.0, "count", "exact")]),
    ("人民币 8千元", [("人民币 8千元", 8000.0, "CNY", "exact")]),
    ("4人民币5美元", [("4人民币", 4.0, "CNY", "exact"), ("5美元", 5.0, "USD", "exact")]),
    ("a US $ 150 million loan", [("US $ 150 million", 1.5e8, "USD", "exact")]),
    ("USD115.5 each", [("USD115.5", 115.5, "USD", "exact")]),
    ("10 us dollar and 100 chinese yuan",
     [("10 us dollar", 10.0, "USD", "exact"), ("100 chinese yuan", 100.0, "CNY", "exact")]),
    # a fraction is a share when "of" follows it or a qualifier stands before it; half only
    # with a qualifier ("the first half of the year" is a period)
    ("close to a third of all new cars", [("close to a third", 100 / 3, "percent", "at_most")]),
    ("more than half of all subscribers", [("more than half", 50.0, "percent", "at_least")]),
    ("up from roughly a quarter a year earlier", [("roughly a quarter", 25.0, "percent", "about")]),
    ("1.53 trillion yuan (about $210 billion)",
     [("1.53 trillion yuan", 1.53e12, "CNY", "exact"), ("about $210 billion", 2.1e11, "USD", "about")]),
])
def test_numbers_scales_units_and_qualifiers(text: str, expected: list[tuple[str, float, str, str]]) -> None:
    got = _read(text)
    assert [(t, u, q) for t, _, u, q in got] == [(t, u, q) for t, _, u, q in expected]
    for (_, value, _, _), (_, want, _, _) in zip(got, expected, strict=True):
        assert value == pytest.approx(want)


@pytest.mark.parametrize("text, lower, upper", [
    ("growth of 5 to 6 percent", 4.5, 6.5),
    ("增速在20%和30%之间", 19.5, 30.5),
    ("增长20-30%", 19.5, 30.5),
    ("增长5%—6%", 4.5, 6.5),
])
def test_ranges_are_one_quantity_with_both_bounds(text: str, lower: float, upper: float) -> None:
    [q] = find_quantities(text)
    assert q.is_range and q.lower == pytest.approx(lower) and q.upper == pytest.approx(upper)


@pytest.mark.parametrize("text, expected", [
    # 约 before 占 qualifies the share the phrase ends in, not the whole named between
    ("浙江绿色工厂约占全国650家的12.5%", [("650家", "exact"), ("12.5%", "about")]),
    ("其出口大约占产量的三成", [("三成", "about")]),
    ("该省约占全国总数的比重为9%，同比增长3%", [("9%", "about"), ("3%", "exact")]),
    # near misses: 占 with no qualifier; a qualifier of another kind; a percentage that is no
    # object of 占 (a verb stands before it); a share in the next clause
    ("浙江绿色工厂占全国650家的12.5%", [("650家", "exact"), ("12.5%", "exact")]),
    ("约30%的企业占全国的5%", [("约30%", "about"), ("5%", "exact")]),
    ("约占一半的企业利润增长了6%", [("6%", "exact")]),
    ("约占全国的一半，利润增长6%", [("6%", "exact")]),
])
def test_about_before_a_share_verb_qualifies_its_share(text: str,
                                                        expected: list[tuple[str, str]]) -> None:
    got = [(q.text, q.qualifier) for q in find_quantities(text)]
    assert got == expected
    share = find_quantities("约占全国425万个的8.0%")[-1]
    assert (share.lower, share.upper) == pytest.approx((7.6, 8.4))  # about's interval


def test_rounding_sets_the_interval() -> None:
    [q] = find_quantities("4.6 million")
    assert (q.lower, q.upper) == pytest.approx((4.55e6, 4.65e6))
    [big] = find_quantities("4,000 factories")
    assert (big.lower, big.upper) == (3500.0, 4500.0)


@pytest.mark.parametrize("text", [
    "Article ID: YW-20250122-0031",
    "文章编号：GXB-2025-0127-014",
    "3 February 2025 · 6 min read · 0 comments",
    "Sales enquiries: +86 10 5555 0198.",
    "浏览次数：2,316",
    "阅读 2.1万",
    "0条评论",
    "（2）石化化工行业加快淘汰落后产能",
    "1.一图读懂年报",
    "operators are marketing 10-gigabit services",
    "5G and 6G research; ５Ｇ网络",
    "the 14th Five-Year Plan and the 20th Party Congress",
    "robots per 10,000 employees",
    "Visit Booth 3-A12 in Hall 5",
    "COVID-19",
    "千万不要成为第一",
    "他成为了三成员之一",
    "发布时间：2024年03月05日 10:20",
    "in 2024, for 13 consecutive years",
    "in the first half of the year",
    "half of the plants closed a quarter later",
])
def test_furniture_codes_and_dates_are_not_quantities(text: str) -> None:
    assert _read(text) == []


@pytest.mark.parametrize("text, claims, every", [
    # a bare decimal, a lone 1, a Chinese numeral with no scale or unit: numbers, not claims
    ("the index stood at 49.7 in May", [], [("49.7", 49.7)]),
    ("only 1 reply came", [], [("1", 1.0)]),
    ("分成两组，共一百五十人", [], [("两", 2.0), ("一百五十人", 150.0)]),
    # what a claim reads, every_number reads the same way
    ("sales rose 4.6 percent", [("4.6 percent", 4.6)], [("4.6 percent", 4.6)]),
    # masked spans stay unread either way
    ("call 010-6520-1234 on 2024-05-06", [], []),
])
def test_every_number_reads_what_claims_leave_out(
        text: str, claims: list[tuple[str, float]], every: list[tuple[str, float]]) -> None:
    assert [(q.text, q.value) for q in find_quantities(text)] == claims
    assert [(q.text, q.value) for q in find_quantities(text, every_number=True)] == every
