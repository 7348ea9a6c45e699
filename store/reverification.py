"""What verifying again needs: articles checked against an older reference version, and
findings the new data settle (closed as resolved, never deleted, each with an audit event)."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session, selectinload

from store.findings import settle
from store.models import Article, Claim, Finding, FindingClaim

RESOLVED = "resolved"


def outdated_articles(session: Session, version: str, *, limit: int,
                      indicator: str | None = None,
                      article_ids: Collection[int] | None = None) -> list[int]:
    """Processed articles whose verdicts came from another reference version, oldest first;
    with `indicator`, only those with a claim about it; with `article_ids`, only those."""
    stmt = select(Article.id).where(
        Article.status == "processed",
        or_(Article.reference_version.is_(None), Article.reference_version != version))
    if article_ids is not None:
        stmt = stmt.where(Article.id.in_(list(article_ids)))
    if indicator is not None:
        stmt = stmt.where(exists().where(Claim.article_id == Article.id,
                                         Claim.indicator == indicator))
    return list(session.scalars(stmt.order_by(Article.id).limit(limit)))


def _verdict_findings(session: Session, article_id: int, status: str) -> list[Finding]:
    return list(session.scalars(
        select(Finding).where(
            Finding.type == "verdict", Finding.status == status,
            Finding.id.in_(select(FindingClaim.finding_id)
                           .join(Claim, Claim.id == FindingClaim.claim_id)
                           .where(Claim.article_id == article_id)))
        .options(selectinload(Finding.claims)).order_by(Finding.id)))


def settle_verdict_findings(session: Session, article_id: int,
                            version: str) -> tuple[list[int], list[int]]:
    """After an article's claims were verified again: an open verdict finding none of whose
    claims still carries its verdict is resolved by the data; one the data had resolved whose
    claim carries the verdict again is reopened. Reviewers' decisions are left alone.
    Returns (resolved ids, reopened ids)."""
    resolved, reopened = [], []
    for finding in _verdict_findings(session, article_id, "open"):
        if any(c.verdict == finding.verdict for c in finding.claims):
            continue
        now = [c for c in finding.claims if c.article_id == article_id]
        said = "; ".join(c.explanation or "" for c in now)
        settle(session, finding, status=RESOLVED, action="resolve",
               comment=f"resolved by data (reference version {version}): {said}")
        resolved.append(finding.id)
    for finding in _verdict_findings(session, article_id, RESOLVED):
        if not any(c.verdict == finding.verdict for c in finding.claims):
            continue
        settle(session, finding, status="open", action="reopen",
               comment=f"reopened by data (reference version {version}): the claim is "
               f"{finding.verdict} again")
        reopened.append(finding.id)
    return resolved, reopened
