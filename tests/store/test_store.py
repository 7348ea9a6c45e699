"""Storage on both engines: constraints hold, upserts are idempotent, nothing is deleted."""

from __future__ import annotations

import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.exc import IntegrityError

from store import articles, findings, sources
from store.db import engine_for, session_scope
from store.models import Article, Claim, Finding, ReviewEvent
from verifier.claims import Claim as ClaimData

TABLES = {"sources", "articles", "claims", "findings", "finding_claims", "review_events",
          "alert_deliveries", "users", "task_failures", "reference_observations"}


def _claim(start: int, value: float = 4.6e6, verdict: str = "inconsistent") -> ClaimData:
    return ClaimData(text="4.6 million", start=start, end=start + 11, sentence="s", value=value,
                     lower=4.55e6, upper=4.65e6, unit="count", qualifier="exact",
                     indicator="5g_base_stations", geography="CN", period="2025-06",
                     kind="actual", verdict=verdict, explanation="because")


def _article(db_url: str, url: str = "https://example.com/a") -> int:
    with session_scope(db_url) as s:
        src = sources.upsert_source(s, name="Example", url="https://example.com/feed.xml")
        article_id = articles.add_entry(s, source_id=src.id, url=url, canonical_url=url, guid="g",
                                        title="t", published_at=None, publisher="Example")
    assert article_id is not None
    return article_id


def test_migrations_create_every_table(db_url: str) -> None:
    assert set(inspect(engine_for(db_url)).get_table_names()) >= TABLES


def test_one_article_per_canonical_url(db_url: str) -> None:
    first = _article(db_url)
    with session_scope(db_url) as s:
        again = articles.add_entry(s, source_id=None, url="https://example.com/a?utm_source=x",
                                   canonical_url="https://example.com/a", guid="g2", title="t",
                                   published_at=None, publisher="Other")
        count = s.scalar(select(func.count()).select_from(Article))
    assert again is None
    assert count == 1 and first


def test_claims_are_unique_per_article_and_span(db_url: str) -> None:
    article_id = _article(db_url)
    with session_scope(db_url) as s:
        ids = findings.save_claims(s, article_id, [_claim(0), _claim(20)], "v1")
    with session_scope(db_url) as s:
        again = findings.save_claims(s, article_id, [_claim(0, value=4.7e6), _claim(20)], "v2")
        rows = list(s.scalars(select(Claim).order_by(Claim.start)))
    assert ids == again
    assert len(rows) == 2
    assert rows[0].value == 4.7e6 and rows[0].reference_version == "v2"
    with pytest.raises(IntegrityError), session_scope(db_url) as s:
        s.add(Claim(article_id=article_id, start=0, end=11, text="x", sentence="x", value=1.0,
                    unit="count", qualifier="exact"))


def test_findings_upsert_by_fingerprint_and_link_claims_once(db_url: str) -> None:
    article_id = _article(db_url)
    with session_scope(db_url) as s:
        claim_ids = findings.save_claims(s, article_id, [_claim(0), _claim(20)], "v1")
    kwargs = {"fingerprint": "f1", "type": "verdict", "summary": "wrong", "severity": 0.3,
              "reference_version": "v1", "verdict": "inconsistent"}
    with session_scope(db_url) as s:
        fid, created = findings.upsert_finding(s, claim_ids=[claim_ids[0]], **kwargs)
    with session_scope(db_url) as s:
        fid2, created2 = findings.upsert_finding(s, claim_ids=claim_ids, **kwargs)
        finding = findings.get_finding(s, fid)
        assert finding is not None
        linked = [c.id for c in finding.claims]
        total = s.scalar(select(func.count()).select_from(Finding))
    assert fid == fid2 and created and not created2
    assert linked == claim_ids and total == 1


def test_decisions_are_audited_and_nothing_is_deleted(db_url: str) -> None:
    article_id = _article(db_url)
    with session_scope(db_url) as s:
        claim_ids = findings.save_claims(s, article_id, [_claim(0)], "v1")
        fid, _ = findings.upsert_finding(s, fingerprint="f", type="verdict", summary="x",
                                         claim_ids=claim_ids, severity=0.5, reference_version="v1")
    with session_scope(db_url) as s:
        finding = findings.get_finding(s, fid)
        assert finding is not None
        findings.decide(s, finding, user="ana", action="dismiss", reason="not_a_claim")
        findings.decide(s, finding, user="ana", action="reopen")
        with pytest.raises(ValueError, match="reason"):
            findings.decide(s, finding, user="ana", action="dismiss", reason="bored")
    with session_scope(db_url) as s:
        events = findings.events_for(s, fid)
        finding = findings.get_finding(s, fid)
        assert finding is not None and finding.status == "open"
        assert [(e.action, e.before["status"], e.after["status"]) for e in events] == [
            ("dismiss", "open", "dismissed"), ("reopen", "dismissed", "open")]
        assert s.scalar(select(func.count()).select_from(ReviewEvent)) == 2
