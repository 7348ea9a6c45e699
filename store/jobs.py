"""Periodic jobs run once per period, however many beats send them.

Same pattern as sources.claim_due_sources: a conditional UPDATE moves the job's
next_run_at on, and only the caller whose UPDATE touched the row runs the job.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from store.clock import EPOCH, db_now
from store.db import insert_ignore
from store.models import JobRun


def claim_job(session: Session, name: str, every: timedelta, now: datetime | None = None) -> bool:
    """True for exactly one caller per period; the caller commits at once."""
    now = now or db_now(session)
    insert_ignore(session, JobRun, {"name": name, "next_run_at": EPOCH, "last_result": {}},
                  ["name"])
    taken = session.execute(
        update(JobRun)
        .where(JobRun.name == name, JobRun.next_run_at <= now)
        .values(next_run_at=now + every, last_run_at=now)
        .returning(JobRun.name)).first()
    return taken is not None


def record_result(session: Session, name: str, result: dict[str, Any]) -> None:
    session.execute(update(JobRun).where(JobRun.name == name).values(last_result=result))


def job_runs(session: Session) -> list[JobRun]:
    return list(session.scalars(select(JobRun).order_by(JobRun.name)))
