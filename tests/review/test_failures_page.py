"""Failed tasks in the web app: admins see them and send one again (through the real embedded
broker); reviewers cannot; a retry needs the CSRF token and happens once."""

from __future__ import annotations

from claimwatch.settings import Settings
from claimwatch.status import queue_lengths
from store import failures
from store.db import session_scope
from store.models import TaskFailure
from tests.review.review_helpers import Seeder, TestClient, csrf_of, login


def _record(settings: Settings, error: str = "ConnectionError: the site hung up") -> int:
    with session_scope(settings.db_url) as s:
        return failures.record(s, "worker.tasks.fetch_article", [42], error)


def _admin(client: TestClient, seed: Seeder) -> TestClient:
    seed.user("root", "admin")
    assert login(client, "root").status_code == 303
    return client


def test_an_admin_sees_a_recorded_failure(client: TestClient, seed: Seeder,
                                          settings: Settings) -> None:
    failure_id = _record(settings, "SoftTimeLimitExceeded: " + "x" * 300)
    page = _admin(client, seed).get("/admin/failures")
    assert page.status_code == 200
    assert f'id="failure-{failure_id}"' in page.text
    assert "worker.tasks.fetch_article" in page.text and "[42]" in page.text
    assert "SoftTimeLimitExceeded" in page.text
    assert 'href="/admin/failures"' in page.text  # the nav link


def test_a_reviewer_gets_403(reviewer: TestClient, settings: Settings) -> None:
    failure_id = _record(settings)
    assert reviewer.get("/admin/failures").status_code == 403
    page = reviewer.get("/")
    assert 'href="/admin/failures"' not in page.text
    response = reviewer.post(f"/admin/failures/{failure_id}/retry",
                             data={"csrf": csrf_of(page.text)})
    assert response.status_code == 403
    with session_scope(settings.db_url) as s:
        row = s.get(TaskFailure, failure_id)
        assert row is not None and row.retried_at is None


def test_retry_requeues_the_task_and_marks_the_failure(client: TestClient, seed: Seeder,
                                                       settings: Settings) -> None:
    failure_id = _record(settings)
    admin = _admin(client, seed)
    page = admin.get("/admin/failures")
    assert admin.post(f"/admin/failures/{failure_id}/retry",
                      data={}).status_code == 403  # no CSRF token: nothing sent
    assert queue_lengths(settings)["crawl"] == 0
    response = admin.post(f"/admin/failures/{failure_id}/retry", data={"csrf": csrf_of(page.text)})
    assert response.status_code == 303
    assert response.headers["location"] == f"/admin/failures?sent={failure_id}"
    assert queue_lengths(settings)["crawl"] == 1  # fetch_article is routed to the crawl queue
    with session_scope(settings.db_url) as s:
        row = s.get(TaskFailure, failure_id)
        assert row is not None and row.retried_at is not None
    after = admin.get(response.headers["location"])
    assert f'id="failure-{failure_id}"' not in after.text
    assert f"failure {failure_id} sent again" in after.text
    again = admin.post(f"/admin/failures/{failure_id}/retry", data={"csrf": csrf_of(page.text)})
    assert again.status_code == 409 and "already sent again" in again.text
    assert queue_lengths(settings)["crawl"] == 1
    missing = admin.post("/admin/failures/999/retry", data={"csrf": csrf_of(page.text)})
    assert missing.status_code == 404
