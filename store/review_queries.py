"""Queries the review web layer needs beyond store.findings and store.users: the users list,
the Atom feed, the learning export, the dashboard, the source and article pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, selectinload

from store.models import Article, Claim, Finding, FindingClaim, ReviewEvent, Source, User


def ping(session: Session) -> bool:
    """True when the database answers a trivial query."""
    return session.execute(text("SELECT 1")).scalar() == 1


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name)))


def indicators_in_use(session: Session) -> list[str]:
    """Indicator ids that appear on at least one finding, for the queue's filter menu."""
    rows = session.scalars(select(Finding.indicator).where(Finding.indicator.is_not(None))
                           .distinct().order_by(Finding.indicator))
    return [r for r in rows if r]


def confirmed_findings(session: Session, limit: int = 100) -> list[Finding]:
    """The latest confirmed findings, the most recently decided first (the Atom feed)."""
    return list(session.scalars(
        select(Finding).where(Finding.status == "confirmed")
        .options(selectinload(Finding.claims).selectinload(Claim.article))
        .order_by(Finding.updated_at.desc(), Finding.id.desc()).limit(limit)))


# --- the learning export ------------------------------------------------------------------------

@dataclass
class Catch:
    """What a reviewer said about one claim: corrected (the fields are right now) or an
    extraction mistake (the fields are wrong, the right ones unknown)."""

    kind: str  # corrected | extraction_mistake
    user: str
    comment: str | None
    when: datetime


@dataclass
class LearningArticle:
    article: Article
    claims: list[Claim]
    catches: dict[int, Catch] = field(default_factory=dict)  # by claim id


def learning_articles(session: Session) -> list[LearningArticle]:
    """Articles with a reviewer's catch: a correction, or a finding dismissed now as an
    extraction mistake. A correction outranks a dismissal of the same claim."""
    catches: dict[int, Catch] = {}
    corrections = session.scalars(select(ReviewEvent).where(ReviewEvent.action == "correct")
                                  .order_by(ReviewEvent.id))
    for event in corrections:
        claim_id = ((event.after or {}).get("claim") or {}).get("claim_id")
        if isinstance(claim_id, int):
            catches[claim_id] = Catch("corrected", event.user, event.comment, event.created_at)
    mistakes = session.execute(
        select(FindingClaim.claim_id, Finding.id, Finding.updated_at)
        .join(Finding, Finding.id == FindingClaim.finding_id)
        .where(Finding.status == "dismissed", Finding.dismiss_reason == "extraction_mistake"))
    for claim_id, finding_id, updated_at in mistakes:
        if claim_id in catches:
            continue
        last = session.scalar(select(ReviewEvent).where(
            ReviewEvent.finding_id == finding_id, ReviewEvent.action == "dismiss")
            .order_by(ReviewEvent.id.desc()).limit(1))
        catches[claim_id] = Catch("extraction_mistake", last.user if last else "",
                                  last.comment if last else None, updated_at)
    if not catches:
        return []
    article_ids = set(session.scalars(select(Claim.article_id).where(Claim.id.in_(catches))))
    out = []
    for article in session.scalars(select(Article).where(Article.id.in_(article_ids))
                                   .options(selectinload(Article.claims))
                                   .order_by(Article.id)):
        claims = sorted(article.claims, key=lambda c: (c.start, c.end))
        out.append(LearningArticle(article, claims,
                                   {c.id: catches[c.id] for c in claims if c.id in catches}))
    return out


# --- the dashboard ------------------------------------------------------------------------------

def findings_by_verdict(session: Session) -> dict[str, int]:
    """Open findings by verdict (a conflict or arithmetic finding counts under its type)."""
    rows = session.execute(select(func.coalesce(Finding.verdict, Finding.type), func.count())
                           .where(Finding.status == "open")
                           .group_by(func.coalesce(Finding.verdict, Finding.type)))
    return {str(key): int(n) for key, n in rows}


def findings_per_day(session: Session, since: datetime) -> dict[date, int]:
    """How many findings were opened each day since `since` (UTC days)."""
    day = func.date(Finding.created_at)
    rows = session.execute(select(day, func.count()).where(Finding.created_at >= since)
                           .group_by(day))
    out: dict[date, int] = {}
    for key, n in rows:
        when = key if isinstance(key, date) else date.fromisoformat(str(key))
        out[when] = out.get(when, 0) + int(n)
    return out


# --- sources and articles -----------------------------------------------------------------------

def source_article_counts(session: Session) -> dict[int, tuple[int, datetime | None]]:
    """Per source: how many articles, and when the newest was found."""
    rows = session.execute(select(Article.source_id, func.count(), func.max(Article.created_at))
                           .where(Article.source_id.is_not(None)).group_by(Article.source_id))
    return {int(sid): (int(n), last) for sid, n, last in rows if sid is not None}


def get_source(session: Session, source_id: int) -> Source | None:
    return session.get(Source, source_id)


def recent_articles(session: Session, source_id: int, limit: int = 50) -> list[tuple[Article, int]]:
    """The source's latest articles, newest found first, each with its number of claims."""
    claims = (select(Claim.article_id, func.count().label("n")).group_by(Claim.article_id)
              .subquery())
    rows = session.execute(
        select(Article, func.coalesce(claims.c.n, 0))
        .outerjoin(claims, claims.c.article_id == Article.id)
        .where(Article.source_id == source_id)
        .order_by(Article.created_at.desc(), Article.id.desc()).limit(limit))
    return [(a, int(n)) for a, n in rows]


def _findings_of(session: Session, claims: list[Claim]) -> dict[int, list[int]]:
    """The ids of the findings each of `claims` is part of, by claim id, lowest finding first."""
    links: dict[int, list[int]] = {}
    if claims:
        rows = session.execute(select(FindingClaim.claim_id, FindingClaim.finding_id)
                               .where(FindingClaim.claim_id.in_([c.id for c in claims]))
                               .order_by(FindingClaim.finding_id))
        for claim_id, finding_id in rows:
            links.setdefault(int(claim_id), []).append(int(finding_id))
    return links


def article_claims(session: Session, article_id: int) -> tuple[Article, list[Claim],
                                                              dict[int, list[int]]] | None:
    """An article, its claims in text order, and the findings each claim is part of."""
    article = session.get(Article, article_id, options=[selectinload(Article.claims),
                                                        selectinload(Article.source)])
    if article is None:
        return None
    claims = sorted(article.claims, key=lambda c: (c.start, c.end))
    links = _findings_of(session, claims)
    return article, claims, links


def claims_on_key(session: Session, indicator: str, geography: str, period: str, *,
                  exclude: list[int], limit: int = 20) -> tuple[list[Claim], dict[int, list[int]],
                                                                 int]:
    """What every article said about one (indicator, geography, period), for a finding's page:
    up to `limit` claims other than `exclude`, newest article first, each with its article,
    the findings it is part of, and how many such claims there are in all."""
    where = (Claim.indicator == indicator, Claim.geography == geography, Claim.period == period,
             Claim.id.not_in(exclude or [-1]))
    total = int(session.scalar(select(func.count()).select_from(Claim).where(*where)) or 0)
    claims = list(session.scalars(
        select(Claim).where(*where).options(selectinload(Claim.article))
        .order_by(Claim.article_id.desc(), Claim.start).limit(limit)))
    links = _findings_of(session, claims)
    return claims, links, total
