"""Counts for /metrics and the dashboard: what the database holds, by state."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.models import Article, Claim, Finding, Source, TaskFailure


@dataclass
class Counts:
    articles_by_status: dict[str, int] = field(default_factory=dict)
    claims_by_verdict: dict[str, int] = field(default_factory=dict)
    findings: dict[tuple[str, str, str], int] = field(default_factory=dict)  # type, verdict, status
    sources: list[tuple[int, str, bool, int, datetime | None]] = field(default_factory=list)
    open_failures: int = 0


def counts(session: Session) -> Counts:
    out = Counts()
    for status, n in session.execute(select(Article.status, func.count()).group_by(Article.status)):
        out.articles_by_status[status] = int(n)
    for verdict, n in session.execute(select(Claim.verdict, func.count()).group_by(Claim.verdict)):
        out.claims_by_verdict[verdict or "none"] = int(n)
    rows = session.execute(select(Finding.type, Finding.verdict, Finding.status, func.count())
                           .group_by(Finding.type, Finding.verdict, Finding.status))
    for type_, verdict, status, n in rows:
        out.findings[(type_, verdict or "", status)] = int(n)
    out.sources = [(s.id, s.name, s.enabled, s.consecutive_failures, s.last_success_at)
                   for s in session.scalars(select(Source).order_by(Source.id))]
    out.open_failures = int(session.scalar(
        select(func.count()).select_from(TaskFailure).where(TaskFailure.retried_at.is_(None))) or 0)
    return out
