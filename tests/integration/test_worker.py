"""A real Celery worker process, once on the real Redis and once on the embedded SQLite
broker, takes a feed through the whole flow; the expected findings land in the database."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis

from claimwatch import pipeline
from claimwatch.runner import register_demo_sources
from claimwatch.settings import PROJECT_DIR, Settings
from store import sources
from store.db import session_scope
from store.models import Article
from tests.integration.expected import PLANTED, flagged
from worker.app import create_app
from worker.launch import start_worker

pytestmark = pytest.mark.slow
REDIS = "redis://127.0.0.1:6379"


def _redis_db() -> str:
    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("CI"):
            pytest.fail("Redis is not reachable on 127.0.0.1:6379; .ci/run should start it")
        pytest.skip("Redis is not running")
    return f"{REDIS}/0"


def broker_prefix() -> str:
    """Keys of this test only: runs that share the Redis never take each other's tasks."""
    return f"cwtest-{uuid.uuid4().hex[:10]}:"


@pytest.fixture(params=["redis", "embedded"])
def broker_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "redis":
        return _redis_db()
    return f"sqla+sqlite:///{tmp_path / 'broker.db'}"


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@pytest.fixture
def worker_settings(tmp_path: Path, db_url: str, broker_url: str) -> Iterator[Settings]:
    yield Settings(var_dir=tmp_path / "var", database_url=db_url, broker_url=broker_url,
                   broker_prefix=broker_prefix(), allow_private_hosts="127.0.0.1",
                   reference_dir=PROJECT_DIR / "reference_data")


def test_a_real_worker_takes_the_demo_feed_to_findings(worker_settings: Settings,
                                                       demo_site: str) -> None:
    settings = worker_settings
    register_demo_sources(settings, demo_site)
    with session_scope(settings.db_url) as s:
        source_ids = [src.id for src in sources.list_sources(s)]
    proc = start_worker(settings, env={"CLAIMWATCH_ALERT_GROUP_SECONDS": "0"})
    try:
        app = create_app(settings)
        for source_id in source_ids:
            app.send_task("worker.tasks.poll_source", args=[source_id], queue="crawl")

        def all_processed() -> bool:
            with session_scope(settings.db_url) as s:
                statuses = [a.status for a in s.query(Article).all()]
            return len(statuses) == 8 and all(st == "processed" for st in statuses)

        wait_for(all_processed, 90, "8 processed articles")
        ctx = pipeline.Context(settings)
        wait_for(lambda: flagged(pipeline.open_findings(ctx)) >= PLANTED, 30, "the planted findings")
        app.send_task("worker.tasks.flush_alerts", queue="alerts")  # beat's job, sent by hand
        wait_for(lambda: settings.alert_log.exists(), 30, "an alert in alerts.log")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
