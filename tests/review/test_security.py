"""The security pass over the web app, route by route: every route the app serves is found by
walking its routers (so a route added later is covered without editing this file), and each
is asked as a stranger, as a reviewer and as an admin, with and without the CSRF token.
Also the cookie, the headers, open redirects, links from crawled data and channel secrets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute

from claimwatch.settings import PROJECT_DIR, Settings
from review.alert_admin import redact
from review.app import create_app
from review.deps import safe_next
from store import alert_config
from store import alerts as alert_store
from store.db import session_scope
from store.findings import events_for, get_finding
from tests.review.review_helpers import PASSWORD, Seeder, TestClient, alert_admin_world, csrf_of, login
from verifier.claims import Reference
from worker.alerts import mask_url

# open to anyone on purpose: liveness, the login form, the API's schema, the static files and
# Prometheus (counts and source names only; a scraper has no session)
PUBLIC = {"/healthz", "/login", "/metrics"}
# the feed reader's route: a session, or an API token as Bearer or as the Basic password
FEED = {"/feeds/confirmed.atom"}


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # with every {parameter} filled in

    @property
    def is_api(self) -> bool:
        return self.path.startswith("/api/")

    @property
    def is_admin(self) -> bool:
        return self.path.startswith("/admin/")


def _routes(routes: list[Any]) -> Iterator[APIRoute]:
    """The app's routes, through included routers however this FastAPI version keeps them."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):
            yield from _routes(route.original_router.routes)


def endpoints(app: FastAPI, ids: dict[str, int]) -> list[Endpoint]:
    out: list[Endpoint] = []
    for route in _routes(list(app.routes)):
        path = re.sub(r"\{(\w+)\}", lambda m: str(ids.get(m.group(1), 1)), route.path)
        out.extend(Endpoint(method, path) for method in sorted(set(route.methods or ()) - {"HEAD"}))
    return out


@pytest.fixture
def world(seed: Seeder) -> dict[str, Any]:
    """An admin, a reviewer, a finding, a channel, a rule and a silence for the routes to
    act on, so a refusal is not just a 404 for something missing."""
    ids: dict[str, Any] = alert_admin_world(seed, "json://127.0.0.1:9/x")
    ids.update(failure_id=1, source_id=1)
    return {"ids": ids, "finding_id": ids["finding_id"]}


def _client(app: FastAPI, name: str | None) -> TestClient:
    client = TestClient(app, follow_redirects=False)
    if name:
        assert login(client, name).status_code == 303
    return client


def _unchanged(settings: Settings, finding_id: int) -> None:
    with session_scope(settings.db_url) as s:
        finding = get_finding(s, finding_id)
        assert finding is not None and finding.status == "open"
        assert events_for(s, finding_id) == []
        assert len(alert_config.list_channels(s)) == 1
        assert len(alert_config.list_rules(s)) == 1


def test_every_route_needs_the_right_login_and_csrf(app: FastAPI, settings: Settings,
                                                    world: dict[str, Any]) -> None:
    found = endpoints(app, world["ids"])
    assert len(found) > 40, "the route walk found too few routes: it no longer sees them all"
    posts = [e for e in found if e.method == "POST"]
    assert {e.path for e in posts} >= {"/logout", "/undo", "/admin/alerts/channels"}
    stranger, ana, root = _client(app, None), _client(app, "ana"), _client(app, "root")
    ana_csrf = csrf_of(ana.get("/").text)

    for e in found:
        if e.path in PUBLIC and e.method == "GET":
            continue
        anonymous = stranger.request(e.method, e.path, data={} if e.method == "POST" else None)
        where = f"{e.method} {e.path}"
        if e.is_api or e.path in FEED:
            assert anonymous.status_code == 401, where
            assert "www-authenticate" in anonymous.headers, where
        elif e.method == "GET":
            assert anonymous.status_code == 303, where
            assert anonymous.headers["location"].startswith("/login"), where
        else:  # a form post: to the login page, or refused for the missing token
            assert anonymous.status_code in (303, 403), where
            if anonymous.status_code == 303:
                assert anonymous.headers["location"].startswith("/login"), where

        if e.method == "POST" and not e.is_api:
            # signed in, but the form lacks the session's token (a forged cross-site post)
            for client in (ana, root):
                assert client.post(e.path, data={}).status_code == 403, where
                assert client.post(e.path, data={"csrf": "forged"}).status_code == 403, where
        if e.is_admin:
            refused = (ana.post(e.path, data={"csrf": ana_csrf}) if e.method == "POST"
                       else ana.get(e.path))
            assert refused.status_code == 403, where
        if e.is_api:
            # the browser session is no API credential
            assert ana.request(e.method, e.path, json={}).status_code == 401, where
    _unchanged(settings, world["finding_id"])


def test_the_admin_pages_open_for_an_admin(app: FastAPI, world: dict[str, Any]) -> None:
    """The other side of the 403s above: the same routes work for an admin."""
    root = _client(app, "root")
    for e in endpoints(app, world["ids"]):
        if e.is_admin and e.method == "GET":
            assert root.get(e.path, follow_redirects=True).status_code == 200, e.path


def test_the_session_cookie(client: TestClient, seed: Seeder) -> None:
    seed.user("ana")
    response = login(client, "ana")
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert "secure" not in cookie  # plain http on 127.0.0.1: a Secure cookie would never return
    assert "strict-transport-security" not in response.headers


def test_the_cookie_is_secure_behind_https(tmp_path: Path, sqlite_url: str, seed: Seeder) -> None:
    settings = Settings(var_dir=tmp_path / "var", database_url=sqlite_url, secret_key="k",
                        public_url="https://claimwatch.example.org",
                        reference_dir=PROJECT_DIR / "reference_data")
    seed.user("ana")
    with TestClient(create_app(settings), follow_redirects=False,
                    base_url="https://claimwatch.example.org") as client:
        response = login(client, "ana")
        assert response.status_code == 303
        assert "secure" in response.headers["set-cookie"].lower()
        assert response.headers["strict-transport-security"].startswith("max-age=")
        assert client.get("/").status_code == 200  # and it comes back over https


def test_pages_carry_the_security_headers(reviewer: TestClient, seed: Seeder) -> None:
    finding_id = seed.simple()
    for path in ("/", f"/findings/{finding_id}", "/dashboard", "/login"):
        headers = reviewer.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp, path
        assert "unsafe-inline" not in csp, path
        assert headers["x-frame-options"] == "DENY", path
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["cache-control"] == "no-store", path
    assert reviewer.get("/export/findings.csv").headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("target", [
    "//evil.example/", "https://evil.example/", "/\\evil.example", "/\t/evil.example",
    "/\n/evil.example", " /evil", "/\x00/evil.example", "javascript:alert(1)"])
def test_login_never_sends_anyone_offsite(client: TestClient, seed: Seeder, target: str) -> None:
    seed.user("ana")
    page = client.get("/login", params={"next": target})
    assert 'name="next" value="/"' in page.text
    response = client.post("/login", data={"name": "ana", "password": PASSWORD,
                                           "csrf": csrf_of(page.text), "next": target})
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert safe_next(target) == "/"


def test_login_keeps_a_local_next(client: TestClient, seed: Seeder) -> None:
    seed.user("ana")
    page = client.get("/login", params={"next": "/findings/7?x=1"})
    response = client.post("/login", data={"name": "ana", "password": PASSWORD,
                                           "csrf": csrf_of(page.text), "next": "/findings/7?x=1"})
    assert response.headers["location"] == "/findings/7?x=1"


def test_links_from_crawled_data_are_only_http(reviewer: TestClient, seed: Seeder,
                                               settings: Settings) -> None:
    """A page or a reference could carry a javascript: URL; it is shown as text, never made
    a link, on every page that shows it, in the feed and in the exports' HTML-free forms."""
    bad_ref = Reference(value=4_000_000.0, period="2024", publisher="MIIT",
                        source_url="javascript:alert('ref')", revision="")
    first = seed.finding(text="Intro. China had 4.25 million 5G base stations.",
                         sentence="China had 4.25 million 5G base stations.",
                         claim_text="4.25 million", url=" JavaScript:alert('page')",
                         reference=bad_ref)
    second = seed.finding(text="Lead. The country had 4.3 million 5G base stations.",
                          sentence="The country had 4.3 million 5G base stations.",
                          claim_text="4.3 million", url="data:text/html,<b>x</b>")
    with session_scope(settings.db_url) as s:
        finding = get_finding(s, first)
        assert finding is not None
        article_id = finding.claims[0].article_id
    token = csrf_of(reviewer.get("/").text)
    reviewer.post(f"/findings/{first}/decide", data={"csrf": token, "action": "confirm"})
    pages = ["/", "/?status=all", f"/findings/{first}", f"/findings/{second}",
             f"/articles/{article_id}", "/feeds/confirmed.atom"]
    for path in pages:
        body = reviewer.get(path).text
        hrefs = re.findall(r'href="([^"]*)"', body)
        assert hrefs, path
        for href in hrefs:
            assert href.startswith(("/", "http://", "https://", "#")), (path, href)
    # the finding page still names where the figure came from, as text and not as a link
    page = reviewer.get(f"/findings/{second}").text
    assert "Example News" in page and "Industry ministry figures" in page
    assert not re.search(r'<a href="(?!/)[^"]*"[^>]*>Industry ministry figures</a>', page)


def test_channel_secrets_never_show_even_in_error_texts(client: TestClient, seed: Seeder,
                                                        settings: Settings) -> None:
    """A delivery error from a library often quotes the URL it sent to; the channel page
    shows the error without the URL's credentials, path or query."""
    url = "json://alice:s3cr3t-pass@127.0.0.1:9/hooks/T0KEN-abc123?key=K3Y-xyz789"
    seed.user("root", "admin")
    with session_scope(settings.db_url) as s:
        channel = alert_config.add_channel(s, name="ops", url=url, created_by="root",
                                           secret=settings.session_secret())
        key = alert_config.channel_key(channel.id)
        alert_store.queue(s, "f:1", key, None, kind="alert")
        [delivery] = alert_store.list_deliveries(s)
        alert_store.mark(s, delivery, f"ConnectionError: cannot reach {url} "
                         "(url: /hooks/T0KEN-abc123?key=K3Y-xyz789)", datetime.now(UTC))
    assert login(client, "root").status_code == 303
    page = client.get("/admin/alerts/channels").text
    for secret in ("alice", "s3cr3t-pass", "T0KEN-abc123", "K3Y-xyz789"):
        assert secret not in page
    assert "ConnectionError: cannot reach json://127.0.0.1:9" in page
    assert "•••" in page
    # a failed test send says why without the URL either
    token = csrf_of(page)
    failed = client.post(f"/admin/alerts/channels/{channel.id}/test", data={"csrf": token})
    assert failed.status_code == 502 and "ops: not sent" in failed.text
    for secret in ("alice", "s3cr3t-pass", "T0KEN-abc123", "K3Y-xyz789"):
        assert secret not in failed.text


def test_redact_keeps_the_host_and_hides_the_credentials() -> None:
    url = "mailto://bob:pw@mail.example.org/ops-team?to=alerts@example.org&key=a8f3e9b2c1"
    text = redact(f"SMTP error for {url}; login bob:pw refused; key a8f3e9b2c1", [url])
    assert "bob" not in text and ":pw" not in text and "a8f3e9b2c1" not in text
    assert "SMTP error for mailto://" in text and "refused" in text
    # words that are no secret stay readable, so the message still makes sense
    channel = "json://127.0.0.1:9/hook/TOKEN123456"
    said = redact("ops hook did not accept the message (/hook/TOKEN123456)", [channel])
    assert said == "ops hook did not accept the message (/hook/•••)"
    slack = "slack://T0AB/B0CD/xoxbabcdefghijklmnop"
    assert redact(f"failed: {slack}", [slack]) == f"failed: {mask_url(slack)}"
    assert redact("T0AB and B0CD and xoxbabcdefghijklmnop", [slack]).count("•••") == 3
    assert redact("nothing to hide", [url, ""]) == "nothing to hide"
