"""The period an undated figure inherits: a look back from the text's year does not move the
text there, and a count of things done in a period is dated by the period, not a month end
(corpus en-006, en-007)."""

from __future__ import annotations

from tests.verifier.conftest import claims
from verifier.extract import Extractor


def test_a_year_earlier_is_a_look_back_not_the_texts_new_year(extractor: Extractor) -> None:
    text = ("Carmakers sold 9.5 million new energy vehicles in 2023.\n\n"
            "NEVs took 31.6 percent of the market, up from about a quarter a year earlier. "
            "Output rose 35.8 percent.")
    got = claims(extractor, text, "2024-01-15")
    assert [(c.text, c.period) for c in got] == [
        ("9.5 million", "2023"), ("31.6 percent", "2023"), ("about a quarter", "2022"),
        ("35.8 percent", "2023")]


def test_a_later_year_still_moves_the_text(extractor: Extractor) -> None:
    text = ("Carmakers sold 6.9 million new energy vehicles in 2022.\n\n"
            "In 2023 sales reached 9.5 million, up from 6.9 million a year earlier. "
            "Output rose 35.8 percent.")
    got = claims(extractor, text, "2024-01-15")
    assert got[-1].period == "2023"


def test_shipments_and_counts_during_the_year_are_flows(extractor: Extractor) -> None:
    text = ("Production reached 9.6 million vehicles in 2023. Shipments abroad jumped to "
            "1.2 million vehicles. More than 40 brands cut prices during the year.")
    got = claims(extractor, text, "2024-01-15")
    assert [(c.text, c.period) for c in got][1:] == [
        ("1.2 million", "2023"), ("More than 40", "2023")]


def test_an_uncatalogued_count_with_no_flow_word_is_a_stock(extractor: Extractor) -> None:
    got = claims(extractor, "By 2023 the city had 1,200 robot makers.", "2024-01-15")
    assert got[0].period == "2023-12"
