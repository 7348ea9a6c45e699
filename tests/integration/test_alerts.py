"""Alerts reach a real SMTP server and a real webhook on loopback, once, with the evidence;
a channel that is down is retried with backoff and then succeeds; a repeat sends nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from claimwatch import pipeline
from claimwatch.crawlonce import crawl_once
from claimwatch.runner import register_demo_sources
from claimwatch.settings import PROJECT_DIR, Settings
from store.db import session_scope
from store.models import AlertDelivery
from tests.alert_receivers import Mailbox, Webhook, smtp_server


@pytest.fixture
def mailbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Mailbox, str]]:
    with smtp_server(monkeypatch) as server:
        yield server


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    hook = Webhook()
    yield hook
    hook.close()


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
