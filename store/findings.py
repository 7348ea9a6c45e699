"""Claims, findings and the decisions people take on them."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from store.db import insert_ignore
from store.models import Article, Claim, Finding, FindingClaim, ReviewEvent, utcnow
from verifier.claims import Claim as ClaimData

FLAGGED_VERDICTS = ("inconsistent", "stale")
STATUSES = ("open", "confirmed", "dismissed", "resolved")  # resolved: by new reference data
DISMISS_REASONS = ("extraction_mistake", "reference_out_of_date", "not_a_claim", "duplicate", "other")


def save_claims(session: Session, article_id: int, claims: list[ClaimData],
                reference_version: str) -> list[int]:
    """Upsert by (article, span): running it twice leaves the same rows."""
    existing = {(c.start, c.end): c for c in session.scalars(
        select(Claim).where(Claim.article_id == article_id))}
    ids = []
    for data in claims:
        row = existing.get((data.start, data.end))
        if row is None:
            row = Claim(article_id=article_id, start=data.start, end=data.end)
            session.add(row)
        elif row.corrected:
            ids.append(row.id)
            continue  # a reviewer's correction wins over a re-extraction
        _copy_claim(row, data, reference_version)
        session.flush()
        ids.append(row.id)
    return ids


def _copy_claim(row: Claim, data: ClaimData, reference_version: str) -> None:
    row.text, row.sentence = data.text, data.sentence
    row.value, row.lower, row.upper = data.value, data.lower, data.upper
    row.unit, row.qualifier, row.indicator = data.unit, data.qualifier, data.indicator
    row.candidates = list(data.candidates)
    row.geography, row.period, row.kind = data.geography, data.period, data.kind
    row.period_explicit = data.period_explicit
    row.verdict, row.deviation = data.verdict, data.deviation
    row.reference = asdict(data.reference) if data.reference else None
    row.explanation, row.severity = data.explanation, data.severity
    row.reference_version = reference_version


def upsert_finding(session: Session, *, fingerprint: str, type: str, summary: str,
                   claim_ids: list[int], severity: float, reference_version: str,
                   verdict: str | None = None, indicator: str | None = None,
                   geography: str | None = None, period: str | None = None,
                   detail: dict[str, Any] | None = None) -> tuple[int, bool]:
    """One finding per fingerprint; later claims about the same problem join it."""
    now = utcnow()
    created = insert_ignore(session, Finding, {
        "fingerprint": fingerprint, "type": type, "verdict": verdict, "indicator": indicator,
        "geography": geography, "period": period, "severity": severity, "summary": summary,
        "detail": detail or {}, "status": "open", "reference_version": reference_version,
        "created_at": now, "updated_at": now,
    }, ["fingerprint"])
    finding_id = session.scalar(select(Finding.id).where(Finding.fingerprint == fingerprint))
    assert finding_id is not None
    if not created:
        finding = session.get(Finding, finding_id)
        assert finding is not None
        if finding.status == "open":
            finding.summary, finding.severity = summary, max(finding.severity, severity)
            finding.detail = detail or finding.detail
    for claim_id in claim_ids:
        insert_ignore(session, FindingClaim, {"finding_id": finding_id, "claim_id": claim_id},
                      ["finding_id", "claim_id"])
    return finding_id, created


def claims_for_key(session: Session, indicator: str, geography: str,
                   period: str) -> list[tuple[Claim, str, int]]:
    """Actual claims about one thing at one time, with publisher and story origin."""
    rows = session.execute(
        select(Claim, Article.publisher, Article.id, Article.duplicate_of_id)
        .join(Article, Claim.article_id == Article.id)
        .where(Claim.indicator == indicator, Claim.geography == geography,
               Claim.period == period, Claim.kind == "actual")
    )
    return [(c, pub or "", dup or aid) for c, pub, aid, dup in rows]


def list_findings(session: Session, *, status: str | None = "open", verdict: str | None = None,
                  indicator: str | None = None, type: str | None = None, search: str | None = None,
                  limit: int = 50, offset: int = 0) -> list[Finding]:
    stmt = _filtered(select(Finding), status, verdict, indicator, type, search)
    stmt = stmt.options(selectinload(Finding.claims).selectinload(Claim.article))
    stmt = stmt.order_by(Finding.severity.desc(), Finding.created_at.desc(), Finding.id.desc())
    return list(session.scalars(stmt.limit(limit).offset(offset)))


def count_matching(session: Session, *, status: str | None = "open", verdict: str | None = None,
                   indicator: str | None = None, type: str | None = None,
                   search: str | None = None) -> int:
    """How many findings list_findings would return without limit/offset."""
    stmt = _filtered(select(func.count()).select_from(Finding), status, verdict, indicator, type,
                     search)
    return int(session.scalar(stmt) or 0)


def _filtered(stmt: Select[Any], status: str | None, verdict: str | None, indicator: str | None,
              type: str | None, search: str | None) -> Select[Any]:
    if status:
        stmt = stmt.where(Finding.status == status)
    if verdict:
        stmt = stmt.where(Finding.verdict == verdict)
    if indicator:
        stmt = stmt.where(Finding.indicator == indicator)
    if type:
        stmt = stmt.where(Finding.type == type)
    if search:
        stmt = stmt.where(Finding.summary.ilike(f"%{search}%"))
    return stmt


def count_findings(session: Session) -> dict[str, int]:
    rows = session.execute(select(Finding.status, func.count()).group_by(Finding.status))
    return {status: int(n) for status, n in rows}


def get_finding(session: Session, finding_id: int) -> Finding | None:
    return session.get(Finding, finding_id, options=[
        selectinload(Finding.claims).selectinload(Claim.article)])


def _state(finding: Finding) -> dict[str, Any]:
    return {"status": finding.status, "dismiss_reason": finding.dismiss_reason,
            "assignee": finding.assignee}


def decide(session: Session, finding: Finding, *, user: str, action: str,
           reason: str | None = None, comment: str | None = None,
           assignee: str | None = None) -> ReviewEvent:
    """confirm / dismiss (with a reason) / reopen / assign / comment, each in the audit trail."""
    before = _state(finding)
    if action == "confirm":
        finding.status, finding.dismiss_reason = "confirmed", None
    elif action == "dismiss":
        if reason not in DISMISS_REASONS:
            raise ValueError(f"dismiss needs a reason, one of: {', '.join(DISMISS_REASONS)}")
        finding.status, finding.dismiss_reason = "dismissed", reason
    elif action == "reopen":
        finding.status, finding.dismiss_reason = "open", None
    elif action == "assign":
        finding.assignee = assignee or None
    elif action != "comment":
        raise ValueError(f"unknown action {action!r}")
    finding.updated_at = utcnow()
    event = ReviewEvent(finding_id=finding.id, user=user, action=action, before=before,
                        after=_state(finding), comment=comment)
    session.add(event)
    session.flush()
    return event


def events_for(session: Session, finding_id: int) -> list[ReviewEvent]:
    return list(session.scalars(select(ReviewEvent).where(ReviewEvent.finding_id == finding_id)
                                .order_by(ReviewEvent.id)))
