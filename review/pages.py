"""The server-rendered pages: login, the queue, a finding and what is decided on it, users."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from claimwatch.corrections import CorrectionForm, CorrectionResult, correct_claim
from claimwatch.observations import NewObservation, add_observation, reverify_briefly
from claimwatch.pipeline import Context
from review import services
from review.auth import burn_verify, verify_password
from review.deps import (
    SESSION_CSRF,
    SESSION_USER,
    CurrentUser,
    checked_form,
    checked_form_lists,
    csrf_token,
    current_user,
    db_url,
    require_admin,
    safe_next,
)
from review.present import charts_for
from review.schemas import UndoOut
from store.db import session_scope
from store.findings import DISMISS_REASONS, STATUSES, count_findings, filter_sources
from store.review_queries import claims_on_key, indicators_in_use, list_users
from store.users import by_name
from verifier.reference import ReferenceData

PAGE_SIZE = 25
# how long adding an observation verifies claims again while the reviewer waits; the periodic
# job (worker.tasks.reverify_reference) takes what is left
OBSERVATION_VERIFY_SECONDS = 3.0
SESSION_FLASH = "flash"
QUALIFIERS = ("exact", "about", "at_least", "at_most")

User = Annotated[CurrentUser, Depends(current_user)]
Admin = Annotated[CurrentUser, Depends(require_admin)]
Form = Annotated[dict[str, str], Depends(checked_form)]
FormLists = Annotated[dict[str, list[str]], Depends(checked_form_lists)]

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200,
           headers: Mapping[str, str] | None = None) -> Response:
    flash = request.session.pop(SESSION_FLASH, None) if SESSION_USER in request.session else None
    context = {"csrf": csrf_token(request), "user": None, "flash": flash, **context}
    templates = request.app.state.templates
    response: Response = templates.TemplateResponse(request, name, context,
                                                    status_code=status_code, headers=headers)
    return response


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def flash(request: Request, message: str) -> None:
    """A one-line message shown on the next page (after the redirect)."""
    request.session[SESSION_FLASH] = message[:500]


def _bad(exc: services.BadRequest) -> HTTPException:
    return HTTPException(status_code=services.status_code(exc), detail=str(exc))


def reference_data(request: Request) -> ReferenceData:
    """The reference as verification sees it now (files plus reviewers' observations)."""
    return Context(request.app.state.settings).reference()


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


def _queue_url(request: Request, **changes: Any) -> str:
    params = {k: v for k, v in request.query_params.items() if v and k not in changes}
    params.update({k: str(v) for k, v in changes.items() if v is not None})
    return "/?" + urlencode(params) if params else "/"


def _usernames(url: str) -> list[str]:
    with session_scope(url) as session:
        return [u.name for u in list_users(session)]


@router.get("/")
def queue(request: Request, user: User,
          status: str | None = None, verdict: str | None = None, indicator: str | None = None,
          type: str | None = None, q: str | None = None,
          source: Annotated[str | None, Query(max_length=services.MAX_SOURCE)] = None,
          language: str | None = None,
          date_from: Annotated[str | None, Query(alias="from", max_length=40)] = None,
          date_to: Annotated[str | None, Query(alias="to", max_length=40)] = None,
          after: Annotated[str | None, Query(max_length=200)] = None) -> Response:
    try:
        # a mistyped date is said on the page (400) and the other filters still apply
        filters, filter_errors = services.Filters.parse_keeping(
            status, verdict, indicator, type, q, source, language, date_from, date_to)
        cursor = services.decode_cursor(after, filters) if after else None
    except services.BadRequest as exc:
        raise _bad(exc) from exc
    url = db_url(request)
    result = services.find(url, filters, limit=PAGE_SIZE, after=cursor)
    with session_scope(url) as session:
        counts = count_findings(session)
        indicators = indicators_in_use(session)
        sources = filter_sources(session)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    # the exports get the filters the list shows: a date left out for being wrong is out
    dropped = {"after"} | ({"from"} if filters.date_from is None else set()) | (
        {"to"} if filters.date_to is None else set())
    export_query = urlencode({k: v for k, v in request.query_params.items()
                              if v and k not in dropped})
    return render(request, "queue.html", {
        "user": user, "findings": result.findings, "count": result.count,
        "counts": counts, "statuses": STATUSES, "types": services.TYPES,
        "languages": services.LANGUAGES, "sources": sources,
        "indicators": indicators, "reasons": DISMISS_REASONS,
        "filters": {"status": status or "open", "verdict": filters.verdict or "",
                    "indicator": filters.indicator or "", "type": filters.type or "",
                    "q": filters.q or "", "source": filters.source or "",
                    "language": filters.language or "",
                    # as typed, so a wrong date can be put right in place
                    "from": (date_from or "").strip(), "to": (date_to or "").strip()},
        "filter_errors": filter_errors,
        "here": here, "export_query": export_query, "paged": cursor is not None,
        "first_url": _queue_url(request, after=None) if cursor is not None else None,
        "next_url": _queue_url(request, after=result.next_cursor) if result.next_cursor else None,
        "last": services.last_decision(url, user.name),
        "users": _usernames(url) if user.is_admin else [],
    }, status_code=400 if filter_errors else 200)


def _claim_form(claim: Any) -> dict[str, str]:
    value = claim.value
    return {"indicator": claim.indicator or "", "period": claim.period or "",
            "value": f"{value:.15g}", "kind": claim.kind, "comment": ""}


def _observation_form(f: Any) -> dict[str, str]:
    first = f.claims[0] if f.claims else None
    return {"indicator": f.indicator or (first.indicator if first else "") or "",
            "geography": f.geography or (first.geography if first else "CN") or "CN",
            "period": f.period or (first.period if first else "") or "",
            "value": "", "unit": first.unit if first else "count", "qualifier": "exact",
            "publisher": "", "source_url": "", "published": "", "note": ""}


OTHER_CLAIMS = 20  # rows of "what else was said" on a finding's page


def _other_claims(url: str, f: Any) -> dict[str, Any] | None:
    """The other claims about the finding's indicator, place and period, from any source:
    what a reviewer weighs the finding against (one outlet against the rest)."""
    first = f.claims[0] if f.claims else None
    indicator = f.indicator or (first.indicator if first else None)
    period = f.period or (first.period if first else None)
    geography = f.geography or (first.geography if first else None) or "CN"
    if not indicator or not period:
        return None
    with session_scope(url) as session:
        claims, links, total = claims_on_key(session, indicator, geography, period,
                                             exclude=[c.id for c in f.claims],
                                             limit=OTHER_CLAIMS)
        rows = [{"id": c.id, "article_id": c.article_id, "title": c.article.title or "",
                 "url": c.article.url, "publisher": c.article.publisher or "", "text": c.text,
                 "value": c.value, "unit": c.unit, "qualifier": c.qualifier, "kind": c.kind,
                 "verdict": c.verdict,
                 "findings": [i for i in links.get(c.id, []) if i != f.id]} for c in claims]
    return {"indicator": indicator, "geography": geography, "period": period, "rows": rows,
            "total": total}


def _finding_view(request: Request, user: CurrentUser, finding_id: int, *,
                  correct: dict[int, dict[str, str]] | None = None,
                  correct_errors: dict[int, list[str]] | None = None,
                  observation: dict[str, str] | None = None,
                  observation_errors: list[str] | None = None, status_code: int = 200) -> Response:
    url = db_url(request)
    finding = services.detail(url, finding_id)
    if finding is None:
        raise HTTPException(status_code=404, detail=f"There is no finding {finding_id}.")
    data = reference_data(request)
    forms = {c.id: _claim_form(c) for c in finding.claims}
    forms.update(correct or {})
    return render(request, "finding.html", {
        "user": user, "f": finding, "reasons": DISMISS_REASONS,
        "here": f"/findings/{finding_id}", "charts": charts_for(finding.claims, data),
        "others": _other_claims(url, finding),
        "catalogue": sorted(data.catalogue.indicators), "kinds": ("actual", "target", "forecast"),
        "qualifiers": QUALIFIERS, "correct": forms, "correct_errors": correct_errors or {},
        "observation": observation or _observation_form(finding),
        "observation_errors": observation_errors or [],
        "users": _usernames(url) if user.is_admin else [],
        "last": services.last_decision(url, user.name),
    }, status_code=status_code)


@router.get("/findings/{finding_id}")
def finding_page(request: Request, finding_id: int, user: User) -> Response:
    return _finding_view(request, user, finding_id)


@router.post("/findings/{finding_id}/decide")
def decide_form(request: Request, finding_id: int, user: User,
                form: Form) -> Response:
    try:
        result = services.apply_decision(
            db_url(request), finding_id, user=user.name, action=form.get("action"),
            reason=form.get("reason"), comment=form.get("comment"),
            assignee=form.get("assignee"), is_admin=user.is_admin)
    except services.BadRequest as exc:
        raise _bad(exc) from exc
    if result is None:
        raise HTTPException(status_code=404, detail=f"There is no finding {finding_id}.")
    return redirect(safe_next(form.get("next"), default=f"/findings/{finding_id}"))


@router.post("/findings/bulk")
def bulk_form(request: Request, user: User, form: FormLists) -> Response:
    def one(key: str) -> str | None:
        values = form.get(key) or []
        return values[0] if values else None

    try:
        ids = services.parse_ids(form.get("ids", []))
        done = services.bulk_decide(db_url(request), ids, user=user.name, action=one("action"),
                                    reason=one("reason"), comment=one("comment"),
                                    assignee=one("assignee"), is_admin=user.is_admin)
    except services.BadRequest as exc:
        raise _bad(exc) from exc
    flash(request, f"{one('action')}: {done} finding{'s' if done != 1 else ''}.")
    return redirect(safe_next(one("next")))


@router.post("/undo")
def undo_form(request: Request, user: User, form: Form) -> Response:
    try:
        done = services.undo_last(db_url(request), user.name)
    except services.BadRequest as exc:
        raise _bad(exc) from exc
    flash(request, undo_message(done))
    return redirect(safe_next(form.get("next")))


def undo_message(done: UndoOut) -> str:
    """What an undo did, in one line: a bulk decision is one decision, so one message says
    how many of its findings are back, and which were left and why (someone decided on them
    after you: undoing would have overwritten their decision)."""
    ids = done.finding_ids or [done.finding_id]
    if len(ids) == 1 and not done.not_undone:
        return (f"Undone: your {done.action} of finding {ids[0]} "
                f"(it is {done.after.get('status')} again).")
    total = len(ids) + len(done.not_undone)
    # the message lives in the session cookie: a 500-finding batch is named by its first few
    listed = ", ".join(map(str, ids[:10])) + (", …" if len(ids) > 10 else "")
    if not done.not_undone:
        return (f"Undone: your {done.action} of {total} findings ({listed}); each is back as "
                f"it was before.")
    left = "; ".join(n.reason for n in done.not_undone[:3])
    left += f"; and {len(done.not_undone) - 3} more" if len(done.not_undone) > 3 else ""
    return (f"Undone: your {done.action} of {len(ids)} of {total} findings ({listed}). "
            f"Left as they are, since someone decided on them after you and their decision "
            f"stands: {left}.")


@router.post("/findings/{finding_id}/claims/{claim_id}/correct")
def correct_form(request: Request, finding_id: int, claim_id: int, user: User,
                 form: Form) -> Response:
    finding = services.detail(db_url(request), finding_id)
    if finding is None:
        raise HTTPException(status_code=404, detail=f"There is no finding {finding_id}.")
    if claim_id not in {c.id for c in finding.claims}:
        raise HTTPException(status_code=400, detail=f"Claim {claim_id} is not part of finding "
                            f"{finding_id}.")
    typed = CorrectionForm(indicator=form.get("indicator", ""), period=form.get("period", ""),
                           value=form.get("value", ""), kind=form.get("kind", ""),
                           comment=form.get("comment", ""))
    result = correct_claim(request.app.state.settings, finding_id, claim_id, typed, user.name,
                           data=reference_data(request))
    if result.errors:
        return _finding_view(request, user, finding_id, correct={claim_id: {
            "indicator": typed.indicator, "period": typed.period, "value": typed.value,
            "kind": typed.kind, "comment": typed.comment}}, correct_errors={claim_id: result.errors},
            status_code=400)
    closed = " The finding is closed as an extraction mistake." if result.closed else ""
    flash(request, f"Corrected and verified again: {result.verdict}.{closed}"
                   f"{_verdicts_settled(result)}"
                   f"{_conflicts_settled(result.resolved_conflicts, result.reopened_conflicts)}")
    return redirect(f"/findings/{finding_id}")


def _verdicts_settled(result: CorrectionResult) -> str:
    """The claim's own verdict findings a correction from another finding's page settled."""
    said = ""
    for ids, what in ((result.resolved_verdicts, f"resolved: the claim is {result.verdict} now"),
                      (result.reopened_verdicts, f"open again: the claim is {result.verdict} again"),
                      (result.opened_verdicts, f"opened: the claim is {result.verdict}")):
        if ids:
            named = ", ".join(map(str, ids))
            said += (f" The claim's verdict finding {named} {'is' if len(ids) == 1 else 'are'} "
                     f"{what}.")
    return said


def _conflicts_settled(resolved: list[int], reopened: list[int]) -> str:
    said = ""
    for ids, what in ((resolved, "resolved: the sources agree now"),
                      (reopened, "open again: the sources disagree again")):
        if ids:
            named = ", ".join(map(str, ids))
            said += f" Cross-source conflict {named} {'is' if len(ids) == 1 else 'are'} {what}."
    return said


def _parse_date(text: str) -> date | None:
    return date.fromisoformat(text.strip()) if text.strip() else None


@router.post("/findings/{finding_id}/observations")
def observation_form(request: Request, finding_id: int, user: User, form: Form) -> Response:
    finding = services.detail(db_url(request), finding_id)
    if finding is None:
        raise HTTPException(status_code=404, detail=f"There is no finding {finding_id}.")
    keys = ("indicator", "geography", "period", "value", "unit", "qualifier", "publisher",
            "source_url", "published", "note")
    typed = {key: form.get(key, "") for key in keys}
    errors = []
    value_text = typed["value"].strip().replace(",", "")
    try:
        value = float(value_text)
    except ValueError:
        value = None
        errors.append(f"Value {typed['value'].strip()!r} is not a number.")
    published = None
    try:
        published = _parse_date(typed["published"])
    except ValueError:
        errors.append(f"Published {typed['published'].strip()!r} is not a date: write "
                      f"YYYY-MM-DD or leave it empty.")
    for key in ("indicator", "period", "publisher", "source_url", "unit"):
        if not typed[key].strip():
            errors.append(f"{key.replace('_', ' ').capitalize()} is required.")
    if not errors and value is not None:
        errors = add_observation(request.app.state.settings, NewObservation(
            indicator=typed["indicator"].strip(), geography=typed["geography"].strip() or "CN",
            period=typed["period"].strip(), value=value, unit=typed["unit"].strip(),
            qualifier=typed["qualifier"].strip() or "exact", publisher=typed["publisher"].strip(),
            source_url=typed["source_url"].strip(), published=published,
            note=typed["note"].strip()), user.name, verify=False)
    if errors:
        return _finding_view(request, user, finding_id, observation=typed,
                             observation_errors=errors, status_code=400)
    # this finding's own articles first: the page the reviewer returns to shows the outcome
    done, finished = reverify_briefly(request.app.state.settings, typed["indicator"].strip(),
                                      OBSERVATION_VERIFY_SECONDS,
                                      first=[c.article.id for c in finding.claims])
    articles = f"{done} article{'' if done == 1 else 's'}"
    verified = (f"the claims about it were verified again ({articles})" if finished else
                f"the claims about it were verified again in {articles}; the other articles "
                f"will be by the periodic re-verification within minutes")
    flash(request, f"Observation added: {typed['indicator'].strip()} {typed['period'].strip()} "
                   f"= {typed['value'].strip()} ({typed['publisher'].strip()}); {verified}.")
    return redirect(f"/findings/{finding_id}")


@router.get("/admin/users")
def users_page(request: Request, user: Admin) -> Response:
    with session_scope(db_url(request)) as session:
        users = [{"name": u.name, "role": u.role, "created_at": u.created_at,
                  "has_token": bool(u.api_token_hash)} for u in list_users(session)]
    return render(request, "admin_users.html", {"user": user, "users": users})
