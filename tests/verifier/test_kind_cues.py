"""An analyst's assumption about a figure is a forecast, not a plan's target (corpus en-029);
a past figure beside the word stays an actual."""

from __future__ import annotations

import pytest

from tests.verifier.conftest import claims
from verifier.extract import Extractor


@pytest.mark.parametrize(("text", "kind"), [
    ("My working assumption is that robot output growth lands between 20 and 30 percent "
     "in 2026.", "forecast"),
    ("The budget assumes GDP growth of about 5 percent in 2026.", "forecast"),
    ("The assumption that growth would slow proved wrong: GDP grew 5.2 percent in 2023.",
     "actual"),
])
def test_assumption_is_a_forecast(extractor: Extractor, text: str, kind: str) -> None:
    got = claims(extractor, text, "2025-09-01")
    assert [c.kind for c in got] == [kind]
