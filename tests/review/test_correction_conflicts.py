"""A correction checks the key's cross-source conflicts again, on SQLite and PostgreSQL: two
articles from two publishers disagree (a conflict finding links both); the reviewer finds the
extractor misread one figure and corrects it; the sources agree now, so the conflict finding
is closed as resolved with an audit event (kept, not deleted); a second correction that makes
them disagree again opens it again."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from claimwatch import pipeline
from claimwatch.corrections import CorrectionForm, correct_claim
from claimwatch.settings import PROJECT_DIR, Settings
from store import conflict_keys
from store.db import session_scope
from store.findings import events_for
from store.models import Claim, Finding
from tests.helpers import processed_article
from tests.review.review_helpers import MISREAD, RIGHT, TestClient, csrf_of

KEY = ("industrial_value_added_growth", "CN", "2024")


def _conflict(db_url: str) -> tuple[int, str, str, list[tuple[str, str, str | None]]]:
    with session_scope(db_url) as s:
        [finding] = s.scalars(select(Finding).where(Finding.type == "conflict")).all()
        trail = [(e.user, e.action, e.comment) for e in events_for(s, finding.id)]
        return finding.id, finding.status, finding.summary, trail


def _claim_of(db_url: str, article_id: int) -> int:
    with session_scope(db_url) as s:
        [claim_id] = s.scalars(select(Claim.id).where(Claim.article_id == article_id,
                                                      Claim.indicator == KEY[0])).all()
        return claim_id


def test_a_correction_that_makes_the_sources_agree_resolves_the_conflict(
        tmp_path: Path, db_url: str) -> None:
    settings = Settings(var_dir=tmp_path / "var", database_url=db_url,
                        reference_dir=PROJECT_DIR / "reference_data")
    ctx = pipeline.Context(settings)
    right = processed_article(ctx, "harbour", "Harbour Ledger", RIGHT,
                              datetime(2025, 1, 20, tzinfo=UTC))
    wrong = processed_article(ctx, "westbank", "West Bank Observer", MISREAD,
                              datetime(2025, 2, 11, tzinfo=UTC))
    assert pipeline.check_all_conflicts(ctx)  # as a worker does shortly after
    conflict, status, summary, trail = _conflict(db_url)
    assert status == "open" and "6.8 percent (West Bank Observer)" in summary and trail == []
    claim_id = _claim_of(db_url, wrong)

    # the figure was 5.8: corrected from the conflict's own page
    form = CorrectionForm(indicator=KEY[0], period="2024", value="5.8", kind="actual")
    result = correct_claim(settings, conflict, claim_id, form, "ana")
    assert result.errors == [] and result.verdict == "consistent"
    assert result.resolved_conflicts == [conflict] and result.reopened_conflicts == []
    same, status, after, trail = _conflict(db_url)  # still there: closed, not deleted
    assert same == conflict and status == "resolved" and after == summary
    assert trail == [("ana", "correct", None), ("claimwatch", "resolve",
                      f"resolved: the sources agree after ana corrected claim {claim_id}")]
    with session_scope(db_url) as s:
        kept = s.get(Finding, conflict)
        assert kept is not None and {c.article_id for c in kept.claims} == {right, wrong}
        assert not conflict_keys.any_waiting(s)  # the check ran and took the marks
    # the workers' next check finds nothing to open, and leaves it closed
    assert pipeline.check_all_conflicts(ctx) == []
    assert _conflict(db_url)[1] == "resolved"

    # a correction back to the figure printed: the sources disagree again, it is open again
    form = CorrectionForm(indicator=KEY[0], period="2024", value="6.8", kind="actual")
    result = correct_claim(settings, conflict, claim_id, form, "ana")
    assert result.reopened_conflicts == [conflict] and result.resolved_conflicts == []
    _, status, _, trail = _conflict(db_url)
    assert status == "open"
    assert [t[1] for t in trail] == ["correct", "resolve", "correct", "reopen"]

    # a correction moving the claim to another period leaves the key: resolved again
    form = CorrectionForm(indicator=KEY[0], period="2023", value="6.8", kind="actual")
    assert correct_claim(settings, conflict, claim_id, form, "ana").resolved_conflicts == \
        [conflict]
    assert _conflict(db_url)[1] == "resolved"


def test_a_reviewers_decision_on_a_conflict_is_not_overturned(tmp_path: Path,
                                                              db_url: str) -> None:
    settings = Settings(var_dir=tmp_path / "var", database_url=db_url,
                        reference_dir=PROJECT_DIR / "reference_data")
    ctx = pipeline.Context(settings)
    processed_article(ctx, "harbour", "Harbour Ledger", RIGHT, datetime(2025, 1, 20, tzinfo=UTC))
    wrong = processed_article(ctx, "westbank", "West Bank Observer", MISREAD,
                              datetime(2025, 2, 11, tzinfo=UTC))
    pipeline.check_all_conflicts(ctx)
    conflict = _conflict(db_url)[0]
    with session_scope(db_url) as s:
        finding = s.get(Finding, conflict)
        assert finding is not None
        finding.status = "confirmed"
    form = CorrectionForm(indicator=KEY[0], period="2024", value="5.8", kind="actual")
    result = correct_claim(settings, conflict, _claim_of(db_url, wrong), form, "ana")
    assert result.resolved_conflicts == [] and _conflict(db_url)[1] == "confirmed"


def test_the_page_says_the_conflict_is_resolved(reviewer: TestClient, settings: Settings) -> None:
    ctx = pipeline.Context(settings)
    processed_article(ctx, "harbour", "Harbour Ledger", RIGHT, datetime(2025, 1, 20, tzinfo=UTC))
    wrong = processed_article(ctx, "westbank", "West Bank Observer", MISREAD,
                              datetime(2025, 2, 11, tzinfo=UTC))
    pipeline.check_all_conflicts(ctx)
    conflict, claim_id = _conflict(settings.db_url)[0], _claim_of(settings.db_url, wrong)
    page = reviewer.get(f"/findings/{conflict}")
    done = reviewer.post(f"/findings/{conflict}/claims/{claim_id}/correct", data={
        "csrf": csrf_of(page.text), "indicator": KEY[0], "period": "2024", "value": "5.8",
        "kind": "actual"})
    assert done.status_code == 303 and done.headers["location"] == f"/findings/{conflict}"
    after = reviewer.get(f"/findings/{conflict}").text
    assert "Corrected and verified again: consistent. " in after
    # (between the two, the claim's own verdict finding: see test_correction_verdicts)
    assert f"Cross-source conflict {conflict} is resolved: the sources agree now." in after
    assert "resolved: the sources agree after ana corrected claim" in after  # the trail
