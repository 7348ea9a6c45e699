"""A worker killed with SIGKILL in the middle of a task loses nothing: with acks_late the
task goes back to Redis and a fresh worker finishes it, with no duplicate rows."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from claimwatch.settings import PROJECT_DIR, Settings
from store import sources
from store.db import session_scope
from store.models import Article, Claim
from tests.integration.test_worker import _redis_db, broker_prefix, start_worker, wait_for
from tests.integration.worker_sites import reply, serve
from worker.app import create_app

pytestmark = pytest.mark.slow

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Slow Wire</title>
<item><title>Robots</title><link>{base}/robots.html</link><guid>r1</guid></item>
</channel></rss>"""
PAGE = """<html><head><title>Robot output</title></head><body><article><h1>Robot output</h1>
<p>China produced 556,000 industrial robots in 2024, up 14.2 percent from a year earlier,
the National Bureau of Statistics said. Industrial value added above designated size grew
5.8 percent in 2024, and the country had 4.251 million 5G base stations by the end of 2024.</p>
</article></body></html>"""


class SlowSite:
    """Serves a feed and one article; the article hangs until released."""

    def __init__(self) -> None:
        self.requested = threading.Event()
        self.release = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return

            def do_GET(self) -> None:
                if self.path.endswith(".xml"):
                    body = FEED.format(base=site.base).encode()
                    ctype = "application/rss+xml"
                else:
                    site.requested.set()
                    site.release.wait(timeout=60)
                    body, ctype = PAGE.encode(), "text/html; charset=utf-8"
                reply(self, 200, body, ctype)

        self.server, self.base = serve(Handler)

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def slow_site() -> Iterator[SlowSite]:
    site = SlowSite()
    yield site
    site.close()


def test_a_killed_worker_loses_nothing(tmp_path: Path, db_url: str, slow_site: SlowSite) -> None:
    settings = Settings(var_dir=tmp_path / "var", database_url=db_url, broker_url=_redis_db(),
                        broker_prefix=broker_prefix(), allow_private_hosts="127.0.0.1",
                        visibility_timeout=3,
                        reference_dir=PROJECT_DIR / "reference_data")
    with session_scope(settings.db_url) as s:
        source_id = sources.upsert_source(s, name="Slow Wire", url=f"{slow_site.base}/feed.xml").id
    env = {"CLAIMWATCH_VISIBILITY_TIMEOUT": "3"}
    first = start_worker(settings, env=env)
    try:
        create_app(settings).send_task("worker.tasks.poll_source", args=[source_id], queue="crawl")
        assert slow_site.requested.wait(timeout=60), "the worker never fetched the article"
        # the fetch is in flight: kill the worker and its pool without any chance to clean up
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    slow_site.release.set()
    second = start_worker(settings, env=env)
    try:
        def processed() -> bool:
            with session_scope(settings.db_url) as s:
                return [a.status for a in s.query(Article).all()] == ["processed"]

        wait_for(processed, 90, "the redelivered article to be processed")
        with session_scope(settings.db_url) as s:
            claims = [(c.start, c.end) for c in s.query(Claim).all()]
        assert len(claims) == len(set(claims)) >= 3
    finally:
        second.terminate()
        second.wait(timeout=30)
