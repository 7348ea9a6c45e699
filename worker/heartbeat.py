"""The worker's heartbeat: a row in the database refreshed by a small thread in the worker's
main process, from worker_ready until worker_shutdown (connected in worker/app.py).

A thread rather than a timer on Celery's event loop: a slow database (SQLite waiting for a
writer) must not hold up the consumer.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from store import workers

log = logging.getLogger("claimwatch.heartbeat")


@dataclass
class _Beating:
    engine: Engine
    hostname: str
    pid: int
    queues: list[str]
    stop: threading.Event
    thread: threading.Thread


_current: _Beating | None = None


def _beat_once(b: _Beating) -> None:
    with Session(b.engine) as s, s.begin():
        workers.beat(s, hostname=b.hostname, pid=b.pid, queues=b.queues)
        workers.forget_stale(s)


def _loop(b: _Beating) -> None:
    while not b.stop.wait(workers.HEARTBEAT_EVERY.total_seconds()):
        try:
            _beat_once(b)
        except Exception as exc:  # the database may be away for a while: beat again later
            log.warning("worker heartbeat not recorded: %s", exc)


def start(db_url: str, hostname: str, queues: list[str]) -> None:
    """Record the worker now (so it is seen at once) and keep it fresh."""
    global _current
    if _current is not None:
        return
    stop = threading.Event()
    b = _Beating(engine=workers.heartbeat_engine(db_url), hostname=hostname, pid=os.getpid(),
                 queues=sorted(queues), stop=stop, thread=threading.Thread())
    try:
        _beat_once(b)
    except Exception as exc:  # status will not show this worker; the worker still works
        log.warning("worker heartbeat not recorded: %s", exc)
    b.thread = threading.Thread(target=_loop, args=(b,), name="claimwatch-heartbeat", daemon=True)
    b.thread.start()
    _current = b


def stop() -> None:
    """Stop beating and remove the row, so status stops counting this worker at once."""
    global _current
    b, _current = _current, None
    if b is None:
        return
    b.stop.set()
    b.thread.join(timeout=5)
    try:
        with Session(b.engine) as s, s.begin():
            workers.leave(s, hostname=b.hostname, pid=b.pid)
    except Exception as exc:  # the row goes stale and is ignored after workers.ALIVE_WITHIN
        log.warning("worker heartbeat not removed: %s", exc)
    b.engine.dispose()
