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


# re.IGNORECASE matches these as ASCII letters, which str.lower() does not map back:
# 'ſ' (long s) as s, 'K' (Kelvin sign) as k, 'İ' (dotted capital I) as i.
_ODD_CASE = {"s": "ſ", "k": "\u212a", "i": "\u0130"}


@pytest.mark.parametrize("text", [
    "Output reached ſeven million units in ſeptember 2024.",
    "Sales rose ſix percent in the firſt quarter of laſt year, to twenty-ſix million.",
    "The ſector added ONE MİLLİON jobs; revenue hit 3.5 bİllİon yuan in the fİrst half.",
    "Capacity in Beİjİng reached 4 \u212ailo... 70 mİllİon \u212aWh in 2023.",
])
def test_odd_case_letters_read_as_their_ascii_letters(checker: Checker, text: str) -> None:
    plain = text.replace("ſ", "s").replace("\u212a", "K").replace("İ", "I")
    odd = [(c.value, c.unit, c.period) for c in checker.check(text, None).claims]
    assert odd == [(c.value, c.unit, c.period) for c in checker.check(plain, None).claims]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.booleans(), min_size=40, max_size=40))
def test_any_mix_of_odd_case_letters_never_crashes(checker: Checker, flips: list[bool]) -> None:
    base = ("China added seven million 5G users in the first six months, and sales in Beijing "
            "rose six percent last year to 2.5 trillion yuan, over a million kilowatts.")
    letters = [i for i, ch in enumerate(base) if ch in _ODD_CASE]
    chars = list(base)
    for flip, i in zip(flips, letters, strict=False):
        if flip:
            chars[i] = _ODD_CASE[chars[i]]
    text = "".join(chars)
    for claim in checker.check(text, None).claims:
        assert text[claim.start:claim.end] == claim.text


@pytest.mark.parametrize("space", ["  ", "\u00a0", " \t", "\u3000", "\u2009"])
def test_any_white_space_between_words_reads_as_one_space(checker: Checker, space: str) -> None:
    # a place name matched across odd white space ("Hong  Kong", a no-break space) once raised
    # KeyError: the name was looked up as written
    text = ("Hong Kong built 5,000 5G base stations in 2023, and the country added 600,000 "
            "5G base stations last year.")
    odd = text.replace(" ", space)
    got = [(c.value, c.geography, c.indicator, c.period) for c in checker.check(odd, None).claims]
    assert got == [(c.value, c.geography, c.indicator, c.period)
                   for c in checker.check(text, None).claims]
    assert got[0][1] == "CN-HK"
