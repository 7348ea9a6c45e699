"""A company's own figure is not the country's: 'BYD sold 4.27 million new energy vehicles'
keeps nev_sales as a candidate but links no indicator, so it is never judged against the
national series (corpus en-914, zh-910). A company that is only the source of a national
figure, or one of several, leaves the figure national."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.verifier.conftest import ROOT, claims
from verifier.check import Checker
from verifier.extract import Extractor
from verifier.reference import load_reference

COMPANY = [
    ("BYD sold 4.27 million new energy vehicles in 2024.", "nev_sales"),
    ("China Mobile had 2.4 million 5G base stations at the end of 2024.", "5g_base_stations"),
    ("China Mobile's 5G users reached 550 million at the end of 2024.", "5g_users"),
    ("Sales of new energy vehicles at Geely rose 92 percent in 2024.", "nev_sales_growth"),
    ("比亚迪2024年新能源汽车销量427万辆。", "nev_sales"),
    ("中国移动5G基站超过240万个。", "5g_base_stations"),
    ("Tesla's Shanghai plant produced 950,000 new energy vehicles in 2024.", "nev_production"),
]


@pytest.mark.parametrize(("text", "candidate"), COMPANY)
def test_a_companys_figure_links_no_indicator(extractor: Extractor, text: str,
                                              candidate: str) -> None:
    (got,) = claims(extractor, text, "2025-03-01")
    assert got.indicator is None
    assert candidate in got.candidates


def test_the_company_points_back_to_one(extractor: Extractor) -> None:
    got = claims(extractor, "The company sold 1.8 million NEVs in 2024, up 40 percent.",
                 "2025-03-01")
    assert [c.indicator for c in got] == [None, None]


@pytest.mark.parametrize(("text", "indicator"), [
    ("According to BYD, NEV sales rose 35.5 percent in 2024.", "nev_sales_growth"),
    ("BYD said China's NEV sales rose 35.5 percent in 2024.", "nev_sales_growth"),
    ("BYD and other carmakers pushed NEV sales to 12.87 million in 2024.", "nev_sales"),
    ("Carmakers led by BYD sold 12.87 million NEVs in 2024.", "nev_sales"),
    ("比亚迪等企业带动2024年新能源汽车销量达到1286.6万辆。", "nev_sales"),
    ("据中国移动介绍，我国5G基站总数达到425万个。", "5g_base_stations"),
])
def test_a_company_as_source_or_one_of_several_leaves_the_figure_national(
        extractor: Extractor, text: str, indicator: str) -> None:
    (got,) = claims(extractor, text, "2025-03-01")
    assert got.indicator == indicator


def test_national_and_company_figures_in_one_sentence(extractor: Extractor) -> None:
    got = claims(extractor, "China sold 12.87 million NEVs in 2024, and BYD alone sold "
                 "4.27 million.", "2025-03-01")
    assert [c.indicator for c in got] == ["nev_sales", None]


def test_a_companys_figure_is_not_flagged_against_the_national_series() -> None:
    checker = Checker(load_reference(Path(ROOT) / "reference_data"))
    result = checker.check("BYD sold 4.27 million new energy vehicles in 2024.",
                           date(2025, 3, 1))
    assert [c.verdict for c in result.claims] == ["unverifiable"]
    assert result.findings == []
