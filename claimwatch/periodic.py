"""Periodic jobs sent by beat: each runs once per period however many beats send it.

The lease (store/jobs.py) is taken in the same transaction as the job's work:
if the work fails, the lease is rolled back with it and the next beat tick
tries again; if it commits, a second beat's tick finds the period taken.
"""

from __future__ import annotations

from datetime import timedelta

from claimwatch.pipeline import Context
from store import jobs, retention
from store.clock import db_now
from store.db import session_scope

RETENTION_EVERY = timedelta(hours=6)


def run_retention(ctx: Context, every: timedelta = RETENTION_EVERY) -> dict[str, int] | None:
    """Delete what may go (store/retention.py); None when this period's run was already done."""
    with session_scope(ctx.db) as s:
        now = db_now(s)
        if not jobs.claim_job(s, "retention", every, now):
            return None
        cutoff = now - timedelta(days=ctx.settings.retention_days)
        result = retention.apply_retention(s, cutoff).as_dict()
        jobs.record_result(s, "retention", result)
    return result
