"""/metrics counts the workers whose heartbeat is recent, from the database."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from claimwatch.settings import Settings
from review.app import create_app
from store import workers
from store.db import session_scope
from store.models import WorkerHeartbeat


def test_metrics_count_live_workers_only(settings: Settings) -> None:
    client = TestClient(create_app(settings))
    assert "claimwatch_workers_alive 0.0" in client.get("/metrics").text
    with session_scope(settings.db_url) as s:
        workers.beat(s, hostname="celery@one", pid=101, queues=["crawl"])
        now = workers.beat(s, hostname="celery@two", pid=202, queues=["process"])
        # the second went quiet a while ago (killed without leaving)
        row = s.query(WorkerHeartbeat).filter_by(pid=202).one()
        row.last_seen = now - workers.ALIVE_WITHIN - timedelta(seconds=5)
    assert "claimwatch_workers_alive 1.0" in client.get("/metrics").text
