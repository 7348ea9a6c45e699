"""Checks across the claims of one article: do the numbers add up?

- a share of GDP against the level it is attached to and GDP of that year
  (preliminary and revised both count, if out by the article's date: a share on either
  is not flagged);
- "from X to Y, an increase of Z" against X and Y (average annual when said so);
- a currency conversion against that year's average rate;
- parts against their total ("of which", 其中): parts that add up to more than the total.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from verifier.claims import Claim, Finding
from verifier.formatting import format_value
from verifier.lexicon import en_phrase_regex, load_table
from verifier.reference import ReferenceData, rate_known_on

SHARE_TOLERANCE_PP = 0.15  # beyond the claim's own rounding
SHARE_TOLERANCE_REL = 0.02  # preliminary vs revised GDP is handled by trying each, not by slack
EARLIER_GDP_YEARS = 2  # how far back a GDP may bound a share when the year's is not yet out
MAX_GDP_GROWTH = 0.2  # nominal, a year: above any year China has had since the 1990s
GROWTH_TOLERANCE_PP = 1.0
CONVERSION_TOLERANCE = 0.08
PARTS_TOLERANCE = 0.005  # beyond the rounding each figure's wording allows
LOOK_BACK_SENTENCES = 2
RATE_BEFORE_PAIR_CHARS = 120  # "grew 16.5 percent last year, from 230 EFLOPS to 280 EFLOPS"
_AVERAGE = re.compile(r"average|annual(?:ly)?|a year|年均|每年", re.IGNORECASE)
_NOT_LEVELS = ("percent", "percentage_point")


def _words(name: str) -> re.Pattern[str]:
    table = load_table("arithmetic")[name]
    zh = "|".join(re.escape(w) for w in sorted(table["zh"], key=len, reverse=True))
    return re.compile(f"(?:{en_phrase_regex(table['en']).pattern})|(?:{zh})", re.IGNORECASE)


# The checks that read the reference data (a year's GDP, a year's average exchange rate): only
# their findings can come or go when the data change. A from-to growth and parts against their
# total compare the article's own figures with each other.
DATA_CHECKS = frozenset({"share_of_gdp", "conversion"})

_OF_GDP = _words("of_gdp")
_REFERS_BACK = _words("refers_back")
_PARTS_OF = _words("parts_of")


def check_article(claims: list[Claim], data: ReferenceData,
                  as_of: date | None = None) -> list[Finding]:
    """`as_of` is the article's date: a GDP or exchange rate published later is not held
    against it (a share computed on the preliminary GDP stands when the revision came after)."""
    findings: list[Finding] = []
    findings += _shares_of_gdp(claims, data, as_of)
    findings += _from_to_growth(claims)
    findings += _conversions(claims, data, as_of)
    findings += _parts_over_total(claims)
    return findings


def _year(claim: Claim) -> int | None:
    if claim.period and claim.period[:4].isdigit() and "/" not in claim.period:
        return int(claim.period[:4])
    return None


def _is_share_of_gdp(claim: Claim) -> bool:
    if claim.unit != "percent" or claim.kind != "actual":
        return False
    return (claim.indicator or "").endswith("share_of_gdp") or \
        bool(_OF_GDP.match(_after(claim)[len(claim.text):][:40].lstrip(" 的")))


def _after(claim: Claim) -> str:
    at = claim.sentence.find(claim.text)
    return claim.sentence[at:] if at >= 0 else ""


def _before(claim: Claim) -> str:
    at = claim.sentence.find(claim.text)
    return claim.sentence[:at] if at >= 0 else ""


def _level_for_share(claims: list[Claim], i: int, data: ReferenceData) -> int | None:
    """The level a share of GDP is attached to: the nearest yuan figure of its family in its
    sentence with no other share between them (that one has it), or, when its sentence has
    none and refers back ("that works out to …"), the last one in the sentences just before
    (sentences with figures, at most LOOK_BACK_SENTENCES, none holding a share of its own)."""
    share = claims[i]
    family = _family(share.indicator, data)

    def fits(c: Claim) -> bool:
        return (c.unit == "CNY" and c.kind == "actual" and c.indicator != "gdp"
                and (family is None or _family(c.indicator, data) in (family, None)))

    shares = [k for k, c in enumerate(claims) if _is_share_of_gdp(c)]
    same = [j for j, c in enumerate(claims) if j != i and c.sentence == share.sentence and fits(c)]
    if same:
        j = min(same, key=lambda j: abs(claims[j].start - share.start))
        lo, hi = sorted((claims[j].start, share.start))
        if any(lo < claims[k].start < hi for k in shares if k != i):
            return None
        return j
    if not _REFERS_BACK.search(_before(share)):
        return None
    earlier = sorted((j for j, c in enumerate(claims)
                      if c.end <= share.start and c.sentence != share.sentence),
                     key=lambda j: claims[j].start, reverse=True)
    seen: list[str] = []
    for j in earlier:
        sentence = claims[j].sentence
        if sentence not in seen:
            if len(seen) == LOOK_BACK_SENTENCES or any(claims[k].sentence == sentence
                                                       for k in shares):
                return None
            seen.append(sentence)
        if fits(claims[j]):
            return j
    return None


def _shares_of_gdp(claims: list[Claim], data: ReferenceData,
                   as_of: date | None) -> list[Finding]:
    out = []
    for i, share in enumerate(claims):
        if not _is_share_of_gdp(share):
            continue
        j = _level_for_share(claims, i, data)
        if j is None:
            continue
        level = claims[j]
        year = _year(level) or _year(share)
        if year is None or (_year(share) or year) != year:
            continue  # "above the 26.2 percent recorded in 2023": another year's share
        lo = (share.lower if share.lower is not None else share.value) - SHARE_TOLERANCE_PP
        hi = (share.upper if share.upper is not None else share.value) + SHARE_TOLERANCE_PP
        lo, hi = lo * (1 - SHARE_TOLERANCE_REL), hi * (1 + SHARE_TOLERANCE_REL)
        gdps = _gdp_values(claims, data, year, as_of)
        if not gdps:
            bounded = _share_on_earlier_gdp(level, share, data, year, as_of, lo, hi)
            if bounded is not None:
                out.append(replace(bounded, claim_indexes=[j, i]))
            continue
        implied = [level.value / g * 100 for g, _ in gdps]
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


def _share_on_earlier_gdp(level: Claim, share: Claim, data: ReferenceData, year: int,
                          as_of: date | None, lo: float, hi: float) -> Finding | None:
    """A share of a GDP not yet out by the article's date (a year-end report on the year):
    the last GDP out, of up to EARLIER_GDP_YEARS before, bounds it. The year's GDP is at least
    that one (China's nominal GDP has not fallen in decades) and at most that one grown by
    MAX_GDP_GROWTH a year, so the share lies between the two quotients; outside, a finding."""
    for back in range(1, EARLIER_GDP_YEARS + 1):
        known = data.observations.at("gdp", "CN", str(year - back), as_of)
        if not known:
            continue
        gdp = min(o.value for o in known)
        source = next(f"{o.publisher} {o.revision}".strip() for o in known if o.value == gdp)
        most = level.value / gdp * 100
        least = level.value / max(o.value for o in known) * 100 / (1 + MAX_GDP_GROWTH) ** back
        if lo <= most and least <= hi:
            return None
        return Finding(
            type="arithmetic", claim_indexes=[],
            explanation=(f"{level.text} is {'at most' if share.value > most else 'at least'} "
                         f"{most if share.value > most else least:.2f}% of {year} GDP ({year} GDP "
                         f"was not out by the article's date; {year - back}'s was "
                         f"{format_value(gdp, 'CNY')}, {source}), not {share.text}."),
            severity=min(1.0, abs(share.value - most) / max(share.value, most)),
            detail={"check": "share_of_gdp", "implied": round(most, 3), "claimed": share.value,
                    "gdp": gdp, "year": year - back, "bound": True},
        )
    return None


def _family(indicator: str | None, data: ReferenceData) -> str | None:
    ind = data.catalogue.get(indicator)
    return ind.family if ind else None


def _gdp_values(claims: list[Claim], data: ReferenceData, year: int,
                as_of: date | None) -> list[tuple[float, str]]:
    """Every GDP for the year the writer could have divided by: each published estimate
    (preliminary, revised) out by the article's date, and a GDP the article states itself."""
    values = [(o.value, f"{o.publisher} {o.revision}".strip())
              for o in data.observations.at("gdp", "CN", str(year), as_of)]
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
        if not rates:  # "grew 16.5 percent last year, taking it from X to Y"
            rates = [(k, c) for k, c in enumerate(claims)
                     if c.sentence == first.sentence and c.unit == "percent" and c.kind == "actual"
                     and c.end <= first.start and first.start - c.end < RATE_BEFORE_PAIR_CHARS
                     and not any(c.end <= o.start < first.start for o in claims)][-1:]
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


def _conversions(claims: list[Claim], data: ReferenceData, as_of: date | None) -> list[Finding]:
    out = []
    for i in range(len(claims) - 1):
        cny, usd = claims[i], claims[i + 1]
        if cny.unit != "CNY" or usd.unit != "USD" or cny.sentence != usd.sentence:
            continue
        if usd.start - cny.end > 30:
            continue
        year = _year(cny)
        rate = data.usd_cny(year) if year else None
        if rate is None or (as_of is not None and rate_known_on(rate) > as_of):
            continue  # a year's average is not known before the year is out
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


def _parts_over_total(claims: list[Claim]) -> list[Finding]:
    """"A total, of which X … and Y …" (其中): the parts cannot add up to more than the total.
    The total is the last level before the cue, in the same sentence or, for a sentence that
    opens with the cue (Chinese "。其中，…"), the sentence before; the parts are the figures
    after the cue in the same unit, for the same period."""
    out = []
    for i, total in enumerate(claims):
        if total.unit in _NOT_LEVELS or total.kind != "actual" or total.value <= 0:
            continue
        after = claims[i + 1:]
        if not after:
            continue
        nxt = after[0]
        if nxt.sentence == total.sentence:
            gap = total.sentence[total.sentence.find(total.text) + len(total.text):]
            between = gap[:max(0, gap.find(nxt.text))] if nxt.text in gap else ""
            cue = _PARTS_OF.search(between)
            scope = total.sentence
        else:
            cue = _PARTS_OF.match(nxt.sentence.lstrip(" \t\n，,、“\""))
            scope = nxt.sentence
        if cue is None:
            continue
        parts = [(k, c) for k, c in enumerate(claims) if k > i and c.sentence == scope
                 and c.unit == total.unit and c.kind == "actual"
                 and (c.period is None or total.period is None or c.period == total.period)
                 and _may_be_part(c, total)]
        if not parts:
            continue
        summed = sum(c.lower if c.lower is not None else c.value for _, c in parts)
        ceiling = total.upper if total.upper is not None else float("inf")
        if summed <= ceiling * (1 + PARTS_TOLERANCE):
            continue
        named = " + ".join(c.text for _, c in parts)
        out.append(Finding(
            type="arithmetic", claim_indexes=[i, *(k for k, _ in parts)],
            explanation=(f"The parts ({named}) add up to at least {format_value(summed, total.unit)}, "
                         f"more than the total of {total.text}."),
            severity=min(1.0, (summed - total.value) / total.value),
            detail={"check": "parts_over_total", "total": total.value, "parts_sum": summed},
        ))
    return out


def _may_be_part(part: Claim, total: Claim) -> bool:
    """A part of a named total measures the same thing or something unnamed; two different
    catalogue indicators ("700 high-level 5G factories, including 17,000 projects") are not."""
    if part.indicator is None or total.indicator is None:
        return True
    return part.indicator == total.indicator or \
        part.indicator.startswith(total.indicator) or total.indicator.startswith(part.indicator)
