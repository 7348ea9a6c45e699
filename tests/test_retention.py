"""Retention on both databases: what may go goes, findings/claims/decisions never do, a
second run removes nothing more, and two beats sending the job run it once."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claimwatch import periodic
from claimwatch.pipeline import Context
from claimwatch.settings import PROJECT_DIR, Settings
from store import articles, failures, findings, jobs, retention
from store.db import session_scope
from store.models import AlertDelivery, Article, Claim, Finding, ReviewEvent, TaskFailure
from verifier.claims import Claim as ClaimData

NOW = datetime.now(UTC)
OLD = NOW - timedelta(days=200)
CUTOFF = NOW - timedelta(days=90)


def _article(s: Session, n: int, status: str, fetched_at: datetime, text: str) -> int:
    article_id = articles.add_entry(s, source_id=None, url=f"https://news.example/{n}",
                                    canonical_url=f"https://news.example/{n}", guid=None,
                                    title=f"t{n}", published_at=None, publisher="Example")
    assert article_id is not None
    row = s.get(Article, article_id)
    assert row is not None
    row.status, row.fetched_at, row.text = status, fetched_at, text
    return article_id


def _seed(db_url: str) -> dict[str, int]:
    ids: dict[str, int] = {}
    with session_scope(db_url) as s:
        for name, retried_at in [("old_retried", OLD), ("old_open", None),
                                 ("new_retried", NOW)]:
            ids[name] = failures.record(s, "worker.tasks.fetch_article", [1], "boom")
            row = s.get(TaskFailure, ids[name])
            assert row is not None
            row.created_at, row.retried_at = OLD, retried_at
        ids["old_irrelevant"] = _article(s, 1, "irrelevant", OLD, "cooking recipes")
        ids["new_irrelevant"] = _article(s, 2, "irrelevant", NOW, "football scores")
        ids["old_processed"] = _article(s, 3, "processed", OLD,
                                        "China had 4.25 million 5G base stations.")
        claim = ClaimData(text="4.25 million", start=11, end=23, sentence="China had 4.25 "
                          "million 5G base stations.", value=4.25e6, lower=4.25e6, upper=4.25e6,
                          unit="count", qualifier="exact", indicator="5g_base_stations",
                          geography="CN", period="2024", kind="actual", verdict="inconsistent")
        claim_ids = findings.save_claims(s, ids["old_processed"], [claim], "test")
        fid, _ = findings.upsert_finding(s, fingerprint="f1", type="verdict", summary="x",
                                         claim_ids=claim_ids, severity=0.5,
                                         reference_version="test")
        finding = findings.get_finding(s, fid)
        assert finding is not None
        finding.created_at = OLD
        findings.decide(s, finding, user="ana", action="confirm")
        finding.updated_at = OLD  # decided long ago
        open_id, _ = findings.upsert_finding(s, fingerprint="f2", type="verdict", summary="y",
                                             claim_ids=claim_ids, severity=0.5,
                                             reference_version="test")
        lately_id, _ = findings.upsert_finding(s, fingerprint="f3", type="verdict", summary="z",
                                               claim_ids=claim_ids, severity=0.5,
                                               reference_version="test")
        lately = findings.get_finding(s, lately_id)
        assert lately is not None
        findings.decide(s, lately, user="ana", action="dismiss", reason=findings.DISMISS_REASONS[0])
        for channel, finding_id, status, sent_at in [
                ("sent-old-decided-lately", lately_id, "sent", OLD),
                ("sent-old", fid, "sent", OLD), ("sent-new", fid, "sent", NOW),
                ("failed-old", fid, "failed", None), ("pending-old", fid, "pending", None),
                ("sent-old-open", open_id, "sent", OLD)]:
            s.add(AlertDelivery(fingerprint=f"fp-{finding_id}", channel=channel,
                                finding_id=finding_id, status=status, created_at=OLD,
                                sent_at=sent_at))
    return ids


def test_retention_removes_only_what_may_go_and_twice_is_once(db_url: str) -> None:
    ids = _seed(db_url)
    with session_scope(db_url) as s:
        first = retention.apply_retention(s, CUTOFF)
    assert first.as_dict() == {"failures_deleted": 1, "deliveries_deleted": 1, "texts_cleared": 1}
    with session_scope(db_url) as s:
        assert retention.apply_retention(s, CUTOFF).as_dict() == {
            "failures_deleted": 0, "deliveries_deleted": 0, "texts_cleared": 0}
        assert sorted(s.scalars(select(TaskFailure.id))) == sorted(
            [ids["old_open"], ids["new_retried"]])
        assert sorted(s.scalars(select(AlertDelivery.channel))) == [
            "failed-old", "pending-old", "sent-new", "sent-old-decided-lately", "sent-old-open"]
        texts = {a.id: a.text for a in s.scalars(select(Article))}
        assert texts[ids["old_irrelevant"]] == ""
        assert texts[ids["new_irrelevant"]] == "football scores"
        assert texts[ids["old_processed"]].startswith("China had")
        cleared = s.get(Article, ids["old_irrelevant"])
        assert cleared is not None and cleared.canonical_url == "https://news.example/1"
        # the product is never trimmed: findings, claims, the audit trail
        assert s.scalar(select(func.count()).select_from(Finding)) == 3
        assert s.scalar(select(func.count()).select_from(Claim)) == 1
        assert s.scalar(select(func.count()).select_from(ReviewEvent)) == 2


def test_two_beats_sending_the_job_run_it_once(db_url: str, tmp_path: Path) -> None:
    _seed(db_url)
    ctx = Context(Settings(var_dir=tmp_path / "var", database_url=db_url, retention_days=90,
                           reference_dir=PROJECT_DIR / "reference_data"))
    results: list[dict[str, int] | None] = []
    barrier = threading.Barrier(2)

    def beat() -> None:
        barrier.wait(10)
        results.append(periodic.run_retention(ctx))

    threads = [threading.Thread(target=beat) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(results) == 2
    ran = [r for r in results if r is not None]
    assert ran == [{"failures_deleted": 1, "deliveries_deleted": 1, "texts_cleared": 1}]
    assert periodic.run_retention(ctx) is None  # still within the period
    with session_scope(db_url) as s:
        (run,) = jobs.job_runs(s)
        assert run.name == "retention" and run.last_result == ran[0]


def test_a_job_is_due_again_after_its_period(db_url: str) -> None:
    t0 = datetime(2026, 11, 22, tzinfo=UTC)
    every = timedelta(hours=6)
    with session_scope(db_url) as s:
        assert jobs.claim_job(s, "retention", every, t0)
    with session_scope(db_url) as s:
        assert not jobs.claim_job(s, "retention", every, t0 + timedelta(hours=5))
    with session_scope(db_url) as s:
        assert jobs.claim_job(s, "retention", every, t0 + timedelta(hours=6))


def test_a_failed_run_gives_back_its_period(db_url: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The lease is in the job's transaction: work that fails does not use up the period."""
    _seed(db_url)
    ctx = Context(Settings(var_dir=tmp_path / "var", database_url=db_url,
                           reference_dir=PROJECT_DIR / "reference_data"))

    def broken(*_args: object) -> None:
        raise RuntimeError("the database went away mid-job")

    monkeypatch.setattr(retention, "apply_retention", broken)
    with pytest.raises(RuntimeError):
        periodic.run_retention(ctx)
    monkeypatch.undo()
    assert periodic.run_retention(ctx) == {"failures_deleted": 1, "deliveries_deleted": 1,
                                           "texts_cleared": 1}
