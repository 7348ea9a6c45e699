"""Queries the review web layer needs beyond store.findings and store.users."""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from store.models import Finding, User


def ping(session: Session) -> bool:
    """True when the database answers a trivial query."""
    return session.execute(text("SELECT 1")).scalar() == 1


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name)))


def indicators_in_use(session: Session) -> list[str]:
    """Indicator ids that appear on at least one finding, for the queue's filter menu."""
    rows = session.scalars(select(Finding.indicator).where(Finding.indicator.is_not(None))
                           .distinct().order_by(Finding.indicator))
    return [r for r in rows if r]
