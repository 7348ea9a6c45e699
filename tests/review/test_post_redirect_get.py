"""Every form the web app takes answers a successful post with a 303 redirect to a page
(POST-redirect-GET), so reloading what the browser shows next never sends the form again.
The form routes are found by walking the app (as test_security does), so a form added later
without a successful case here fails until it has one. A form with errors is shown again
with what was typed (400), like most apps; that reload re-posting is accepted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI

from claimwatch.settings import Settings
from store import failures
from store.db import session_scope
from tests.alert_receivers import Webhook
from tests.review.review_helpers import PASSWORD, Seeder, TestClient, alert_admin_world, csrf_of, login
from tests.review.test_security import endpoints


@dataclass(frozen=True)
class Post:
    path: str  # the route, as the app declares it
    who: str | None  # signed in as (None: a stranger)
    form: Callable[[dict[str, Any]], dict[str, str]]  # the fields of a successful post


def _none(_: dict[str, Any]) -> dict[str, str]:
    return {}


# in order: the undo follows a decision, the deletes follow the tests and toggles
SUCCESSFUL = [
    Post("/login", None, lambda w: {"name": "root", "password": PASSWORD}),
    Post("/findings/{finding_id}/decide", "ana", lambda w: {"action": "confirm"}),
    Post("/undo", "ana", _none),
    Post("/findings/bulk", "ana", lambda w: {"ids": str(w["finding_id"]), "action": "dismiss",
                                             "reason": "duplicate"}),
    Post("/findings/{finding_id}/claims/{claim_id}/correct", "ana", lambda w: {
        "indicator": "5g_base_stations", "period": "2024", "value": "4251000",
        "kind": "actual"}),
    Post("/findings/{finding_id}/observations", "ana", lambda w: {
        "indicator": "5g_base_stations", "geography": "CN", "period": "2025-06",
        "value": "4,900,000", "unit": "count", "qualifier": "exact",
        "publisher": "Test Statistics Office", "source_url": "https://stats.example.org/5g",
        "published": "2025-07-20", "note": ""}),
    Post("/admin/alerts/channels", "root", lambda w: {"name": "second",
                                                      "url": "json://127.0.0.1:9/second"}),
    Post("/admin/alerts/channels/{channel_id}/test", "root", _none),
    Post("/admin/alerts/channels/{channel_id}/url", "root", lambda w: {"url": w["channel_url"]}),
    Post("/admin/alerts/rules", "root", lambda w: {"name": "gdp", "channels": str(w["channel_id"]),
                                                   "indicators": "gdp"}),
    Post("/admin/alerts/rules/{rule_id}/enable", "root", lambda w: {"enabled": "0"}),
    Post("/admin/alerts/rules/{rule_id}/delete", "root", _none),
    Post("/admin/alerts/channels/{channel_id}/delete", "root", _none),
    Post("/admin/alerts/silences", "root", lambda w: {"indicator": "gdp", "hours": "2"}),
    Post("/admin/alerts/silences/{silence_id}/end", "root", _none),
    Post("/admin/failures/{failure_id}/retry", "root", _none),
    Post("/logout", "ana", _none),
]


@pytest.fixture
def world(settings: Settings, seed: Seeder, webhook: Webhook) -> dict[str, Any]:
    ids: dict[str, Any] = alert_admin_world(seed, webhook.url)
    ids["channel_url"] = webhook.url  # entered again by the replace-URL form
    with session_scope(settings.db_url) as s:
        ids["failure_id"] = failures.record(s, "worker.tasks.fetch_article", [42],
                                            "ConnectionError")
    return ids


def _fill(path: str, ids: dict[str, Any]) -> str:
    for key, value in ids.items():
        path = path.replace("{" + key + "}", str(value))
    return path


def test_every_successful_form_post_redirects(app: FastAPI, world: dict[str, Any],
                                              webhook: Webhook) -> None:
    # the routes as declared: each parameter filled with a number of its own, then put back
    marks = {key: 900_000 + n for n, key in enumerate(world)}
    forms = set()
    for e in endpoints(app, marks):
        if e.method == "POST" and not e.is_api:
            path = e.path
            for key, n in marks.items():
                path = path.replace(str(n), "{" + key + "}")
            forms.add(path)
    covered = {p.path for p in SUCCESSFUL}
    assert forms - covered == set(), "a form without a successful case in SUCCESSFUL"
    assert covered - forms == set(), "SUCCESSFUL names a form the app no longer has"

    clients: dict[str | None, TestClient] = {}
    for post in SUCCESSFUL:
        client = clients.get(post.who)
        if client is None:
            client = clients[post.who] = TestClient(app, follow_redirects=False)
            if post.who:
                assert login(client, post.who).status_code == 303
        token = csrf_of(client.get("/login" if post.who is None else "/").text)
        path = _fill(post.path, world)
        response = client.post(path, data={"csrf": token, **post.form(world)})
        assert response.status_code == 303, f"{path}: {response.status_code} {response.text[:300]}"
        # the page it sends the browser to is one a reload can ask again
        landing = client.get(response.headers["location"])
        assert landing.status_code in (200, 303), f"{path} -> {response.headers['location']}"
    assert webhook.titles == ["[claimwatch] test"]  # the test message, sent once
