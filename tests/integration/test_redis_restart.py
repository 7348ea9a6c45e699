"""Redis restarted while tasks are queued and running: the worker reconnects and the work
completes. The test runs its own Redis on a free port (with an append-only file, as a
production Redis keeps one), so the shared server is never touched."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from claimwatch.runner import register_demo_sources
from claimwatch.settings import PROJECT_DIR, Settings
from store import sources
from store.db import session_scope
from store.models import Article
from tests.integration.test_worker import start_worker, wait_for
from worker.app import create_app

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class OwnRedis:
    def __init__(self, directory: Path) -> None:
        self.port = _free_port()
        self.directory = directory
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        subprocess.run(["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1",
                        "--port", str(self.port), "--dir", str(self.directory),
                        "--appendonly", "yes", "--appendfsync", "always", "--save", ""],
                       check=True, capture_output=True)
        wait_for(self._answers, 20, "the test's Redis to answer")

    def stop(self) -> None:
        # SHUTDOWN closes the connection it came on: that error is success
        with contextlib.suppress(redis.ConnectionError):
            redis.Redis.from_url(self.url).shutdown(nosave=False)
        wait_for(lambda: not self._answers(), 20, "the test's Redis to stop")

    def _answers(self) -> bool:
        try:
            return bool(redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping())
        except redis.RedisError:
            return False


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[OwnRedis]:
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is not installed")
    server = OwnRedis(tmp_path)
    server.start()
    yield server
    if server._answers():
        server.stop()


def test_the_work_completes_across_a_redis_restart(tmp_path: Path, sqlite_url: str,
                                                   own_redis: OwnRedis, demo_site: str) -> None:
    settings = Settings(var_dir=tmp_path / "var", database_url=sqlite_url,
                        broker_url=own_redis.url, allow_private_hosts="127.0.0.1",
                        reference_dir=PROJECT_DIR / "reference_data")
    register_demo_sources(settings, demo_site)
    with session_scope(settings.db_url) as s:
        source_ids = [src.id for src in sources.list_sources(s)]
    worker = start_worker(settings)
    try:
        app = create_app(settings)
        for source_id in source_ids:
            app.send_task("worker.tasks.poll_source", args=[source_id], queue="crawl")
        own_redis.stop()
        own_redis.start()

        def all_processed() -> bool:
            with session_scope(settings.db_url) as s:
                statuses = [a.status for a in s.query(Article).all()]
            return len(statuses) == 8 and all(st == "processed" for st in statuses)

        wait_for(all_processed, 120, "8 processed articles after the restart")
    finally:
        worker.terminate()
        worker.wait(timeout=30)
