"""The server-rendered pages: login, the queue, a finding, the users list."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from review import services
from review.auth import burn_verify, verify_password
from review.deps import (
    SESSION_CSRF,
    SESSION_USER,
    CurrentUser,
    checked_form,
    csrf_token,
    current_user,
    db_url,
    require_admin,
    safe_next,
)
from store.db import session_scope
from store.findings import DISMISS_REASONS, STATUSES, count_findings
from store.review_queries import indicators_in_use, list_users
from store.users import by_name

PAGE_SIZE = 25

User = Annotated[CurrentUser, Depends(current_user)]
Admin = Annotated[CurrentUser, Depends(require_admin)]
Form = Annotated[dict[str, str], Depends(checked_form)]

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200,
           headers: Mapping[str, str] | None = None) -> Response:
    context = {"csrf": csrf_token(request), "user": None, **context}
    templates = request.app.state.templates
    response: Response = templates.TemplateResponse(request, name, context,
                                                    status_code=status_code, headers=headers)
    return response


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    return render(request, "login.html", {"next": safe_next(next), "name": "", "error": None})


@router.post("/login")
def login(request: Request, form: Form) -> Response:
    name = form.get("name", "").strip()
    password = form.get("password", "")
    next_url = safe_next(form.get("next"))
    ip = request.client.host if request.client else "unknown"
    limiter = request.app.state.limiter
    context = {"next": next_url, "name": name}
    if limiter.blocked(ip, name):
        minutes = round(limiter.window / 60)
        return render(request, "login.html", {
            **context, "error": f"Too many failed attempts: wait {minutes} minutes and try again."},
            status_code=429, headers={"Retry-After": str(int(limiter.window))})
    with session_scope(db_url(request)) as session:
        user = by_name(session, name) if name else None
        stored = user.password_hash if user is not None else None
    if stored:
        ok = verify_password(stored, password)
    else:
        burn_verify(password)
        ok = False
    if not ok:
        limiter.fail(ip, name)
        return render(request, "login.html", {**context, "error": "Wrong name or password."},
                      status_code=401)
    limiter.succeed(ip, name)
    request.session.clear()
    request.session[SESSION_USER] = name
    csrf_token(request)
    return redirect(next_url)


@router.post("/logout")
def logout(request: Request, _form: Form) -> Response:
    request.session.pop(SESSION_USER, None)
    request.session.pop(SESSION_CSRF, None)
    return redirect("/login")


def _page_url(request: Request, **changes: Any) -> str:
    params = {k: v for k, v in request.query_params.items() if v}
    params.update({k: str(v) for k, v in changes.items()})
    return "/?" + urlencode(params)


@router.get("/")
def queue(request: Request, user: User,
          status: str | None = None, verdict: str | None = None, indicator: str | None = None,
          type: str | None = None, q: str | None = None,
          page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> Response:
    try:
        filters = services.Filters.parse(status, verdict, indicator, type, q)
    except services.BadRequest as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    url = db_url(request)
    result = services.find(url, filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    with session_scope(url) as session:
        counts = count_findings(session)
        indicators = indicators_in_use(session)
    pages = max(1, math.ceil(result.count / PAGE_SIZE))
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return render(request, "queue.html", {
        "user": user, "findings": result.findings, "count": result.count,
        "counts": counts, "statuses": STATUSES, "types": services.TYPES,
        "indicators": indicators, "reasons": DISMISS_REASONS,
        "filters": {"status": status or "open", "verdict": filters.verdict or "",
                    "indicator": filters.indicator or "", "type": filters.type or "",
                    "q": filters.q or ""},
        "page": page, "pages": pages, "here": here,
        "prev_url": _page_url(request, page=page - 1) if page > 1 else None,
        "next_url": _page_url(request, page=page + 1) if page < pages else None,
    })


@router.get("/findings/{finding_id}")
def finding_page(request: Request, finding_id: int,
                 user: User) -> Response:
    finding = services.detail(db_url(request), finding_id)
    if finding is None:
        raise HTTPException(status_code=404, detail=f"There is no finding {finding_id}.")
    return render(request, "finding.html", {
        "user": user, "f": finding, "reasons": DISMISS_REASONS,
        "here": f"/findings/{finding_id}"})


@router.post("/findings/{finding_id}/decide")
def decide_form(request: Request, finding_id: int, user: User,
                form: Form) -> Response:
    try:
        result = services.apply_decision(
            db_url(request), finding_id, user=user.name, action=form.get("action"),
            reason=form.get("reason"), comment=form.get("comment"),
            assignee=user.name if form.get("action") == "assign" else None)
    except services.BadRequest as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    if result is None:
        raise HTTPException(status_code=404, detail=f"There is no finding {finding_id}.")
    return redirect(safe_next(form.get("next"), default=f"/findings/{finding_id}"))


@router.get("/admin/users")
def users_page(request: Request, user: Admin) -> Response:
    with session_scope(db_url(request)) as session:
        users = [{"name": u.name, "role": u.role, "created_at": u.created_at,
                  "has_token": bool(u.api_token_hash)} for u in list_users(session)]
    return render(request, "admin_users.html", {"user": user, "users": users})
