"""How many claims per second `verifier.verdicts.verify` checks against a reference set.

Usage: .venv/bin/python benchmarks/verify_speed.py [CLAIMS] [OBSERVATIONS]   (default: 100000 10000)

Builds a synthetic reference set from the real catalogue (reference_data/indicators.yaml)
and the real USD/CNY rates: series for every indicator across CN and the provinces, in
each indicator's frequency (months for stocks, years, quarters, halves), plus plan
targets, until OBSERVATIONS are made. Then CLAIMS claims, drawn from those observations
with a fixed seed so every path of `verify` runs: claims that agree with the reference,
that are off by 30%, stocks stated "as of now" (latest-month lookup and the stale check),
targets and forecasts, USD claims against yuan indicators (exchange rate), claims with no
indicator and claims for a place with no series.

Each claim is verified once per run, one thread, three runs; the table prints the
claims per second of each run (per core, since it is one thread) against the target of
50,000, and the verdicts the claims got, to show what the mix exercised.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from verifier.claims import Claim
from verifier.indicators import Indicator, load_catalogue
from verifier.reference import Observation, ReferenceData, ReferenceSet, read_rates
from verifier.verdicts import verify

REPO = Path(__file__).resolve().parent.parent
TARGET = 50_000
PROVINCES = ["AH", "BJ", "CQ", "FJ", "GD", "GS", "GX", "GZ", "HA", "HB", "HE", "HI", "HL", "HN", "JL",
             "JS", "JX", "LN", "NM", "NX", "QH", "SC", "SD", "SH", "SN", "SX", "TJ", "XJ", "XZ", "YN", "ZJ"]
GEOGRAPHIES = ["CN"] + [f"CN-{p}" for p in PROVINCES]


def periods(ind: Indicator) -> list[str]:
    if ind.frequency == "monthly":  # month ends of two years, and each December before
        return [f"{y}-12" for y in range(2016, 2024)] + [f"{y}-{m:02d}" for y in (2024, 2025)
                                                          for m in range(1, 13)]
    if ind.frequency == "quarterly":
        return [f"{y}-Q{q}" for y in range(2020, 2026) for q in range(1, 5)]
    if ind.frequency == "half_yearly":
        return [f"{y}-H{h}" for y in range(2018, 2026) for h in (1, 2)]
    return [str(y) for y in range(2015, 2026)]


def base_value(ind: Indicator, rng: random.Random) -> float:
    if ind.unit in ("percent", "percentage_point"):
        return rng.uniform(1, 60)
    return 10 ** rng.uniform(2, 13)


def build_observations(indicators: list[Indicator], n: int, rng: random.Random) -> list[Observation]:
    out: list[Observation] = []
    for geo in GEOGRAPHIES:
        for ind in indicators:
            value = base_value(ind, rng)
            for period in periods(ind):
                value *= rng.uniform(0.95, 1.12) if not ind.is_rate else 1.0
                rate = rng.uniform(0.5 * value, 1.5 * value) if ind.is_rate else value
                qualifier = rng.choices(["exact", "about", "at_least"], [8, 1, 1])[0]
                out.append(Observation(ind.id, geo, period, round(rate, 2), ind.unit, qualifier,
                                       publisher="Synthetic Bureau", source_url="https://example.invalid/"))
                if len(out) == n:
                    return out
            if rng.random() < 0.25:  # a plan target for the series
                out.append(Observation(ind.id, geo, "2027" if ind.frequency != "monthly" else "2027-12",
                                       value * 1.3, ind.unit, "at_least", kind="target",
                                       publisher="Synthetic Plan"))
                if len(out) == n:
                    return out
    return out


def build_claims(obs: list[Observation], indicators: dict[str, Indicator], n: int,
                 rng: random.Random) -> list[Claim]:
    actual = [o for o in obs if o.kind == "actual"]
    stocks = [o for o in actual if indicators[o.indicator].measure == "stock" and len(o.period) == 7]
    cny = [o for o in actual if o.unit == "CNY" and o.period in ("2022", "2023")]
    empty_geos = [g for g in GEOGRAPHIES if g not in {o.geography for o in obs}] or ["CN-TW"]
    kinds = ["agrees", "off", "as_of_now", "target", "usd", "no_indicator", "no_series"]
    weights = [40, 15, 15, 10, 5, 10, 5]
    claims = []
    for _ in range(n):
        kind = rng.choices(kinds, weights)[0]
        o = rng.choice(stocks if kind == "as_of_now" else cny if (kind == "usd" and cny) else actual)
        value, unit, period, geo = o.value, o.unit, o.period, o.geography
        indicator: str | None = o.indicator
        explicit, claim_kind = True, "actual"
        if kind == "off":
            value *= 1.3
        elif kind == "as_of_now":  # "China has X" in an article a few months later
            year, month = int(period[:4]), int(period[5:])
            period, explicit = f"{year + (month + 3 > 12)}-{(month + 2) % 12 + 1:02d}", False
        elif kind == "target":
            claim_kind = rng.choice(["target", "forecast"])
            period = "2027" if len(period) != 7 else "2027-12"
        elif kind == "usd" and unit == "CNY":
            value, unit = value / 7.0, "USD"
        elif kind == "no_indicator":
            indicator = None
        elif kind == "no_series":
            geo = rng.choice(empty_geos)
        half = abs(value) * 0.005
        claims.append(Claim(
            text=f"{value:g}", start=0, end=8, sentence="A synthetic sentence.", value=value,
            lower=value - half, upper=value + half, unit=unit, qualifier="exact", indicator=indicator,
            geography=geo, period=period, kind=claim_kind, period_explicit=explicit))
    return claims


def main() -> int:
    n_claims = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    n_obs = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    rng = random.Random(20250722)
    catalogue = load_catalogue(REPO / "reference_data" / "indicators.yaml")
    indicators = list(catalogue.indicators.values())
    observations = build_observations(indicators, n_obs, rng)
    start = time.perf_counter()
    reference = ReferenceSet(observations, "synthetic")
    index_s = time.perf_counter() - start
    data = ReferenceData(catalogue, reference, read_rates(REPO / "reference_data" / "exchange_rates.csv"),
                         "synthetic")
    claims = build_claims(observations, catalogue.indicators, n_claims, rng)
    series = {(o.indicator, o.geography) for o in observations}
    print("verifier.verdicts.verify speed (one thread)")
    print(f"reference: {len(observations):,} observations, {len(indicators)} indicators, "
          f"{len(series):,} series over {len({g for _, g in series})} geographies "
          f"(ReferenceSet index built in {index_s * 1000:.0f} ms)")
    print(f"claims:    {len(claims):,}\n")

    verdicts = Counter(verify(c, data).verdict for c in claims)  # warm-up, and the mix
    rates = []
    print(f"{'run':>4}{'claims':>10}{'seconds':>10}{'claims/s':>12}")
    for run in range(1, 4):
        start = time.perf_counter()
        for claim in claims:
            verify(claim, data)
        seconds = time.perf_counter() - start
        rates.append(len(claims) / seconds)
        print(f"{run:>4}{len(claims):>10,}{seconds:>10.3f}{rates[-1]:>12,.0f}")
    best, median = max(rates), statistics.median(rates)
    print(f"\nclaims per second per core: median {median:,.0f}, best {best:,.0f} "
          f"(target >= {TARGET:,}: {'met' if median >= TARGET else 'NOT met'})")
    print("verdicts of the claim mix: " + ", ".join(f"{v} {n:,}" for v, n in verdicts.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
