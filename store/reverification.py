"""What verifying again needs: articles checked against an older reference version, and
findings the new data settle (closed as resolved, never deleted, each with an audit event)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, exists, or_, select
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


def _verdict_findings(session: Session, where: ColumnElement[bool],
                      status: str) -> list[Finding]:
    """Verdict findings in `status` linking a claim that `where` picks."""
    return list(session.scalars(
        select(Finding).where(
            Finding.type == "verdict", Finding.status == status,
            Finding.id.in_(select(FindingClaim.finding_id)
                           .join(Claim, Claim.id == FindingClaim.claim_id)
                           .where(where)))
        .options(selectinload(Finding.claims)).order_by(Finding.id)))


def settle_verdict_findings(session: Session, article_id: int,
                            version: str) -> tuple[list[int], list[int]]:
    """After an article's claims were verified again: an open verdict finding none of whose
    claims still carries its verdict is resolved by the data; one the data had resolved whose
    claim carries the verdict again is reopened. Reviewers' decisions are left alone.
    Returns (resolved ids, reopened ids)."""
    return _settle_verdicts(session, Claim.article_id == article_id,
                            lambda c: c.article_id == article_id,
                            f"by data (reference version {version})")


def settle_claim_verdict_findings(session: Session, claim_id: int, why: str,
                                  leave: Collection[int] = ()) -> tuple[list[int], list[int]]:
    """The same for one claim a reviewer corrected and verified again (`why` says who), its
    verdict findings but those in `leave` (the one the correction itself updated)."""
    return _settle_verdicts(session, Claim.id == claim_id, lambda c: c.id == claim_id, why,
                            leave)


def _settle_verdicts(session: Session, where: ColumnElement[bool],
                     mine: Callable[[Claim], bool], why: str,
                     leave: Collection[int] = ()) -> tuple[list[int], list[int]]:
    resolved, reopened = [], []
    for finding in _verdict_findings(session, where, "open"):
        if finding.id in leave or any(c.verdict == finding.verdict for c in finding.claims):
            continue
        said = "; ".join(c.explanation or "" for c in finding.claims if mine(c))
        settle(session, finding, status=RESOLVED, action="resolve",
               comment=f"resolved {why}: {said}")
        resolved.append(finding.id)
    for finding in _verdict_findings(session, where, RESOLVED):
        if finding.id in leave or not any(c.verdict == finding.verdict for c in finding.claims):
            continue
        settle(session, finding, status="open", action="reopen",
               comment=f"reopened {why}: the claim is {finding.verdict} again")
        reopened.append(finding.id)
    return resolved, reopened


def claim_has_verdict_finding(session: Session, claim_id: int, verdict: str) -> bool:
    """Whether a verdict finding of this verdict links the claim, open or decided: a claim
    flagged anew needs one (a reviewer's dismissal of one stands)."""
    return session.scalar(select(exists().where(
        Finding.type == "verdict", Finding.verdict == verdict, Finding.status != RESOLVED,
        Finding.id == FindingClaim.finding_id, FindingClaim.claim_id == claim_id))) or False


# --- arithmetic findings -----------------------------------------------------------------------

@dataclass(frozen=True)
class ArticleText:
    """What checking an article again needs: its text, date and publisher."""

    id: int
    text: str
    published: date | None
    publisher: str


@dataclass(frozen=True)
class Holding:
    """An arithmetic finding as the current data make it: what its summary says now."""

    summary: str
    severity: float
    detail: dict[str, Any]


def arithmetic_findings(session: Session, article_id: int,
                        checks: Collection[str]) -> list[Finding]:
    """The open and data-resolved arithmetic findings of these checks on the article's claims
    (a reviewer's decision is left alone), with the articles of each one's claims."""
    rows = session.scalars(
        select(Finding).where(
            Finding.type == "arithmetic", Finding.status.in_(("open", RESOLVED)),
            Finding.id.in_(select(FindingClaim.finding_id)
                           .join(Claim, Claim.id == FindingClaim.claim_id)
                           .where(Claim.article_id == article_id)))
        .options(selectinload(Finding.claims).selectinload(Claim.article))
        .order_by(Finding.id))
    # the check's name is in the JSON detail: filtered here, the same on both databases
    return [f for f in rows if (f.detail or {}).get("check") in checks]


def finding_articles(finding: Finding) -> list[ArticleText]:
    """The articles whose claims a finding links (one fingerprint can join the same sum
    printed again by the same publisher), oldest first."""
    seen = {c.article.id: c.article for c in finding.claims}
    return [ArticleText(a.id, a.text, a.published_at.date() if a.published_at else None,
                        a.publisher) for _, a in sorted(seen.items())]


def settle_arithmetic_findings(session: Session, found: list[Finding],
                               holding: Mapping[int, Holding | None],
                               version: str) -> tuple[list[int], list[int]]:
    """`holding[finding id]`: the finding as one of its articles' checks gives it on the
    current data, or None when none gives it. An open finding none gives is resolved by the
    data; one the data had resolved that is given again is reopened with its summary as the
    data make it now. Returns (resolved ids, reopened ids)."""
    resolved, reopened = [], []
    for finding in found:
        now = holding.get(finding.id)
        check = (finding.detail or {}).get("check")
        if finding.status == "open" and now is None:
            settle(session, finding, status=RESOLVED, action="resolve",
                   comment=f"resolved by data (reference version {version}): the {check} "
                   f"check finds nothing wrong on the current reference data")
            resolved.append(finding.id)
        elif finding.status == RESOLVED and now is not None:
            finding.summary, finding.severity, finding.detail = now.summary, now.severity, now.detail
            settle(session, finding, status="open", action="reopen",
                   comment=f"reopened by data (reference version {version}): {now.summary}")
            reopened.append(finding.id)
    return resolved, reopened
