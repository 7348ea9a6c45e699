"""/metrics: Prometheus text with counts read from the database."""

from __future__ import annotations

from fastapi.testclient import TestClient

from claimwatch.settings import Settings
from review.app import create_app
from store import sources
from store.db import session_scope


def test_metrics_report_what_the_database_holds(settings: Settings) -> None:
    with session_scope(settings.db_url) as s:
        src = sources.upsert_source(s, name="Wire", url="https://example.com/feed.xml")
        src.consecutive_failures = 3
    response = TestClient(create_app(settings)).get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    body = response.text
    assert 'claimwatch_source_consecutive_failures{source="Wire",source_id="1"} 3.0' in body
    assert "claimwatch_task_failures_open 0.0" in body
    assert 'claimwatch_queue_length{queue="crawl"}' in body
