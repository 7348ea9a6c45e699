"""A fetch that hangs cannot hold a worker: the fetch's own time budget ends it (the article is
marked failed), the task's soft time limit ends it if the budget is longer (the task is
recorded as a failure), and the same single worker goes on to the next article. (The hard
limit, which kills the process when even the soft one cannot interrupt, e.g. a DNS lookup in
C, is Celery's; every task has one, checked below.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from claimwatch.settings import PROJECT_DIR, Settings
from store.db import session_scope
from store.failures import open_failures
from store.models import Article
from tests.integration.test_worker import _redis_db, broker_prefix, start_worker, wait_for
from tests.integration.worker_sites import RecordingSite, SilentSite, add_articles
from worker.app import create_app

pytestmark = pytest.mark.slow


@pytest.fixture
def sites() -> Iterator[tuple[SilentSite, RecordingSite]]:
    silent, good = SilentSite(), RecordingSite()
    yield silent, good
    silent.close()
    good.close()


def test_hung_fetches_end_at_the_time_limits_and_are_recorded(
        tmp_path: Path, sqlite_url: str, sites: tuple[SilentSite, RecordingSite]) -> None:
    silent, good = sites
    settings = Settings(var_dir=tmp_path / "var", database_url=sqlite_url, broker_url=_redis_db(),
                        broker_prefix=broker_prefix(), allow_private_hosts="127.0.0.1",
                        reference_dir=PROJECT_DIR / "reference_data")
    soft_id, fetch_id = add_articles(sqlite_url, [f"{silent.base}/soft.html",
                                                  f"{silent.base}/budget.html"])
    (good_id,) = add_articles(sqlite_url, [f"{good.base}/a/1.html"])
    # the fetch's own budget (4 s) outlasts the soft limit sent with the first task, so it is
    # the task limit that ends that one; the second ends by the budget
    proc = start_worker(settings, env={"CLAIMWATCH_FETCH_TIMEOUT": "4"})
    try:
        app = create_app(settings)
        # limits sent with the message override the task's own (120 s / 100 s for fetches)
        app.send_task("worker.tasks.fetch_article", args=[soft_id],
                      soft_time_limit=1, time_limit=20)
        app.send_task("worker.tasks.fetch_article", args=[fetch_id])
        app.send_task("worker.tasks.fetch_article", args=[good_id])

        def good_done() -> bool:
            # fetched is not done: processing is the next task, and stopping the worker
            # between the two left the article "fetched" now and then
            with session_scope(sqlite_url) as s:
                return s.get(Article, good_id).status not in (  # type: ignore[union-attr]
                    "pending", "fetched")

        wait_for(good_done, 120, "the article after the hung ones")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    with session_scope(sqlite_url) as s:
        failures = {tuple(f.args): (f.task, f.error) for f in open_failures(s)}
        budget = s.get(Article, fetch_id)
        assert budget is not None and budget.status == "failed" and "timeout" in (budget.error or "")
        done = s.get(Article, good_id)
        assert done is not None and done.status in ("processed", "irrelevant")
    assert failures[(soft_id,)][0] == "worker.tasks.fetch_article"
    assert failures[(soft_id,)][1].startswith("SoftTimeLimitExceeded")
    assert set(failures) == {(soft_id,)}  # the budget's timeout is the article's, not the task's
    with session_scope(sqlite_url) as s:
        hung = s.get(Article, soft_id)
        assert hung is not None and hung.status == "pending"  # `failures --retry` sends it again


def test_every_task_has_a_soft_and_a_hard_time_limit() -> None:
    from worker.tasks import app

    ours = {name: task for name, task in app.tasks.items() if name.startswith("worker.")}
    assert "worker.tasks.fetch_article" in ours
    for name, task in ours.items():
        assert task.soft_time_limit and task.time_limit, name
        assert task.soft_time_limit < task.time_limit, name
