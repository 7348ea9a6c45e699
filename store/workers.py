"""Worker heartbeats: which workers are running, as each last said so.

The embedded broker (kombu's SQLAlchemy transport) has no broadcast, so Celery's
`inspect().ping()` finds nobody there; a row per worker, refreshed by the worker
itself, works the same on every broker. Times come from store.clock, so workers
on machines with skewed clocks are judged by one clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, create_engine, delete, select, update
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from store.clock import as_utc, db_now
from store.db import insert_ignore
from store.models import WorkerHeartbeat

# a worker beats every HEARTBEAT_EVERY; one not heard from for ALIVE_WITHIN has stopped or hangs
HEARTBEAT_EVERY = timedelta(seconds=10)
ALIVE_WITHIN = timedelta(seconds=45)
# rows of workers that died without saying so are deleted after this long
FORGET_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class WorkerSeen:
    hostname: str
    pid: int
    queues: list[str]
    started_at: datetime
    last_seen: datetime


def heartbeat_engine(url: str) -> Engine:
    """An engine that keeps no connection open between beats: the worker's main process
    forks pool processes later, and a pooled connection must not be inherited by them."""
    connect_args = {"timeout": 30} if url.startswith("sqlite") else {}
    return create_engine(url, poolclass=NullPool, connect_args=connect_args)


def beat(session: Session, *, hostname: str, pid: int, queues: list[str],
         started_at: datetime | None = None) -> datetime:
    """Record that this worker is alive now (its row is made on the first beat); returns now."""
    now = db_now(session)
    values = {"hostname": hostname, "pid": pid, "queues": ",".join(queues),
              "started_at": started_at or now, "last_seen": now}
    if not insert_ignore(session, WorkerHeartbeat, values, ["hostname", "pid"]):
        session.execute(update(WorkerHeartbeat)
                        .where(WorkerHeartbeat.hostname == hostname, WorkerHeartbeat.pid == pid)
                        .values(last_seen=now, queues=values["queues"]))
    return now


def leave(session: Session, *, hostname: str, pid: int) -> None:
    """A worker shutting down takes its row with it, so it stops counting at once."""
    session.execute(delete(WorkerHeartbeat).where(WorkerHeartbeat.hostname == hostname,
                                                  WorkerHeartbeat.pid == pid))


def alive(session: Session, within: timedelta = ALIVE_WITHIN,
          now: datetime | None = None) -> list[WorkerSeen]:
    """The workers heard from within the window, by host and pid."""
    now = now or db_now(session)
    rows = session.scalars(select(WorkerHeartbeat)
                           .where(WorkerHeartbeat.last_seen >= now - within)
                           .order_by(WorkerHeartbeat.hostname, WorkerHeartbeat.pid))
    return [WorkerSeen(hostname=r.hostname, pid=r.pid,
                       queues=[q for q in r.queues.split(",") if q],
                       started_at=as_utc(r.started_at), last_seen=as_utc(r.last_seen))
            for r in rows]


def forget_stale(session: Session, older_than: timedelta = FORGET_AFTER,
                 now: datetime | None = None) -> int:
    """Delete the rows of workers that died without leaving (killed, machine lost)."""
    now = now or db_now(session)
    result = session.execute(delete(WorkerHeartbeat)
                             .where(WorkerHeartbeat.last_seen < now - older_than)
                             .returning(WorkerHeartbeat.id))
    return len(result.all())
