"""Two real workers share one host's politeness slot: N articles of one host are fetched one
delay apart, whichever worker takes each (spacing read from the site's own request log)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest

from claimwatch.settings import PROJECT_DIR, Settings
from store.db import session_scope
from store.failures import open_failures
from store.models import Article
from tests.integration.test_worker import _redis_db, broker_prefix, start_worker, wait_for
from tests.integration.worker_sites import RecordingSite, add_articles
from worker.app import create_app

pytestmark = pytest.mark.slow
DELAY = 1.0
N = 5
# the slot is taken just before the request is made: the time between the two is all a
# request may lose against the delay
SLACK = 0.3


@pytest.fixture
def site() -> Iterator[RecordingSite]:
    site = RecordingSite()
    yield site
    site.close()


def test_two_workers_fetch_one_host_no_faster_than_the_delay(tmp_path: Path, db_url: str,
                                                             site: RecordingSite) -> None:
    settings = Settings(var_dir=tmp_path / "var", database_url=db_url, broker_url=_redis_db(),
                        broker_prefix=broker_prefix(), allow_private_hosts="127.0.0.1",
                        reference_dir=PROJECT_DIR / "reference_data")
    ids = add_articles(db_url, [f"{site.base}/a/{n}.html" for n in range(N)])
    env = {"CLAIMWATCH_DOMAIN_DELAY": str(DELAY)}
    workers = [start_worker(settings, "-n", f"w{i}@%h", env=env) for i in range(2)]
    try:
        app = create_app(settings)
        for article_id in ids:  # all at once: without the slot both workers would fetch together
            app.send_task("worker.tasks.fetch_article", args=[article_id])

        def all_fetched() -> bool:
            with session_scope(db_url) as s:
                return all(s.get(Article, i).status != "pending" for i in ids)  # type: ignore[union-attr]

        wait_for(all_fetched, 120, f"{N} fetched articles")
    finally:
        for proc in workers:
            proc.terminate()
        for proc in workers:
            proc.wait(timeout=30)
    # robots.txt is read once per worker process and cached: the articles are what is paced
    fetches = [(t, path) for t, path in site.arrivals if path.startswith("/a/")]
    assert sorted(p for _t, p in fetches) == [f"/a/{n}.html" for n in range(N)]  # each once
    times = sorted(t for t, _p in fetches)
    gaps = [b - a for a, b in pairwise(times)]
    assert min(gaps) >= DELAY - SLACK, gaps
    with session_scope(db_url) as s:
        assert open_failures(s) == []  # waiting for the host is not a failure
