"""Helpers for the review tests: seeding through store functions, logging in."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from review import auth
from store import alert_config
from store.articles import add_entry, get_article
from store.db import session_scope
from store.findings import get_finding, save_claims, upsert_finding
from tests.helpers import TEST_SECRET_KEY
from verifier.claims import Claim as ClaimData
from verifier.claims import Reference

with warnings.catch_warnings():
    # Starlette asks for the httpx2 package; httpx (installed) works the same for tests.
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient

PASSWORD = "correct horse battery staple"

# two outlets on one figure (industrial value added growth, CN, 2024): one right, one misread,
# for the correction tests
RIGHT = ("Harbour Ledger. Factory output: in 2024 the value added of industrial enterprises "
         "above designated size grew 5.8 percent, official data showed. Makers of equipment "
         "led the rise. ")
MISREAD = ("West Bank Observer. Industry review: the value added of industrial enterprises "
           "above designated size rose 6.8 percent in 2024, the paper reported. Exporters had a "
           "mixed year. ")


@dataclass
class Seeder:
    db_url: str
    tokens: dict[str, str] = field(default_factory=dict)
    _n: int = 0

    def user(self, name: str, role: str = "reviewer", password: str = PASSWORD) -> str:
        self.tokens[name] = auth.create_user(self.db_url, name, role, password)
        return self.tokens[name]

    def finding(self, *, text: str, sentence: str, claim_text: str, start: int | None = None,
                title: str = "Industry ministry figures", publisher: str = "Example News",
                url: str | None = None, summary: str = "5G base stations overstated",
                severity: float = 0.5, verdict: str = "inconsistent",
                indicator: str = "5g_base_stations", period: str = "2024",
                value: float = 4_251_000.0, reference: Reference | None = None,
                source_id: int | None = None) -> int:
        """An article with one claim and a verdict finding on it; returns the finding id."""
        self._n += 1
        n = self._n
        if start is None:
            start = text.index(claim_text)
        ref = reference or Reference(value=4_000_000.0, period="2024", publisher="MIIT",
                                     source_url="https://www.miit.gov.cn/example", revision="")
        with session_scope(self.db_url) as session:
            article_id = add_entry(session, source_id=source_id,
                                   url=url or f"https://news.example/{n}",
                                   canonical_url=f"https://news.example/{n}", guid=None,
                                   title=title, published_at=None, publisher=publisher)
            assert article_id is not None
            article = get_article(session, article_id)
            assert article is not None
            article.text = text
            claim = ClaimData(text=claim_text, start=start, end=start + len(claim_text),
                              sentence=sentence, value=value, lower=value, upper=value,
                              unit="count", qualifier="exact", indicator=indicator,
                              geography="CN", period=period, kind="actual", verdict=verdict,
                              reference=ref, deviation=0.06,
                              explanation="The claim is 6% above the official figure.",
                              severity=severity)
            claim_ids = save_claims(session, article_id, [claim], "test")
            finding_id, _ = upsert_finding(
                session, fingerprint=f"test:{n}", type="verdict", summary=summary,
                claim_ids=claim_ids, severity=severity, reference_version="test",
                verdict=verdict, indicator=indicator, geography="CN", period=period)
        return finding_id

    def simple(self, summary: str = "5G base stations overstated", severity: float = 0.5,
               **kw: Any) -> int:
        text = "Menu. China had 4.25 million 5G base stations by the end of 2024. Share this."
        return self.finding(text=text, sentence="China had 4.25 million 5G base stations by the "
                            "end of 2024.", claim_text="4.25 million", summary=summary,
                            severity=severity, **kw)


CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no CSRF field on the page"
    return match.group(1)


def login(client: TestClient, name: str, password: str = PASSWORD) -> Any:
    page = client.get("/login")
    return client.post("/login", data={"name": name, "password": password,
                                       "csrf": csrf_of(page.text)})


def alert_admin_world(seed: Seeder, channel_url: str) -> dict[str, int]:
    """A reviewer ana, an admin root, a finding, and an alert channel (posting to
    `channel_url`), rule and silence for the admin routes to act on; their ids."""
    seed.user("ana", "reviewer")
    seed.user("root", "admin")
    finding_id = seed.simple()
    with session_scope(seed.db_url) as s:
        finding = get_finding(s, finding_id)
        assert finding is not None
        channel = alert_config.add_channel(s, name="hook", url=channel_url, created_by="root",
                                           secret=TEST_SECRET_KEY)
        rule = alert_config.add_rule(s, name="all", created_by="root", channel_ids=[channel.id])
        silence = alert_config.add_silence(s, created_by="root", indicator="gdp",
                                           expires_at=datetime.now(UTC) + timedelta(hours=1))
        return {"finding_id": finding_id, "claim_id": finding.claims[0].id,
                "article_id": finding.claims[0].article_id, "channel_id": channel.id,
                "rule_id": rule.id, "silence_id": silence.id}
