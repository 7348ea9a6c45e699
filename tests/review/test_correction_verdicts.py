"""A correction made from a cross-source conflict's page settles the corrected claim's own
verdict finding too, through the web app on SQLite and PostgreSQL: resolved (kept, with an
audit event) when the claim checks out, reopened when a later correction flags it again,
and a verdict finding opened (and alerted) for a claim the correction flags anew."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from claimwatch import pipeline
from claimwatch.settings import Settings
from store.db import session_scope
from store.findings import events_for
from store.models import AlertDelivery, Claim, Finding, FindingClaim
from tests.helpers import app_settings, processed_article
from tests.review.review_helpers import MISREAD, RIGHT, Seeder, TestClient, csrf_of

INDICATOR = "industrial_value_added_growth"


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    """The review app on each database (overrides the SQLite-only fixture of conftest)."""
    return app_settings(tmp_path, db_url)


def _world(settings: Settings) -> tuple[int, int, int]:
    """Two outlets disagree on 2024's industrial growth; the conflict finding, and the claim
    of each article (the misread one has a verdict finding of its own)."""
    ctx = pipeline.Context(settings)
    right = processed_article(ctx, "harbour", "Harbour Ledger", RIGHT,
                              datetime(2025, 1, 20, tzinfo=UTC))
    wrong = processed_article(ctx, "westbank", "West Bank Observer", MISREAD,
                              datetime(2025, 2, 11, tzinfo=UTC))
    pipeline.check_all_conflicts(ctx)
    with session_scope(settings.db_url) as s:
        [conflict] = s.scalars(select(Finding.id).where(Finding.type == "conflict")).all()
        right_claim, wrong_claim = (
            s.scalars(select(Claim.id).where(Claim.article_id == a, Claim.indicator == INDICATOR))
            .one() for a in (right, wrong))
    return conflict, right_claim, wrong_claim


def _verdict_findings(settings: Settings, claim_id: int) -> list[dict[str, Any]]:
    with session_scope(settings.db_url) as s:
        rows = s.scalars(select(Finding).join(FindingClaim, FindingClaim.finding_id == Finding.id)
                         .where(Finding.type == "verdict", FindingClaim.claim_id == claim_id)
                         .order_by(Finding.id)).all()
        return [{"id": f.id, "status": f.status, "verdict": f.verdict,
                 "trail": [(e.user, e.action, e.after["status"], e.comment or "")
                           for e in events_for(s, f.id)]} for f in rows]


def _correct(client: TestClient, finding_id: int, claim_id: int, value: str) -> Any:
    page = client.get(f"/findings/{finding_id}")
    return client.post(f"/findings/{finding_id}/claims/{claim_id}/correct", data={
        "csrf": csrf_of(page.text), "indicator": INDICATOR, "period": "2024", "value": value,
        "kind": "actual"})


def _page(client: TestClient, finding_id: int) -> str:
    """The finding's page as a reader sees it (the flash message, the trail), unescaped."""
    return html.unescape(client.get(f"/findings/{finding_id}").text)


def test_a_correction_from_the_conflict_settles_the_claims_verdict_finding(
        reviewer: TestClient, settings: Settings) -> None:
    conflict, _, claim_id = _world(settings)
    [own] = _verdict_findings(settings, claim_id)
    assert (own["status"], own["verdict"], own["trail"]) == ("open", "inconsistent", [])

    done = _correct(reviewer, conflict, claim_id, "5.8")  # the paper printed 5.8: misread
    assert done.status_code == 303 and done.headers["location"] == f"/findings/{conflict}"
    after = _page(reviewer, conflict)
    assert (f"Corrected and verified again: consistent. The claim's verdict finding "
            f"{own['id']} is resolved: the claim is consistent now. Cross-source conflict "
            f"{conflict} is resolved") in after
    [now] = _verdict_findings(settings, claim_id)  # the same row: closed, not deleted
    assert (now["id"], now["status"]) == (own["id"], "resolved")
    [(user, action, status, comment)] = now["trail"]
    assert (user, action, status) == ("claimwatch", "resolve", "resolved")
    assert comment.startswith(f"resolved after ana corrected claim {claim_id}: ")
    page = _page(reviewer, own["id"])  # its own page tells why
    assert f"resolved after ana corrected claim {claim_id}" in page

    # corrected back to the figure printed: flagged again, the same finding opens again
    done = _correct(reviewer, conflict, claim_id, "6.8")
    assert done.status_code == 303
    assert (f"The claim's verdict finding {own['id']} is open again: the claim is "
            f"inconsistent again.") in _page(reviewer, conflict)
    [again] = _verdict_findings(settings, claim_id)
    assert again["status"] == "open" and [t[1] for t in again["trail"]] == ["resolve", "reopen"]


def test_a_claim_the_correction_flags_gets_a_verdict_finding(reviewer: TestClient,
                                                             settings: Settings) -> None:
    conflict, claim_id, _ = _world(settings)
    assert _verdict_findings(settings, claim_id) == []  # 5.8 is the official figure

    assert _correct(reviewer, conflict, claim_id, "7.9").status_code == 303
    [opened] = _verdict_findings(settings, claim_id)
    assert (opened["status"], opened["verdict"], opened["trail"]) == ("open", "inconsistent", [])
    assert (f"The claim's verdict finding {opened['id']} is opened: the claim is inconsistent."
            in _page(reviewer, conflict))
    with session_scope(settings.db_url) as s:  # announced like any new finding
        assert opened["id"] in set(s.scalars(select(AlertDelivery.finding_id)))
    # corrected again, still 7.9: no second finding
    assert _correct(reviewer, conflict, claim_id, "7.9").status_code == 303
    assert [f["id"] for f in _verdict_findings(settings, claim_id)] == [opened["id"]]


def test_a_reviewers_decision_on_the_verdict_finding_stands(reviewer: TestClient,
                                                            settings: Settings) -> None:
    conflict, _, claim_id = _world(settings)
    [own] = _verdict_findings(settings, claim_id)
    with session_scope(settings.db_url) as s:
        finding = s.get(Finding, own["id"])
        assert finding is not None
        finding.status = "confirmed"
    assert _correct(reviewer, conflict, claim_id, "5.8").status_code == 303
    assert _verdict_findings(settings, claim_id)[0]["status"] == "confirmed"


def test_the_api_says_which_verdict_findings_it_settled(client: TestClient, seed: Seeder,
                                                        settings: Settings) -> None:
    token = seed.user("ana", "reviewer")
    conflict, _, claim_id = _world(settings)
    [own] = _verdict_findings(settings, claim_id)
    done = client.post(f"/api/findings/{conflict}/claims/{claim_id}/correct",
                       headers={"Authorization": f"Bearer {token}"},
                       json={"indicator": INDICATOR, "period": "2024", "value": 5.8,
                             "kind": "actual"})
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["verdict"] == "consistent" and body["closed"] is False
    assert (body["resolved_verdicts"], body["reopened_verdicts"], body["opened_verdicts"]) == \
        ([own["id"]], [], [])
    assert body["resolved_conflicts"] == [conflict]
