"""Checks across the claims of one article: do the numbers add up?

- a share of GDP against the level it is attached to and GDP of that year
  (preliminary and revised both count: a share on either is not flagged);
- "from X to Y, an increase of Z" against X and Y (average annual when said so);
- a currency conversion against that year's average rate.
"""

from __future__ import annotations

import re

from verifier.claims import Claim, Finding
from verifier.formatting import format_value
from verifier.reference import ReferenceData

SHARE_TOLERANCE_PP = 0.15  # beyond the claim's own rounding
SHARE_TOLERANCE_REL = 0.05
GROWTH_TOLERANCE_PP = 1.0
CONVERSION_TOLERANCE = 0.08
_OF_GDP = re.compile(r"of\s+(?:the\s+)?(?:national\s+|china's\s+|the\s+country's\s+)?GDP|占\s*(?:GDP|国内生产总值)|GDP\s*(?:的)?比重", re.IGNORECASE)  # noqa: E501
_AVERAGE = re.compile(r"average|annual(?:ly)?|a year|年均|每年", re.IGNORECASE)


def check_article(claims: list[Claim], data: ReferenceData) -> list[Finding]:
    findings: list[Finding] = []
    findings += _shares_of_gdp(claims, data)
    findings += _from_to_growth(claims)
    findings += _conversions(claims, data)
    return findings


def _year(claim: Claim) -> int | None:
    if claim.period and claim.period[:4].isdigit() and "/" not in claim.period:
        return int(claim.period[:4])
    return None


def _shares_of_gdp(claims: list[Claim], data: ReferenceData) -> list[Finding]:
    out = []
    for i, share in enumerate(claims):
        if share.unit != "percent" or share.kind != "actual":
            continue
        is_share = (share.indicator or "").endswith("share_of_gdp") or \
            _OF_GDP.search(share.sentence[share.sentence.find(share.text):][:60] or "")
        if not is_share:
            continue
        family = _family(share.indicator, data)
        levels = [(j, c) for j, c in enumerate(claims)
                  if c.sentence == share.sentence and c.unit == "CNY" and c.kind == "actual"
                  and j != i and c.indicator != "gdp"
                  and (family is None or _family(c.indicator, data) in (family, None))]
        if not levels:
            continue
        j, level = min(levels, key=lambda jc: abs(jc[1].start - share.start))
        year = _year(level) or _year(share)
        if year is None:
            continue
        gdps = _gdp_values(claims, data, year)
        if not gdps:
            continue
        implied = [level.value / g * 100 for g, _ in gdps]
        lo = (share.lower if share.lower is not None else share.value) - SHARE_TOLERANCE_PP
        hi = (share.upper if share.upper is not None else share.value) + SHARE_TOLERANCE_PP
        lo, hi = lo * (1 - SHARE_TOLERANCE_REL), hi * (1 + SHARE_TOLERANCE_REL)
        if any(lo <= v <= hi for v in implied):
            continue
        best = min(zip(implied, gdps, strict=True), key=lambda vg: abs(vg[0] - share.value))
        value, (gdp, source) = best
        out.append(Finding(
            type="arithmetic", claim_indexes=[j, i],
            explanation=(f"{level.text} is {value:.2f}% of {year} GDP "
                         f"({format_value(gdp, 'CNY')}, {source}), not {share.text}."),
            severity=min(1.0, abs(share.value - value) / max(share.value, value)),
            detail={"check": "share_of_gdp", "implied": round(value, 3), "claimed": share.value,
                    "gdp": gdp, "year": year},
        ))
    return out


def _family(indicator: str | None, data: ReferenceData) -> str | None:
    ind = data.catalogue.get(indicator)
    return ind.family if ind else None


def _gdp_values(claims: list[Claim], data: ReferenceData, year: int) -> list[tuple[float, str]]:
    values = [(o.value, f"{o.publisher} {o.revision}".strip())
              for o in data.observations.at("gdp", "CN", str(year))]
    values += [(c.value, "as stated in the article") for c in claims
               if c.indicator == "gdp" and c.unit == "CNY" and _year(c) == year]
    return values


def _from_to_growth(claims: list[Claim]) -> list[Finding]:
    out = []
    for i in range(len(claims) - 1):
        first, second = claims[i], claims[i + 1]
        if first.pair_role != "from" or second.pair_role != "to" or first.value <= 0:
            continue
        rates = [(k, c) for k, c in enumerate(claims)
                 if c.sentence == first.sentence and c.unit == "percent" and k not in (i, i + 1)
                 and c.start > second.start and c.start - second.end < 80]
        if not rates:
            continue
        k, rate = rates[0]
        y1, y2 = _year(first), _year(second)
        average = bool(_AVERAGE.search(rate.sentence[max(0, rate.sentence.find(rate.text) - 30):
                                                     rate.sentence.find(rate.text) + 40]))
        if average and y1 and y2 and y2 > y1:
            implied = ((second.value / first.value) ** (1 / (y2 - y1)) - 1) * 100
        else:
            implied = (second.value / first.value - 1) * 100
        lo = (rate.lower if rate.lower is not None else rate.value) - GROWTH_TOLERANCE_PP
        hi = (rate.upper if rate.upper is not None else rate.value) + GROWTH_TOLERANCE_PP
        if lo <= implied <= hi:
            continue
        out.append(Finding(
            type="arithmetic", claim_indexes=[i, i + 1, k],
            explanation=(f"From {first.text} to {second.text} is "
                         f"{'an average of ' if average else ''}{implied:.1f}%"
                         f"{' a year' if average else ''}, not {rate.text}."),
            severity=min(1.0, abs(rate.value - implied) / max(abs(implied), 1.0)),
            detail={"check": "from_to_growth", "implied": round(implied, 2), "claimed": rate.value},
        ))
    return out


def _conversions(claims: list[Claim], data: ReferenceData) -> list[Finding]:
    out = []
    for i in range(len(claims) - 1):
        cny, usd = claims[i], claims[i + 1]
        if cny.unit != "CNY" or usd.unit != "USD" or cny.sentence != usd.sentence:
            continue
        if usd.start - cny.end > 30:
            continue
        year = _year(cny)
        rate = data.usd_cny(year) if year else None
        if rate is None:
            continue
        implied = cny.value / rate.rate
        if abs(usd.value - implied) / implied <= CONVERSION_TOLERANCE:
            continue
        out.append(Finding(
            type="arithmetic", claim_indexes=[i, i + 1],
            explanation=(f"{cny.text} at {year}'s average of {rate.rate} yuan per dollar "
                         f"({rate.publisher}) is {format_value(implied, 'USD')}, not {usd.text}."),
            severity=min(1.0, abs(usd.value - implied) / implied),
            detail={"check": "conversion", "implied": implied, "rate": rate.rate},
        ))
    return out
