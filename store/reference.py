"""Reference observations added by reviewers, kept beside the files in reference_data/."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import ReferenceObservation


def reviewer_observations(session: Session) -> list[ReferenceObservation]:
    return list(session.scalars(select(ReferenceObservation).order_by(ReferenceObservation.id)))
