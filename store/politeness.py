"""Per-host rate limits shared by all workers: one slot per host per delay.

A slot is taken by one conditional UPDATE (`… WHERE next_allowed_at <= now`),
so of two workers asking at once only one moves the row on; the other sees no
row updated and is told how long to wait. PostgreSQL's row lock and SQLite's
single writer both make the condition be re-read after the first commit.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from store.clock import EPOCH, as_utc, db_now
from store.db import insert_ignore
from store.models import HostSlot


def claim_slot(session: Session, host: str, delay_seconds: float,
               now: datetime | None = None) -> float:
    """0.0 when this caller may fetch from host now (the slot is taken for delay_seconds);
    otherwise the seconds until the host's next slot. The caller commits at once."""
    now = now or db_now(session)
    insert_ignore(session, HostSlot, {"host": host, "next_allowed_at": EPOCH}, ["host"])
    taken = session.execute(
        update(HostSlot)
        .where(HostSlot.host == host, HostSlot.next_allowed_at <= now)
        .values(next_allowed_at=now + timedelta(seconds=delay_seconds))
        .returning(HostSlot.host)).first()
    if taken is not None:
        return 0.0
    next_at = session.scalar(select(HostSlot.next_allowed_at).where(HostSlot.host == host))
    assert next_at is not None  # inserted above if it was missing
    # never 0: a caller that was refused must not be told to go now
    return max((as_utc(next_at) - now).total_seconds(), 0.01)
