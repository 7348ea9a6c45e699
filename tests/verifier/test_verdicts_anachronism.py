"""A verdict uses only what had been published by the article's date.

Labelled examples on a small reference set written for the purpose: each observation says
when it came out (or not, and then its period's end plus the release lag counts)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from verifier.claims import Claim
from verifier.indicators import load_catalogue
from verifier.reference import (
    Observation,
    ReferenceData,
    ReferenceSet,
    available_on,
    period_bounds,
)
from verifier.verdicts import verify

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue(ROOT / "reference_data" / "indicators.yaml")


def _obs(indicator: str, period: str, value: float, unit: str, published: str = "",
         revision: str = "") -> Observation:
    return Observation(indicator=indicator, geography="CN", period=period, value=value, unit=unit,
                       publisher="Test Bureau", source_url="https://stats.example.org/x",
                       published=published, revision=revision)


OBSERVATIONS = [
    _obs("5g_base_stations", "2023-12", 3_377_000, "count", "2024-01-19"),
    _obs("5g_base_stations", "2024-03", 3_640_000, "count", "2024-04-18"),
    _obs("5g_base_stations", "2024-12", 4_251_000, "count", "2025-01-21"),
    # released only in 2025: the 2023 level as first published in 2025
    _obs("manufacturing_value_added", "2023", 39_900_000_000_000, "CNY", "2025-02-10", "revised"),
    # no date: counts from its period's end plus the monthly lag
    _obs("5g_users", "2024-03", 874_000_000, "count"),
    _obs("5g_users", "2023-12", 805_000_000, "count", "2024-01-19"),
]


@pytest.fixture(scope="module")
def data() -> ReferenceData:
    frequencies = {i.id: i.frequency for i in CATALOGUE.indicators.values()}
    return ReferenceData(CATALOGUE, ReferenceSet(OBSERVATIONS, "test", frequencies), {}, "test")


def _claim(indicator: str, value: float, unit: str, period: str, explicit: bool) -> Claim:
    return Claim(text=f"{value:g}", start=0, end=1, sentence="", value=value, lower=value,
                 upper=value, unit=unit, qualifier="exact", indicator=indicator, geography="CN",
                 period=period, kind="actual", period_explicit=explicit)


# (label, claim, article date, verdict with the date, verdict on everything known today)
CASES = [
    ("April 2024 article with the end-2023 count as current: not stale on March's data, "
     "out a week later",
     _claim("5g_base_stations", 3_377_000, "count", "2024-04", False), date(2024, 4, 10),
     "consistent", "stale"),
    ("the same article a fortnight later, once March's data were out: stale",
     _claim("5g_base_stations", 3_377_000, "count", "2024-04", False), date(2024, 4, 25),
     "stale", "stale"),
    ("March 2024 article on the 2023 level: the only figure came out in 2025, so nothing to "
     "judge it on, and never inconsistent",
     _claim("manufacturing_value_added", 33_000_000_000_000, "CNY", "2023", True),
     date(2024, 3, 12), "unverifiable", "inconsistent"),
    ("an undated row counts from its period's end plus the lag: not yet out on April 5",
     _claim("5g_users", 805_000_000, "count", "2024-04", False), date(2024, 4, 5),
     "consistent", "stale"),
    ("... and out by April 20",
     _claim("5g_users", 805_000_000, "count", "2024-04", False), date(2024, 4, 20),
     "stale", "stale"),
    ("a 2025 article on end-2024: the end-2024 figure is known",
     _claim("5g_base_stations", 4_251_000, "count", "2024-12", True), date(2025, 2, 1),
     "consistent", "consistent"),
]


@pytest.mark.parametrize("label, claim, published, expected, unbounded", CASES,
                         ids=[c[0][:50] for c in CASES])
def test_only_what_was_published_by_the_article_date_counts(
        data: ReferenceData, label: str, claim: Claim, published: date, expected: str,
        unbounded: str) -> None:
    assert verify(replace(claim), data, published).verdict == expected, label
    # without a date everything known counts: the case is one the date decides
    assert verify(replace(claim), data).verdict == unbounded, label


def test_unverifiable_says_the_figure_came_later(data: ReferenceData) -> None:
    claim = _claim("manufacturing_value_added", 33_000_000_000_000, "CNY", "2023", True)
    verdict = verify(claim, data, date(2024, 3, 12))
    assert "published by 2024-03-12" in verdict.explanation and verdict.reference is None


def test_when_an_observation_became_public() -> None:
    repost = _obs("gdp", "2024", 1.0, "CNY", "2025-07-11")
    assert available_on(repost, "annual") == date(2025, 1, 17)  # a late re-post: the usual date
    early = _obs("gdp", "2024", 1.0, "CNY", "2025-01-10")
    assert available_on(early, "annual") == date(2025, 1, 10)  # a page proves it was out
    revised = _obs("gdp", "2023", 1.0, "CNY", "2024-12-27", "revised")
    assert available_on(revised, "annual") == date(2024, 12, 27)  # revisions come late
    by_month = _obs("5g_base_stations", "2025-11", 1.0, "count", "2025-11")
    assert available_on(by_month, "monthly") == date(2025, 11, 1)
    assert available_on(_obs("gdp", "2024-Q1", 1.0, "CNY"), "quarterly") == date(2024, 4, 15)
    assert available_on(_obs("gdp", "someday", 1.0, "CNY")) is None


@pytest.mark.parametrize("period, bounds", [
    ("2024", (date(2024, 1, 1), date(2024, 12, 31))),
    ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
    ("2024-Q3", (date(2024, 7, 1), date(2024, 9, 30))),
    ("2024-H2", (date(2024, 7, 1), date(2024, 12, 31))),
    ("2021/2025", (date(2021, 1, 1), date(2025, 12, 31))),
    ("2024-13", None),
    ("2025/2021", None),
    ("mid-2024", None),
])
def test_period_bounds(period: str, bounds: tuple[date, date] | None) -> None:
    assert period_bounds(period) == bounds
