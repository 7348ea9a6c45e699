"""Worker heartbeats on both databases: a beat makes or refreshes a row, a worker not heard
from for a while stops counting, a worker leaving takes its row, stale rows are deleted."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from store import workers
from store.db import session_scope
from store.models import WorkerHeartbeat


def _rows(db_url: str) -> int:
    with session_scope(db_url) as s:
        return int(s.scalar(select(func.count()).select_from(WorkerHeartbeat)) or 0)


def test_a_beat_makes_one_row_and_refreshes_it(db_url: str) -> None:
    with session_scope(db_url) as s:
        first = workers.beat(s, hostname="celery@a", pid=11, queues=["crawl", "process"])
    with session_scope(db_url) as s:
        second = workers.beat(s, hostname="celery@a", pid=11, queues=["crawl", "process"])
        workers.beat(s, hostname="celery@a", pid=12, queues=["alerts"])  # a second worker there
    assert _rows(db_url) == 2
    with session_scope(db_url) as s:
        seen = workers.alive(s)
    assert [(w.hostname, w.pid, w.queues) for w in seen] == [
        ("celery@a", 11, ["crawl", "process"]), ("celery@a", 12, ["alerts"])]
    assert seen[0].started_at == first and seen[0].last_seen == second >= first


def test_a_worker_not_heard_from_stops_counting_and_is_forgotten_later(db_url: str) -> None:
    with session_scope(db_url) as s:
        now = workers.beat(s, hostname="celery@gone", pid=7, queues=["crawl"])
    with session_scope(db_url) as s:
        assert len(workers.alive(s, now=now + workers.ALIVE_WITHIN - timedelta(seconds=1))) == 1
        assert workers.alive(s, now=now + workers.ALIVE_WITHIN + timedelta(seconds=1)) == []
        # ignored, but kept until FORGET_AFTER
        assert workers.forget_stale(s, now=now + timedelta(hours=1)) == 0
    assert _rows(db_url) == 1
    with session_scope(db_url) as s:
        assert workers.forget_stale(s, now=now + workers.FORGET_AFTER + timedelta(seconds=1)) == 1
    assert _rows(db_url) == 0


def test_leaving_removes_only_that_worker(db_url: str) -> None:
    with session_scope(db_url) as s:
        workers.beat(s, hostname="celery@a", pid=1, queues=["crawl"])
        workers.beat(s, hostname="celery@b", pid=1, queues=["crawl"])
    with session_scope(db_url) as s:
        workers.leave(s, hostname="celery@a", pid=1)
    with session_scope(db_url) as s:
        assert [w.hostname for w in workers.alive(s)] == ["celery@b"]


def test_the_heartbeat_engine_writes_without_the_shared_pool(db_url: str) -> None:
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    engine = workers.heartbeat_engine(db_url)
    opened: list[object] = []
    closed: list[object] = []
    event.listen(engine, "connect", lambda conn, _rec: opened.append(conn))
    event.listen(engine, "close", lambda conn, _rec: closed.append(conn))
    try:
        with Session(engine) as s, s.begin():
            workers.beat(s, hostname="celery@c", pid=3, queues=["process"])
        # nothing held open between beats for a forked pool process to inherit
        assert len(opened) == 1 and closed == opened
    finally:
        engine.dispose()
    with session_scope(db_url) as s:
        assert [w.pid for w in workers.alive(s)] == [3]
