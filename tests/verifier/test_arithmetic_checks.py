"""Arithmetic inside an article, on labelled sentences written for the purpose, verified with
the real reference data (GDP preliminary and revised, with their release dates)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from verifier.check import Checker
from verifier.reference import ReferenceData, ReferenceSet, load_reference

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def data() -> ReferenceData:
    return load_reference(ROOT / "reference_data")


@pytest.fixture(scope="module")
def checker(data: ReferenceData) -> Checker:
    return Checker(data)


def _checks(checker: Checker, text: str, published: str) -> list[str]:
    return [str(f.detail.get("check")) for f in checker.check(text, date.fromisoformat(published)).findings]


SHARE_ON_PRELIMINARY = ("Industrial value added reached 39.9 trillion yuan in 2023, "
                        "or 31.7 percent of GDP.")  # 39.9 / 126.06 (preliminary) = 31.65 %


def test_a_share_on_the_preliminary_gdp_stands_after_the_revision(checker: Checker) -> None:
    # written in 2025, after NBS revised 2023 GDP to 129.4 trillion (on which it is 30.8 %)
    assert _checks(checker, SHARE_ON_PRELIMINARY, "2025-03-10") == []


def test_against_the_revised_gdp_alone_the_same_share_would_be_flagged(data: ReferenceData) -> None:
    revised_only = [o for o in data.observations.observations
                    if not (o.indicator == "gdp" and o.revision == "preliminary")]
    frequencies = {i.id: i.frequency for i in data.catalogue.indicators.values()}
    only = replace(data, observations=ReferenceSet(revised_only, "x", frequencies))
    assert _checks(Checker(only), SHARE_ON_PRELIMINARY, "2025-03-10") == ["share_of_gdp"]


def test_a_gdp_published_after_the_article_is_not_a_denominator(checker: Checker) -> None:
    on_revised = "Industrial value added reached 39.9 trillion yuan in 2023, or 30.8 percent of GDP."
    assert _checks(checker, on_revised, "2025-03-10") == []  # the revision was out
    assert _checks(checker, on_revised, "2024-06-01") == ["share_of_gdp"]  # it was not


def test_a_share_in_the_next_sentence_refers_back_to_its_level(checker: Checker) -> None:
    text = ("Manufacturing value added reached 33.6 trillion yuan in 2024. With GDP at 134.9 "
            "trillion yuan, that works out to 27.8 percent of the economy.")
    assert _checks(checker, text, "2025-03-01") == ["share_of_gdp"]  # it is 24.9 %
    right = text.replace("27.8 percent", "24.9 percent")
    assert _checks(checker, right, "2025-03-01") == []
    # a share of another year, compared with the level's, is not that level's share
    other_year = right.replace(" of the economy.",
                               " of the economy, above the 26.2 percent recorded in 2023.")
    assert _checks(checker, other_year, "2025-03-01") == []


def test_a_share_that_belongs_to_another_level_is_left_alone(checker: Checker) -> None:
    text = ("The whole industrial internet added 5.01 trillion yuan in 2024, equal to 3.81 percent "
            "of GDP. The core alone comes to roughly 1.1 percent of GDP.")
    assert _checks(checker, text, "2025-02-12") == []


def test_growth_stated_before_from_and_to(checker: Checker) -> None:
    text = ("China's total computing power grew 16.5 percent last year, taking the country from "
            "230 EFLOPS at the end of 2023 to 280 EFLOPS at the end of 2024.")
    assert _checks(checker, text, "2025-01-28") == ["from_to_growth"]  # it is 21.7 %
    right = text.replace("280 EFLOPS", "268 EFLOPS")
    assert _checks(checker, right, "2025-01-28") == []


# (label, text, published, a parts-over-total finding expected)
PARTS = [
    ("en: parts above the total", "China had 4.25 million 5G base stations at the end of 2024, "
     "of which 2.6 million were in cities and 1.9 million in rural areas.", "2025-02-01", True),
    ("en: parts within the total", "China had 4.25 million 5G base stations at the end of 2024, "
     "of which 2.6 million were in cities and 1.6 million in rural areas.", "2025-02-01", False),
    ("en: parts equal to a rounded total", "China had about 4.3 million 5G base stations at the "
     "end of 2024, of which 2.2 million were in cities and 2.1 million in rural areas.",
     "2025-02-01", False),
    ("en: no cue, no parts", "China had 4.25 million 5G base stations at the end of 2024; "
     "Guangdong alone built 2.6 million and Jiangsu 1.9 million over the decade.",
     "2025-02-01", False),
    ("zh: 其中 in the next sentence, parts above the total",
     "2024年全国新能源汽车产量达1288.8万辆。其中，纯电动汽车产量为771.9万辆，"
     "插电式混合动力汽车产量为614.1万辆。", "2025-02-01", True),
    ("zh: 其中 in the next sentence, parts within the total",
     "2024年全国新能源汽车产量达1288.8万辆。其中，纯电动汽车产量为771.9万辆，"
     "插电式混合动力汽车产量为514.1万辆。", "2025-02-01", False),
    ("zh: 其中 in the same sentence", "全国5G基站总数达425.1万个，其中城市地区260万个，农村地区190万个。",
     "2025-02-01", True),
    ("zh: a share after 其中 is not a part", "2024年全国新能源汽车产量达1288.8万辆，其中出口占比超过15%。",
     "2025-02-01", False),
]


@pytest.mark.parametrize("label, text, published, flagged", PARTS, ids=[p[0] for p in PARTS])
def test_parts_against_their_total(checker: Checker, label: str, text: str, published: str,
                                   flagged: bool) -> None:
    assert (_checks(checker, text, published) == ["parts_over_total"]) is flagged, label
    if flagged:
        [finding] = checker.check(text, date.fromisoformat(published)).findings
        assert "more than the total" in finding.explanation and len(finding.claim_indexes) == 3


def test_a_conversion_uses_the_year_average_once_it_is_out(checker: Checker) -> None:
    # 2020: NBS's communiqué gives 6.8974 yuan per dollar; 101.6 trillion yuan is $14.7 trillion
    wrong = "GDP reached 101.6 trillion yuan ($17.9 trillion) in 2020."
    assert _checks(checker, wrong, "2021-03-10") == ["conversion"]
    assert _checks(checker, wrong.replace("$17.9", "$14.7"), "2021-03-10") == []
    # in January 2021 the year's average had not been published: nothing to hold it against
    assert _checks(checker, wrong, "2021-01-20") == []


def test_a_share_of_a_gdp_not_yet_out_is_bounded_by_the_last_one(checker: Checker) -> None:
    # a year-end report: 2024 GDP came out on 2025-01-17; 2023's (126.06 trillion) bounds it
    text = "Core value added reached 1.53 trillion yuan in 2024, accounting for 3.81 percent of GDP."
    result = checker.check(text, date(2024, 12, 31))
    assert [f.detail["check"] for f in result.findings] == ["share_of_gdp"]
    assert "at most 1.21% of 2024 GDP" in result.findings[0].explanation
    # 1.2 percent fits between 1.53 / 126.06 and the same grown a year: no finding
    assert _checks(checker, text.replace("3.81 percent", "1.2 percent"), "2024-12-31") == []
