"""Exports: findings and decisions as CSV or JSON (the queue's filters, streamed a batch at
a time), the Atom feed of confirmed findings, and the learning export (corpus YAML)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response, StreamingResponse

from review import services
from review.deps import ApiUser, CurrentUser, FeedUser, current_user, db_url
from review.feeds import confirmed_feed
from review.learning import learning_zip
from review.present import finding_out
from review.schemas import FindingOut
from store.clock import as_utc
from store.db import session_scope
from store.findings import iter_decisions, iter_findings
from store.models import Finding, ReviewEvent
from store.review_queries import confirmed_findings, learning_articles

User = Annotated[CurrentUser, Depends(current_user)]
router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api/export", tags=["exports"])

FINDING_COLUMNS = ["id", "type", "verdict", "status", "dismiss_reason", "assignee", "severity",
                   "indicator", "geography", "period", "summary", "created_at", "updated_at",
                   "claims", "claimed_values", "units", "reference_values", "reference_sources",
                   "article_urls", "publishers"]
DECISION_COLUMNS = ["id", "finding_id", "user", "action", "status_before", "status_after",
                    "dismiss_reason_after", "assignee_after", "comment", "undoes_id",
                    "created_at", "before", "after", "finding_summary", "batch_id"]
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """Text from crawled pages must not run as a spreadsheet formula when the CSV is opened:
    a leading =, +, -, @ gets a quote in front. Numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return as_utc(value).isoformat()  # with its offset, whatever the database gave back
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def _joined(values: list[Any]) -> str:
    return " | ".join("" if v is None else str(v) for v in values)


def finding_row(f: FindingOut) -> list[Any]:
    refs = [c.reference for c in f.claims]
    return [_cell(v) for v in (
        f.id, f.type, f.verdict, f.status, f.dismiss_reason, f.assignee, f.severity, f.indicator,
        f.geography, f.period, f.summary, f.created_at, f.updated_at,
        _joined([c.text for c in f.claims]), _joined([c.value for c in f.claims]),
        _joined([c.unit for c in f.claims]), _joined([r.value if r else None for r in refs]),
        _joined([r.source_url if r else None for r in refs]),
        _joined([c.article.url for c in f.claims]),
        _joined([c.article.publisher for c in f.claims]))]


def decision_record(event: ReviewEvent, finding: Finding) -> dict[str, Any]:
    return {"id": event.id, "finding_id": event.finding_id, "user": event.user,
            "action": event.action, "before": event.before or {}, "after": event.after or {},
            "comment": event.comment, "undoes_id": event.undoes_id,
            # SQLite hands the time back without its zone: written in UTC, said so here
            "created_at": as_utc(event.created_at).isoformat(), "finding_summary": finding.summary,
            "batch_id": event.batch_id}


def decision_row(record: dict[str, Any]) -> list[Any]:
    before, after = record["before"], record["after"]
    return [_cell(v) for v in (
        record["id"], record["finding_id"], record["user"], record["action"],
        before.get("status"), after.get("status"), after.get("dismiss_reason"),
        after.get("assignee"), record["comment"], record["undoes_id"], record["created_at"],
        json.dumps(before, ensure_ascii=False, sort_keys=True),
        json.dumps(after, ensure_ascii=False, sort_keys=True), record["finding_summary"],
        record["batch_id"])]


def _csv_line(row: list[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(row)
    return buffer.getvalue()


def _findings(url: str, filters: services.Filters) -> Iterator[FindingOut]:
    with session_scope(url) as session:
        for finding in iter_findings(session, **filters.store_kwargs()):
            yield finding_out(finding)


def _decisions(url: str, filters: services.Filters) -> Iterator[dict[str, Any]]:
    with session_scope(url) as session:
        for event, finding in iter_decisions(session, **filters.store_kwargs()):
            yield decision_record(event, finding)


def _csv(header: list[str], rows: Iterator[list[Any]]) -> Iterator[str]:
    yield "\ufeff" + _csv_line(header)  # the BOM lets spreadsheet programs read UTF-8
    for row in rows:
        yield _csv_line(row)


def _json(key: str, items: Iterator[str]) -> Iterator[str]:
    yield f'{{"{key}": ['
    for i, item in enumerate(items):
        yield ("," if i else "") + "\n" + item
    yield "\n]}\n"


def _stream(chunks: Iterator[str], media_type: str, name: str) -> StreamingResponse:
    """`name` is what and its extension ("findings.csv"): the stamp goes before the dot, so
    the saved file keeps its extension and opens in a spreadsheet program."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
    what, _, extension = name.rpartition(".")
    return StreamingResponse(chunks, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="claimwatch-{what}-{stamp}.{extension}"'})


def _filters(request: Request) -> services.Filters:
    params = request.query_params
    try:
        return services.Filters.parse(params.get("status"), params.get("verdict"),
                                      params.get("indicator"), params.get("type"), params.get("q"),
                                      params.get("source"), params.get("language"),
                                      params.get("from"), params.get("to"))
    except services.BadRequest as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc


def _export(request: Request, what: str, fmt: str) -> Response:
    """`what` findings|decisions, `fmt` csv|json; the filters are checked before the first
    byte goes out, so a wrong one is a clean 400 and not a broken download."""
    filters = _filters(request)
    url = db_url(request)
    if what == "findings":
        if fmt == "csv":
            return _stream(_csv(FINDING_COLUMNS, (finding_row(f) for f in _findings(url, filters))),
                           "text/csv; charset=utf-8", "findings.csv")
        return _stream(_json("findings", (f.model_dump_json() for f in _findings(url, filters))),
                       "application/json", "findings.json")
    if fmt == "csv":
        return _stream(_csv(DECISION_COLUMNS, (decision_row(r) for r in _decisions(url, filters))),
                       "text/csv; charset=utf-8", "decisions.csv")
    return _stream(_json("decisions", (json.dumps(r, ensure_ascii=False)
                                       for r in _decisions(url, filters))),
                   "application/json", "decisions.json")


def _learning(request: Request) -> Response:
    with session_scope(db_url(request)) as session:
        body = learning_zip(learning_articles(session))
    return Response(body, media_type="application/zip", headers={
        "Content-Disposition": 'attachment; filename="claimwatch-learning.zip"'})


@router.get("/export/findings.csv")
def findings_csv(request: Request, user: User) -> Response:
    return _export(request, "findings", "csv")


@router.get("/export/findings.json")
def findings_json(request: Request, user: User) -> Response:
    return _export(request, "findings", "json")


@router.get("/export/decisions.csv")
def decisions_csv(request: Request, user: User) -> Response:
    return _export(request, "decisions", "csv")


@router.get("/export/decisions.json")
def decisions_json(request: Request, user: User) -> Response:
    return _export(request, "decisions", "json")


_FILTERS_DOC = ("Filtered like the queue: status, verdict, indicator, type, q, source (id or "
                "publisher), language (en, zh), from and to (YYYY-MM-DD, the finding's creation "
                "day, both included; a wrong date is a 400). Streamed.")


@api_router.get("/findings.csv", summary="Findings as CSV", description=_FILTERS_DOC)
def api_findings_csv(request: Request, user: ApiUser) -> Response:
    return _export(request, "findings", "csv")


@api_router.get("/findings.json", summary="Findings as JSON", description=_FILTERS_DOC)
def api_findings_json(request: Request, user: ApiUser) -> Response:
    return _export(request, "findings", "json")


@api_router.get("/decisions.csv", summary="The audit trail as CSV", description=_FILTERS_DOC)
def api_decisions_csv(request: Request, user: ApiUser) -> Response:
    return _export(request, "decisions", "csv")


@api_router.get("/decisions.json", summary="The audit trail as JSON", description=_FILTERS_DOC)
def api_decisions_json(request: Request, user: ApiUser) -> Response:
    return _export(request, "decisions", "json")


@router.get("/export/learning.zip")
def learning_page(request: Request, user: User) -> Response:
    return _learning(request)


@api_router.get("/learning.zip", summary="Reviewers' catches as corpus YAML files (zip)")
def learning_api(request: Request, user: ApiUser) -> Response:
    return _learning(request)


@router.get("/feeds/confirmed.atom")
def confirmed_atom(request: Request, user: FeedUser) -> Response:
    with session_scope(db_url(request)) as session:
        findings = [finding_out(f) for f in confirmed_findings(session)]
    body = confirmed_feed(findings, request.app.state.settings.base_url)
    return Response(body, media_type="application/atom+xml; charset=utf-8")
