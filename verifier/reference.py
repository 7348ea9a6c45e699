"""The reference dataset: official observations indexed for lookup, not scanning."""

from __future__ import annotations

import bisect
import csv
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from verifier.indicators import Catalogue, load_catalogue


@dataclass(frozen=True)
class Observation:
    indicator: str
    geography: str
    period: str
    value: float
    unit: str
    qualifier: str = "exact"
    kind: str = "actual"  # actual | target
    publisher: str = ""
    source_url: str = ""
    published: str = ""
    revision: str = ""
    note: str = ""


def month_index(period: str) -> int | None:
    """2024-06 -> a month count, for stock lookups; None for other shapes."""
    if len(period) == 7 and period[4] == "-" and period[5:].isdigit():
        return int(period[:4]) * 12 + int(period[5:]) - 1
    return None


@dataclass
class _Series:
    by_period: dict[str, list[Observation]] = field(default_factory=lambda: defaultdict(list))
    months: list[int] = field(default_factory=list)  # sorted month indexes that have actuals
    month_obs: dict[int, list[Observation]] = field(default_factory=lambda: defaultdict(list))


class ReferenceSet:
    def __init__(self, observations: list[Observation], version: str = "") -> None:
        self.version = version
        self.observations = observations
        self._series: dict[tuple[str, str], _Series] = defaultdict(_Series)
        self._targets: dict[tuple[str, str, str], list[Observation]] = defaultdict(list)
        for obs in observations:
            key = (obs.indicator, obs.geography)
            if obs.kind == "target":
                self._targets[(obs.indicator, obs.geography, obs.period)].append(obs)
                continue
            series = self._series[key]
            series.by_period[obs.period].append(obs)
            mi = month_index(obs.period)
            if mi is not None:
                series.month_obs[mi].append(obs)
        for series in self._series.values():
            series.months = sorted(series.month_obs)

    def has_series(self, indicator: str, geography: str) -> bool:
        return (indicator, geography) in self._series

    def at(self, indicator: str, geography: str, period: str) -> list[Observation]:
        series = self._series.get((indicator, geography))
        return list(series.by_period.get(period, [])) if series else []

    def latest_month(self, indicator: str, geography: str, month: int,
                     max_lag: int) -> list[Observation]:
        """Observations of the latest month at or before `month`, no older than max_lag months."""
        series = self._series.get((indicator, geography))
        if not series or not series.months:
            return []
        i = bisect.bisect_right(series.months, month) - 1
        if i < 0 or month - series.months[i] > max_lag:
            return []
        return list(series.month_obs[series.months[i]])

    def months_before(self, indicator: str, geography: str, month: int) -> list[Observation]:
        series = self._series.get((indicator, geography))
        if not series:
            return []
        i = bisect.bisect_left(series.months, month)
        return [o for m in series.months[:i] for o in series.month_obs[m]]

    def earlier_periods(self, indicator: str, geography: str, period: str) -> list[Observation]:
        series = self._series.get((indicator, geography))
        if not series:
            return []
        return [o for p, obs in series.by_period.items() if p < period for o in obs]

    def targets(self, indicator: str, geography: str, period: str) -> list[Observation]:
        return list(self._targets.get((indicator, geography, period), []))

    def series(self, indicator: str, geography: str = "CN") -> list[Observation]:
        series = self._series.get((indicator, geography))
        found = [o for obs in series.by_period.values() for o in obs] if series else []
        found += [o for (i, g, _), obs in self._targets.items() if i == indicator and g == geography
                  for o in obs]
        return sorted(found, key=lambda o: (o.period, o.kind, o.publisher))


@dataclass(frozen=True)
class ExchangeRate:
    year: int
    base: str
    quote: str
    rate: float
    publisher: str
    source_url: str


@dataclass
class ReferenceData:
    catalogue: Catalogue
    observations: ReferenceSet
    rates: dict[int, ExchangeRate]
    version: str

    def usd_cny(self, year: int) -> ExchangeRate | None:
        return self.rates.get(year)


OBSERVATION_COLUMNS = ["indicator", "geography", "period", "value", "unit", "qualifier", "kind",
                       "publisher", "source_url", "published", "revision", "note"]


def read_observations(path: Path) -> list[Observation]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [row_to_observation(row) for row in csv.DictReader(fh)]


def row_to_observation(row: dict[str, str]) -> Observation:
    return Observation(
        indicator=row["indicator"].strip(), geography=(row.get("geography") or "CN").strip(),
        period=row["period"].strip(), value=float(row["value"]), unit=row["unit"].strip(),
        qualifier=(row.get("qualifier") or "exact").strip() or "exact",
        kind=(row.get("kind") or "actual").strip() or "actual",
        publisher=(row.get("publisher") or "").strip(),
        source_url=(row.get("source_url") or "").strip(),
        published=(row.get("published") or "").strip(),
        revision=(row.get("revision") or "").strip(), note=(row.get("note") or "").strip(),
    )


def read_rates(path: Path) -> dict[int, ExchangeRate]:
    if not path.exists():
        return {}
    rates = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row.get("base", "USD") == "USD" and row.get("quote", "CNY") == "CNY":
                rate = ExchangeRate(int(row["year"]), "USD", "CNY", float(row["rate"]),
                                    row.get("publisher", ""), row.get("source_url", ""))
                rates[rate.year] = rate
    return rates


def dataset_version(directory: Path, extra: list[Observation] | None = None) -> str:
    digest = hashlib.sha256()
    for name in ("indicators.yaml", "observations.csv", "exchange_rates.csv"):
        path = directory / name
        if path.exists():
            digest.update(path.read_bytes())
    for obs in extra or []:
        digest.update(repr(obs).encode())
    return digest.hexdigest()[:12]


def load_reference(directory: Path, extra: list[Observation] | None = None) -> ReferenceData:
    """Read the catalogue and observations; `extra` are reviewer-added rows from the database."""
    catalogue = load_catalogue(directory / "indicators.yaml")
    observations = read_observations(directory / "observations.csv") + list(extra or [])
    version = dataset_version(directory, extra)
    return ReferenceData(
        catalogue=catalogue,
        observations=ReferenceSet(observations, version),
        rates=read_rates(directory / "exchange_rates.csv"),
        version=version,
    )
