"""Queries the review web layer needs beyond store.findings and store.users."""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from store.models import Finding, User


def ping(session: Session) -> bool:
    """True when the database answers a trivial query."""
    return session.execute(text("SELECT 1")).scalar() == 1


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name)))


def count_matching(session: Session, *, status: str | None = "open", verdict: str | None = None,
                   indicator: str | None = None, type: str | None = None,
                   search: str | None = None) -> int:
    """How many findings store.findings.list_findings would return without limit/offset."""
    stmt = select(func.count()).select_from(Finding)
    if status:
        stmt = stmt.where(Finding.status == status)
    if verdict:
        stmt = stmt.where(Finding.verdict == verdict)
    if indicator:
        stmt = stmt.where(Finding.indicator == indicator)
    if type:
        stmt = stmt.where(Finding.type == type)
    if search:
        stmt = stmt.where(Finding.summary.ilike(f"%{search}%"))
    return int(session.scalar(stmt) or 0)


def indicators_in_use(session: Session) -> list[str]:
    """Indicator ids that appear on at least one finding, for the queue's filter menu."""
    rows = session.scalars(select(Finding.indicator).where(Finding.indicator.is_not(None))
                           .distinct().order_by(Finding.indicator))
    return [r for r in rows if r]
