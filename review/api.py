"""The JSON API under /api/: findings and decisions, with a bearer token."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query, Request

from review import services
from review.deps import ApiUser, db_url
from review.schemas import DecideIn, ErrorOut, FindingDetail, FindingList

router = APIRouter(prefix="/api", tags=["findings"], responses={
    401: {"model": ErrorOut, "description": "No API token, or an unknown one."}})


@router.get("/findings", response_model=FindingList)
def list_findings(request: Request, _user: ApiUser,
                  status: str | None = Query(None, description="open (default), confirmed, "
                                             "dismissed or all"),
                  verdict: str | None = None, indicator: str | None = None,
                  type: str | None = Query(None, description="verdict, conflict or arithmetic"),
                  q: str | None = Query(None, description="Words in the summary."),
                  limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)
                  ) -> FindingList:
    """Findings ordered by severity, then the newest first."""
    try:
        filters = services.Filters.parse(status, verdict, indicator, type, q)
    except services.BadRequest as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    return services.find(db_url(request), filters, limit=limit, offset=offset)


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
    """Confirm, dismiss (with a reason), reopen, assign or comment; recorded in the audit trail."""
    if user.role not in ("reviewer", "admin"):
        raise HTTPException(status_code=403, detail="Only reviewers and admins decide.")
    try:
        result = services.apply_decision(
            db_url(request), finding_id, user=user.name, action=body.action, reason=body.reason,
            comment=body.comment, assignee=body.assignee)
    except services.BadRequest as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    if result is None:
        raise HTTPException(status_code=404, detail=f"There is no finding {finding_id}.")
    return result
