"""Real receivers on loopback for alert tests: an SMTP server (aiosmtpd) and a JSON webhook,
and findings seeded through the store's own functions."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from store import articles, sources
from store.db import session_scope
from store.findings import save_claims, upsert_finding
from store.models import Article
from verifier.claims import Claim as ClaimData
from verifier.claims import Reference


def free_port() -> int:
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
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

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

    @property
    def titles(self) -> list[str]:
        return [str(m["title"]) for m in self.received]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def smtp_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Mailbox, str]]:
    """A real SMTP server on a free loopback port, and the Apprise URL that mails it."""
    # Apprise waits 5.5 s between two mails to one server, to be polite to real ones; our
    # loopback server needs no such pause, and the suite should not spend a minute on it
    from apprise.plugins.email.base import NotifyEmail

    monkeypatch.setattr(NotifyEmail, "request_rate_per_sec", 0)
    box, port = Mailbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, (f"mailto://127.0.0.1:{port}?from=claimwatch@example.com"
                    f"&to=analyst@example.com&mode=insecure")
    finally:
        controller.stop()


def add_source(db_url: str, name: str, language: str = "en") -> int:
    with session_scope(db_url) as s:
        return sources.upsert_source(s, name=name, url=f"https://{name.lower()}.example/feed",
                                     language=language, publisher=name).id


_n = 0


def seed_finding(db_url: str, *, source_id: int | None = None, language: str = "en",
                 publisher: str = "Example News", verdict: str = "inconsistent",
                 indicator: str = "5g_base_stations", severity: float = 0.5,
                 created_at: datetime | None = None) -> int:
    """An article with one claim and a verdict finding on it; returns the finding id."""
    global _n
    _n += 1
    sentence = f"China had 4.6 million 5G base stations by the end of 2024 (item {_n})."
    with session_scope(db_url) as s:
        article_id = articles.add_entry(
            s, source_id=source_id, url=f"https://news.example/{_n}",
            canonical_url=f"https://news.example/{_n}", guid=None, title=f"Item {_n}",
            published_at=None, publisher=publisher)
        assert article_id is not None
        article = s.get(Article, article_id)
        assert article is not None
        article.text, article.language, article.status = sentence, language, "processed"
        start = sentence.index("4.6 million")
        claim = ClaimData(text="4.6 million", start=start, end=start + 11, sentence=sentence,
                          value=4_600_000.0, lower=4_600_000.0, upper=4_600_000.0, unit="count",
                          qualifier="exact", indicator=indicator, geography="CN", period="2024",
                          kind="actual", verdict=verdict,
                          reference=Reference(value=4_251_000.0, period="2024", publisher="MIIT",
                                              source_url="https://www.miit.gov.cn/example",
                                              revision=""),
                          deviation=0.082, explanation="8% above the official figure.",
                          severity=severity)
        [claim_id] = save_claims(s, article_id, [claim], "test")
        finding_id, _ = upsert_finding(
            s, fingerprint=f"test:{_n}:{verdict}:{indicator}", type="verdict",
            summary=f"5G base stations overstated (item {_n})", claim_ids=[claim_id],
            severity=severity, reference_version="test", verdict=verdict, indicator=indicator,
            geography="CN", period="2024")
        if created_at is not None:
            from store.models import Finding

            finding = s.get(Finding, finding_id)
            assert finding is not None
            finding.created_at = created_at
    return finding_id
