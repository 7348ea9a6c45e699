"""The JSON API under /api/: findings and decisions, with a bearer token."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query, Request

from claimwatch.corrections import CorrectionForm, correct_claim
from review import services
from review.deps import ApiUser, CurrentUser, db_url
from review.schemas import (
    BulkIn,
    BulkOut,
    CorrectIn,
    CorrectOut,
    DecideIn,
    ErrorOut,
    FindingDetail,
    FindingList,
    UndoOut,
)

router = APIRouter(prefix="/api", tags=["findings"], responses={
    401: {"model": ErrorOut, "description": "No API token, or an unknown one."}})


def _bad(exc: services.BadRequest) -> HTTPException:
    return HTTPException(status_code=services.status_code(exc), detail=str(exc))


def _decider(user: CurrentUser) -> None:
    if user.role not in ("reviewer", "admin"):
        raise HTTPException(status_code=403, detail="Only reviewers and admins decide.")


@router.get("/findings", response_model=FindingList, responses={400: {"model": ErrorOut}})
def list_findings(request: Request, _user: ApiUser,
                  status: str | None = Query(None, description="open (default), confirmed, "
                                             "dismissed, resolved or all"),
                  verdict: str | None = None, indicator: str | None = None,
                  type: str | None = Query(None, description="verdict, conflict or arithmetic"),
                  q: str | None = Query(None, description="Words in the summary, a claim as "
                                      "written, its sentence or an article's title."),
                  source: str | None = Query(None, max_length=services.MAX_SOURCE,
                                             description="A source id, or a publisher (the "
                                             "article's, or its source's name or publisher; "
                                             "any case): findings with a claim from it."),
                  language: str | None = Query(None, description="en or zh: findings with a "
                                               "claim from an article in that language."),
                  date_from: str | None = Query(None, alias="from", max_length=40,
                                                description="YYYY-MM-DD: findings created "
                                                "that day (UTC) or later."),
                  date_to: str | None = Query(None, alias="to", max_length=40,
                                              description="YYYY-MM-DD: findings created that "
                                              "day (UTC) or earlier."),
                  limit: int = Query(50, ge=1, le=500),
                  offset: int = Query(0, ge=0, description="Rows to skip; slow when deep: "
                                      "prefer `after`."),
                  after: str | None = Query(None, max_length=200, description="The "
                                            "`next_cursor` of the previous page, sent with "
                                            "the same filters.")
                  ) -> FindingList:
    """Findings ordered by severity, then the newest first. A wrong filter value (a date
    that is not YYYY-MM-DD, `from` after `to`) is a 400 naming it."""
    try:
        filters = services.Filters.parse(status, verdict, indicator, type, q, source, language,
                                         date_from, date_to)
        cursor = services.decode_cursor(after, filters) if after else None
    except services.BadRequest as exc:
        raise _bad(exc) from exc
    return services.find(db_url(request), filters, limit=limit, offset=offset, after=cursor)


@router.get("/findings/{finding_id}", response_model=FindingDetail,
            responses={404: {"model": ErrorOut}})
def get_finding(request: Request, finding_id: int,
                _user: ApiUser) -> FindingDetail:
    """One finding with its claims and its audit trail."""
    finding = services.detail(db_url(request), finding_id)
    if finding is None:
        raise HTTPException(status_code=404, detail=f"There is no finding {finding_id}.")
    return finding


@router.post("/findings/{finding_id}/decide", response_model=FindingDetail,
             responses={400: {"model": ErrorOut}, 403: {"model": ErrorOut},
                        404: {"model": ErrorOut}})
def decide(request: Request, finding_id: int, body: DecideIn,
           user: ApiUser) -> FindingDetail:
    """Confirm, dismiss (with a reason), reopen, assign or comment; recorded in the audit trail.
    Assigning to someone else than the caller needs an admin."""
    _decider(user)
    try:
        result = services.apply_decision(
            db_url(request), finding_id, user=user.name, action=body.action, reason=body.reason,
            comment=body.comment, assignee=body.assignee, is_admin=user.is_admin)
    except services.BadRequest as exc:
        raise _bad(exc) from exc
    if result is None:
        raise HTTPException(status_code=404, detail=f"There is no finding {finding_id}.")
    return result


@router.post("/findings/bulk", response_model=BulkOut,
             responses={400: {"model": ErrorOut}, 403: {"model": ErrorOut},
                        404: {"model": ErrorOut}})
def bulk(request: Request, body: BulkIn, user: ApiUser) -> BulkOut:
    """One decision (confirm, dismiss, assign) on several findings, all or none."""
    _decider(user)
    try:
        ids = services.parse_ids([str(i) for i in body.ids])
        done = services.bulk_decide(db_url(request), ids, user=user.name, action=body.action,
                                    reason=body.reason, comment=body.comment,
                                    assignee=body.assignee, is_admin=user.is_admin)
    except services.BadRequest as exc:
        raise _bad(exc) from exc
    return BulkOut(decided=done)


@router.post("/undo", response_model=UndoOut,
             responses={400: {"model": ErrorOut}, 409: {"model": ErrorOut}})
def undo(request: Request, user: ApiUser) -> UndoOut:
    """Take back the caller's newest decision not undone yet (recorded as an "undo" event);
    409 when someone else decided on that finding since."""
    _decider(user)
    try:
        return services.undo_last(db_url(request), user.name)
    except services.BadRequest as exc:
        raise _bad(exc) from exc


@router.post("/findings/{finding_id}/claims/{claim_id}/correct", response_model=CorrectOut,
             responses={400: {"model": ErrorOut}, 404: {"model": ErrorOut}})
def correct(request: Request, finding_id: int, claim_id: int, body: CorrectIn,
            user: ApiUser) -> CorrectOut:
    """Correct a claim's extraction; it is verified again at once, and the finding closed
    when the claim is no longer flagged."""
    _decider(user)
    if services.detail(db_url(request), finding_id) is None:
        raise HTTPException(status_code=404, detail=f"There is no finding {finding_id}.")
    result = correct_claim(request.app.state.settings, finding_id, claim_id, CorrectionForm(
        indicator=body.indicator or "", period=body.period or "", value=str(body.value),
        kind=body.kind, comment=body.comment or ""), user.name)
    if result.errors:
        raise HTTPException(status_code=400, detail=" ".join(result.errors))
    return CorrectOut(verdict=result.verdict or "", explanation=result.explanation,
                      closed=result.closed, resolved_conflicts=result.resolved_conflicts,
                      reopened_conflicts=result.reopened_conflicts,
                      resolved_verdicts=result.resolved_verdicts,
                      reopened_verdicts=result.reopened_verdicts,
                      opened_verdicts=result.opened_verdicts)
