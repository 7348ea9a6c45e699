"""Reference observations added by reviewers, kept beside the files in reference_data/."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.models import ReferenceObservation
from verifier.reference import Observation

REVIEWER_REVISION = "reviewer"


def reviewer_observations(session: Session) -> list[ReferenceObservation]:
    return list(session.scalars(select(ReferenceObservation).order_by(ReferenceObservation.id)))


def reviewer_reference(session: Session) -> list[Observation]:
    """The reviewers' rows as the verifier reads them, in the order they were added."""
    return [Observation(indicator=r.indicator, geography=r.geography, period=r.period,
                        value=r.value, unit=r.unit, qualifier=r.qualifier,
                        publisher=r.publisher, source_url=r.source_url,
                        published=r.published.isoformat() if r.published else "",
                        revision=REVIEWER_REVISION, note=r.note or "")
            for r in reviewer_observations(session)]


def reviewer_stamp(session: Session) -> tuple[int, int]:
    """(how many, highest id): changes whenever a reviewer adds or removes a row; one cheap
    query, so a long-lived worker can tell its loaded reference data is out of date."""
    count, top = session.execute(
        select(func.count(ReferenceObservation.id), func.max(ReferenceObservation.id))).one()
    return int(count or 0), int(top or 0)


def add_reviewer_observation(session: Session, *, indicator: str, geography: str, period: str,
                             value: float, unit: str, qualifier: str, publisher: str,
                             source_url: str, published: date | None, note: str,
                             added_by: str) -> int:
    row = ReferenceObservation(indicator=indicator, geography=geography, period=period,
                               value=value, unit=unit, qualifier=qualifier, publisher=publisher,
                               source_url=source_url, published=published, note=note,
                               added_by=added_by)
    session.add(row)
    session.flush()
    return row.id
