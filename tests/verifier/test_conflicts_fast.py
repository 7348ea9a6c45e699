"""find_conflicts_fast (the sweep the periodic conflict check runs on keys with many claims)
decides exactly as find_conflicts, pair by pair: the same conflicts, claims and publishers,
in the same order, on generated claims that hit every rule."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.conflicts import SourcedClaim, find_conflicts, find_conflicts_fast

# few distinct values, so that equal, overlapping, nested and disjoint intervals all occur
VALUES = st.sampled_from([0.0, -5.0, 90.0, 99.5, 100.0, 100.5, 101.0, 102.5, 150.0])
PUBLISHERS = st.sampled_from(["Pacific Ledger", "pacific  ledger", "PACIFIC LEDGER ",
                              "东岸科技网", "Harbour Post", "Eastern Ledger"])
REFERENCES = st.sampled_from(["", "NBS", "MIIT (via Xinhua)", "工信部", "Global Times",
                              "IFR", "non-official estimate"])


@st.composite
def sourced(draw: st.DrawFn, claim_id: int) -> SourcedClaim:
    value = draw(VALUES)
    shape = draw(st.sampled_from(["exact", "interval", "at_least", "at_most"]))
    width = draw(st.sampled_from([0.0, 0.5, 1.0, 3.0]))
    lower = None if shape == "at_most" else value - (width if shape == "interval" else 0.0)
    upper = None if shape == "at_least" else value + (width if shape == "interval" else 0.0)
    return SourcedClaim(
        claim_id, draw(st.sampled_from(["nev_sales", "gdp"])), "CN",
        draw(st.sampled_from(["2024", "2025-01"])), value, lower, upper, draw(PUBLISHERS),
        draw(st.integers(1, 6)), draw(st.booleans()), draw(st.sampled_from(["count", "CNY"])),
        draw(st.sampled_from([None, date(2025, 1, 20), date(2025, 3, 2)])),
        draw(st.sampled_from([None, "consistent", "inconsistent"])), draw(REFERENCES),
        draw(st.sampled_from([None, 100.0, 100, 150.0])))


@st.composite
def claim_sets(draw: st.DrawFn) -> list[SourcedClaim]:
    count = draw(st.integers(0, 30))
    return [draw(sourced(i)) for i in range(1, count + 1)]


@settings(max_examples=600, deadline=None)
@given(claim_sets(), st.sampled_from([0.0, 0.01, 0.05]))
def test_the_sweep_decides_as_the_pairwise_check(claims: list[SourcedClaim],
                                                 tolerance: float) -> None:
    assert find_conflicts_fast(claims, tolerance) == find_conflicts(claims, tolerance)


def test_a_popular_key_gives_the_same_conflict_as_pairwise() -> None:
    # the pipeline benchmark's shape: most outlets right, one in four wrong, a few syndicated
    value = [4_251_000.0 if i % 4 else 3_188_000.0 for i in range(400)]
    claims = [SourcedClaim(i, "5g_base_stations", "CN", "2024-12", value[i], value[i] - 5000,
                           value[i] + 5000, f"Outlet {i % 97}",
                           i - (i % 5 == 0), i % 7 != 0, "count", date(2025, 3, 1),
                           "consistent" if i % 4 else "inconsistent",
                           "MIIT" if i % 4 else "", 4_251_000.0 if i % 4 else None)
              for i in range(1, 400)]
    fast = find_conflicts_fast(claims)
    assert fast == find_conflicts(claims)
    assert len(fast) == 1 and len(fast[0].claim_ids) > 300


def test_nan_values_are_left_to_the_pairwise_check() -> None:
    nan = float("nan")
    claims = [SourcedClaim(1, "gdp", "CN", "2024", nan, nan, 5.0, "A", 1),
              SourcedClaim(2, "gdp", "CN", "2024", 9.0, 9.0, 9.0, "B", 2),
              SourcedClaim(3, "gdp", "CN", "2024", 1.0, 1.0, 1.0, "C", 3)]
    assert find_conflicts_fast(claims) == find_conflicts(claims)
    assert find_conflicts_fast(claims)[0].claim_ids == (1, 2, 3)
