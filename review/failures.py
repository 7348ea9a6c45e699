"""Tasks that failed for good, for administrators: the list, and sending one again.

The retry is worker/retry.py's, the same as `claimwatch failures --retry ID`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from review.deps import CurrentUser, checked_form, db_url, require_admin
from review.pages import render
from store import failures
from store.db import session_scope
from worker.retry import FailureNotFound, RetryRefused, retry_failure

Admin = Annotated[CurrentUser, Depends(require_admin)]
Form = Annotated[dict[str, str], Depends(checked_form)]

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


@router.get("/admin/failures")
def failures_page(request: Request, user: Admin, sent: int | None = None) -> Response:
    with session_scope(db_url(request)) as session:
        rows = [{"id": f.id, "task": f.task, "args": f.args, "error": f.error,
                 "created_at": f.created_at} for f in failures.open_failures(session, limit=200)]
    return render(request, "failures.html", {"user": user, "failures": rows, "sent": sent})


@router.post("/admin/failures/{failure_id}/retry")
def retry(request: Request, failure_id: int, user: Admin, form: Form) -> Response:
    try:
        retry_failure(request.app.state.settings, failure_id)
    except FailureNotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    except RetryRefused as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    return RedirectResponse(f"/admin/failures?sent={failure_id}", status_code=303)
