"""Bad input gives a clear result, never a hang or a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from claimwatch.cli import main
from verifier.check import Checker
from verifier.extract import ExtractionError, Extractor
from verifier.numbers import read_arabic, read_chinese
from verifier.quantities import find_quantities
from verifier.reference import load_reference

REFERENCE = Path(__file__).resolve().parents[2] / "reference_data"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(load_reference(REFERENCE))


@pytest.mark.parametrize("text", [
    "",
    "   \n\n  ",
    "7" * 5_000_000,  # 5 MB of digits: one id-like token, not a claim
    "1 2 3 4 5 6 7 8 9 " * 5000,  # a flattened table: no sentence, no claims
    "".join(chr(c) for c in range(0x2000, 0x2400)) * 20,  # odd punctuation and symbols
    "<html><body><p>unclosed <b>5.8 percent <table><tr><td>",  # broken markup as text
    "增长5.8%，up 3 percent，𝟙𝟚 ١٢٣ ½，二十万亿元。" * 50,  # mixed scripts
])
def test_odd_text_gives_a_result(checker: Checker, text: str) -> None:
    result = checker.check(text, None)
    for claim in result.claims:
        assert text[claim.start:claim.end] == claim.text


def test_a_text_over_the_limit_is_refused_with_a_reason(checker: Checker) -> None:
    with pytest.raises(ExtractionError, match="over the"):
        Extractor(checker.data.catalogue).extract("x" * 20_000_001)


def test_invalid_utf8_on_standard_input_is_read(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", "-", "--format", "text"],
                                input=b"\xff\xfe GDP grew 5.0 percent in 2024 \xc3\x28")
    assert result.exit_code == 0
    assert "5.0 percent" in result.output


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15), st.integers(min_value=0, max_value=4))
def test_arabic_numbers_read_back_exactly(n: int, decimals: int) -> None:
    written = f"{n / 10**decimals:,.{decimals}f}"
    number = read_arabic(written)
    assert number.value == pytest.approx(float(written.replace(",", "")))
    assert number.step == pytest.approx(10.0 ** -decimals if decimals else number.step)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_numerals_read_back(n: int) -> None:
    import cn2an

    number = read_chinese(cn2an.an2cn(n))
    assert number is not None and number.value == n


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_the_quantity_finder_never_raises_and_keeps_offsets(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        if q.lower is not None and q.upper is not None:
            assert q.lower <= q.upper
