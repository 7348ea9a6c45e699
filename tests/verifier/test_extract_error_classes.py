"""Classes of extraction error found on the seeds and the corpus, each with sentences of our own
that show the rule (the corpus and seed sentences are not repeated here)."""

from __future__ import annotations

from tests.verifier.conftest import claims
from verifier.claims import Claim
from verifier.extract import Extractor


def fields(c: Claim) -> tuple[str | None, str, str | None, str]:
    return c.indicator, c.geography, c.period, c.kind


# --- several places at once --------------------------------------------------------------------

def test_figure_of_a_list_of_places_goes_to_the_first_named(extractor: Extractor) -> None:
    got = claims(extractor, "Guangdong, Jiangsu and Zhejiang each had more than 300,000 5G base "
                 "stations at the end of 2023.", "2024-03-01")
    assert [c.geography for c in got] == ["CN-GD"]
    got = claims(extractor, "截至2023年底，广东、江苏和浙江的5G基站数均超过30万个。", "2024-03-01")
    assert [c.geography for c in got] == ["CN-GD"]


def test_province_then_its_city_is_no_list(extractor: Extractor) -> None:
    got = claims(extractor, "截至2023年底，广东深圳的5G基站超过5万个。", "2024-03-01")
    assert [c.geography for c in got] == ["CN-GD-SZ"]


def test_places_respectively_take_the_figures_in_order(extractor: Extractor) -> None:
    got = claims(extractor, "At the end of 2023, Guangdong and Jiangsu had 330,000 and 280,000 5G "
                 "base stations respectively.", "2024-03-01")
    assert [(c.geography, c.indicator) for c in got] == [
        ("CN-GD", "5g_base_stations"), ("CN-JS", "5g_base_stations")]
    got = claims(extractor, "截至2023年底，广东、江苏的5G基站分别达到33万个和28万个。", "2024-03-01")
    assert [c.geography for c in got] == ["CN-GD", "CN-JS"]


def test_figure_after_a_bound_measures_what_the_bound_measured(extractor: Extractor) -> None:
    # the bound picks the provinces counted (no claim); the figure the named ones passed
    # measures the same thing, for the first province named
    got = claims(extractor, "In 2023, six provinces reported digital economy core industries with "
                 "value added above 300 billion yuan, while Guangdong and Jiangsu each passed "
                 "1 trillion yuan.", "2024-06-01")
    assert [c.text for c in got] == ["six", "passed 1 trillion yuan"]
    assert fields(got[1]) == ("digital_economy_core_value_added", "CN-GD", "2023", "actual")


# --- net additions ------------------------------------------------------------------------------

def test_additions_naming_nothing_are_those_of_the_stock_named(extractor: Extractor) -> None:
    got = claims(extractor, "At the end of 2023 China had 3.38 million 5G base stations, after "
                 "operators added 1.07 million sites during the year.", "2024-03-01")
    assert [fields(c) for c in got] == [("5g_base_stations", "CN", "2023-12", "actual"),
                                        ("5g_base_stations_new", "CN", "2023", "actual")]
    got = claims(extractor, "截至9月底，我国5G基站总数达318.9万个，比上年末净增87.8万个。", "2023-10-20")
    assert [(c.indicator, c.period) for c in got] == [("5g_base_stations", "2023-09"),
                                                      ("5g_base_stations_new", "2023-09")]


def test_part_of_a_total_built_in_a_period(extractor: Extractor) -> None:
    got = claims(extractor, "By the end of 2021, 1.43 million 5G base stations were in service, "
                 "654,000 of them built during 2021.", "2022-02-01")
    assert [(c.indicator, c.period) for c in got] == [("5g_base_stations", "2021-12"),
                                                      ("5g_base_stations_new", "2021")]


def test_another_n_in_the_next_sentence_adds_to_the_stock_before(extractor: Extractor) -> None:
    got = claims(extractor, "China had 3.38 million 5G base stations at the end of 2023. "
                 "Operators plan to open another 600,000 this year.", "2024-02-01")
    assert fields(got[1]) == ("5g_base_stations_new", "CN", "2024", "target")


def test_net_increase_of_a_stock_without_additions_series_is_unlinked(extractor: Extractor) -> None:
    # users have no series of net additions: the increase is not the base stations' either
    got = claims(extractor, "China had 3.38 million 5G base stations at the end of 2023. 5G users "
                 "reached 805 million, a net increase of 244 million.", "2024-02-01")
    assert [c.indicator for c in got] == ["5g_base_stations", "5g_users", None]


def test_net_change_of_a_total_is_not_a_list_count(extractor: Extractor) -> None:
    # the catalogue's new green factories are one year's list, not the change of the total
    got = claims(extractor, "截至2023年底，国家级绿色工厂达5095家，比上年底新增1046家。", "2024-03-01")
    assert [c.indicator for c in got] == ["green_factories", None]
    # named as the list, it is the list's count
    got = claims(extractor, "The ministry's 2022 list added 874 new national-level green "
                 "factories.", "2023-04-01")
    assert got[0].indicator == "green_factories_new"


def test_cue_before_another_figure_makes_no_change(extractor: Extractor) -> None:
    got = claims(extractor, "去年新增5G基站超百万个　5G用户突破8亿", "2024-01-20")
    assert [c.indicator for c in got] == ["5g_base_stations_new", "5g_users"]


def test_change_after_a_look_back_level_runs_to_where_the_text_is(extractor: Extractor) -> None:
    text = ("截至2023年底，我国算力总规模达到230EFLOPS。"
            "2022年底我国算力总规模为180EFLOPS，一年间净增50EFLOPS。")
    got = claims(extractor, text, "2024-04-20")
    assert [c.period for c in got] == ["2023-12", "2022-12", "2023"]
    text = ("Chinese carmakers built 12.9 million NEVs in 2024. The year before, they had built "
            "9.6 million, so the industry added more than three million units in one year.")
    got = claims(extractor, text, "2025-01-20")
    assert [c.period for c in got] == ["2024", "2023", "2024"]


# --- headings ------------------------------------------------------------------------------------

def test_dated_heading_takes_the_subject_of_the_same_figure_below(extractor: Extractor) -> None:
    text = ("Factories grow 4.6% as 2023 draws to a close\n\n"
            "Value added of industrial enterprises above designated size grew 4.6 percent in 2023.")
    got = claims(extractor, text, "2024-01-20")
    assert [(c.indicator, c.period) for c in got] == [("industrial_value_added_growth", "2023")] * 2


def test_heading_rounding_the_figure_below_takes_its_subject(extractor: Extractor) -> None:
    text = ("2023 in numbers: 5G network passes 3.3 million sites\n\n"
            "China had 3.377 million 5G base stations at the end of 2023.")
    got = claims(extractor, text, "2024-01-25")
    assert [(c.indicator, c.period) for c in got] == [("5g_base_stations", "2023-12")] * 2


def test_heading_capital_as_government_takes_the_place_of_the_figure_below(
        extractor: Extractor) -> None:
    text = ("Beijing sets 2024 growth target at 'around 5 percent'\n\n"
            "China aims for economic growth of around 5 percent this year, the premier said.")
    got = claims(extractor, text, "2024-03-05")
    assert [(c.indicator, c.geography) for c in got] == [("gdp_growth", "CN")] * 2


def test_heading_now_takes_the_date_of_the_figure_below(extractor: Extractor) -> None:
    text = ("Robots now do a third of the welding\n\n"
            "Robots carried out more than 33 percent of all welding in 2024, the association said.")
    got = claims(extractor, text, "2025-06-10")
    assert [c.period for c in got] == ["2024", "2024"]


def test_heading_figure_other_than_the_ones_below_keeps_its_own(extractor: Extractor) -> None:
    text = ("Factories grow 5.8% as the year draws to a close\n\n"
            "Value added of industrial enterprises above designated size grew 4.6 percent in 2023.")
    got = claims(extractor, text, "2024-01-20")
    assert got[0].indicator is None


# --- "2022, when ..." ------------------------------------------------------------------------------

def test_year_of_a_when_clause_dates_its_figures(extractor: Extractor) -> None:
    text = ("Carmakers built 4.9 million NEVs in the first half of 2023. "
            "That is well up on 2021, when output came to 3.5 million units, up 160 percent on the "
            "year before.")
    got = claims(extractor, text, "2023-07-20")
    assert [(c.indicator, c.period) for c in got] == [
        ("nev_production", "2023-H1"), ("nev_production", "2021"), ("nev_production_growth", "2021")]


def test_when_clause_looks_back_without_taking_the_text_back(extractor: Extractor) -> None:
    text = ("China had 2.3 million 5G base stations at the end of 2022. That compares with 2021, "
            "when 5G users numbered 355 million. Gigabit users passed 90 million.")
    got = claims(extractor, text, "2023-01-20")
    assert [c.period for c in got] == ["2022-12", "2021-12", "2022-12"]


def test_year_between_the_subject_and_the_figure_is_no_other_figure(extractor: Extractor) -> None:
    text = ("China's industrial robot makers turned out 222,000 sets in the first half of 2023. "
            "That is a slowdown from 2022, when production exceeded 443,000 sets.")
    got = claims(extractor, text, "2023-08-24")
    assert [(c.indicator, c.period) for c in got] == [
        ("industrial_robot_production", "2023-H1"), ("industrial_robot_production", "2022")]


def test_count_closing_a_list_of_examples_counts_them(extractor: Extractor) -> None:
    got = claims(extractor, "2023年，工业机器人已应用于汽车、电子、冶金等65个行业大类。", "2024-02-01")
    assert got[0].indicator is None


# --- multiples --------------------------------------------------------------------------------

def ratio(c: Claim) -> tuple[str, float, str, str]:
    return c.text, c.value, c.unit, c.qualifier


def test_multiples_are_ratios_as_written(extractor: Extractor) -> None:
    got = claims(extractor, "2023年新能源汽车销量达到949.5万辆，是2020年的7倍多。", "2024-01-20")
    assert [ratio(c) for c in got][1:] == [("7倍多", 7.0, "ratio", "at_least")]
    assert got[1].period == "2023"  # the later date, not the base
    got = claims(extractor, "“专精特新”企业三年扩容两倍多", "2024-01-20")
    assert [ratio(c) for c in got] == [("两倍多", 2.0, "ratio", "at_least")]
    got = claims(extractor, "NEV sales in 2023 were four times the 2020 level, and exports more "
                 "than doubled.", "2024-01-20")
    assert [ratio(c) for c in got] == [("four times", 4.0, "ratio", "exact"),
                                       ("more than doubled", 2.0, "ratio", "at_least")]
    assert [c.period for c in got] == ["2023", "2023"]
    got = claims(extractor, "Output rose 3.5-fold, and sales were twice those of 2021.", "2024-01-20")
    assert [ratio(c) for c in got] == [("3.5-fold", 3.5, "ratio", "exact"),
                                       ("twice", 2.0, "ratio", "exact")]
    got = claims(extractor, "到2025年，数字经济核心产业规模比2020年翻一番。", "2022-01-20")
    assert [(c.text, c.value, c.unit, c.kind) for c in got] == [("翻一番", 2.0, "ratio", "target")]


def test_times_that_is_no_multiple(extractor: Extractor) -> None:
    assert claims(extractor, "The ministry met the carmakers three times a year.", "2024-01-20") == []
    assert claims(extractor, "Sales were many times higher than expected.", "2024-01-20") == []


def test_multiple_reached_in_n_years_covers_them(extractor: Extractor) -> None:
    text = "“小巨人”四年扩容两倍多\n\n截至2024年底，专精特新“小巨人”企业达1.46万家。"
    got = claims(extractor, text, "2025-08-10")
    assert [c.period for c in got] == ["2021/2024", "2024-12"]
    got = claims(extractor, "Chinese NEV output tripled in three years to 2023.", "2024-01-20")
    assert [(c.value, c.period) for c in got] == [(3.0, "2021/2023")]


# --- the present of a text that has just reported a month end ------------------------------

def test_present_tense_after_the_latest_month_end_reported_is_that_month(
        extractor: Extractor) -> None:
    text = "截至2023年底，我国5G基站总数达337.7万个。5G行业应用已融入71个国民经济大类。"
    got = claims(extractor, text, "2024-01-20")
    assert [c.period for c in got] == ["2023-12", "2023-12"]
    # two months on, the present is the publication's month
    got = claims(extractor, text, "2024-03-20")
    assert [c.period for c in got] == ["2023-12", "2024-03"]
    # and a word naming the time of writing is always the publication's month
    text = "China had 3.38 million 5G base stations at the end of 2023. More than 10,000 5G " \
           "factories are now in operation."
    got = claims(extractor, text, "2024-01-20")
    assert [c.period for c in got] == ["2023-12", "2024-01"]


# --- unit words that carry a multiple -------------------------------------------------------------

def test_gigawatt_hours_are_millions_of_kwh(extractor: Extractor) -> None:
    got = claims(extractor, "2023年动力电池累计装车量387.7GWh，同比增长31.6%。", "2024-01-20")
    assert (got[0].text, got[0].value, got[0].unit) == ("387.7GWh", 387.7e6, "kwh")
    got = claims(extractor, "Battery makers shipped 1.2 TWh of cells and 350 MWh of modules in "
                 "2023.", "2024-01-20")
    assert [(c.value, c.unit) for c in got] == [(1.2e9, "kwh"), (350e3, "kwh")]
    got = claims(extractor, "储能电池出货量达到206吉瓦时。", "2024-01-20")
    assert [(c.value, c.unit) for c in got] == [(206e6, "kwh")]
    # gigawatts are power, not energy
    got = claims(extractor, "Solar capacity reached 609 GW in 2023.", "2024-01-20")
    assert [(c.value, c.unit) for c in got] == [(609, "gw")]


# --- year spans and table labels are no figures -----------------------------------------------

def test_year_span_with_a_two_digit_end_is_a_period(extractor: Extractor) -> None:
    got = claims(extractor, "During 2019-23, industrial value added grew 4.6 percent a year on "
                 "average.", "2024-03-01")
    assert [(c.text, c.period) for c in got] == [("4.6 percent", "2019/2023")]
    got = claims(extractor, "2021–25年，数字经济核心产业增加值年均增长11%。", "2021-03-01")
    assert [(c.text, c.period) for c in got] == [("11%", "2021/2025")]
    # a year, then a figure, stays a figure
    got = claims(extractor, "Output rose from 2019 to 30,000 units in 2023.", "2024-03-01")
    assert [c.value for c in got] == [30000]


def test_table_and_figure_numbers_before_a_verb_are_labels(extractor: Extractor) -> None:
    got = claims(extractor, "Industrial value added grew 4.6 percent in 2023, and Table 3 shows "
                 "how each province fared.", "2024-03-01")
    assert [c.text for c in got] == ["4.6 percent"]
    got = claims(extractor, "As Figure 2 shows, NEV sales rose 37.9 percent in 2023; see Chart 4 "
                 "below.", "2024-03-01")
    assert [c.text for c in got] == ["37.9 percent"]
    # a count the table shows is a figure
    got = claims(extractor, "The table shows 12 provinces above the line.", "2024-03-01")
    assert [c.value for c in got] == [12]


def test_base_of_a_multiple_measures_the_same_and_dates_only_itself(extractor: Extractor) -> None:
    got = claims(extractor, "NEV sales came to 9.5 million in 2023, the association said, almost "
                 "seven times the 1.37 million sold in 2020.", "2024-02-06")
    assert [(c.text, c.indicator, c.period) for c in got] == [
        ("9.5 million", "nev_sales", "2023"), ("almost seven times", None, "2023"),
        ("1.37 million", "nev_sales", "2020")]


# --- a subject from the sentence before, with no word pointing back -------------------------
# Carried only where nothing else can be the thing measured: a source reporting a figure ("the
# bureau gives ..."), or a part of the thing named last ("the core alone"). A new noun, even one
# the catalogue does not know ("profits", "staff"), is a subject of its own.

def test_figure_a_source_gives_measures_what_was_named_before(extractor: Extractor) -> None:
    text = ("Value added of the digital economy's core industries came to 12.76 trillion yuan in "
            "2023. For 2022 the bureau, working from revised accounts, gives 11.2 trillion yuan, "
            "or 9.3 percent of GDP.")
    got = claims(extractor, text, "2024-12-30")
    assert [(c.indicator, c.period) for c in got] == [
        ("digital_economy_core_value_added", "2023"), ("digital_economy_core_value_added", "2022"),
        ("digital_economy_core_share_of_gdp", "2022")]


def test_new_noun_without_pointer_is_its_own_subject(extractor: Extractor) -> None:
    text = ("Industrial value added grew 4.6 percent in 2023. Profits fell 2.3 percent. "
            "The ministry reports 1,200 staff.")
    got = claims(extractor, text, "2024-02-01")
    assert [c.indicator for c in got] == ["industrial_value_added_growth", None, None]


def test_part_of_the_thing_named_last(extractor: Extractor) -> None:
    text = ("The whole industrial internet added 5.01 trillion yuan in 2024, equal to 3.81 "
            "percent of GDP. The core alone comes to roughly 1.1 percent of GDP.")
    got = claims(extractor, text, "2025-02-12")
    assert [c.indicator for c in got] == ["industrial_internet_value_added",
                                          "industrial_internet_share_of_gdp",
                                          "industrial_internet_core_share_of_gdp"]
    got = claims(extractor, "2024年我国工业互联网产业增加值规模达到5.01万亿元，其中核心产业增加值为"
                 "1.53万亿元。", "2025-02-12")
    assert [c.indicator for c in got] == ["industrial_internet_value_added",
                                          "industrial_internet_core_value_added"]


# --- page furniture ------------------------------------------------------------------------------

def test_related_article_teasers_are_furniture(extractor: Extractor) -> None:
    text = ("China had 4.25 million 5G base stations at the end of 2024.\n\n"
            "相关阅读：\n· 统计局：2024年规上工业增加值增长5.8%\n· 工信部：新建一批5G工厂\n")
    assert [c.text for c in claims(extractor, text, "2025-01-22")] == ["4.25 million"]
    text = ("China had 4.25 million 5G base stations at the end of 2024.\n\n"
            "Related: our weekly chart pack, No. 318\n")
    assert [c.text for c in claims(extractor, text, "2025-01-22")] == ["4.25 million"]
    # prose after the teasers is the article again
    text = ("Related: Robots in every port\n"
            + "The ministry said 5G users passed 1 billion at the end of 2024, and that operators "
              "would keep building base stations in villages, where coverage still lags, and in "
              "mines and ports, where private networks carry machine control.\n")
    assert [c.text for c in claims(extractor, text, "2025-01-22")] == ["passed 1 billion"]
    # a short Chinese paragraph is prose too: it ends its sentence, a teaser does not
    text = ("相关阅读：\n· 工信部：新建一批5G工厂\n\n"
            "截至2024年底，全国5G基站总数达425.1万个。\n\n"
            "全年5G移动电话用户达10.14亿户。\n")
    assert [c.text for c in claims(extractor, text, "2025-01-22")] == ["425.1万个", "10.14亿户"]


def test_number_after_no_is_a_label(extractor: Extractor) -> None:
    # "No" was read by YAML as the boolean false, so "No. 318" was a count
    assert claims(extractor, "See issue No. 318 of the digest.", "2025-01-22") == []
