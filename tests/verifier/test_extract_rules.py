"""Rules of claim extraction, each with short sentences written for the purpose."""

from __future__ import annotations

from datetime import date

import pytest

from tests.verifier.conftest import ROOT, claims
from verifier.extract import Extractor


def test_nev_level_and_growth(extractor: Extractor) -> None:
    got = claims(extractor, "NEV output rose 34.4 percent to 13.16 million units in 2024.", "2025-01-20")
    assert [c.indicator for c in got] == ["nev_production_growth", "nev_production"]
    assert [c.period for c in got] == ["2024", "2024"]


def test_shared_alias_picked_by_verb(extractor: Extractor) -> None:
    got = claims(extractor, "Carmakers sold 9.1 million new energy vehicles in 2023.", "2024-01-20")
    assert got[0].indicator == "nev_sales"


def test_subject_carries_to_next_sentence(extractor: Extractor) -> None:
    text = "China produced 7.2 million new energy vehicles in 2022. Sales climbed 90.1 percent."
    got = claims(extractor, text, "2023-01-15")
    assert got[1].indicator == "nev_sales_growth"
    assert got[1].period == "2022"


def test_undated_flow_inherits_year_named_earlier(extractor: Extractor) -> None:
    text = "Industrial value added reached 39.9 trillion yuan in 2023.\n\nHigh-tech manufacturing grew 2.7 percent."  # noqa: E501
    got = claims(extractor, text, "2024-02-01")
    assert got[1].period == "2023"


def test_month_without_year_is_latest_before_publication(extractor: Extractor) -> None:
    text = "China had 3.1 million 5G base stations at the end of June, compared with 2.9 million at the end of 2022."  # noqa: E501
    got = claims(extractor, text, "2023-07-20")
    assert [c.period for c in got] == ["2023-06", "2022-12"]


def test_present_tense_stock_takes_published_month(extractor: Extractor) -> None:
    got = claims(extractor, "China has about 8,000 5G factories today.", "2025-07-30")
    assert got[0].period == "2025-07"


def test_past_tense_stock_takes_context_month_end(extractor: Extractor) -> None:
    text = "By the end of 2023, 5G mobile phone users numbered 790 million.\n\nGigabit broadband users passed 150 million."  # noqa: E501
    got = claims(extractor, text, "2024-01-25")
    assert got[1].period == "2023-12"


def test_growth_on_a_base_year_is_the_following_year(extractor: Extractor) -> None:
    got = claims(extractor, "5G投资较2022年增长8.2%。", "2024-02-01")
    assert got[0].period == "2023"


def test_zh_net_increase_since_last_year_end_is_half_year(extractor: Extractor) -> None:
    got = claims(extractor, "截至6月底，5G基站总数达300万个，比上年末净增40万个。", "2023-07-20")
    assert [c.period for c in got] == ["2023-06", "2023-H1"]
    assert got[0].indicator == "5g_base_stations"


def test_base_glued_to_level_dates_it(extractor: Extractor) -> None:
    got = claims(extractor, "截至2021年底，5G基站总数达142万个，比2020年底的71万个增加了71万个。", "2022-01-20")  # noqa: E501
    assert [c.period for c in got] == ["2021-12", "2020-12", "2021"]


def test_text_relative_year(extractor: Extractor) -> None:
    text = "Robot density reached 400 per 10,000 employees in 2022, up from 300 a year earlier."
    got = claims(extractor, text, "2023-12-01")
    # a year-end stock in the catalogue: "a year earlier" is the end of 2021
    assert [c.period for c in got] == ["2022-12", "2021-12"]


def test_rate_over_a_from_to_pair_covers_the_span(extractor: Extractor) -> None:
    # "2019 to 30" is no span of years when a scale word follows: a year, then a figure
    text = ("Manufacturing value added rose from 20 trillion yuan in 2019 to 30 trillion yuan "
            "in 2023, an increase of 50 percent.")
    got = claims(extractor, text, "2024-05-01")
    assert [c.text for c in got] == ["20 trillion yuan", "30 trillion yuan", "50 percent"]
    assert [c.period for c in got] == ["2019", "2023", "2019/2023"]
    assert [c.pair_role for c in got] == ["from", "to", None]


@pytest.mark.parametrize("text, figures", [
    ("Output rose from 1.2 million in 2019 to 45 million in 2023.", ["1.2 million", "45 million"]),
    ("Sales went from 3 billion yuan in 2020 to 12 bn yuan in 2024.",
     ["3 billion yuan", "12 bn yuan"]),
])
def test_a_scale_word_ends_no_span_of_years(extractor: Extractor, text: str,
                                            figures: list[str]) -> None:
    got = claims(extractor, text, "2024-05-01")
    assert [c.text for c in got] == figures
    assert [c.pair_role for c in got] == ["from", "to"]


@pytest.mark.parametrize("text", [
    "Output over 2021-25 is set to grow.",
    "During 2019-23 sales grew steadily.",
    "In 2021 to 25 the plan runs.",
])
def test_a_span_of_years_is_still_no_figure(extractor: Extractor, text: str) -> None:
    assert claims(extractor, text, "2024-05-01") == []


def test_between_years_is_a_span(extractor: Extractor) -> None:
    got = claims(extractor, "Between 2019 and 2023, output grew at an average 6.5 percent a year.", "2024-05-01")  # noqa: E501
    assert got[0].period == "2019/2023"


def test_by_year_wins_over_plan_name(extractor: Extractor) -> None:
    text = "The 14th Five-Year Plan aims for 20,000 little giants by 2025."
    got = claims(extractor, text, "2023-05-01")
    assert got[0].period == "2025-12" and got[0].kind == "target"


def test_headline_dated_by_the_text_below(extractor: Extractor) -> None:
    text = "Core digital industries top 12 trillion yuan\n\nValue added of core digital economy industries came to 12.3 trillion yuan in 2022."  # noqa: E501
    got = claims(extractor, text, "2023-11-01")
    assert got[0].period == "2022"


def test_share_made_up_keeps_month_end(extractor: Extractor) -> None:
    text = "China had 3.1 million 5G base stations at the end of June. 5G sites made up 30 percent of all mobile base stations."  # noqa: E501
    got = claims(extractor, text, "2023-07-20")
    assert got[1].period == "2023-06"


def test_unit_of_its_own_carries_the_subject_across_a_list(extractor: Extractor) -> None:
    text = "Computing capacity grew 20 percent, from 150 EFLOPS at the end of 2021 to 180 EFLOPS at the end of 2022."  # noqa: E501
    got = claims(extractor, text, "2023-03-01")
    assert [c.indicator for c in got[1:]] == ["computing_power", "computing_power"]
    assert [c.period for c in got[1:]] == ["2021-12", "2022-12"]


def test_unit_that_names_its_measure(extractor: Extractor) -> None:
    got = claims(extractor, "The plan sets a goal of 250 EFLOPS by 2026.", "2024-05-01")
    assert got[0].indicator == "computing_power"
    assert got[0].period == "2026-12" and got[0].kind == "target"


def test_intelligent_computing_named_after_the_figure(extractor: Extractor) -> None:
    text = "Total computing power hit 200 EFLOPS at the end of 2023, and 60 EFLOPS of that was intelligent computing."  # noqa: E501
    got = claims(extractor, text, "2024-05-01")
    assert [c.indicator for c in got] == ["computing_power", "intelligent_computing_power"]


def test_count_with_words_before_its_noun(extractor: Extractor) -> None:
    text = 'By the end of May the ministry had recognised 11,000 specialised and innovative "little giant" firms.'  # noqa: E501
    got = claims(extractor, text, "2023-06-10")
    assert got[0].indicator == "little_giant_firms" and got[0].period == "2023-05"


def test_built_in_a_year_is_the_additions(extractor: Extractor) -> None:
    got = claims(extractor, "China built 500,000 5G base stations in 2019.", "2020-02-01")
    assert got[0].indicator == "5g_base_stations_new" and got[0].period == "2019"
    got = claims(extractor, "China had built 2 million 5G base stations by the end of 2022.", "2023-02-01")
    assert got[0].indicator == "5g_base_stations" and got[0].period == "2022-12"
    text = "Operators added 450,000 5G base stations in 2021, bringing the total to 1.4 million."
    got = claims(extractor, text, "2022-02-01")
    assert [c.indicator for c in got] == ["5g_base_stations_new", "5g_base_stations"]


def test_built_keeps_the_level_without_a_separate_additions_series(extractor: Extractor) -> None:
    got = claims(extractor, "Carmakers built 9.5 million new energy vehicles in 2023.", "2024-01-20")
    assert got[0].indicator == "nev_production"


def test_comparison_after_a_comma_keeps_the_subject(extractor: Extractor) -> None:
    text = "截至2022年底，5G基站总数达231万个，比2021年底的142万个增加了89万个。"
    got = claims(extractor, text, "2023-01-20")
    assert [c.indicator for c in got] == ["5g_base_stations", "5g_base_stations", "5g_base_stations_new"]
    assert [c.period for c in got] == ["2022-12", "2021-12", "2022"]


def test_gdp_before_a_share_is_a_denominator(extractor: Extractor) -> None:
    text = "Industry accounted for a third of GDP in 2022, and farming made up 7.3 percent of GDP."
    got = claims(extractor, text, "2023-03-01")
    assert got[-1].indicator is None


def test_core_digital_economy_and_its_share(extractor: Extractor) -> None:
    text = "Core digital economy value added was 12 trillion yuan in 2022, or 10 percent of GDP."
    got = claims(extractor, text, "2023-08-01")
    assert [c.indicator for c in got] == ["digital_economy_core_value_added",
                                          "digital_economy_core_share_of_gdp"]


def test_a_bound_does_not_widen_the_same_exact_figure() -> None:
    from verifier.check import Checker
    from verifier.reference import load_reference

    checker = Checker(load_reference(ROOT / "reference_data"))
    result = checker.check("截至2024年底，专精特新“小巨人”企业达1.64万家。", date(2025, 3, 1))
    assert result.claims[0].indicator == "little_giant_firms"
    assert result.claims[0].verdict == "inconsistent"


# --- shares, changes of a rate, asides, lists with one subject per cue ---------------------------

def test_a_share_is_never_a_growth_rate(extractor: Extractor) -> None:
    # the NEV family has growth rates but no share of the car market: no indicator, not a growth
    got = claims(extractor, "NEVs made up 38.2 percent of all new cars sold in the country in 2024.",
                 "2025-01-20")
    assert got[0].indicator is None
    got = claims(extractor, "2022年新能源汽车市场占有率达到25.6%。", "2023-01-20")
    assert got[0].indicator is None
    got = claims(extractor, "NEVs took 29.1 percent of the domestic car market in 2023.", "2024-01-20")
    assert got[0].indicator is None


def test_percentage_points_are_the_change_of_a_rate(extractor: Extractor) -> None:
    got = claims(extractor, "规模以上工业增加值增长4.1%，增速比上年加快0.7个百分点。", "2024-01-20")
    assert [c.indicator for c in got] == ["industrial_value_added_growth", None]
    text = "Value added of industry above designated size grew 5.2 percent, 0.6 percentage point faster."
    got = claims(extractor, text, "2024-01-20")
    assert got[1].unit == "percentage_point" and got[1].indicator is None


def test_a_share_named_in_a_later_clause_is_not_this_figures(extractor: Extractor) -> None:
    text = "High-tech manufacturing grew 6.3 percent in 2022, and its share of industry rose to 15.5 percent."
    got = claims(extractor, text, "2023-02-01")
    assert got[0].indicator == "high_tech_manufacturing_growth"


def test_manufacturing_alone_names_its_value_added_family(extractor: Extractor) -> None:
    got = claims(extractor, "Manufacturing accounted for 26.2 percent of GDP in 2023.", "2024-03-01")
    assert got[0].indicator == "manufacturing_share_of_gdp"
    got = claims(extractor, "2023年，制造业增加值达33万亿元，占GDP比重为26.2%。", "2024-03-01")
    assert [c.indicator for c in got] == ["manufacturing_value_added", "manufacturing_share_of_gdp"]


def test_examples_in_brackets_are_not_the_subject(extractor: Extractor) -> None:
    text = ("Value added of core digital economy industries (chips, electronics manufacturing and "
            "software) came to 13 trillion yuan in 2023.")
    got = claims(extractor, text, "2024-03-01")
    assert got[0].indicator == "digital_economy_core_value_added"


def test_production_and_sales_respectively_take_one_id_per_cue(extractor: Extractor) -> None:
    got = claims(extractor, "2022年，新能源汽车产销分别完成705.8万辆和688.7万辆，同比分别增长96.9%和93.4%。",
                 "2023-01-15")
    assert [c.indicator for c in got] == ["nev_production", "nev_sales",
                                          "nev_production_growth", "nev_sales_growth"]
    text = ("Production and sales of new energy vehicles came to 7.06 million and 6.89 million "
            "respectively in 2022.")
    got = claims(extractor, text, "2023-01-15")
    assert [c.indicator for c in got] == ["nev_production", "nev_sales"]
    # one subject, no cue for each figure: nothing is guessed
    got = claims(extractor, "新能源汽车分别完成705.8万辆和688.7万辆。", "2023-01-15")
    assert [c.indicator for c in got] == [None, None]


def test_average_rates_over_years_are_no_annual_series(extractor: Extractor) -> None:
    text = ("Between 2019 and 2023, value added in equipment manufacturing grew at an average annual "
            "rate of 6.8 percent and in high-tech manufacturing at 9.1 percent.")
    got = claims(extractor, text, "2024-03-01")
    assert [c.indicator for c in got] == [None, None]
    assert [c.period for c in got] == ["2019/2023", "2019/2023"]
    got = claims(extractor, "2019年至2023年，高技术制造业增加值年均增长9.1%，占比提升至15.7%。", "2024-03-01")
    assert got[0].indicator is None and got[0].period == "2019/2023"
    assert got[1].indicator == "high_tech_manufacturing_share"


def test_an_average_over_n_years_ends_in_the_figures_year(extractor: Extractor) -> None:
    got = claims(extractor, "2021年，规模以上工业增加值比上年增长9.6%，两年平均增长6.1%。", "2022-01-20")
    assert [c.indicator for c in got] == ["industrial_value_added_growth", None]
    assert [c.period for c in got] == ["2021", "2020/2021"]
    text = "In 2021 industrial output rose 9.6 percent, an average of 6.1 percent a year over two years."
    got = claims(extractor, text, "2022-01-20")
    assert [c.period for c in got] == ["2021", "2020/2021"] and got[1].indicator is None
    # "a year earlier" is a date, not an average
    text = "Industrial value added grew 4.6 percent in 2023, after 3.6 percent a year earlier."
    got = claims(extractor, text, "2024-01-20")
    assert [c.indicator for c in got] == ["industrial_value_added_growth"] * 2


def test_change_over_a_from_to_pair_is_no_annual_growth(extractor: Extractor) -> None:
    text = ("Industrial value added climbed from 31.3 trillion yuan in 2020 to 40.5 trillion yuan in "
            "2024, an increase of 29.4 percent in four years.")
    got = claims(extractor, text, "2025-03-01")
    assert got[2].indicator is None and got[2].period == "2020/2024"


def test_a_year_described_by_an_adjective_is_not_the_figures_date(extractor: Extractor) -> None:
    text = ("Industrial output grew 3.4 percent in 2022.\n\nHigh-tech manufacturing grew 7.4 percent, "
            "well above the pandemic-hit 2020.")
    got = claims(extractor, text, "2023-01-20")
    assert got[1].period == "2022"


def test_counts_per_10000_are_densities(extractor: Extractor) -> None:
    text = ("Manufacturers employed 322 robots per 10,000 workers in 2021, up from 246 a year "
            "earlier, and used them in 60 industries.")
    got = claims(extractor, text, "2022-09-01")
    assert [(c.unit, c.indicator) for c in got[:2]] == [("per_10k_employees", "robot_density")] * 2
    assert got[2].unit == "count" and got[2].indicator != "robot_density"
    got = claims(extractor, "2020年，我国制造业机器人密度达到每万名工人246台。", "2021-12-28")
    assert (got[0].unit, got[0].indicator, got[0].period) == ("per_10k_employees", "robot_density",
                                                             "2020-12")
    # a unit only one indicator is kept in names it, with no alias in the sentence
    got = claims(extractor, "The plan sets a goal of 26 per 10,000 people by 2025.", "2022-01-01")
    assert (got[0].unit, got[0].indicator) == ("per_10k_people", "5g_base_stations_per_10k")
    got = claims(extractor, "到2027年，每万人拥有5G基站数达到38个。", "2024-11-01")
    assert (got[0].unit, got[0].indicator) == ("per_10k_people", "5g_base_stations_per_10k")


def test_a_bare_decimal_stands_when_it_is_a_rate_per_10000(extractor: Extractor) -> None:
    got = claims(extractor, "There were 16.4 5G base stations for every 10,000 people.", "2023-02-01")
    assert [(c.value, c.unit) for c in got] == [(16.4, "per_10k_people")]
    assert claims(extractor, "A 6.3 magnitude quake struck.", "2023-02-01") == []


def test_a_dateline_is_not_the_period_of_the_headline(extractor: Extractor) -> None:
    text = ("长河日报　2025年03月20日　第05版\n\n专精特新“小巨人”企业达1.46万家\n\n"
            "截至2024年底，专精特新“小巨人”企业达1.46万家。")
    got = claims(extractor, text, "2025-03-20")
    assert [(c.period, c.kind) for c in got] == [("2024-12", "actual")] * 2
    text = ("Factory Weekly | Jan 18, 2022\n\nGreen factories pass 2,700\n\n"
            "China had 2,783 green factories at the end of 2021.")
    got = claims(extractor, text, "2022-01-18")
    assert [c.period for c in got] == ["2021-12", "2021-12"]
    text = "【工业周刊】2025年第4期\n\n5G工厂4000余家\n\n截至2024年底，全国已建成5G工厂4000余家。"
    got = claims(extractor, text, "2025-01-25")
    assert [(c.period, c.kind) for c in got] == [("2024-12", "actual")] * 2


def test_an_undated_figure_in_the_present_is_as_of_publication(extractor: Extractor) -> None:
    got = claims(extractor, "The cost of a 5G module has fallen to about 100 yuan.", "2023-06-12")
    assert got[0].period == "2023-06"


def test_the_nearest_aggregate_cue_picks_above_size_or_all_industry(extractor: Extractor) -> None:
    text = "2023年，全部工业增加值达到39.9万亿元，规模以上工业增加值增长4.6%。"
    got = claims(extractor, text, "2024-01-20")
    assert got[1].indicator == "industrial_value_added_growth"
    got = claims(extractor, "2023年，全部工业增加值增长4.2%。", "2024-01-20")
    assert got[0].indicator == "industrial_value_added_growth_all"


def test_exports_are_no_output_or_sales_and_their_growth_follows(extractor: Extractor) -> None:
    text = "2023年新能源汽车产量958.7万辆，同比增长35.8%；新能源汽车出口120.3万辆，同比增长77.6%。"
    got = claims(extractor, text, "2024-01-20")
    assert [c.indicator for c in got] == ["nev_production", "nev_production_growth", None, None]
    got = claims(extractor, "Carmakers exported 1.2 million new energy vehicles in 2023.", "2024-01-20")
    assert got[0].indicator is None


def test_a_new_item_of_a_list_does_not_take_the_earlier_subject(extractor: Extractor) -> None:
    text = "2024年，工业机器人产量增长14.2%，集成电路产量增长22.2%，其中销量增长8%。"
    got = claims(extractor, text, "2025-01-20")
    assert [c.indicator for c in got[:2]] == ["industrial_robot_production_growth", None]
    text = ("Output of industrial robots rose 24 percent in July, and service robots 12.8 percent.")
    got = claims(extractor, text, "2025-08-20")
    assert [c.indicator for c in got] == ["industrial_robot_production_growth", None]
    # a share of the same subject after a comma is not a new item
    text = "2023年数字经济核心产业增加值为127555亿元，占国内生产总值的比重为9.9%。"
    got = claims(extractor, text, "2024-12-30")
    assert got[1].indicator == "digital_economy_core_share_of_gdp"


def test_a_change_of_a_share_is_dated_by_its_base(extractor: Extractor) -> None:
    text = "2024年汽车销量3100万辆。新能源汽车新车销量占总销量的40.9%，较2023年提高9.3个百分点。"
    got = claims(extractor, text, "2025-01-14")
    assert [c.period for c in got[1:]] == ["2024", "2024"]
    # "提升至": the level reached is a share, not a change
    text = "2020年至2024年，高技术制造业占规模以上工业增加值的比重提升至16.3%。"
    got = claims(extractor, text, "2025-03-01")
    assert got[0].period == "2024" and got[0].indicator == "high_tech_manufacturing_share"


def test_will_after_a_forecast_word_is_a_forecast(extractor: Extractor) -> None:
    got = claims(extractor, "预计2025年新能源汽车销量将达到1600万辆左右。", "2025-01-14")
    assert got[0].kind == "forecast"
    got = claims(extractor, "到2025年，新能源汽车销量将达到1600万辆。", "2023-01-14")
    assert got[0].kind == "target"
    got = claims(extractor, "Analysts expect that sales will reach 16 million in 2025.", "2025-01-14")
    assert got[0].kind == "forecast"


def test_the_province_named_before_and_the_nation(extractor: Extractor) -> None:
    text = ("截至2024年底，广东累计建成5G基站33.2万个，约占全国425.1万个的7.8%。"
            "全省5G移动电话用户达1.3亿户。")
    got = claims(extractor, text, "2025-02-01")
    assert [c.geography for c in got] == ["CN-GD", "CN", "CN-GD", "CN-GD"]
    # a province named as where something was said is not the figure's place
    text = "At a press conference in Beijing, a spokesperson said 5G users had exceeded 1 billion."
    got = claims(extractor, text, "2025-01-22")
    assert got[0].geography == "CN"
    text = "In Jiangsu, officials said the province had 120,000 5G base stations."
    got = claims(extractor, text, "2025-01-22")
    assert got[0].geography == "CN-JS"


def test_a_date_in_the_next_clause_belongs_to_its_own_figure(extractor: Extractor) -> None:
    text = ("Carmakers exported 1.2 million new energy vehicles over the year, and the association "
            "expects that sales will reach about 11.5 million in 2024.")
    got = claims(extractor, "NEV output rose 35.8 percent in 2023.\n\n" + text, "2024-01-16")
    assert [c.period for c in got[1:]] == ["2023", "2024"]
    got = claims(extractor, "2022年规模以上工业增加值比上年增长3.6%，2021年至2022年两年平均增长6.6%。",
                 "2023-01-20")
    assert [c.period for c in got] == ["2022", "2021/2022"]
    # a list that shares one date keeps it across commas
    text = ("The plan aims for one million innovative SMEs, 100,000 specialised SMEs and 10,000 "
            "little giants by 2025.")
    got = claims(extractor, text, "2022-01-01")
    assert [c.period for c in got] == ["2025-12"] * 3


def test_after_an_average_over_years_the_text_is_at_its_end(extractor: Extractor) -> None:
    text = ("Between 2019 and 2023, high-tech manufacturing value added grew at an average annual "
            "rate of 8.5 percent, and the sector made up 15.7 percent of above-size industry in 2023."
            "\n\nOfficials said the country had 3.38 million 5G base stations.")
    got = claims(extractor, text, "2024-01-16")
    assert [c.period for c in got] == ["2019/2023", "2023", "2023-12"]


def test_a_nearer_subject_with_no_series_blocks_a_farther_one(extractor: Extractor) -> None:
    # intelligent computing has no growth series: its growth is not total computing power's
    got = claims(extractor, "2023年底算力总规模达230EFLOPS，智能算力增速超七成。", "2024-04-01")
    assert [c.indicator for c in got] == ["computing_power", None]
    assert got[1].unit == "percent" and got[1].value == 70.0


def test_full_year_and_a_year_beside_a_plan(extractor: Extractor) -> None:
    got = claims(extractor, "今年将继续建设5G网络，全年新建5G基站60万个以上。", "2024-01-20")
    assert got[0].period == "2024" and got[0].kind == "target"
    text = "2025年是“十四五”规划收官之年，力争规模以上工业增加值增长5%到6%。"
    got = claims(extractor, text, "2025-01-10")
    assert got[0].period == "2025"
    # a month opening the next clause dates that clause's figure
    got = claims(extractor, "一季度，规模以上工业增加值同比增长6.1%，其中3月份增长4.5%。", "2024-04-16")
    assert [c.period for c in got] == ["2024-Q1", "2024-03"]


def test_cue_between_alias_and_figure_picks_the_sibling(extractor: Extractor) -> None:
    # "production of new energy vehicles" names production only up to "sales came to"
    text = "Production of new energy vehicles reached 9.6 million in 2023 and sales came to 9.5 million."
    got = claims(extractor, text, "2024-01-20")
    assert [c.indicator for c in got] == ["nev_production", "nev_sales"]


def test_verb_after_count_is_no_counted_noun(extractor: Extractor) -> None:
    text = "In 2023 the association counted 9.6 million NEVs produced and 9.5 million sold."
    got = claims(extractor, text, "2024-01-20")
    assert [c.indicator for c in got] == ["nev_production", "nev_sales"]


def test_subject_of_one_sibling_carries_to_a_cue_of_another(extractor: Extractor) -> None:
    text = ("Production of new energy vehicles reached 9.6 million units in 2023. "
            "Sales were up 37.9 percent, and output rose 35.8 percent.")
    got = claims(extractor, text, "2024-01-20")
    assert [c.indicator for c in got] == ["nev_production", "nev_sales_growth",
                                          "nev_production_growth"]


def test_carried_cue_glued_to_another_noun_names_that_noun(extractor: Extractor) -> None:
    # 汽车产销量: all cars, not the new energy vehicles of the sentence before
    text = "2024年新能源汽车销量超1280万辆。\n\n2024年我国汽车产销量双双突破3100万辆。"
    got = claims(extractor, text, "2025-01-15")
    assert [c.indicator for c in got] == ["nev_sales", None]


def test_anaphor_takes_the_subject_named_before(extractor: Extractor) -> None:
    text = ("The core industrial internet sector generated 1.53 trillion yuan of value added in 2024. "
            "That is growth of 10.65 percent on 2023.")
    got = claims(extractor, text, "2025-02-03")
    assert [c.indicator for c in got] == ["industrial_internet_core_value_added",
                                          "industrial_internet_core_value_added_growth"]


def test_anaphor_skips_a_subject_with_no_series_for_the_figure(extractor: Extractor) -> None:
    # GDP has no share of GDP: "that" is the manufacturing named in the sentence before
    text = ("Manufacturing value added reached 33.6 trillion yuan in 2024. "
            "With GDP at 134.9 trillion yuan, that works out to 27.8 percent of the economy.")
    got = claims(extractor, text, "2025-10-20")
    assert [c.indicator for c in got] == ["manufacturing_value_added", "gdp",
                                          "manufacturing_share_of_gdp"]


def test_anaphor_after_a_date_and_in_chinese(extractor: Extractor) -> None:
    text = ("By the end of 2022 China had more than two million 5G base stations; "
            "by the end of 2024 the count was nearly 4.3 million.")
    got = claims(extractor, text, "2025-03-10")
    assert [c.indicator for c in got] == ["5g_base_stations", "5g_base_stations"]
    text = "2021年7月，全国“小巨人”企业总数为4762家；到2023年7月，这一数字增至1.2万家。"
    got = claims(extractor, text, "2025-08-10")
    assert [(c.indicator, c.period) for c in got] == [("little_giant_firms", "2021-07"),
                                                      ("little_giant_firms", "2023-07")]


def test_this_year_is_a_date_not_an_anaphor(extractor: Extractor) -> None:
    text = "Manufacturing value added reached 33.6 trillion yuan in 2024. This year prices fell 10 percent."
    got = claims(extractor, text, "2025-10-20")
    assert got[-1].indicator is None


def test_figure_compared_with_another_measures_the_same_thing(extractor: Extractor) -> None:
    # "up from 15.1 percent": the share again, not a growth rate
    text = "High-tech manufacturing made up 16.3 percent of above-size industry in 2024, up from 15.1 percent in 2020."  # noqa: E501
    got = claims(extractor, text, "2025-03-01")
    assert [(c.indicator, c.period) for c in got] == [("high_tech_manufacturing_share", "2024"),
                                                      ("high_tech_manufacturing_share", "2020")]
    # what the first figure is a share of, named in its own clause, is not the second's subject
    text = ("High-tech manufacturing made up 16.3 percent of the value added of industry above "
            "designated size in 2024, up from 15.1 percent in 2020.")
    got = claims(extractor, text, "2025-03-01")
    assert [c.indicator for c in got] == ["high_tech_manufacturing_share"] * 2
    # an alias of its own in the compared figure's clause still decides
    text = ("High-tech manufacturing made up 16.3 percent of industrial value added in 2024, "
            "up from industrial output growth of 5.8 percent in 2020.")
    got = claims(extractor, text, "2025-03-01")
    assert [c.indicator for c in got] == ["high_tech_manufacturing_share", "industrial_value_added_growth"]
    # the share of a market no series carries: the figure it is compared with stays unlinked too
    text = "NEVs took 31.6 percent of the new-car market in 2023, up from roughly a quarter a year earlier."
    got = claims(extractor, text, "2024-01-12")
    assert [(c.indicator, c.period) for c in got] == [(None, "2023"), (None, "2022")]


def test_share_of_a_stock_is_dated_at_a_month_end(extractor: Extractor) -> None:
    text = "The plan aims for more than 300 EFLOPS by 2025, with intelligent computing making up 35 percent of the total."  # noqa: E501
    got = claims(extractor, text, "2024-05-01")
    assert (got[-1].text, got[-1].period) == ("35 percent", "2025-12")
    # the share of what green factories produce is a flow, even at a year end
    text = "截至2024年底，国家级绿色工厂产值占全国制造业总产值的比重超过20%。"
    got = claims(extractor, text, "2025-03-01")
    assert (got[-1].text, got[-1].period) == ("超过20%", "2024")
    text = "截至2024年底，5G移动电话用户占移动电话用户的比重为56.7%。"
    got = claims(extractor, text, "2025-03-01")
    assert (got[-1].indicator, got[-1].period) == ("5g_users_share_of_mobile", "2024-12")


def test_a_look_back_does_not_take_the_text_back(extractor: Extractor) -> None:
    text = ("2023年新能源汽车销量达949.5万辆。而在2022年，新能源汽车销量为688.7万辆。"
            "全年汽车出口491万辆。")
    got = claims(extractor, text, "2024-01-12")
    assert [c.period for c in got] == ["2023", "2022", "2023"]
    # without the look-back word the text has moved to 2022
    text = "2023年新能源汽车销量达949.5万辆。2022年新能源汽车销量为688.7万辆。全年汽车出口491万辆。"
    got = claims(extractor, text, "2024-01-12")
    assert [c.period for c in got] == ["2023", "2022", "2022"]
    # "而" right before an earlier month: the figure after it is dated at the year end again
    text = "截至2022年底，全国5G基站达231.2万个；而去年5月，这一数字还是近160万个。5G移动电话用户达5.61亿户。"
    got = claims(extractor, text, "2023-03-10")
    assert [c.period for c in got] == ["2022-12", "2022-05", "2022-12"]


def test_an_estimate_is_a_forecast_and_a_figure_set_is_a_target(extractor: Extractor) -> None:
    text = "Core digital economy value added is estimated to have exceeded 12 trillion yuan in 2023."
    assert claims(extractor, text, "2024-02-01")[0].kind == "forecast"
    text = "This year the budget deficit has been set at about 4 percent of GDP."
    assert claims(extractor, text, "2025-03-05")[0].kind == "target"
    text = "The budget deficit was about 4 percent of GDP in 2024."
    assert claims(extractor, text, "2025-03-05")[0].kind == "actual"


def test_a_dateline_day_does_not_date_the_figure(extractor: Extractor) -> None:
    text = "SHANGHAI, April 15 (Meridian Wire) -- China had 5,095 national-level green factories at the end of 2023."  # noqa: E501
    assert claims(extractor, text, "2024-04-15")[0].period == "2023-12"
    # a month with no day still dates it
    text = "China had 3.9 million 5G base stations at the end of June."
    assert claims(extractor, text, "2024-07-20")[0].period == "2024-06"


@pytest.mark.parametrize("text", [
    "China had 4.6 million 5G base stations, the ministry said in its note 2.",
    "China had 4.6 million 5G base stations (see table 3).",
    "China had 4.6 million 5G base stations, as shown in Figure 4.",
    "China had 4.6 million 5G base stations; details are in Annex 1, item 7.",
    "China had 4.6 million 5G base stations (chart 12; fig. 3).",
    "附件2：全国5G基站达460万个。",
    "如图2所示，全国5G基站达460万个。",
    "全国5G基站达460万个（见表3）。",
])
def test_a_note_table_or_figure_number_is_no_claim(extractor: Extractor, text: str) -> None:
    got = claims(extractor, text, "2025-07-30")
    assert [c.value for c in got] == [4_600_000]
    assert got[0].indicator == "5g_base_stations"


@pytest.mark.parametrize("text, figures", [
    # a small count at the end of a sentence with no reference word before it is a figure
    ("The number of pilot zones rose to 12.", ["12"]),
    # a scale, a unit or a decimal after a reference word: a figure, not a label
    ("The note put the total at 2 million.", ["2 million"]),
    ("Table 3 lists 40 percent.", ["40 percent"]),
    ("The note gives 2,316 base stations.", ["2,316"]),
    ("全国共有高校2所。", ["2所"]),
])
def test_a_figure_near_a_reference_word_stays_a_claim(extractor: Extractor, text: str,
                                                      figures: list[str]) -> None:
    got = claims(extractor, text, "2025-07-30")
    assert [c.text for c in got][-len(figures):] == figures


# --- rules the seed articles called for (tests/seeds_gold/); sentences written for the purpose

def test_a_heading_is_dated_like_the_same_figure_below_it(extractor: Extractor) -> None:
    text = ("Industrial value added grew 3.6 percent in 2022.\n\n"
            "Minister: 5G users passed 575 million\n\n"
            "At the briefing he said 5G users have passed 575 million.\n")
    heading, body = claims(extractor, text, "2023-04-21")[1:]
    assert (heading.indicator, heading.period) == ("5g_users", "2023-04")
    assert (body.indicator, body.period) == ("5g_users", "2023-04")
    # a heading whose figure the text does not repeat keeps the period the text gave it
    alone = text.replace("have passed 575 million", "keep growing")
    assert claims(extractor, alone, "2023-04-21")[1].period == "2022-12"


def test_the_present_of_a_statement_reported_later_is_its_month(extractor: Extractor) -> None:
    text = ("March 5, at a briefing, the minister said China has built more than 2.3 million 5G "
            "base stations.")
    assert claims(extractor, text, "2023-04-21")[0].period == "2023-03"
    text = "BEIJING, March 5 (Wire) -- China has 2.3 million 5G base stations."
    assert claims(extractor, text, "2023-04-21")[0].period == "2023-03"
    # a day named without a statement or a dateline is no date of writing
    text = "Output rose between January 1 and March 31. China has 2.3 million 5G base stations."
    assert claims(extractor, text, "2023-07-20")[-1].period == "2023-07"


def test_a_photo_caption_is_furniture(extractor: Extractor) -> None:
    text = ("(250105) -- BEIJING, Jan. 5, 2025 (Xinhua) -- A worker checks a robot arm at a plant "
            "of more than 50,000 square meters opened in 2021. (Xinhua/Li Ming)\n\n"
            "China has over 17,000 5G+industrial internet projects.\n")
    got = claims(extractor, text, "2025-01-10")
    assert [(c.text, c.period) for c in got] == [("over 17,000", "2025-01")]
    zh = "一条年产5万辆的新能源汽车生产线。（新华社记者 李明 摄）\n\n全国5G基站总数达425.1万个。\n"
    assert [c.text for c in claims(extractor, zh, "2025-01-10")] == ["425.1万个"]


def test_a_bound_that_picks_what_is_counted_is_no_claim(extractor: Extractor) -> None:
    text = ("In 2024, twelve provinces reported core value added above 60 billion yuan, "
            "and 9 cities achieved growth rates exceeding 8 percent.")
    got = claims(extractor, text, "2025-01-20")
    assert [(c.text, c.value, c.period) for c in got] == [("twelve", 12.0, "2024"), ("9", 9.0, "2024")]
    assert claims(extractor, "Unicorns (start-ups valued over $1 billion) are rare.", "2025-03-05") == []
    text = "Industries with output of more than 2% of GDP, such as steel and autos, were named."
    assert claims(extractor, text, "2023-04-21") == []
    zh = "2024年，10个省份工业互联网核心产业增加值超过500亿元。"
    assert [c.text for c in claims(extractor, zh, "2025-01-20")] == ["10个"]
    # a bound said of a place named is its figure
    text = "In 2024, Guangdong reported core value added above 100 billion yuan."
    assert [c.text for c in claims(extractor, text, "2025-01-20")] == ["above 100 billion yuan"]


def test_a_count_in_words_is_read_only_before_what_it_counts(extractor: Extractor) -> None:
    assert [c.value for c in claims(extractor, "Ten cities joined the pilot in 2024.",
                                    "2025-01-20")] == [10.0]
    assert claims(extractor, "Ten minutes later two reasons were given.", "2025-01-20") == []


def test_in_place_is_the_present(extractor: Extractor) -> None:
    text = ("Industrial value added reached 40.5 trillion yuan in 2024. With some 4.5 million 5G "
            "base stations in place, operators are turning to applications.")
    assert claims(extractor, text, "2025-07-30")[1].period == "2025-07"


def test_an_increase_in_a_level_is_not_the_level(extractor: Extractor) -> None:
    text = "The plan foresees a 5 trillion yuan increase in manufacturing value added by 2025."
    got = claims(extractor, text, "2024-03-01")[0]
    assert (got.value, got.indicator) == (5e12, None)
    text = "Manufacturing value added is expected to reach 35 trillion yuan by 2025."
    assert claims(extractor, text, "2024-03-01")[0].indicator == "manufacturing_value_added"


def test_a_share_of_growth_is_a_contribution_not_a_share(extractor: Extractor) -> None:
    text = "China is expected to provide over 30% of global manufacturing growth in 2025."
    assert claims(extractor, text, "2025-07-01")[0].indicator is None
    zh = "2024年我国制造业对全球制造业增长的贡献率超过30%。"
    assert claims(extractor, zh, "2025-07-01")[0].indicator is None
    text = "China's share of global manufacturing was about 30% in 2024."
    assert claims(extractor, text, "2025-07-01")[0].indicator == "manufacturing_share_of_world"


def test_the_plan_period_is_the_plan_named_last(extractor: Extractor) -> None:
    text = ("Growth under the 14th Five-Year Plan\n\n"
            "Output is expected to rise by over 20% during the plan period.")
    assert claims(extractor, text, "2024-03-01")[0].period == "2021/2025"


def test_the_proportion_of_a_thing_in_gdp_is_its_share(extractor: Extractor) -> None:
    text = "In 2022 the proportion of manufacturing value added in GDP accounted for 27.7%."
    assert claims(extractor, text, "2023-03-01")[0].indicator == "manufacturing_share_of_gdp"
    text = "The growth in GDP was 5.2% in 2023."
    assert claims(extractor, text, "2024-03-01")[0].indicator == "gdp_growth"


def test_a_round_mark_takes_the_unit_of_what_passed_it(extractor: Extractor) -> None:
    text = "In 2022 industrial value added exceeded the 40 trillion mark for the first time."
    got = claims(extractor, text, "2023-03-01")[0]
    assert (got.unit, got.indicator, got.period) == ("CNY", "industrial_value_added", "2022")


def test_a_count_put_on_a_list_counts_what_the_list_is_of(extractor: Extractor) -> None:
    text = ("The country has built more than 4,000 5G factories, with 700 of them included in the "
            "industry ministry's annual national list of high-level 5G factories.")
    got = claims(extractor, text, "2024-12-31")
    assert [c.indicator for c in got] == ["5g_factories", "high_level_5g_factories"]
    zh = "全国已建成5G工厂4000多家，其中700家入选工信部高水平5G工厂名单。"
    assert claims(extractor, zh, "2024-12-31")[-1].indicator == "high_level_5g_factories"


@pytest.mark.parametrize("text", [
    "Analysts expect the province will meet its goal of 300 EFLOPS of computing power by 2025.",
    "Analysts expect that China will reach its target of 300 EFLOPS of computing power by 2025.",
])
def test_a_goal_named_after_a_forecast_and_will_is_a_target(extractor: Extractor, text: str) -> None:
    # "will" alone after "expect" is a forecast; the nearer "goal" makes the figure the plan's
    (c,) = claims(extractor, text, "2024-01-01")
    assert (c.text, c.kind) == ("300 EFLOPS", "target")


def test_will_after_a_forecast_word_stays_a_forecast(extractor: Extractor) -> None:
    (c,) = claims(extractor, "Analysts expect computing power will reach 300 EFLOPS in 2025.",
                  "2024-01-01")
    assert c.kind == "forecast"


def test_pace_of_industry_as_a_whole_is_not_the_sector_named_before(extractor: Extractor) -> None:
    # a figure set against another sector's ("well above the 5.8 percent pace for industry
    # above designated size") is the named whole's; linked to the sector named first it would
    # be an inconsistency with that sector's series that no one wrote
    text = ("High-tech manufacturing value added rose 8.9 percent in 2024, well above the "
            "5.8 percent pace for industry above designated size as a whole.")
    got = claims(extractor, text, "2025-02-01")
    assert [c.indicator for c in got] == ["high_tech_manufacturing_growth", "industrial_value_added_growth"]


def test_what_a_share_is_of_is_not_its_subject(extractor: Extractor) -> None:
    # the whole, with words before its name, after "its share of"
    text = ("High-tech manufacturing did better, growing 7.1 percent, and its share of above-size "
            "industrial value added rose to 15.1 percent.")
    got = claims(extractor, text, "2021-02-28")
    assert [c.indicator for c in got] == ["high_tech_manufacturing_growth", "high_tech_manufacturing_share"]
    # a share word further back, in an earlier clause, is that clause's
    text = ("New energy vehicles made up 35.2 percent of car sales in 2023, and NEV output rose "
            "30.3 percent.")
    got = claims(extractor, text, "2024-01-12")
    assert [c.indicator for c in got] == [None, "nev_production_growth"]
    # an intensity: the loose match over the same words does not bring the whole back
    text = ("The plan calls for energy consumption per unit of industrial value added to fall by "
            "13.5 percent between 2021 and 2025.")
    got = claims(extractor, text, "2021-12-03")
    assert [c.indicator for c in got] == [None]
    # "value added of" names the thing's own measure, not a whole
    text = "Value added of industry above designated size grew 4.6 percent in 2023."
    got = claims(extractor, text, "2024-01-17")
    assert [c.indicator for c in got] == ["industrial_value_added_growth"]


def test_a_penetration_rate_is_a_share(extractor: Extractor) -> None:
    # NEVs' share of new-car sales: no series of the catalogue carries it, and it is no growth
    text = "业内普遍预计新能源汽车销量有望达到1150万辆，新能源汽车在新车销量中的渗透率或将超过40%。"
    got = claims(extractor, text, "2024-01-05")
    assert [c.indicator for c in got] == ["nev_sales", None]
    text = "NEV sales are expected to reach 11.5 million, with a penetration rate above 40 percent."
    got = claims(extractor, text, "2024-01-05")
    assert [c.indicator for c in got] == ["nev_sales", None]


def test_a_later_plan_clause_keeps_its_date(extractor: Extractor) -> None:
    # "this year" dates what the province would add, not what it had built
    text = ("In Guangdong, the administration said the province had built more than 250,000 5G "
            "base stations, the most of any province, and would add more in rural counties this year.")
    got = claims(extractor, text, "2023-03-28")
    assert [(c.period, c.kind) for c in got] == [("2023-03", "actual")]
    text = "广东已建成5G基站25万个，并将在2025年底前新增5万个。"
    got = claims(extractor, text, "2023-03-28")
    assert [(c.period, c.kind) for c in got] == [("2023-03", "actual"), ("2025", "target")]
    # without the plan the later date is the figure's
    text = "Guangdong had built more than 250,000 5G base stations by the end of this year."
    got = claims(extractor, text, "2023-12-28")
    assert [(c.period, c.kind) for c in got] == [("2023-12", "actual")]


def test_a_rate_for_a_year_not_over_is_no_result(extractor: Extractor) -> None:
    text = "The work report again sets GDP growth of around 5 percent for 2025."
    assert [c.kind for c in claims(extractor, text, "2025-03-10")] == ["target"]
    # a rate for a year that has ended is a result
    text = "GDP grew 5 percent in 2025."
    assert [c.kind for c in claims(extractor, text, "2026-01-20")] == ["actual"]
    # so does the year so far, in words
    text = "Industrial output grew 6.2 percent so far this year."
    got = claims(extractor, text, "2025-08-10")
    assert [(c.kind, c.period) for c in got] == [("actual", "2025-08")]
    text = "This year prices fell 10 percent."
    assert [c.kind for c in claims(extractor, text, "2025-06-30")] == ["actual"]


def test_subscriptions_count_users(extractor: Extractor) -> None:
    text = ("5G mobile subscriptions passed 1 billion by the end of December, while gigabit "
            "broadband subscriptions had risen above 200 million.")
    got = claims(extractor, text, "2024-01-20")
    assert [c.indicator for c in got] == ["5g_users", "gigabit_broadband_users"]


def test_a_penetration_rate_at_a_year_end_is_that_month_end(extractor: Extractor) -> None:
    # "普及率" (penetration rate) is a share, as "渗透率" and "penetration" are: a level at the
    # year end named, not a flow over the year
    text = "到2026年底，农村地区千兆宽带用户普及率达到70%，光纤用户超过3亿户。"
    got = claims(extractor, text, "2025-03-01")
    assert [(c.period, c.kind) for c in got] == [("2026-12", "target"), ("2026-12", "target")]
    text = "截至2024年底，农村地区千兆宽带用户普及率达到55%，比上年末提高9个百分点。"
    got = claims(extractor, text, "2025-03-01")
    assert [c.period for c in got] == ["2024-12", "2024"]  # the change stays a year's
    # near misses: a growth rate at a year end is the year's; "普及" alone is no rate
    got = claims(extractor, "到2026年底，规模以上工业增加值增长6%。", "2025-03-01")
    assert [c.period for c in got] == ["2026"]
    got = claims(extractor, "2024年，农村地区推广普及千兆宽带，投资增长12%。", "2025-03-01")
    assert [c.period for c in got] == ["2024"]


def test_a_relative_clause_between_subject_and_count_is_skipped(extractor: Extractor) -> None:
    # the subject ("Sales of ...") before a ", which ...," clause makes the count a flow
    text = "Sales of electric scooters, which the trade group tracks on its own, came to 52,000 in 2024."
    assert [c.period for c in claims(extractor, text, "2025-01-15")] == ["2024"]
    # near misses: a subject that names no flow, and a clause before that is no relative one
    text = "Charging operators, which the trade group tracks on its own, ran 52,000 fast chargers in 2024."
    assert [c.period for c in claims(extractor, text, "2025-01-15")] == ["2024-12"]
    text = "Sales of electric scooters rose sharply, and charging operators ran 52,000 fast chargers in 2024."
    assert [c.period for c in claims(extractor, text, "2025-01-15")] == ["2024-12"]


def test_a_series_part_counted_alone_is_counted_as_the_part_before(extractor: Extractor) -> None:
    text = ("In 2024, sales of plug-in hybrids rose 20 percent to 3.1 million, while "
            "battery-electric cars climbed 10 percent to 6.2 million.")
    got = claims(extractor, text, "2025-01-15")
    assert [c.period for c in got if c.unit == "count"] == ["2024", "2024"]
    # near misses: the next count is of no part of the series; the part before is a stock
    text = ("In 2024, sales of plug-in hybrids rose 20 percent to 3.1 million, while public "
            "charging piles grew 40 percent to 3.6 million.")
    got = claims(extractor, text, "2025-01-15")
    assert [c.period for c in got if c.unit == "count"] == ["2024", "2024-12"]
    text = ("At the end of 2024 there were 12 million plug-in hybrids on the road, and 20 million "
            "battery-electric cars.")
    got = claims(extractor, text, "2025-01-15")
    assert [c.period for c in got] == ["2024-12", "2024-12"]


def test_a_clause_without_its_verb_takes_the_tense_of_the_one_before(extractor: Extractor) -> None:
    # "and Fujian about 400": the verb left out is "has", a stock as of publication
    text = ("Zhejiang had about 900 5G factories at the end of 2024. Guangdong has about 1,200, "
            "and Fujian about 400.")
    assert [c.period for c in claims(extractor, text, "2025-03-20")] == ["2024-12", "2025-03", "2025-03"]
    text = "截至2024年底，全国5G工厂超过4000家。浙江已建成5G工厂900家，福建400家。"
    assert [c.period for c in claims(extractor, text, "2025-03-20")] == ["2024-12", "2025-03", "2025-03"]
    # near misses: the verb left out is a past one; a clause with its own verb keeps its tense
    text = ("Zhejiang had about 900 5G factories at the end of 2024. Guangdong had about 1,200, "
            "and Fujian about 400.")
    assert [c.period for c in claims(extractor, text, "2025-03-20")] == ["2024-12", "2024-12", "2024-12"]
    text = ("Zhejiang had about 900 5G factories at the end of 2024. Guangdong has about 1,200, "
            "and Fujian had about 400.")
    assert [c.period for c in claims(extractor, text, "2025-03-20")] == ["2024-12", "2025-03", "2024-12"]


def test_a_rate_over_a_span_not_over_is_no_result(extractor: Extractor) -> None:
    # a change between two named years, the last not over when the text came out, is a goal
    text = ("The plan wants water use per unit of output to drop by 16 percent between 2021 and "
            "2025, and for waste to fall by 10 percent.")
    got = claims(extractor, text, "2024-02-22")
    assert [(c.period, c.kind) for c in got] == [("2021/2025", "target"), ("2021/2025", "target")]
    # near misses: a span that is over; a plan's name, which may report the plan so far
    text = "Water use per unit of output dropped by 16 percent between 2019 and 2023."
    assert [c.kind for c in claims(extractor, text, "2024-02-22")] == ["actual"]
    text = "Water use per unit of output dropped by 16 percent during the 14th Five-Year Plan so far."
    assert [c.kind for c in claims(extractor, text, "2024-02-22")] == ["actual"]


def test_a_figure_restating_the_one_before_is_of_its_kind(extractor: Extractor) -> None:
    # "equivalent to", "or": the estimate before, in other terms
    for text in ("The sector's output is estimated to have reached 5 trillion yuan in 2024, "
                 "equivalent to about 4 percent of GDP.",
                 "The sector's output is estimated to have reached 5 trillion yuan in 2024, or "
                 "about 4 percent of GDP."):
        assert [c.kind for c in claims(extractor, text, "2025-03-10")] == ["forecast", "forecast"]
    # near misses: a result restated stays one; a clause of its own keeps its own kind
    text = "The sector's output reached 5 trillion yuan in 2024, equivalent to about 4 percent of GDP."
    assert [c.kind for c in claims(extractor, text, "2025-03-10")] == ["actual", "actual"]
    text = ("The sector's output is estimated to have reached 5 trillion yuan in 2024, while its "
            "share of GDP held at 4 percent.")
    assert [c.kind for c in claims(extractor, text, "2025-03-10")] == ["forecast", "actual"]


def test_more_than_a_year_earlier_makes_a_growth(extractor: Extractor) -> None:
    text = ("Value added of the core industrial internet reached 1.4 trillion yuan in 2023, "
            "12 percent more than a year earlier.")
    got = claims(extractor, text, "2024-02-01")
    assert [c.indicator for c in got] == ["industrial_internet_core_value_added",
                                          "industrial_internet_core_value_added_growth"]
    assert got[1].value == 12
    # a fall said after the figure has no cue: its sign would be read as a rise
    text = ("Core industrial internet value added came to 1.3 trillion yuan in 2023, 4 percent "
            "less than a year earlier.")
    assert [c.indicator for c in claims(extractor, text, "2024-02-01")][1] is None
    # "more than" something other than a year before is no growth
    text = ("Value added of the core industrial internet reached 1.4 trillion yuan in 2023, "
            "12 percent more than the target.")
    assert [c.indicator for c in claims(extractor, text, "2024-02-01")][1] is None
    # a share stays a share
    text = "The core industrial internet made up 1.2 percent of GDP in 2023, more than a year earlier."
    assert [c.indicator for c in claims(extractor, text, "2024-02-01")] == [
        "industrial_internet_core_share_of_gdp"]


def test_a_measure_after_their_is_the_measure_of_the_thing_named(extractor: Extractor) -> None:
    # "their value added" after the enterprises: the value added of those enterprises
    text = "Industrial enterprises above designated size raised their value added by 4.6 percent in 2023."
    got = claims(extractor, text, "2024-02-01")
    assert [c.indicator for c in got] == ["industrial_value_added_growth"]
    # a measure the catalogue does not hold for the thing, or no measure: nothing
    text = "Industrial enterprises above designated size raised their profits by 10 percent in 2023."
    assert [c.indicator for c in claims(extractor, text, "2024-02-01")] == [None]
    text = "5G factories raised their output by 20 percent in 2024."
    assert [c.indicator for c in claims(extractor, text, "2025-02-01")] == [None]
    # the count of the enterprises stays their count
    text = "Industrial enterprises above designated size numbered 480,000 at the end of 2023."
    assert [c.indicator for c in claims(extractor, text, "2024-02-01")] == [
        "above_size_industrial_enterprises"]


def test_the_part_named_after_figures_of_that_part_is_the_same_thing(extractor: Extractor) -> None:
    first = "Value added of core digital economy industries came to 12 trillion yuan in 2023. "
    text = first + "A new plan aims to lift the core industries' share to 12 percent of GDP by 2027."
    got = claims(extractor, text, "2024-06-01")
    assert [c.indicator for c in got] == ["digital_economy_core_value_added",
                                          "digital_economy_core_share_of_gdp"]
    # "core" before a word none of the thing's names holds is another thing
    text = first + "Core inflation rose 0.5 percent in 2023."
    assert [c.indicator for c in claims(extractor, text, "2024-06-01")][1] is None
    text = first + "Core inflation made up 9 percent of the index."
    assert [c.indicator for c in claims(extractor, text, "2024-06-01")][1] is None


@pytest.mark.parametrize("text, indicator", [
    ("China's industry made up about 32 percent of GDP in 2023.",
     "industrial_value_added_share_of_gdp"),
    ("Growth was slow, and industry accounted for 31 percent of GDP in 2023.",
     "industrial_value_added_share_of_gdp"),
    # another industry, or "Industry" naming no sector, is not industry as a whole
    ("The auto industry accounted for 10 percent of GDP in 2023.", None),
    ("Industry ministry officials said services made up 54 percent of GDP in 2023.", None),
    # a share of something other than GDP, or of growth, is no share of GDP
    ("Industry accounted for 65 percent of energy use in 2023.", None),
    ("Industry accounted for 36 percent of economic growth in 2023.", None),
    # above designated size or all of it: the bare noun does not say which growth series
    ("Industry grew 5.7 percent in 2023.", None),
])
def test_a_bare_sector_noun_opening_the_clause_is_the_whole_sector(
        extractor: Extractor, text: str, indicator: str | None) -> None:
    assert [c.indicator for c in claims(extractor, text, "2024-06-01")] == [indicator]


ECONOMY = "The economy grew 5.2 percent in 2023. "


@pytest.mark.parametrize("text, indicators", [
    # a bare "growth", after sentences on the economy as a whole, is the economy's
    (ECONOMY + "Analysts expect growth of 4.6 percent in 2024.", ["gdp_growth", "gdp_growth"]),
    (ECONOMY + "The IMF expects 2024 growth of 4.6 percent.", ["gdp_growth", "gdp_growth"]),
    (ECONOMY + "Growth of 4.6 percent is expected in 2024.", ["gdp_growth", "gdp_growth"]),
    # after another subject, it is that subject's, which the rule does not guess
    ("NEV sales rose 30 percent in 2023. Analysts expect growth of 20 percent in 2024.",
     ["nev_sales_growth", None]),
    # something narrower named as what grows, or a subject that is no forecaster of the economy
    (ECONOMY + "Analysts expect export growth of 3 percent in 2024.", ["gdp_growth", None]),
    (ECONOMY + "Analysts expect growth of 3 percent in exports in 2024.", ["gdp_growth", None]),
    (ECONOMY + "Carmakers expect growth of 20 percent in 2024.", ["gdp_growth", None]),
    # another figure of the sentence measured something else first
    (ECONOMY + "Exports rose 7 percent, and analysts expect growth of 3 percent in 2024.",
     ["gdp_growth", None, None]),
])
def test_bare_growth_in_a_text_on_the_economy_is_gdp_growth(
        extractor: Extractor, text: str, indicators: list[str | None]) -> None:
    got = claims(extractor, text, "2024-01-20")
    assert [c.indicator for c in got] == indicators


@pytest.mark.parametrize("text, indicator, period", [
    # robots put to use are not robots made: no production series carries them
    ("Chinese factories installed 290,000 industrial robots in 2022.", None, "2022"),
    ("In 2022, 290,000 industrial robots were installed in China.", None, "2022"),
    ("2022年我国安装工业机器人29万台。", None, "2022"),
    ("China had 1.8 million industrial robots in operation at the end of 2023.", None, "2023-12"),
    # a word of making nearer the figure, or an alias of installations, keeps the link
    ("China produced 443,000 industrial robots in 2022.", "industrial_robot_production", "2022"),
    ("Factories that installed new lines produced 443,000 industrial robots in 2022.",
     "industrial_robot_production", "2022"),
    ("Carmakers installed charging points and sold 9.5 million new energy vehicles in 2023.",
     "nev_sales", "2023"),
    ("2022年我国工业机器人装机量29万台。", "industrial_robot_installations", "2022"),
])
def test_a_count_put_to_use_is_not_one_made_or_sold(extractor: Extractor, text: str,
                                                    indicator: str | None, period: str) -> None:
    (c,) = claims(extractor, text, "2024-06-01")
    assert (c.indicator, c.period) == (indicator, period)


def test_a_count_put_to_use_keeps_a_later_count_made(extractor: Extractor) -> None:
    text = "China installed 290,000 industrial robots in 2022 and produced 443,000."
    got = claims(extractor, text, "2024-06-01")
    assert [c.indicator for c in got] == [None, "industrial_robot_production"]


def test_a_comparison_opening_the_clause_is_the_subjects(extractor: Extractor) -> None:
    # the figure compared comes first, the thing it counts in the clause after the comparison
    got = claims(extractor, "与2022年底的3616家相比，国家级绿色工厂又增加了一千多家。", "2024-03-01")
    assert [(c.text, c.indicator) for c in got[:1]] == [("3616家", "green_factories")]
    text = "Compared with 3,616 at the end of 2022, national green factories numbered 5,095."
    got = claims(extractor, text, "2024-03-01")
    assert [c.indicator for c in got] == ["green_factories", "green_factories"]
    # a noun in the comparison is what its figure counts, not the subject named after it
    text = "与燃油车的300万辆相比，新能源汽车销量仍然偏低。"
    assert [c.indicator for c in claims(extractor, text, "2024-03-01")] == [None]
    text = "与300万辆燃油车相比，新能源汽车销量仍然偏低。"
    assert [c.indicator for c in claims(extractor, text, "2024-03-01")] == [None]
    text = "Compared with 3,616 factories in Jiangsu, green factories in Guangdong numbered 2,100."
    assert claims(extractor, text, "2024-03-01")[0].indicator is None
    # a clause that trades what it names is no series' subject
    text = "与2023年的120万辆相比，新能源汽车出口增长了两成。"
    assert claims(extractor, text, "2024-03-01")[0].indicator is None
    text = "与2023年的120万辆相比，新能源汽车销量增长了两成。"  # (and one that sells it is)
    assert claims(extractor, text, "2024-03-01")[0].indicator == "nev_sales"
    # no closing word: an ordinary later clause, whose noun is its own subject
    text = "全年新认定3616家，国家级绿色工厂总数继续增加。"
    assert [c.indicator for c in claims(extractor, text, "2024-03-01")] == [None]


def test_the_whole_of_a_share_counts_what_the_part_counts(extractor: Extractor) -> None:
    # "占全国N的P%": the national figure of the thing the province's figure counts
    text = "截至2023年底，浙江累计建成5G基站20.1万个，占全国337.7万个的6%。"
    got = claims(extractor, text, "2024-02-01")
    assert [(c.text, c.indicator, c.geography) for c in got[:2]] == [
        ("20.1万个", "5g_base_stations", "CN-ZJ"), ("337.7万个", "5g_base_stations", "CN")]
    text = "截至2023年底，山东国家级绿色工厂达到520家，约占全国5095家的一成。"
    got = claims(extractor, text, "2024-02-01")
    assert [c.indicator for c in got[:2]] == ["green_factories", "green_factories"]
    # trade is no series, nor is the whole of it
    text = "浙江新能源汽车出口12万辆，占全国120万辆的10%。"
    assert [c.indicator for c in claims(extractor, text, "2024-02-01")[:2]] == [None, None]
    # a world whole is not placed apart from China's figure: left alone
    text = "2023年我国新能源汽车销量949.5万辆，占全球1400万辆的六成以上。"
    assert [c.indicator for c in claims(extractor, text, "2024-02-01")[:2]] == ["nev_sales", None]
    # no share follows: the figure is no whole
    text = "浙江累计建成5G基站20.1万个，占全国337.7万个，位居前列。"
    assert [c.indicator for c in claims(extractor, text, "2024-02-01")[:2]] == [
        "5g_base_stations", None]


def test_the_level_a_rate_went_to_is_the_rates_things(extractor: Extractor) -> None:
    text = "2023年新能源汽车销量增长37.9%，达到949.5万辆。"
    got = claims(extractor, text, "2024-01-15")
    assert [c.indicator for c in got] == ["nev_sales_growth", "nev_sales"]
    # a foreign figure: linked, and not checked against China's series
    from verifier.check import Checker
    from verifier.reference import load_reference

    checker = Checker(load_reference(ROOT / "reference_data"))
    got = checker.check("2023年日本新能源汽车销量下降3%，约为50万辆。", date(2024, 1, 15)).claims
    assert [(c.indicator, c.geography, c.verdict) for c in got] == [
        ("nev_sales_growth", "JP", "unverifiable"), ("nev_sales", "JP", "unverifiable")]
    # trade, or a share that has no level, gives the level nothing; nor does a rate whose
    # clause goes on to name another thing
    text = "2023年新能源汽车出口增长77.6%，达到120.3万辆。"
    assert [c.indicator for c in claims(extractor, text, "2024-01-15")] == [None, None]
    text = "2023年新能源汽车渗透率为31.6%，约为949.5万辆。"
    assert claims(extractor, text, "2024-01-15")[1].indicator is None
    text = "2023年新能源汽车销量增长37.9%，其中出口120.3万辆。"
    assert claims(extractor, text, "2024-01-15")[1].indicator is None


def test_a_place_between_the_cue_and_the_figure_keeps_the_cue_near() -> None:
    # the subject carried from the sentence before, by a cue word a place name stands after:
    # a foreign figure, linked and not checked against China's series
    from verifier.check import Checker
    from verifier.reference import load_reference

    checker = Checker(load_reference(ROOT / "reference_data"))
    text = ("China sold 9.5 million new energy vehicles in 2023. Sales in the United Kingdom rose "
            "17.8 percent to about 315,000.")
    got = checker.check(text, date(2024, 1, 20)).claims[1:]
    assert [(c.indicator, c.geography, c.verdict) for c in got] == [
        ("nev_sales_growth", "GB", "unverifiable"), ("nev_sales", "GB", "unverifiable")]
    # other words as long as the place keep the cue too far; so do other words besides it
    text = ("China sold 9.5 million new energy vehicles in 2023. Sales at the largest dealerships "
            "rose 17.8 percent to about 315,000.")
    assert [c.indicator for c in checker.check(text, date(2024, 1, 20)).claims[1:]] == [None, None]
    text = ("China sold 9.5 million new energy vehicles in 2023. Sales in the United Kingdom of "
            "its many petrol models rose 17.8 percent.")
    assert [c.indicator for c in checker.check(text, date(2024, 1, 20)).claims[1:]] == [None]


@pytest.mark.parametrize("text, periods", [
    # a year-like number before a scale word is a figure, not a date
    ("到2023年底，全国新能源汽车保有量达2041万辆。", ["2023-12"]),
    ("The fleet grew to 2024 million tonnes of capacity in 2023.", ["2023"]),
    # near misses: a year before a unit or a comma still dates the figure
    ("到2030年，全国新能源汽车保有量达8000万辆。", ["2030-12"]),
    ("By 2030, capacity should reach 900 million tonnes.", ["2030"]),
])
def test_a_year_like_number_before_a_scale_word_is_no_year(extractor: Extractor, text: str,
                                                           periods: list[str]) -> None:
    assert [c.period for c in claims(extractor, text, "2024-02-01")] == periods


@pytest.mark.parametrize("text, periods", [
    # "a year later" after a date the sentence names: that date plus a year, the same part of it
    ("Compared with 1,200 at the end of 2021, the country had 1,750 national-level green "
     "factories a year later.", ["2021-12", "2022-12"]),
    ("Green factories numbered 2,100 at the end of 2020; two years later there were 3,000.",
     ["2020-12", "2022-12"]),
    ("China had 1,200 green factories at the end of 2021 and 1,750 a year later.",
     ["2021-12", "2022-12"]),
    ("截至2021年底，全国共有5G基站142万个，一年后增至231万个。", ["2021-12", "2022-12"]),
    ("2021年底算力总规模为140EFLOPS，一年间净增40EFLOPS。", ["2021-12", "2022"]),
    # alone in its sentence it counts on from the date the text is at
    ("China had 1.4 million 5G base stations at the end of 2021. A year on, it had 2.3 million.",
     ["2021-12", "2022-12"]),
    # near misses: counted back stays as it was; a date of its own wins; "一年间" after a whole
    # year is that year
    ("China had 3.4 million 5G base stations at the end of 2023, up from 2.3 million a year "
     "earlier.", ["2023-12", "2022-12"]),
    ("截至2023年底，5G基站总数达337.7万个，比上年末净增106.5万个。", ["2023-12", "2023"]),
    ("China had 1.4 million 5G base stations at the end of 2021. A year later, in 2023, it had "
     "3.4 million.", ["2021-12", "2023-12"]),
    ("2023年一年间，全国新增国家级绿色工厂1479家。", ["2023"]),
])
def test_years_later_count_on_from_the_date_before(extractor: Extractor, text: str,
                                                   periods: list[str]) -> None:
    assert [c.period for c in claims(extractor, text, "2024-06-01")] == periods


@pytest.mark.parametrize("sentence", [
    "The province spends 20 billion yuan a year on research.",  # a rate, not a date
    "The plant opened in 2021, half a year later than the others.",
    "The line was finished in 2022, two years later than planned.",
    "截至2023年底，过去一年间新增5G基站106.5万个。",  # the year up to that date
    "2010年，十一年后再看。",  # another number
])
def test_words_like_years_later_that_date_nothing(sentence: str) -> None:
    from verifier.periods import find_time_expressions

    assert not any(e.later for e in find_time_expressions(sentence))


_NEV_SHARE = "nev_share_of_new_car_sales"


@pytest.mark.parametrize("text, indicators", [
    # a growth by so much after a share's clause is the growth of the thing: the share's subject,
    # or the one a cue word of its own clause names among those the subject stands for
    ("2023年，新能源汽车渗透率为30%，销量同比增长38%。", [_NEV_SHARE, "nev_sales_growth"]),
    ("2023年，新能源汽车销量约占新车总销量的30%，同比增长38%。", [_NEV_SHARE, "nev_sales_growth"]),
    ("The NEV share of new car sales was 30 percent in 2023, and sales rose 38 percent.",
     [_NEV_SHARE, "nev_sales_growth"]),
    ("2023年，制造业增加值占GDP比重为27%，同比增长4%。",
     ["manufacturing_share_of_gdp", "manufacturing_value_added_growth"]),
    ("Manufacturing accounted for 27 percent of GDP in 2023, and value added grew 4 percent.",
     ["manufacturing_share_of_gdp", "manufacturing_value_added_growth"]),
    # no cue word says which thing grew, or two do: left unlinked
    ("2023年，新能源汽车渗透率为30%，同比增长38%。", [_NEV_SHARE, None]),
    ("2023年，新能源汽车渗透率为30%，产销同比增长38%。", [_NEV_SHARE, None]),
    # a share that grew by so much (a relative change): no series carries it
    ("2023年，新能源汽车渗透率同比增长6%。", [None]),
    ("The NEV penetration rate rose 6 percent in 2023.", [None]),
    ("The NEV penetration rate was 30 percent in 2023. It rose 6 percent.", [_NEV_SHARE, None]),
    # near misses: the level a share rose to or from, a change in points, a share word after
    # the figure in its clause, a share word made with "up"
    ("2023年，新能源汽车渗透率提升至30%。", [_NEV_SHARE]),
    ("The NEV penetration rate rose to 30 percent in 2023.", [_NEV_SHARE]),
    ("The NEV penetration rate was 30 percent in 2023, up from 25 percent.", [_NEV_SHARE, _NEV_SHARE]),
    ("2023年，新能源汽车渗透率为30%，比上年提高5.4个百分点。", [_NEV_SHARE, None]),
    ("The NEV penetration rate was 30 percent in 2023, up 5.4 percentage points.", [_NEV_SHARE, None]),
    ("2023年，新能源汽车销量同比增长38%，占新车总销量的30%。", ["nev_sales_growth", _NEV_SHARE]),
    ("In 2023 new energy vehicle sales grew 38 percent, making up 30 percent of new car sales.",
     ["nev_sales_growth", None]),
])
def test_a_growth_by_so_much_is_no_share(extractor: Extractor, text: str,
                                         indicators: list[str | None]) -> None:
    assert [c.indicator for c in claims(extractor, text, "2024-02-01")] == indicators
