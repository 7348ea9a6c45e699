"""`claimwatch reference validate`: the reference data must hold together before it is used.

The per-row rules (`check_row`) and the trend rule (`trend_problem`) are shared with the
observations reviewers add (claimwatch/observations.py): a file row off its series' trend is a
warning a maintainer looks at; a reviewer's entry off the trend is refused.
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from verifier.indicators import Catalogue, Indicator, load_catalogue
from verifier.reference import (
    OBSERVATION_COLUMNS,
    Observation,
    month_index,
    period_bounds,
    row_to_observation,
)

_GEOGRAPHY = re.compile(r"^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$")
QUALIFIERS = {"exact", "about", "at_least", "at_most"}
KINDS = {"actual", "target"}
REVISIONS = {"", "preliminary", "revised", "final", "reviewer"}
TREND_FACTOR = 3.0  # a level or share this many times off its neighbours is suspicious


def check_row(obs: Observation, catalogue: Catalogue) -> tuple[list[str], list[str]]:
    """Errors and warnings of one observation on its own: indicator, unit, period, qualifier,
    kind, source. Duplicates and the trend need the rest of the series (see below)."""
    errors: list[str] = []
    warnings: list[str] = []
    ind = catalogue.get(obs.indicator)
    if ind is None:
        return [f"unknown indicator {obs.indicator!r}"], warnings
    if not math.isfinite(obs.value):
        errors.append(f"value {obs.value!r} is not a number")
    if obs.unit != ind.unit:
        errors.append(f"unit {obs.unit!r}, but {ind.id} is in {ind.unit!r}")
    if not _GEOGRAPHY.match(obs.geography):
        errors.append(f"geography {obs.geography!r} is not an ISO 3166 code such as CN or CN-GD")
    if period_bounds(obs.period) is None:
        errors.append(f"period {obs.period!r} is not YYYY, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY/YYYY "
                      "(a span ending after it starts)")
    if obs.qualifier not in QUALIFIERS:
        errors.append(f"qualifier {obs.qualifier!r} is not one of {', '.join(sorted(QUALIFIERS))}")
    if obs.kind not in KINDS:
        errors.append(f"kind {obs.kind!r}")
    if obs.revision not in REVISIONS:
        warnings.append(f"revision {obs.revision!r}")
    if not obs.source_url.startswith(("http://", "https://")):
        errors.append("missing source URL (http:// or https://)")
    if not obs.publisher:
        errors.append("missing publisher")
    return errors, warnings


def duplicate_key(obs: Observation) -> tuple[str, ...]:
    return (obs.indicator, obs.geography, obs.period, f"{obs.value:g}", obs.publisher, obs.kind)


def _period_position(period: str) -> tuple[str, int] | None:
    """A period's shape and its place in a series of that shape: months, quarters, halves, years."""
    mi = month_index(period)
    if mi is not None:
        return "month", mi
    if re.fullmatch(r"\d{4}", period):
        return "year", int(period)
    m = re.fullmatch(r"(\d{4})-([QH])([1-4])", period)
    if m:
        return m.group(2), int(m.group(1)) * 4 + int(m.group(3))
    return None


def _trended(ind: Indicator, obs: Observation) -> bool:
    # growth rates swing legitimately (2.8 % one year, 9.6 % the next); levels and shares do not
    return ind.measure in ("stock", "flow", "share") and obs.kind == "actual" and obs.value > 0


def trend_problem(obs: Observation, ind: Indicator, series: Iterable[Observation]) -> str | None:
    """A sentence when `obs` is far off the series (same shape of period) next to it: off by
    TREND_FACTOR from every figure for the same period and the nearest periods on either side.
    Nearest, not a wider median: fast-growing series (NEVs, gigabit users) triple in two years."""
    where = _period_position(obs.period)
    if where is None or not _trended(ind, obs):
        return None
    shape, pos = where
    points = [(p[1], o.value) for o in series
              if o is not obs and _trended(ind, o)
              and (p := _period_position(o.period)) is not None and p[0] == shape]
    before = max((q for q, _ in points if q < pos), default=None)
    after = min((q for q, _ in points if q > pos), default=None)
    neighbours = [v for q, v in points if q in (pos, before, after)]
    if not neighbours:
        return None
    nearest = min(neighbours, key=lambda v: max(v / obs.value, obs.value / v))
    if max(nearest / obs.value, obs.value / nearest) > TREND_FACTOR:
        return (f"{obs.indicator} {obs.geography} {obs.period}: {obs.value:g} is far off the "
                f"figures next to it in the series (nearest {nearest:g})")
    return None


def validate(directory: Path) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    warnings: list[str] = []
    catalogue = load_catalogue(directory / "indicators.yaml")
    for entry in catalogue.indicators.values():
        for other in entry.not_to_confuse_with:
            if other not in catalogue.indicators:
                warnings.append(f"{entry.id}: not_to_confuse_with names unknown id {other}")
        if entry.measure not in ("stock", "flow", "growth", "share"):
            errors.append(f"{entry.id}: measure {entry.measure!r} is not stock/flow/growth/share")
    path = directory / "observations.csv"
    seen: set[tuple[str, ...]] = set()
    series: dict[tuple[str, str], list[Observation]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != OBSERVATION_COLUMNS:
            errors.append(f"{path.name}: columns must be {','.join(OBSERVATION_COLUMNS)}")
            return errors, warnings
        for line, row in enumerate(reader, start=2):
            where = f"{path.name}:{line}"
            try:
                obs = row_to_observation(row)
            except (ValueError, KeyError) as exc:
                errors.append(f"{where}: {exc}")
                continue
            row_errors, row_warnings = check_row(obs, catalogue)
            errors += [f"{where}: {e}" for e in row_errors]
            warnings += [f"{where}: {w}" for w in row_warnings]
            if obs.published and not re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", obs.published):
                errors.append(f"{where}: published {obs.published!r} is not YYYY-MM-DD or YYYY-MM")
            key = duplicate_key(obs)
            if key in seen:
                errors.append(f"{where}: duplicate of an earlier row")
            seen.add(key)
            if catalogue.get(obs.indicator) is not None:
                series[(obs.indicator, obs.geography)].append(obs)
    for (indicator, _geo), members in series.items():
        ind = catalogue.get(indicator)
        assert ind is not None
        for obs in members:
            problem = trend_problem(obs, ind, members)
            if problem:
                warnings.append(problem)
    errors += _rate_problems(directory / "exchange_rates.csv")
    return errors, warnings


def _rate_problems(path: Path) -> list[str]:
    """Exchange rates: each year once, a plausible rate, a source."""
    if not path.exists():
        return []
    out = []
    years: set[str] = set()
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            where = f"{path.name}:{line}"
            if row.get("year") in years:
                out.append(f"{where}: year {row.get('year')} appears twice")
            years.add(row.get("year") or "")
            try:
                rate = float(row.get("rate") or "")
            except ValueError:
                out.append(f"{where}: rate {row.get('rate')!r} is not a number")
                continue
            if not 1.0 < rate < 20.0:
                out.append(f"{where}: rate {rate} is not a plausible yuan-per-dollar figure")
            if not (row.get("source_url") or "").startswith(("http://", "https://")):
                out.append(f"{where}: missing source URL")
    return out
