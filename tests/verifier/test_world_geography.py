"""Figures of the world or of another country are not China's: they get their own geography,
and a verdict on them says the reference has no series for it instead of comparing them with
China's. A world word that ranks China ("the world's largest"), names something ("World
Bank", "世界机器人大会"), sets the scene ("weak global demand") or is the whole of a share
("30 percent of the world's", "占全球比重") leaves the figure China's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.verifier.conftest import ROOT, claims
from verifier.check import Checker
from verifier.extract import Extractor
from verifier.reference import load_reference


@pytest.mark.parametrize(("text", "geographies"), [
    ("Global sales of new energy vehicles reached 17.3 million in 2024.", ["WORLD"]),
    ("Worldwide NEV sales rose 25 percent to 17.3 million in 2024.", ["WORLD", "WORLD"]),
    ("全球新能源汽车销量达到1730万辆。", ["WORLD"]),
    ("The rest of the world had 1.2 million 5G base stations in 2024.", ["WORLD"]),
    ("India had 450,000 5G base stations at the end of 2024.", ["IN"]),
    ("The US had 100,000 5G base stations; China had 4.25 million.", ["US", "CN"]),
    ("The EU imported 500,000 Chinese electric cars in 2024.", ["EU"]),
    ("Global NEV sales reached 17.3 million in 2024, of which China sold 12.9 million.",
     ["WORLD", "CN"]),
    # China's, with a world word beside it
    ("China, the world's largest car market, sold 12.9 million new energy vehicles in 2024.",
     ["CN"]),
    ("China accounted for 60 percent of global 5G base stations in 2024.", ["CN"]),
    ("China's share of the world market was 62 percent in 2024.", ["CN"]),
    ("China's global market share of NEVs reached 60 percent in 2024.", ["CN"]),
    ("Amid weak global demand, exports rose 7 percent in 2024.", ["CN"]),
    ("In the global market, Chinese brands sold 2 million cars in 2024.", ["CN"]),
    ("According to the World Bank, China produced 28.8 percent of the world's manufacturing "
     "output in 2023.", ["CN"]),
    ("我国新能源汽车产销量连续10年位居全球第一，2024年销量达到1286.6万辆。", ["CN"]),
    ("在2024世界机器人大会上，工业和信息化部介绍，2023年我国工业机器人产量达到43万套。", ["CN"]),
    ("制造业增加值占GDP比重26.2%，占全球比重约30%。", ["CN", "CN"]),
    ("全球经济复苏乏力，2024年我国出口增长7.1%。", ["CN"]),
    ("The Global Times said operators had built 819,000 5G base stations by March.", ["CN"]),
    ("The IFR's World Robotics report counted 276,288 robots installed in China in 2023.",
     ["CN"]),
])
def test_geography_of_world_and_foreign_figures(extractor: Extractor, text: str,
                                                geographies: list[str]) -> None:
    assert [c.geography for c in claims(extractor, text, "2025-03-01")] == geographies


def test_a_province_named_after_a_country_is_still_the_province(extractor: Extractor) -> None:
    text = ("Guangdong had 330,000 5G base stations in 2024, more than Japan. "
            "The province plans 400,000 by 2026.")
    got = claims(extractor, text, "2025-03-01")
    assert [c.geography for c in got] == ["CN-GD", "CN-GD"]


def test_a_world_figure_is_not_judged_against_chinas(extractor: Extractor) -> None:
    checker = Checker(load_reference(Path(ROOT) / "reference_data"))
    world = checker.check("Global 5G base stations numbered 5.5 million by the end of 2024.",
                          date(2025, 3, 1)).claims
    china = checker.check("China had 5.5 million 5G base stations by the end of 2024.",
                          date(2025, 3, 1)).claims
    assert [(c.indicator, c.verdict) for c in world] == [("5g_base_stations", "unverifiable")]
    assert [(c.indicator, c.verdict) for c in china] == [("5g_base_stations", "inconsistent")]
