"""Tasks that failed for good: kept so a person can see and retry them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import TaskFailure, utcnow


def record(session: Session, task: str, args: list[Any], error: str) -> int:
    row = TaskFailure(task=task, args=args, error=error[:4000])
    session.add(row)
    session.flush()
    return row.id


def open_failures(session: Session, limit: int = 100) -> list[TaskFailure]:
    return list(session.scalars(select(TaskFailure).where(TaskFailure.retried_at.is_(None))
                                .order_by(TaskFailure.id.desc()).limit(limit)))


def mark_retried(session: Session, failure_id: int) -> TaskFailure | None:
    row = session.get(TaskFailure, failure_id)
    if row is not None:
        row.retried_at = utcnow()
    return row


def get_failure(session: Session, failure_id: int) -> TaskFailure | None:
    return session.get(TaskFailure, failure_id)
