"""When is an undated figure stale? When it repeats an earlier figure of the series, not when it
merely lies above an earlier lower bound. And a total for a month after the latest figure out,
above it by what the series' pace allows, is newer than the data, not wrong.

Labelled examples on a small reference set written for the purpose."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.verifier.conftest import claims
from verifier.claims import Claim
from verifier.extract import Extractor
from verifier.indicators import load_catalogue
from verifier.reference import Observation, ReferenceData, ReferenceSet
from verifier.verdicts import verify

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue(ROOT / "reference_data" / "indicators.yaml")


def _obs(indicator: str, period: str, value: float, unit: str, qualifier: str) -> Observation:
    return Observation(indicator=indicator, geography="CN", period=period, value=value, unit=unit,
                       qualifier=qualifier, publisher="Test Bureau",
                       source_url="https://stats.example.org/x", published="")


OBSERVATIONS = [
    # a growing total known only as bounds, then exactly
    _obs("computing_power", "2022-06", 150, "eflops", "at_least"),
    _obs("computing_power", "2022-12", 180, "eflops", "exact"),
    _obs("computing_power", "2023-06", 197, "eflops", "exact"),
    # a series given only as "more than"
    _obs("5g_industrial_internet_projects", "2023-12", 10_000, "count", "at_least"),
    _obs("5g_industrial_internet_projects", "2024-12", 17_000, "count", "at_least"),
    # a total rising by 50,000 a month, the latest out for March
    _obs("5g_base_stations", "2024-12", 4_250_000, "count", "exact"),
    _obs("5g_base_stations", "2025-03", 4_400_000, "count", "exact"),
    # a total that fell
    _obs("5g_users", "2024-12", 900_000_000, "count", "exact"),
    _obs("5g_users", "2025-03", 880_000_000, "count", "exact"),
]


@pytest.fixture(scope="module")
def data() -> ReferenceData:
    frequencies = {i.id: i.frequency for i in CATALOGUE.indicators.values()}
    return ReferenceData(CATALOGUE, ReferenceSet(OBSERVATIONS, "test", frequencies), {}, "test")


def _undated(indicator: str, value: float, unit: str, period: str, qualifier: str = "exact",
             spread: float = 0.0) -> Claim:
    return Claim(text=f"{value:g}", start=0, end=1, sentence="", value=value,
                 lower=value - spread, upper=value + spread, unit=unit, qualifier=qualifier,
                 indicator=indicator, geography="CN", period=period, kind="actual",
                 period_explicit=False)


CASES = [
    ("230 is above 'more than 150' of 2022, but repeats no figure: six months after the latest"
     " 197, at the pace before it, newer than the data",
     _undated("computing_power", 230, "eflops", "2023-12"), "unverifiable"),
    ("300 also lies above 'more than 150', and beyond any pace: wrong, not stale",
     _undated("computing_power", 300, "eflops", "2023-12"), "inconsistent"),
    ("180 repeats the exact end-2022 figure: stale",
     _undated("computing_power", 180, "eflops", "2023-12"), "stale"),
    ("150 repeats the figure the 2022 bound states: stale",
     _undated("computing_power", 150, "eflops", "2023-12"), "stale"),
    ("'about 10,000' in 2025 repeats the end-2023 'more than 10,000': stale",
     _undated("5g_industrial_internet_projects", 10_000, "count", "2025-03", "about", 500),
     "stale"),
    ("13,000 lies above the end-2023 bound and below the latest one: no repeat",
     _undated("5g_industrial_internet_projects", 13_000, "count", "2025-03"), "inconsistent"),
    ("June's 4.6 million, three months after March's 4.4 million, at the pace before: newer",
     _undated("5g_base_stations", 4_600_000, "count", "2025-06"), "unverifiable"),
    ("June's 6 million is far beyond that pace: wrong",
     _undated("5g_base_stations", 6_000_000, "count", "2025-06"), "inconsistent"),
    ("June's 3.9 million is below March's and repeats no figure: wrong, whatever the pace",
     _undated("5g_base_stations", 3_900_000, "count", "2025-06"), "inconsistent"),
    ("March's own month gets no allowance: 4.6 million is wrong for March",
     _undated("5g_base_stations", 4_600_000, "count", "2025-03"), "inconsistent"),
    ("a total that fell gives no allowance for a higher figure later",
     _undated("5g_users", 950_000_000, "count", "2025-06"), "inconsistent"),
]


@pytest.mark.parametrize("label, claim, expected", CASES, ids=[c[0][:50] for c in CASES])
def test_stale_only_when_an_earlier_figure_is_repeated(data: ReferenceData, label: str,
                                                       claim: Claim, expected: str) -> None:
    assert verify(claim, data).verdict == expected, label


def test_heading_takes_the_body_figure_dating(extractor: Extractor) -> None:
    # the text below dates the heading's figure: the heading is as explicit as that sentence,
    # so the two get one verdict
    text = ("Computing power hits 230 EFLOPS\n\n"
            "Total computing power reached 230 EFLOPS at the end of 2023, the ministry said.")
    got = claims(extractor, text, "2024-04-19")
    assert [(c.period, c.period_explicit) for c in got] == [("2023-12", True), ("2023-12", True)]


def test_heading_with_no_dated_figure_below_stays_undated(extractor: Extractor) -> None:
    text = ("Computing power hits 230 EFLOPS\n\n"
            "The country has 230 EFLOPS of computing power, the ministry said.")
    got = claims(extractor, text, "2024-04-19")
    assert [c.period_explicit for c in got] == [False, False]
