"""One definition of a period string: verifier.reference.period_bounds. The correction form
(claimwatch.corrections.check_period) and a reviewer's observation take what it takes and
refuse what it refuses, and it takes every period the extractor writes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimwatch.corrections import CorrectionForm, check_form, check_period
from claimwatch.observations import NewObservation, validation_errors
from claimwatch.settings import PROJECT_DIR
from verifier.periods import TimeExpr, period_start
from verifier.reference import ReferenceData, load_reference, period_bounds

D = date
# (period, its first and last day) for the periods there are ...
PERIODS = [
    ("2024", D(2024, 1, 1), D(2024, 12, 31)),
    ("2024-01", D(2024, 1, 1), D(2024, 1, 31)),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),  # a leap year's February
    ("2023-02", D(2023, 2, 1), D(2023, 2, 28)),
    ("2024-12", D(2024, 12, 1), D(2024, 12, 31)),
    ("2024-Q1", D(2024, 1, 1), D(2024, 3, 31)),
    ("2024-Q4", D(2024, 10, 1), D(2024, 12, 31)),
    ("2024-H1", D(2024, 1, 1), D(2024, 6, 30)),
    ("2024-H2", D(2024, 7, 1), D(2024, 12, 31)),
    ("2021/2025", D(2021, 1, 1), D(2025, 12, 31)),  # the 14th five-year plan
    ("2016/2020", D(2016, 1, 1), D(2020, 12, 31)),
    ("2024/2025", D(2024, 1, 1), D(2025, 12, 31)),
]
# ... and strings that are none, with why
NOT_PERIODS = [
    ("2024/2024", "a span of one year is written 2024"),
    ("2025/2021", "a span that ends before it starts"),
    ("0000", "year 0 is no date (was a crash)"),
    ("２０２４", "full-width digits"),
    ("٢٠٢٤", "Arabic-Indic digits"),
    ("2024-0１", "a full-width digit in the month"),
    ("2024Q1", "a quarter is written 2024-Q1"),
    ("2024-q1", "lower case"),
    ("2024-h2", "lower case"),
    ("2024-Q0", "no quarter 0"),
    ("2024-Q5", "no quarter 5"),
    ("2024-H3", "no third half"),
    ("2024-00", "no month 0"),
    ("2024-13", "no month 13"),
    ("2024-1", "a month has two digits"),
    ("2024-01/2024-06", "a month range is not a period we write"),
    ("2024-01/06", "a month range is not a period we write"),
    ("2024-H1/2025", "a span is of whole years"),
    ("2024-01-05", "a day"),
    ("20245", "five digits"),
    ("2024/", "a span without its end"),
    ("mid-2024", "words"),
    ("", "nothing"),
]


@pytest.mark.parametrize("period, first, last", PERIODS, ids=[p[0] for p in PERIODS])
def test_a_period_has_its_days_and_the_form_takes_it(period: str, first: date,
                                                     last: date) -> None:
    assert period_bounds(period) == (first, last)
    assert check_period(period) == period
    assert check_period(f"  {period}\n") == period  # typed with spaces around it


@pytest.mark.parametrize("text, why", NOT_PERIODS, ids=[p[0] or "empty" for p in NOT_PERIODS])
def test_a_string_that_is_no_period_is_refused_by_both(text: str, why: str) -> None:
    assert period_bounds(text) is None, why
    assert check_period(text) is None, why


def test_period_bounds_takes_no_spaces() -> None:
    """Only the form forgives spaces; a stored period never has them."""
    assert period_bounds(" 2024") is None and period_bounds("2024\n") is None


@st.composite
def labels(draw: st.DrawFn) -> str:
    """A period as verifier/periods.py writes it for a figure: a year, month, quarter, half,
    or a span of up to ten years (a five-year plan among them), 1980 to 2049."""
    year = draw(st.integers(1980, 2049))
    shape = draw(st.sampled_from(["year", "month", "quarter", "half", "span"]))
    expr = {"year": TimeExpr(0, 0, year=year),
            "month": TimeExpr(0, 0, year=year, month=draw(st.integers(1, 12))),
            "quarter": TimeExpr(0, 0, year=year, quarter=draw(st.integers(1, 4))),
            "half": TimeExpr(0, 0, year=year, half=draw(st.integers(1, 2))),
            "span": TimeExpr(0, 0, span=(year, year + draw(st.integers(1, 10))))}[shape]
    label = expr.label()
    assert label is not None
    return label


@given(labels())
def test_every_period_the_extractor_writes_is_one(label: str) -> None:
    bounds = period_bounds(label)
    assert bounds is not None and check_period(label) == label
    first, last = bounds
    assert first == period_start(label) and first.day == 1 and first <= last
    assert (last + timedelta(days=1)).day == 1  # ends on a month's last day


def test_the_correction_form_says_what_a_period_is() -> None:
    data = load_reference(PROJECT_DIR / "reference_data")
    for typed in ("2024/2024", "0000", "２０２４"):
        _, errors = check_form(CorrectionForm(indicator="", period=typed, value="5",
                                              kind="actual"), data)
        assert errors == [f"Period {typed!r} is not a period: write YYYY, YYYY-MM, YYYY-Qn, "
                          f"YYYY-H1/H2 or YYYY/YYYY."]


@pytest.fixture(scope="module")
def data() -> ReferenceData:
    return load_reference(PROJECT_DIR / "reference_data")


@pytest.mark.parametrize("period", ["2024/2024", "2025/2021", "0000"])
def test_an_observation_for_no_period_is_refused(data: ReferenceData, period: str) -> None:
    """They have a period's shape and are no period: the file's row check (period_bounds) says so."""
    new = NewObservation(indicator="5g_factories", geography="CN", period=period,
                         value=10_000.0, unit="count", qualifier="exact",
                         publisher="Test Ministry", source_url="https://example.org/plan",
                         published=None, note="")
    errors = validation_errors(new, data, today=date(2026, 1, 1))
    assert f"period {period!r} is not YYYY, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY/YYYY (a span " \
        "ending after it starts)" in errors
