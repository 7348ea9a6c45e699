"""Alerts reach a real SMTP server and a real webhook on loopback, once, with the evidence;
a channel that is down is retried with backoff and then succeeds; a repeat sends nothing."""

from __future__ import annotations

import email
import email.header
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from claimwatch import pipeline
from claimwatch.crawlonce import crawl_once
from claimwatch.runner import register_demo_sources
from claimwatch.settings import PROJECT_DIR, Settings
from store import alert_config
from store.db import session_scope
from store.models import AlertDelivery, Finding
from tests.alert_receivers import Mailbox, Webhook, smtp_server
from tests.integration.expected import PLANTED, flagged


@pytest.fixture
def mailbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Mailbox, str]]:
    with smtp_server(monkeypatch) as server:
        yield server


def _settings(tmp_path: Path, db_url: str, urls: list[str]) -> Settings:
    return Settings(var_dir=tmp_path / "var", database_url=db_url, allow_private_hosts="127.0.0.1",
                    alert_urls=" ".join(urls), reference_dir=PROJECT_DIR / "reference_data")


def _evidence_of_every_finding(text: str, findings: list[Finding], base: str) -> None:
    """Each planted error with what a person needs to act on it, and a link to each finding."""
    text = text.replace("\r\n", "\n")  # mail lines end in CRLF
    for f in findings:
        assert f"{base}/findings/{f.id}" in text, f.id
    # the wrong industrial value added, as one block: the sentence, the claimed value, the
    # reference value with its publisher and link, the deviation and the source
    assert re.search(
        r'- "[^"\n]*45\.1 trillion yuan[^"\n]*"\n'
        r"  claimed: [^\n]*= 45\.1 trillion yuan \(2024\)\n"
        r"  reference: 40\.5\d* trillion yuan for 2024, [^\n]+ https?://\S+\n"
        r"  deviation: \+11\.\d%\n"
        r"  source: Harbour Post http://127\.0\.0\.1:\d+/\S+", text), text
    # the sources involved, including both outlets of the conflict
    assert "Harbour Post" in text and "Eastern Ledger" in text
    assert "source: Harbour Post http://127.0.0.1:" in text


@pytest.mark.parametrize("via", ["settings", "admin"])
def test_the_planted_errors_make_exactly_one_alert_by_mail_and_by_webhook(
        tmp_path: Path, db_url: str, demo_site: str, mailbox: tuple[Mailbox, str],
        webhook: Webhook, via: str) -> None:
    """Issue #8's done-when: channels from the settings, or added by an admin with a rule."""
    box, mail_url = mailbox
    settings = _settings(tmp_path, db_url, [mail_url, webhook.url] if via == "settings" else [])
    if via == "admin":
        with session_scope(db_url) as s:
            ids = [alert_config.add_channel(s, name=n, url=u, created_by="root",
                                            secret=settings.session_secret()).id
                   for n, u in (("desk mail", mail_url), ("desk hook", webhook.url))]
            alert_config.add_rule(s, name="everything", created_by="root", channel_ids=ids)
    register_demo_sources(settings, demo_site)
    crawl_once(settings, None, echo=lambda _line: None)
    ctx = pipeline.Context(settings)
    findings = pipeline.open_findings(ctx)
    assert flagged(findings) >= PLANTED
    assert len(box.messages) == len(webhook.received) == 1
    [hook] = webhook.received
    assert hook["title"].startswith(f"[claimwatch] {len(findings)} findings: ")
    _evidence_of_every_finding(hook["message"], findings, settings.base_url)
    mail = email.message_from_string(box.messages[0])
    assert mail["To"] == "analyst@example.com"
    assert str(email.header.make_header(email.header.decode_header(mail["Subject"]))) == \
        hook["title"]
    [plain] = [part for part in mail.walk() if part.get_content_type() == "text/plain"]
    body = plain.get_payload(decode=True)
    assert isinstance(body, bytes)
    _evidence_of_every_finding(body.decode(plain.get_content_charset() or "utf-8"), findings,
                               settings.base_url)
    # a repeated crawl, later flushes and the same findings again: nothing more is sent
    summary = crawl_once(settings, None, echo=lambda _line: None)
    assert summary["new"] == 0 and summary["alerts"] == 0
    assert pipeline.deliver_alerts(ctx, [f.id for f in findings]) == 0
    assert pipeline.flush_alerts(ctx, now=datetime.now(UTC) + timedelta(days=2)) == 0
    assert len(box.messages) == len(webhook.received) == 1


def test_a_channel_that_is_down_is_retried_and_the_others_are_not_held_up(
        tmp_path: Path, db_url: str, demo_site: str, mailbox: tuple[Mailbox, str],
        webhook: Webhook) -> None:
    box, mail_url = mailbox
    settings = _settings(tmp_path, db_url, [webhook.url, mail_url])
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
