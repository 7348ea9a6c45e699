"""The alert admin pages as an admin uses them: channels (add, test-send to a real webhook on
loopback, delete), rules and silences; reviewers are refused; CSRF is checked; the channel URL,
which holds credentials, is never shown back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI

from claimwatch.settings import Settings
from review import auth
from review.app import create_app
from store import alert_config
from store.db import session_scope
from tests.alert_receivers import Webhook, add_source
from tests.review.review_helpers import TestClient, csrf_of, login

SECRET_URL = "json://alice:s3cr3t-pass@127.0.0.1:9/hook"


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024,
                                                        parallelism=1))


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
def admin(app: FastAPI, settings: Settings) -> Iterator[TestClient]:
    auth.create_user(settings.db_url, "root", "admin", "correct horse battery staple")
    with TestClient(app, follow_redirects=False) as client:
        assert login(client, "root", "correct horse battery staple").status_code == 303
        yield client


def _post(client: TestClient, path: str, data: dict[str, str]) -> httpx.Response:
    token = csrf_of(client.get("/admin/alerts/channels").text)
    return client.post(path, data={**data, "csrf": token})


def test_an_admin_adds_tests_and_deletes_a_channel(admin: TestClient, settings: Settings,
                                                   webhook: Webhook) -> None:
    page = admin.get("/admin/alerts/channels")
    assert page.status_code == 200 and 'href="/admin/alerts/channels"' in page.text
    response = _post(admin, "/admin/alerts/channels", {"name": "ops hook", "url": webhook.url,
                                                       "health": "1"})
    assert response.status_code == 303
    with session_scope(settings.db_url) as s:
        [channel] = alert_config.list_channels(s)
        assert channel.health
        assert alert_config.channel_url(channel, settings.session_secret()) == webhook.url
        channel_id = channel.id
    sent = _post(admin, f"/admin/alerts/channels/{channel_id}/test", {})
    assert sent.status_code == 303 and sent.headers["location"] == "/admin/alerts/channels"
    assert "Test message sent to ops hook" in admin.get("/admin/alerts/channels").text
    assert webhook.titles == ["[claimwatch] test"]
    webhook.down = True
    failed = _post(admin, f"/admin/alerts/channels/{channel_id}/test", {})
    assert failed.status_code == 502 and "not sent" in failed.text
    gone = _post(admin, f"/admin/alerts/channels/{channel_id}/delete", {})
    assert gone.status_code == 303
    with session_scope(settings.db_url) as s:
        assert alert_config.list_channels(s) == []
    assert _post(admin, f"/admin/alerts/channels/{channel_id}/delete", {}).status_code == 404


def test_a_channel_url_is_never_shown_back(admin: TestClient) -> None:
    _post(admin, "/admin/alerts/channels", {"name": "secret", "url": SECRET_URL})
    page = admin.get("/admin/alerts/channels").text
    assert "s3cr3t-pass" not in page and "alice" not in page
    assert "json://127.0.0.1:9" in page
    refused = _post(admin, "/admin/alerts/channels", {"name": "bad", "url": "nonsense://x:y@h/"})
    assert refused.status_code == 400
    assert "Apprise does not understand" in refused.text
    assert "x:y" not in refused.text
    twice = _post(admin, "/admin/alerts/channels", {"name": "secret", "url": SECRET_URL})
    assert twice.status_code == 400 and "already a channel" in twice.text
    assert "s3cr3t-pass" not in twice.text


def test_an_admin_adds_a_rule_with_ticked_boxes_and_disables_it(admin: TestClient,
                                                                 settings: Settings) -> None:
    source = add_source(settings.db_url, "Harbour Post")
    with session_scope(settings.db_url) as s:
        a, b = (alert_config.add_channel(s, name=n, url=f"json://127.0.0.1:9/{n}", created_by="root",
                                         secret=settings.session_secret()).id for n in "ab")
    token = csrf_of(admin.get("/admin/alerts/rules").text)
    response = admin.post("/admin/alerts/rules", data={
        "csrf": token, "name": "severe zh", "min_severity": "0.7",
        "verdicts": ["inconsistent", "conflict"], "indicators": "gdp, 5g_base_stations",
        "sources": [str(source)], "languages": "zh", "digest": "daily", "repeat_hours": "24",
        "channels": [str(a), str(b)]})
    assert response.status_code == 303
    with session_scope(settings.db_url) as s:
        [rule] = alert_config.list_rules(s)
        assert (rule.min_severity, rule.verdicts, rule.indicators, rule.source_ids,
                rule.languages, rule.digest, rule.repeat_hours) == (
            0.7, ["conflict", "inconsistent"], ["5g_base_stations", "gdp"], [source], ["zh"],
            "daily", 24)
        assert [c.name for c in rule.channels] == ["a", "b"] and rule.next_digest_at is not None
        rule_id = rule.id
    page = admin.get("/admin/alerts/rules").text
    assert "severe zh" in page and "Harbour Post" in page
    admin.post(f"/admin/alerts/rules/{rule_id}/enable", data={"csrf": token, "enabled": "0"})
    with session_scope(settings.db_url) as s:
        assert alert_config.list_rules(s, enabled_only=True) == []


@pytest.mark.parametrize(("data", "message"), [
    ({"name": "x", "digest": "weekly"}, "Digest must be one of"),
    ({"name": "x", "min_severity": "lots"}, "is not a number"),
    ({"name": "x", "repeat_hours": "-3"}, "0 (never) or more"),
    ({"name": ""}, "needs a name"),
])
def test_a_bad_rule_form_gets_a_reason_and_saves_nothing(admin: TestClient, settings: Settings,
                                                         data: dict[str, str], message: str) -> None:
    token = csrf_of(admin.get("/admin/alerts/rules").text)
    response = admin.post("/admin/alerts/rules", data={"csrf": token, **data})
    assert response.status_code == 400 and message in response.text
    with session_scope(settings.db_url) as s:
        assert alert_config.list_rules(s) == []


def test_an_admin_silences_and_ends_a_silence(admin: TestClient, settings: Settings) -> None:
    page = admin.get("/admin/alerts/silences?fingerprint=inconsistent:gdp:CN:2024")
    assert 'value="inconsistent:gdp:CN:2024"' in page.text
    token = csrf_of(page.text)
    ok = admin.post("/admin/alerts/silences", data={"csrf": token, "indicator": "gdp",
                                                    "hours": "12", "comment": "NBS revision"})
    assert ok.status_code == 303
    assert "NBS revision" in admin.get("/admin/alerts/silences").text
    with session_scope(settings.db_url) as s:
        [silence] = alert_config.active_silences(s, datetime.now(UTC))
        silence_id = silence.id
    admin.post(f"/admin/alerts/silences/{silence_id}/end", data={"csrf": token})
    with session_scope(settings.db_url) as s:
        assert alert_config.active_silences(s, datetime.now(UTC)) == []
    empty = admin.post("/admin/alerts/silences", data={"csrf": token, "hours": "12"})
    assert empty.status_code == 400 and "at least one of" in empty.text
    forever = admin.post("/admin/alerts/silences", data={"csrf": token, "indicator": "gdp",
                                                         "hours": "100000"})
    assert forever.status_code == 400 and "at most" in forever.text


def test_reviewers_are_refused_and_posts_need_the_csrf_token(app: FastAPI, settings: Settings,
                                                             admin: TestClient) -> None:
    auth.create_user(settings.db_url, "ana", "reviewer", "correct horse battery staple")
    with TestClient(app, follow_redirects=False) as reviewer:
        login(reviewer, "ana", "correct horse battery staple")
        for path in ("/admin/alerts/channels", "/admin/alerts/rules", "/admin/alerts/silences"):
            assert reviewer.get(path).status_code == 403
        assert 'href="/admin/alerts/channels"' not in reviewer.get("/").text
    forged = admin.post("/admin/alerts/channels", data={"name": "x", "url": "json://h/x"})
    assert forged.status_code == 403
    with session_scope(settings.db_url) as s:
        assert alert_config.list_channels(s) == []
    with TestClient(app, follow_redirects=False) as stranger:
        assert stranger.get("/admin/alerts/rules").status_code == 303
