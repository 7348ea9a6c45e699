"""Classes of extraction error found on the seeds and the corpus, each with sentences of our own
that show the rule (the corpus and seed sentences are not repeated here)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from verifier.claims import Claim
from verifier.extract import Extractor
from verifier.indicators import load_catalogue

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_catalogue(ROOT / "reference_data" / "indicators.yaml"))


def claims(extractor: Extractor, text: str, published: str) -> list[Claim]:
    return extractor.extract(text, date.fromisoformat(published))


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
