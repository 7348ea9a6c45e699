"""A verdict for one claim against the reference data.

consistent / inconsistent / stale / unverifiable / target, with the reference
used, the relative deviation and one sentence a person can read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from verifier.claims import Claim, Reference
from verifier.formatting import describe_period, format_value
from verifier.indicators import Indicator
from verifier.reference import Observation, ReferenceData, month_index

STOCK_LAG_MONTHS = 9  # how old the latest figure may be for a claim "as of now"
EXPLICIT_LAG_MONTHS = 1


@dataclass(frozen=True)
class Verdict:
    verdict: str
    reference: Reference | None
    deviation: float | None
    explanation: str
    severity: float = 0.0


def verify(claim: Claim, data: ReferenceData, as_of: date | None = None) -> Verdict:
    """`as_of` is the article's date: only figures published by then are used, so an article
    is never called stale or wrong on data that came out after it."""
    ind = data.catalogue.get(claim.indicator)
    said = f"The article says {claim.text}"
    if ind is not None:
        said += f" ({ind.name_en}, {describe_period(claim.period) if claim.period else 'no period'})"
    if claim.kind in ("target", "forecast"):
        return _target(claim, ind, data, said)
    if ind is None:
        return Verdict("unverifiable", None, None,
                       f"{said}; no catalogue indicator was recognised for it: unverifiable.")
    if claim.period is None:
        return Verdict("unverifiable", None, None,
                       f"{said}; the period it refers to could not be determined: unverifiable.")
    interval = _claim_interval(claim, ind, data)
    if interval is None:
        return Verdict("unverifiable", None, None,
                       f"{said}; it is in {claim.unit}, which cannot be compared with the "
                       f"reference in {ind.unit}: unverifiable.")
    candidates = _candidates(claim, ind, data, as_of)
    if not candidates:
        later = as_of is not None and bool(_candidates(claim, ind, data, None))
        by = f" published by {as_of.isoformat()}, the article's date" if later and as_of else ""
        return Verdict("unverifiable", None, None,
                       f"{said}; the reference data has no {ind.name_en} for {claim.geography} "
                       f"in {describe_period(claim.period)}{by}: unverifiable.")
    lo, hi, value = interval
    for obs in candidates:
        if _agrees(lo, hi, obs, ind):
            return _with_ref("consistent", obs, value, ind, said)
    best = min(candidates, key=lambda o: abs(value - o.value))
    ahead = _ahead_of_reference(claim, ind, data, value, best, as_of, said)
    if ahead is not None:
        return ahead
    if not claim.period_explicit or claim.pair_role is None:
        stale = _stale_match(claim, ind, data, lo, hi, best, as_of)
        if stale is not None and not claim.period_explicit:
            verdict = _with_ref("stale", best, value, ind, said)
            earlier = f"{format_value(stale.value, ind.unit)} for {describe_period(stale.period)}"
            return Verdict(
                "stale", verdict.reference, verdict.deviation,
                f"{said}; that matches {earlier}, but {best.publisher or 'the latest source'} "
                f"reported {format_value(best.value, ind.unit)} for "
                f"{describe_period(best.period)}: stale.",
                severity=min(1.0, abs(verdict.deviation or 0.0)),
            )
    return _with_ref("inconsistent", best, value, ind, said)


def _target(claim: Claim, ind: Indicator | None, data: ReferenceData, said: str) -> Verdict:
    if ind is not None and claim.period:
        plans = data.observations.targets(ind.id, claim.geography, claim.period)
        if plans:
            obs = plans[0]
            dev = _deviation(claim.value, obs.value)
            return Verdict("target", _reference(obs), dev,
                           f"{said}; it is a {claim.kind}, and the plan figure is "
                           f"{format_value(obs.value, ind.unit)} ({obs.publisher}): target.")
    return Verdict("target", None, None,
                   f"{said}; it is a {claim.kind}, not a result, so it is not checked as one: target.")


def _claim_interval(claim: Claim, ind: Indicator, data: ReferenceData) -> tuple[float, float, float] | None:
    lo = claim.lower if claim.lower is not None else float("-inf")
    hi = claim.upper if claim.upper is not None else float("inf")
    value = claim.value
    if claim.unit == ind.unit or (ind.unit == "percent" and claim.unit == "percentage_point"
                                  and ind.measure == "share"):
        return lo, hi, value
    if claim.unit == "USD" and ind.unit == "CNY" and claim.period:
        rate = data.usd_cny(int(claim.period[:4]))
        if rate is None:
            return None
        return lo * rate.rate, hi * rate.rate, value * rate.rate
    return None


def _candidates(claim: Claim, ind: Indicator, data: ReferenceData,
                as_of: date | None) -> list[Observation]:
    refs = data.observations
    assert claim.period is not None
    exact = refs.at(ind.id, claim.geography, claim.period, as_of)
    if exact or ind.measure != "stock":
        return _best_stated(exact)
    month = month_index(claim.period)
    if month is None:
        return []
    lag = EXPLICIT_LAG_MONTHS if claim.period_explicit else STOCK_LAG_MONTHS
    return _best_stated(refs.latest_month(ind.id, claim.geography, month, lag, as_of))


def _best_stated(found: list[Observation]) -> list[Observation]:
    """A bound on the figure another source gives exactly for the same period says nothing more:
    "more than 14,600" next to "14,600" must not let 16,400 pass."""
    exact = {(o.period, o.value) for o in found if o.qualifier == "exact"}
    return [o for o in found if o.qualifier == "exact" or (o.period, o.value) not in exact]


def _tolerance(ind: Indicator, ref_value: float) -> float:
    if ind.is_rate:
        return ind.tolerance
    return abs(ref_value) * ind.tolerance


def _obs_interval(obs: Observation) -> tuple[float, float]:
    v = obs.value
    if obs.qualifier == "at_least":
        return v, float("inf")
    if obs.qualifier == "at_most":
        return v * 0.9, v
    if obs.qualifier == "about":
        return v * 0.97, v * 1.03
    return v, v


def _agrees(lo: float, hi: float, obs: Observation, ind: Indicator) -> bool:
    tol = _tolerance(ind, obs.value)
    o_lo, o_hi = _obs_interval(obs)
    return lo - tol <= o_hi and o_lo <= hi + tol


def _ahead_of_reference(claim: Claim, ind: Indicator, data: ReferenceData, value: float,
                        latest: Observation, as_of: date | None, said: str) -> Verdict | None:
    """A total for a month after the latest figure out, above it by no more than twice what the
    series grew over as many months before it: the article may give a figure the reference data
    does not have yet ("4.6 million base stations" at the end of June, when March's 4.395
    million is the latest out), which is neither wrong nor stale."""
    month, latest_month = month_index(claim.period or ""), month_index(latest.period)
    if ind.measure != "stock" or month is None or latest_month is None or month <= latest_month \
            or value <= latest.value:
        return None
    gap = month - latest_month
    before = _best_stated(data.observations.latest_month(
        ind.id, claim.geography, latest_month - gap, STOCK_LAG_MONTHS, as_of))
    before_month = month_index(before[0].period) if before else None
    if before_month is None:
        return None
    monthly = (latest.value - before[0].value) / (latest_month - before_month)
    if monthly <= 0 or value > latest.value + 2 * monthly * gap + _tolerance(ind, latest.value):
        return None
    return Verdict(
        "unverifiable", _reference(latest), _deviation(value, latest.value),
        f"{said}; the latest figure out by then is {format_value(latest.value, ind.unit)} for "
        f"{describe_period(latest.period)}, and at the pace the series grew before it, a total "
        f"{gap} month{'s' if gap > 1 else ''} later can be this high: newer than the reference "
        f"data, unverifiable.",
    )


def _stale_match(claim: Claim, ind: Indicator, data: ReferenceData, lo: float, hi: float,
                 current: Observation, as_of: date | None) -> Observation | None:
    refs = data.observations
    if ind.measure == "stock":
        month = month_index(current.period)
        earlier = refs.months_before(ind.id, claim.geography, (month or 0) - 2, as_of)
    else:
        earlier = refs.earlier_periods(ind.id, claim.geography, current.period, as_of)
    matches = [o for o in earlier if _repeats(lo, hi, o, ind)]
    return max(matches, key=lambda o: o.period) if matches else None


def _repeats(lo: float, hi: float, earlier: Observation, ind: Indicator) -> bool:
    """Does the claim repeat an earlier figure? A bound is taken at the figure it states:
    "more than 150 EFLOPS" agrees with any larger total of a growing series, so 230 does not
    repeat it, while "about 10,000" does repeat "more than 10,000"."""
    if earlier.qualifier in ("exact", "about"):
        return _agrees(lo, hi, earlier, ind)
    tol = _tolerance(ind, earlier.value)
    return lo - tol <= earlier.value <= hi + tol


def _deviation(claimed: float, ref: float) -> float | None:
    if ref == 0:
        return None
    return (claimed - ref) / abs(ref)


def _reference(obs: Observation) -> Reference:
    return Reference(value=obs.value, period=obs.period, publisher=obs.publisher,
                     source_url=obs.source_url, qualifier=obs.qualifier, revision=obs.revision)


def _with_ref(verdict: str, obs: Observation, value: float, ind: Indicator, said: str) -> Verdict:
    dev = _deviation(value, obs.value)
    reported = (f"{obs.publisher or 'the reference'} reported {format_value(obs.value, ind.unit)} "
                f"for {describe_period(obs.period)}")
    if verdict == "inconsistent" and dev is not None:
        explanation = f"{said}; {reported}, {abs(dev):.1%} {'higher' if dev > 0 else 'lower'}: inconsistent."
    else:
        explanation = f"{said}; {reported}: {verdict}."
    severity = min(1.0, abs(dev)) if (dev is not None and verdict != "consistent") else 0.0
    return Verdict(verdict, _reference(obs), dev, explanation, severity)


def apply(claim: Claim, verdict: Verdict) -> Claim:
    claim.verdict = verdict.verdict
    claim.reference = verdict.reference
    claim.deviation = verdict.deviation
    claim.explanation = verdict.explanation
    claim.severity = verdict.severity
    return claim
