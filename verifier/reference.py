"""The reference dataset: official observations indexed for lookup, not scanning."""

from __future__ import annotations

import bisect
import calendar
import csv
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
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


# How long after its period ends a figure is usually out: NBS publishes the month, quarter
# and year around the 15th-17th of the month after; MIIT's monthly telecom data by the 20th.
# Short on purpose: used as an upper bound on when a figure became public (see available_on).
RELEASE_LAG_DAYS = {"monthly": 14, "quarterly": 15, "half_yearly": 15, "annual": 17}
DEFAULT_RELEASE_LAG_DAYS = 17


# ASCII digits only: \d would take "２０２４" (full-width) or Arabic-Indic digits for a year
_PERIOD = re.compile(r"([0-9]{4})(?:-([0-9]{2})|-Q([1-4])|-H([12])|/([0-9]{4}))?")


def period_bounds(period: str) -> tuple[date, date] | None:
    """First and last day of a period as the verifier writes it (verifier/periods.py): YYYY,
    YYYY-MM, YYYY-Qn, YYYY-Hn, or a span YYYY/YYYY that ends after it starts (a single year
    is YYYY); None for anything else. The one definition of a period: a reviewer's
    correction (claimwatch.corrections.check_period) and observation are checked by it."""
    m = _PERIOD.fullmatch(period)
    if not m:
        return None
    year = int(m.group(1))
    if m.group(2):
        first_month = last_month = int(m.group(2))
    elif m.group(3):
        first_month = (int(m.group(3)) - 1) * 3 + 1
        last_month = first_month + 2
    elif m.group(4):
        first_month = 1 if m.group(4) == "1" else 7
        last_month = first_month + 5
    else:
        first_month, last_month = 1, 12
    end_year = int(m.group(5)) if m.group(5) else year
    if year < 1 or not 1 <= first_month <= 12 or end_year < year \
            or (m.group(5) and end_year == year):
        return None  # year 0 is no date; "2024/2024" is written 2024
    return (date(year, first_month, 1),
            date(end_year, last_month, calendar.monthrange(end_year, last_month)[1]))


def parse_published(text: str) -> date | None:
    """YYYY-MM-DD, or YYYY-MM read as the month's first day: a page dated only by month is
    often a statement "to date" made during the month, and an article later that month may
    quote it."""
    try:
        if len(text) == 7:
            return date(int(text[:4]), int(text[5:]), 1)
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def available_on(obs: Observation, frequency: str = "") -> date | None:
    """The day an observation became public, as far as the data tell.

    `published` is the date of the page the figure was read on, often a re-post months after
    the release, so it is only an upper bound: the figure was out by the earlier of that date
    and its period's end plus the usual release lag. A revision is the exception: it comes
    out long after its period by nature, so its own date stands."""
    published = parse_published(obs.published)
    if published is not None and obs.revision in ("revised", "final", "reviewer"):
        return published
    bounds = period_bounds(obs.period)
    usual = (bounds[1] + timedelta(days=RELEASE_LAG_DAYS.get(frequency, DEFAULT_RELEASE_LAG_DAYS))
             if bounds is not None else None)
    if published is None or usual is None:
        return published or usual
    return min(published, usual)


@dataclass
class _Series:
    by_period: dict[str, list[Observation]] = field(default_factory=lambda: defaultdict(list))
    months: list[int] = field(default_factory=list)  # sorted month indexes that have actuals
    month_obs: dict[int, list[Observation]] = field(default_factory=lambda: defaultdict(list))


class ReferenceSet:
    """Observations by (indicator, geography), then by period and by month for stocks.

    Every lookup takes `as_of`: only what had been published by that day counts, so an
    article from March 2024 is never judged on figures released in 2025."""

    def __init__(self, observations: list[Observation], version: str = "",
                 frequencies: dict[str, str] | None = None) -> None:
        self.version = version
        self.observations = observations
        self._series: dict[tuple[str, str], _Series] = defaultdict(_Series)
        self._targets: dict[tuple[str, str, str], list[Observation]] = defaultdict(list)
        frequencies = frequencies or {}
        self._available: dict[int, date | None] = {
            id(o): available_on(o, frequencies.get(o.indicator, "")) for o in observations}
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

    def _known(self, found: list[Observation], as_of: date | None) -> list[Observation]:
        if as_of is None:
            return list(found)
        out = []
        for o in found:
            day = self._available.get(id(o))
            if day is None or day <= as_of:
                out.append(o)
        return out

    def has_series(self, indicator: str, geography: str) -> bool:
        return (indicator, geography) in self._series

    def at(self, indicator: str, geography: str, period: str,
           as_of: date | None = None) -> list[Observation]:
        series = self._series.get((indicator, geography))
        return self._known(series.by_period.get(period, []), as_of) if series else []

    def latest_month(self, indicator: str, geography: str, month: int,
                     max_lag: int, as_of: date | None = None) -> list[Observation]:
        """Observations of the latest month at or before `month` that had been published by
        `as_of`, no older than max_lag months."""
        series = self._series.get((indicator, geography))
        if not series or not series.months:
            return []
        i = bisect.bisect_right(series.months, month) - 1
        while i >= 0 and month - series.months[i] <= max_lag:
            found = self._known(series.month_obs[series.months[i]], as_of)
            if found:
                return found
            i -= 1
        return []

    def months_before(self, indicator: str, geography: str, month: int,
                      as_of: date | None = None) -> list[Observation]:
        series = self._series.get((indicator, geography))
        if not series:
            return []
        i = bisect.bisect_left(series.months, month)
        return self._known([o for m in series.months[:i] for o in series.month_obs[m]], as_of)

    def earlier_periods(self, indicator: str, geography: str, period: str,
                        as_of: date | None = None) -> list[Observation]:
        series = self._series.get((indicator, geography))
        if not series:
            return []
        return self._known([o for p, obs in series.by_period.items() if p < period for o in obs],
                           as_of)

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
    published: str = ""


def rate_known_on(rate: ExchangeRate) -> date:
    """A year's average rate is public once the year is out (its `published` date if given)."""
    return parse_published(rate.published) or date(rate.year + 1, 1, 1)


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
                                    row.get("publisher", ""), row.get("source_url", ""),
                                    (row.get("published") or "").strip())
                rates[rate.year] = rate
    return rates


REFERENCE_FILES = ("indicators.yaml", "observations.csv", "exchange_rates.csv")


def dataset_version(directory: Path, extra: list[Observation] | None = None) -> str:
    """A short hash of the files and the reviewer-added rows: recorded with every verdict."""
    digest = hashlib.sha256()
    for name in REFERENCE_FILES:
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
        observations=ReferenceSet(observations, version,
                                  {i.id: i.frequency for i in catalogue.indicators.values()}),
        rates=read_rates(directory / "exchange_rates.csv"),
        version=version,
    )
