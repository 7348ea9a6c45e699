"""One clock for every machine: PostgreSQL's, when the database is PostgreSQL.

Workers on several machines share politeness slots and job leases; comparing
times read from each machine's own clock would let a skewed one jump the
queue. SQLite is single-machine by nature, so the local clock is that clock.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def db_now(session: Session) -> datetime:
    if session.get_bind().dialect.name == "postgresql":
        # clock_timestamp, not now(): now() is frozen at the start of the transaction
        value = session.scalar(select(func.clock_timestamp()))
        assert isinstance(value, datetime)
        return as_utc(value)
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """SQLite hands timestamps back without a zone; they were written in UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
