"""A part of a series the catalogue does not hold apart (passenger cars, plug-in hybrids, retail
sales), and trade (exports), are not the whole series: such a figure links no indicator, and
the level a traded figure rose to goes with it (corpus en-915, zh-911)."""

from __future__ import annotations

import pytest

from tests.verifier.conftest import claims
from verifier.extract import Extractor


@pytest.mark.parametrize(("text", "indicators"), [
    ("Retail sales of new energy passenger vehicles reached 10.9 million in 2024, the China "
     "Passenger Car Association said.", [None]),
    ("Sales of new energy commercial vehicles rose 20 percent in 2024.", [None]),
    ("Sales of plug-in hybrids rose 83 percent to 5.1 million in 2024.", [None, None]),
    ("新能源乘用车零售销量1090万辆，同比增长40.7%。", [None, None]),
    ("纯电动汽车销量771.9万辆。", [None]),
    ("NEV exports rose 6.7 percent to 1.28 million in 2024.", [None, None]),
    ("NEV sales rose 35.5 percent in 2024, and exports 6.7 percent.",
     ["nev_sales_growth", None]),
    # the whole, with its parts named aside or in another clause
    ("NEV sales, including passenger and commercial vehicles, reached 12.87 million in 2024.",
     ["nev_sales"]),
    ("NEV sales rose 35.5 percent to 12.87 million in 2024.",
     ["nev_sales_growth", "nev_sales"]),
    ("Exports were strong. NEV sales rose 35.5 percent to 12.87 million in 2024.",
     ["nev_sales_growth", "nev_sales"]),
])
def test_parts_and_trade_are_not_the_series(extractor: Extractor, text: str,
                                            indicators: list[str | None]) -> None:
    assert [c.indicator for c in claims(extractor, text, "2025-03-01")] == indicators
