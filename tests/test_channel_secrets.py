"""Alert channel URLs (Apprise URLs with tokens and passwords) are encrypted at rest, on SQLite
and PostgreSQL: the database never holds one in the clear, migration 0010 seals the rows an
older database has (and 0009 gets them back), and when the secret key changes a channel fails
with a reason an admin can act on, not a crash, until its URL is entered again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from argon2 import PasswordHasher
from click.testing import CliRunner
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy import inspect, text

from claimwatch import pipeline
from claimwatch.alerting import flush_alerts
from claimwatch.cli import main
from claimwatch.settings import Settings
from review import auth
from review.app import create_app
from store import alert_config
from store import alerts as alert_store
from store.channel_secrets import SecretKeyChanged, open_url, seal_url
from store.db import engine_for, session_scope
from store.migrate import downgrade, upgrade
from tests.alert_receivers import Webhook
from tests.helpers import app_settings
from tests.review.review_helpers import TestClient, csrf_of, login

SECRET_URL = "json://alice:s3cr3t-pass@127.0.0.1:9/hooks/T0KEN-abc123"
LOCKED = "cannot decrypt channel ops: the secret key changed; re-enter its URL"


def _raw_rows(db_url: str) -> list[dict[str, object]]:
    with engine_for(db_url).connect() as connection:
        return [dict(row._mapping) for row in connection.execute(
            text("SELECT * FROM alert_channels ORDER BY id"))]


def test_sealing_opens_only_under_the_same_key() -> None:
    sealed = seal_url(SECRET_URL, "key one")
    assert open_url(sealed, "key one") == SECRET_URL
    assert seal_url(SECRET_URL, "key one") != sealed  # a fresh IV each time: equal URLs differ
    assert "s3cr3t" not in sealed and "T0KEN" not in sealed
    with pytest.raises(SecretKeyChanged):
        open_url(sealed, "key two")
    with pytest.raises(SecretKeyChanged):
        open_url(sealed[:-4] + "AAAA", "key one")  # altered: refused, not read as garbage
    with pytest.raises(ValueError, match="no secret key"):
        seal_url(SECRET_URL, "")


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    return app_settings(tmp_path, db_url)


def _admin_client(app: FastAPI, settings: Settings,
                  monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024,
                                                        parallelism=1))
    auth.create_user(settings.db_url, "root", "admin", "correct horse battery staple")
    client = TestClient(app, follow_redirects=False)
    assert login(client, "root", "correct horse battery staple").status_code == 303
    return client


@pytest.fixture
def admin(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    with _admin_client(create_app(settings), settings, monkeypatch) as client:
        yield client


def _post(client: TestClient, path: str, data: dict[str, str]) -> httpx.Response:
    token = csrf_of(client.get("/admin/alerts/channels").text)
    return client.post(path, data={**data, "csrf": token})


def test_a_channel_added_on_the_page_is_stored_encrypted(admin: TestClient,
                                                         settings: Settings) -> None:
    _post(admin, "/admin/alerts/channels", {"name": "ops", "url": SECRET_URL})
    [row] = _raw_rows(settings.db_url)
    assert "url" not in row  # the plain column is gone
    assert not any("s3cr3t" in str(v) or "T0KEN" in str(v) or "alice" in str(v)
                   for v in row.values())
    assert open_url(str(row["url_encrypted"]), settings.session_secret()) == SECRET_URL
    with session_scope(settings.db_url) as s:
        [channel] = alert_config.list_channels(s)
        assert alert_config.channel_url(channel, settings.session_secret()) == SECRET_URL
    page = admin.get("/admin/alerts/channels").text
    assert "json://127.0.0.1" in page and "s3cr3t" not in page  # masked, as before


def test_the_migration_seals_the_urls_an_older_database_holds(tmp_path: Path,
                                                              db_url: str) -> None:
    downgrade(db_url, "0009_workerbeat")
    with engine_for(db_url).begin() as connection:
        connection.execute(text(
            "INSERT INTO alert_channels (name, url, health, created_by, created_at) "
            "VALUES ('ops', :url, :health, 'root', :now)"),
            {"url": SECRET_URL, "health": False, "now": datetime.now(UTC)})
    upgrade(db_url, secret="the deployment's key")
    [row] = _raw_rows(db_url)
    assert "url" not in row and "s3cr3t" not in str(row["url_encrypted"])
    assert open_url(str(row["url_encrypted"]), "the deployment's key") == SECRET_URL

    # and back: 0009 has the plain URL again, when given the key it was sealed under
    with pytest.raises(RuntimeError, match=LOCKED.replace("re-enter its URL", "delete")):
        downgrade(db_url, "0009_workerbeat", secret="another key")
    downgrade(db_url, "0009_workerbeat", secret="the deployment's key")
    [row] = _raw_rows(db_url)
    assert row["url"] == SECRET_URL and "url_encrypted" not in row
    upgrade(db_url, secret="the deployment's key")
    columns = {c["name"] for c in inspect(engine_for(db_url)).get_columns("alert_channels")}
    assert "url" not in columns and "url_encrypted" in columns


def test_db_upgrade_seals_under_the_apps_key_and_alembic_alone_is_refused(
        tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`claimwatch db upgrade` (as `run` and `crawl`) passes the settings' key; a migration
    with channels to seal and no key given refuses, rather than guess one."""
    monkeypatch.setenv("CLAIMWATCH_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("CLAIMWATCH_SECRET_KEY", "from the environment")
    monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", db_url)
    downgrade(db_url, "0009_workerbeat")
    with engine_for(db_url).begin() as connection:
        connection.execute(text(
            "INSERT INTO alert_channels (name, url, health, created_by, created_at) "
            "VALUES ('ops', :url, :health, 'root', :now)"),
            {"url": SECRET_URL, "health": True, "now": datetime.now(UTC)})
    with pytest.raises(RuntimeError, match="run it with `claimwatch db upgrade`"):
        upgrade(db_url)
    result = CliRunner().invoke(main, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    [row] = _raw_rows(db_url)
    assert open_url(str(row["url_encrypted"]), "from the environment") == SECRET_URL


def test_a_changed_secret_key_fails_each_channel_clearly_until_re_entered(
        tmp_path: Path, db_url: str, webhook: Webhook,
        monkeypatch: pytest.MonkeyPatch) -> None:
    before = app_settings(tmp_path, db_url)
    with session_scope(db_url) as s:
        channel_id = alert_config.add_channel(s, name="ops", url=webhook.url, created_by="root",
                                              secret=before.session_secret()).id
        key = alert_config.channel_key(channel_id)
        alert_store.queue(s, "f:1", key, None, payload={
            "title": "[claimwatch] one", "body": "a finding", "link": "http://x/",
            "fingerprint": "f:1"})
    settings = before.model_copy(update={"secret_key": SecretStr("rotated")})
    assert settings.session_secret() == "rotated"

    # the flush does not crash: the channel's item fails with the reason and waits
    now = datetime.now(UTC)
    assert flush_alerts(pipeline.Context(settings), now=now, window=timedelta(0)) == 0
    with session_scope(db_url) as s:
        [delivery] = alert_store.list_deliveries(s)
        assert (delivery.status, delivery.error) == ("failed", LOCKED)
    assert webhook.received == []

    # the page says which channel and what to do; a test-send is refused with the same words
    with _admin_client(create_app(settings), settings, monkeypatch) as admin:
        page = admin.get("/admin/alerts/channels")
        assert page.status_code == 200
        assert "Cannot decrypt channel ops: the secret key changed; re-enter its URL." in page.text
        refused = _post(admin, f"/admin/alerts/channels/{channel_id}/test", {})
        assert refused.status_code == 409
        assert "re-enter its URL" in refused.text

        # entered again: the same channel (its rules, its waiting item) works under the new key
        done = _post(admin, f"/admin/alerts/channels/{channel_id}/url", {"url": webhook.url})
        assert done.status_code == 303
        page = admin.get("/admin/alerts/channels")
        assert "The URL of ops is replaced." in page.text
        # the channel reads again (the deliveries table keeps the failed attempt's error)
        assert "Cannot decrypt channel ops" not in page.text and "json://127.0.0.1" in page.text
        bad = _post(admin, f"/admin/alerts/channels/{channel_id}/url", {"url": "nonsense"})
        assert bad.status_code == 400
    later = now + timedelta(minutes=5)  # past the retry's backoff
    assert flush_alerts(pipeline.Context(settings), now=later, window=timedelta(0)) == 1
    assert webhook.titles == ["[claimwatch] one"]
