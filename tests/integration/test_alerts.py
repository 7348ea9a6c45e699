"""Alerts reach a real SMTP server and a real webhook on loopback, once, with the evidence;
a channel that is down is retried with backoff and then succeeds; a repeat sends nothing."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from claimwatch import pipeline
from claimwatch.crawlonce import crawl_once
from claimwatch.runner import register_demo_sources
from claimwatch.settings import PROJECT_DIR, Settings
from store.db import session_scope
from store.models import AlertDelivery


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope.content.decode("utf-8", errors="replace"))
        return "250 OK"


class Webhook:
    """Answers 503 while `down`, else 200, and keeps what it was sent."""

    def __init__(self) -> None:
        self.down = False
        self.received: list[dict[str, Any]] = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if hook.down:
                    self.send_response(503)
                else:
                    hook.received.append(json.loads(body))
                    self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"json://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def mailbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Mailbox, str]]:
    # Apprise waits 5.5 s between two mails to one server, to be polite to real ones; our
    # loopback server needs no such pause, and the suite should not spend a minute on it
    from apprise.plugins.email.base import NotifyEmail

    monkeypatch.setattr(NotifyEmail, "request_rate_per_sec", 0)
    box, port = Mailbox(), _free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, (f"mailto://127.0.0.1:{port}?from=claimwatch@example.com"
                f"&to=analyst@example.com&mode=insecure")
    controller.stop()


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    hook = Webhook()
    yield hook
    hook.server.shutdown()
    hook.server.server_close()


def _settings(tmp_path: Path, db_url: str, urls: list[str]) -> Settings:
    return Settings(var_dir=tmp_path / "var", database_url=db_url, allow_private_hosts="127.0.0.1",
                    alert_urls=" ".join(urls), reference_dir=PROJECT_DIR / "reference_data")


def test_each_finding_arrives_once_by_mail_and_webhook_with_its_evidence(
        tmp_path: Path, sqlite_url: str, demo_site: str, mailbox: tuple[Mailbox, str],
        webhook: Webhook) -> None:
    box, mail_url = mailbox
    settings = _settings(tmp_path, sqlite_url, [mail_url, webhook.url])
    register_demo_sources(settings, demo_site)
    crawl_once(settings, None, echo=lambda _line: None)
    ctx = pipeline.Context(settings)
    findings = pipeline.open_findings(ctx)
    assert findings
    # one grouped message per channel, carrying every finding's evidence
    assert len(box.messages) == len(webhook.received) == 1
    [hook] = webhook.received
    assert hook["title"].startswith(f"[claimwatch] {len(findings)} findings")
    assert "45.1 trillion yuan" in hook["message"]
    assert "reference: 40.544 trillion yuan" in hook["message"]
    assert "deviation: +11.2%" in hook["message"]
    assert hook["message"].count("/findings/") == len(findings)
    assert "Harbour Post" in hook["message"] and "Eastern Ledger" in hook["message"]
    assert "45.1 trillion yuan" in box.messages[0]
    # the same findings again: nothing more is sent
    assert pipeline.deliver_alerts(ctx, [f.id for f in findings]) == 0
    assert len(box.messages) == len(webhook.received) == 1


def test_a_channel_that_is_down_is_retried_and_the_others_are_not_held_up(
        tmp_path: Path, sqlite_url: str, demo_site: str, mailbox: tuple[Mailbox, str],
        webhook: Webhook) -> None:
    box, mail_url = mailbox
    settings = _settings(tmp_path, sqlite_url, [webhook.url, mail_url])
    register_demo_sources(settings, demo_site)
    webhook.down = True
    crawl_once(settings, None, echo=lambda _line: None)
    ctx = pipeline.Context(settings)
    count = len(pipeline.open_findings(ctx))
    assert len(box.messages) == 1 and webhook.received == []
    with session_scope(settings.db_url) as s:
        failed = s.query(AlertDelivery).filter_by(status="failed").all()
        assert len(failed) == count and all(d.next_attempt_at for d in failed)
    # not yet due: nothing is tried
    assert pipeline.retry_alerts(ctx) == 0
    webhook.down = False
    later = datetime.now(UTC) + timedelta(minutes=5)
    assert pipeline.retry_alerts(ctx, now=later) == 1
    assert len(webhook.received) == 1 and webhook.received[0]["message"].count("/findings/") == count
    assert len(box.messages) == 1
    assert pipeline.retry_alerts(ctx, now=later + timedelta(hours=1)) == 0
