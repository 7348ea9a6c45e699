"""Which (indicator, geography, period) keys the cross-source conflict check must look at.

process_article marks the keys of the actual claims it wrote, in its own transaction; the
check (claimwatch.pipeline.check_conflicts) takes what is marked, compares each key's claims
once however many articles touched it, and deletes exactly the marks it read. Marks are only
inserted and deleted, never updated, so two workers writing claims for the same key do not
wait for each other, and a mark committed while a check runs is left for the next one.

One check at a time: it holds a lease (a job_runs row, as store.jobs), so two checks never
write one key's conflict from two different snapshots; a lease whose holder died ends on its
own.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import delete, exists, insert, select, update
from sqlalchemy.orm import Session

from store.clock import db_now
from store.jobs import claim_job, record_result
from store.models import ConflictMark, JobRun

Key = tuple[str, str, str]
LEASE_NAME = "conflict_check"


def mark(session: Session, article_id: int | None, keys: Iterable[Key]) -> None:
    """Note keys whose claims were just written, in the caller's transaction."""
    rows = [{"indicator": i, "geography": g, "period": p, "article_id": article_id}
            for i, g, p in sorted(set(keys))]
    if rows:
        session.execute(insert(ConflictMark), rows)


def first_marker(session: Session) -> int | None:
    """The article that marked the oldest key still waiting (None: nothing waits, or it was
    marked by someone else than an article). The article that finds itself here sends the
    check; the others know a check is coming: one was sent for the older mark, or the check
    that deletes the older mark sees theirs left and sends the next."""
    return session.scalar(select(ConflictMark.article_id).order_by(ConflictMark.id).limit(1))


def waiting(session: Session, limit: int) -> list[tuple[int, Key]]:
    """The oldest marks (id, key), at most `limit` of them."""
    rows = session.execute(select(ConflictMark.id, ConflictMark.indicator, ConflictMark.geography,
                                  ConflictMark.period).order_by(ConflictMark.id).limit(limit))
    return [(mark_id, (i, g, p)) for mark_id, i, g, p in rows]


def done(session: Session, mark_ids: list[int]) -> None:
    """Delete the marks a check read: by id, never by range, since a mark with a lower id may
    commit after one with a higher id."""
    for start in range(0, len(mark_ids), 1000):
        session.execute(delete(ConflictMark).where(ConflictMark.id.in_(mark_ids[start:start + 1000])))


def any_waiting(session: Session) -> bool:
    return bool(session.scalar(select(exists().where(ConflictMark.id.is_not(None)))))


def take_lease(session: Session, lease: timedelta, now: datetime | None = None) -> bool:
    """True for one caller until it releases (or the lease runs out); commit at once."""
    return claim_job(session, LEASE_NAME, lease, now)


def release_lease(session: Session, result: dict[str, int]) -> None:
    """Let the next check start at once, and keep what this one did (claimwatch status)."""
    session.execute(update(JobRun).where(JobRun.name == LEASE_NAME)
                    .values(next_run_at=db_now(session)))
    record_result(session, LEASE_NAME, dict(result))
