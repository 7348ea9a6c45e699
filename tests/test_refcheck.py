"""The reference file's row rules read a period as the verifier writes it (one definition:
verifier.reference.period_bounds)."""

from __future__ import annotations

import pytest

from claimwatch.refcheck import check_row
from claimwatch.settings import PROJECT_DIR
from verifier.reference import load_reference, row_to_observation


@pytest.mark.parametrize("period, ok", [
    ("2024", True), ("2024-06", True), ("2024-Q2", True), ("2024-H1", True), ("2021/2025", True),
    ("2024/2024", False), ("2025/2021", False), ("0000", False), ("2024-13", False),
    ("2024Q1", False), ("２０２４", False),
])
def test_a_row_period_is_checked_by_period_bounds(period: str, ok: bool) -> None:
    catalogue = load_reference(PROJECT_DIR / "reference_data").catalogue
    obs = row_to_observation({
        "indicator": "industrial_value_added", "period": period, "value": "40.5e12", "unit": "CNY",
        "publisher": "NBS", "source_url": "https://www.stats.gov.cn/"})
    errors, _ = check_row(obs, catalogue)
    assert [e for e in errors if e.startswith("period")] == ([] if ok else [
        f"period {period!r} is not YYYY, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY/YYYY "
        "(a span ending after it starts)"])
