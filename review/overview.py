"""The dashboard, the sources and an article with its claims: pages that show how things
stand rather than decide anything."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from claimwatch.health import source_health
from crawler.health import SourceHealth
from review.charts import bar_chart
from review.deps import CurrentUser, current_user, db_url
from review.pages import render
from store.db import session_scope
from store.failures import open_failures
from store.findings import STATUSES, count_findings
from store.models import Claim
from store.review_queries import (
    article_claims,
    findings_by_verdict,
    findings_per_day,
    get_source,
    recent_articles,
    source_article_counts,
)
from store.sources import list_sources

DAYS = 30
User = Annotated[CurrentUser, Depends(current_user)]
router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


def _health(url: str) -> dict[int, SourceHealth]:
    return {source_id: health for source_id, _name, health in source_health(url)}


@router.get("/dashboard")
def dashboard(request: Request, user: User) -> Response:
    url = db_url(request)
    today = datetime.now(UTC).date()
    first = today - timedelta(days=DAYS - 1)
    with session_scope(url) as session:
        statuses = count_findings(session)
        verdicts = findings_by_verdict(session)
        per_day = findings_per_day(session, datetime.combine(first, datetime.min.time(), UTC))
        failures = [{"id": f.id, "task": f.task, "error": f.error, "created_at": f.created_at,
                     "args": f.args} for f in open_failures(session, limit=10)]
        sources = [(s.id, s.name, s.enabled) for s in list_sources(session)]
    health = _health(url)
    bars = [((first + timedelta(days=i)).strftime("%m-%d"), per_day.get(first + timedelta(days=i), 0))
            for i in range(DAYS)]
    chart = bar_chart(bars, title=f"Findings opened per day, last {DAYS} days (UTC)")
    return render(request, "dashboard.html", {
        "user": user, "statuses": [(s, statuses.get(s, 0)) for s in STATUSES],
        "verdicts": sorted(verdicts.items(), key=lambda kv: -kv[1]), "chart": chart,
        "sources": [(sid, name, enabled, health.get(sid)) for sid, name, enabled in sources],
        "failures": failures, "total_new": sum(n for _, n in bars)})


@router.get("/sources")
def sources_page(request: Request, user: User) -> Response:
    url = db_url(request)
    with session_scope(url) as session:
        rows = list_sources(session)
        counts = source_article_counts(session)
        sources = [{"id": s.id, "name": s.name, "url": s.url, "language": s.language,
                    "enabled": s.enabled, "articles": counts.get(s.id, (0, None))[0],
                    "last_found": counts.get(s.id, (0, None))[1]} for s in rows]
    health = _health(url)
    return render(request, "sources.html", {"user": user, "sources": sources, "health": health})


@router.get("/sources/{source_id}")
def source_page(request: Request, source_id: int, user: User) -> Response:
    url = db_url(request)
    with session_scope(url) as session:
        source = get_source(session, source_id)
        if source is None:
            raise HTTPException(status_code=404, detail=f"There is no source {source_id}.")
        info = {"id": source.id, "name": source.name, "url": source.url, "kind": source.kind,
                "language": source.language, "publisher": source.publisher,
                "enabled": source.enabled, "interval": source.interval_minutes,
                "last_polled_at": source.last_polled_at,
                "last_success_at": source.last_success_at, "last_error": source.last_error,
                "failures": source.consecutive_failures, "next_poll_at": source.next_poll_at}
        articles = [{"id": a.id, "title": a.title, "url": a.url, "status": a.status,
                     "published_at": a.published_at, "created_at": a.created_at, "claims": n}
                    for a, n in recent_articles(session, source_id)]
    return render(request, "source.html", {"user": user, "s": info,
                                           "health": _health(url).get(source_id),
                                           "articles": articles})


@dataclass(frozen=True)
class Segment:
    """A run of the article's text; `claim` is set for the run that is a claim's span."""

    text: str
    claim: Claim | None = None


def segments(text: str, claims: list[Claim]) -> list[Segment]:
    """The text cut at each claim's span, in order; a span that overlaps an earlier one or
    does not fit the text is left unmarked rather than garbling the text."""
    out, pos = [], 0
    for claim in sorted(claims, key=lambda c: (c.start, c.end)):
        if claim.start < pos or claim.end > len(text) or claim.start >= claim.end:
            continue
        if claim.start > pos:
            out.append(Segment(text[pos:claim.start]))
        out.append(Segment(text[claim.start:claim.end], claim))
        pos = claim.end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: int, user: User) -> Response:
    with session_scope(db_url(request)) as session:
        found = article_claims(session, article_id)
        if found is None:
            raise HTTPException(status_code=404, detail=f"There is no article {article_id}.")
        article, claims, links = found
        info = {"id": article.id, "title": article.title, "url": article.url,
                "publisher": article.publisher, "status": article.status,
                "language": article.language, "published_at": article.published_at,
                "source_id": article.source_id,
                "source_name": article.source.name if article.source else None,
                "duplicate_of_id": article.duplicate_of_id, "error": article.error}
        parts = segments(article.text or "", claims)
    return render(request, "article.html", {"user": user, "a": info, "segments": parts,
                                            "claims": claims, "links": links})
