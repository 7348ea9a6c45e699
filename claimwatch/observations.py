"""Observations reviewers add from the queue: checked by the same rules as reference_data/,
stored in the database, and the claims they bear on verified again."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from claimwatch.pipeline import Context
from claimwatch.refcheck import check_row, duplicate_key, trend_problem
from claimwatch.reverify import reverify
from claimwatch.settings import Settings
from store import reference as reference_store
from store.db import session_scope
from verifier.reference import (
    Observation,
    ReferenceData,
    dataset_version,
    period_bounds,
)

log = logging.getLogger("claimwatch.observations")


@dataclass
class NewObservation:
    indicator: str
    geography: str
    period: str
    value: float
    unit: str
    qualifier: str
    publisher: str
    source_url: str
    published: date | None = None
    note: str = ""


def current_version(settings: Settings) -> str:
    with session_scope(settings.db_url) as s:
        extra = reference_store.reviewer_reference(s)
    return dataset_version(settings.reference_dir, extra)


def _as_observation(new: NewObservation) -> Observation:
    return Observation(
        indicator=new.indicator.strip(), geography=new.geography.strip(),
        period=new.period.strip(), value=new.value, unit=new.unit.strip(),
        qualifier=new.qualifier.strip(), kind="actual", publisher=new.publisher.strip(),
        source_url=new.source_url.strip(),
        published=new.published.isoformat() if new.published else "",
        revision=reference_store.REVIEWER_REVISION, note=new.note.strip())


def validation_errors(new: NewObservation, data: ReferenceData,
                      today: date | None = None) -> list[str]:
    """Everything wrong with a reviewer's entry, as sentences; empty when it can be stored.
    The file's rules apply, and more strictly: an entry off its series' trend is refused."""
    today = today or date.today()
    if isinstance(new.value, bool) or not isinstance(new.value, int | float):
        return [f"value {new.value!r} is not a number"]
    if not isinstance(new.published, date | None):
        return ["published must be a date"]
    obs = _as_observation(new)
    errors, _warnings = check_row(obs, data.catalogue)
    ind = data.catalogue.get(obs.indicator)
    if ind is None or not math.isfinite(obs.value):
        return errors
    if obs.value < 0 and ind.measure in ("stock", "flow"):
        errors.append(f"value {obs.value:g} is negative, and {ind.id} is a level")
    bounds = period_bounds(obs.period)
    if bounds is not None:
        if bounds[0] > today:
            errors.append(f"period {obs.period} has not begun: only published figures can be added")
        if new.published is not None and new.published < bounds[0]:
            errors.append(f"published {new.published.isoformat()} is before the period "
                          f"{obs.period} began")
    if new.published is not None and new.published > today:
        errors.append(f"published {new.published.isoformat()} is in the future")
    key = duplicate_key(obs)
    series = data.observations.series(obs.indicator, obs.geography)
    if any(duplicate_key(o) == key for o in series):
        errors.append(f"{obs.publisher} already gives {obs.value:g} for {obs.indicator} "
                      f"{obs.geography} {obs.period}: duplicate")
    if not errors:
        problem = trend_problem(obs, ind, series)
        if problem:
            errors.append(f"{problem}; check the scale and the unit")
    return errors


def add_observation(settings: Settings, new: NewObservation, user: str, *,
                    verify: bool = True) -> list[str]:
    """Validate, store and apply a reviewer's observation. Returns the errors; an empty list
    means it was stored and (unless `verify` is False: a web request calls reverify_briefly
    instead) the claims about its indicator were verified again."""
    if not user or not user.strip():
        return ["the reviewer's name is required"]
    data = Context(settings).reference()  # the files plus every reviewer-added row
    errors = validation_errors(new, data)
    if errors:
        return errors
    obs = _as_observation(new)
    with session_scope(settings.db_url) as s:
        reference_store.add_reviewer_observation(
            s, indicator=obs.indicator, geography=obs.geography, period=obs.period,
            value=float(obs.value), unit=obs.unit, qualifier=obs.qualifier,
            publisher=obs.publisher, source_url=obs.source_url, published=new.published,
            note=obs.note, added_by=user.strip())
    log.info("%s added %s %s %s = %g (%s)", user, obs.indicator, obs.geography, obs.period,
             obs.value, obs.publisher)
    if verify:
        reverify(settings, indicator=obs.indicator)
    return []


REVERIFY_BATCH = 5  # articles per reverify() call: small, as one may take 0.4 s (conflicts)


def reverify_briefly(settings: Settings, indicator: str, seconds: float,
                     first: Collection[int] = ()) -> tuple[int, bool]:
    """Verify again the articles about `indicator` a batch at a time until none is left or
    `seconds` have passed (looked at between batches: one batch may run past it). Returns
    (articles done, whether all were). What is left is worker.tasks.reverify_reference's:
    with a few hundred articles about one indicator the whole takes minutes
    (benchmarks/observation_reverify.py), too long for a web request to wait.

    The articles in `first` (those of the finding the reviewer is looking at) go before any
    other, and their first batch whatever the time: otherwise, oldest first, the page the
    reviewer goes back to could still show the verdict the new figure was meant to settle."""
    deadline = time.monotonic() + seconds
    done = 0
    pending = list(dict.fromkeys(first))
    while pending:
        batch, pending = pending[:REVERIFY_BATCH], pending[REVERIFY_BATCH:]
        done += reverify(settings, limit=len(batch), article_ids=batch)
        if pending and time.monotonic() >= deadline:
            return done, False
    while True:
        count = reverify(settings, limit=REVERIFY_BATCH, indicator=indicator)
        done += count
        if count < REVERIFY_BATCH:
            return done, True
        if time.monotonic() >= deadline:
            return done, False
