"""`claimwatch reference validate`: the reference data must hold together before it is used."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path
from statistics import median

from verifier.indicators import load_catalogue
from verifier.reference import OBSERVATION_COLUMNS, month_index, row_to_observation

_PERIOD = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])|-Q[1-4]|-H[12]|/\d{4})?$")
QUALIFIERS = {"exact", "about", "at_least", "at_most"}
KINDS = {"actual", "target"}
REVISIONS = {"", "preliminary", "revised", "final", "reviewer"}
TREND_FACTOR = 3.0  # a stock this many times off its neighbours is suspicious


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
    series: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
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
            ind = catalogue.get(obs.indicator)
            if ind is None:
                errors.append(f"{where}: unknown indicator {obs.indicator!r}")
                continue
            if obs.unit != ind.unit:
                errors.append(f"{where}: unit {obs.unit!r}, but {ind.id} is in {ind.unit!r}")
            if not _PERIOD.match(obs.period):
                errors.append(f"{where}: period {obs.period!r} is not YYYY, YYYY-MM, YYYY-Qn, "
                              "YYYY-Hn or YYYY/YYYY")
            if obs.qualifier not in QUALIFIERS:
                errors.append(f"{where}: qualifier {obs.qualifier!r}")
            if obs.kind not in KINDS:
                errors.append(f"{where}: kind {obs.kind!r}")
            if obs.revision not in REVISIONS:
                warnings.append(f"{where}: revision {obs.revision!r}")
            if not obs.source_url.startswith(("http://", "https://")):
                errors.append(f"{where}: missing source URL")
            if not obs.publisher:
                errors.append(f"{where}: missing publisher")
            key = (obs.indicator, obs.geography, obs.period, f"{obs.value:g}", obs.publisher, obs.kind)
            if key in seen:
                errors.append(f"{where}: duplicate of an earlier row")
            seen.add(key)
            mi = month_index(obs.period)
            if ind.measure == "stock" and obs.kind == "actual" and mi is not None:
                series[(obs.indicator, obs.geography)].append((mi, obs.value))
    for (indicator, geo), points in series.items():
        points.sort()
        for i, (mi, value) in enumerate(points):
            neighbours = [v for _, v in points[max(0, i - 3):i] + points[i + 1:i + 4]]
            if len(neighbours) < 2 or value <= 0:
                continue
            mid = median(neighbours)
            if mid > 0 and (value / mid > TREND_FACTOR or mid / value > TREND_FACTOR):
                warnings.append(f"{indicator} {geo} {mi // 12}-{mi % 12 + 1:02d}: {value:g} is far "
                                f"off its neighbours (median {mid:g})")
    return errors, warnings
