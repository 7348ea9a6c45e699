"""What the pages and the API do, as calls into store/: one transaction each."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from review.present import finding_detail, finding_out
from review.schemas import FindingDetail, FindingList, UndoOut
from store.db import session_scope
from store.findings import (
    DISMISS_REASONS,
    STATUSES,
    Cursor,
    StateChanged,
    count_matching,
    decide,
    events_for,
    get_finding,
    last_undoable,
    list_findings,
    undo,
)
from store.models import Finding
from store.users import by_name

ACTIONS = ("confirm", "dismiss", "reopen", "assign", "comment")
BULK_ACTIONS = ("confirm", "dismiss", "assign")
TYPES = ("verdict", "conflict", "arithmetic")
MAX_COMMENT = 4000
MAX_BULK = 500


class BadRequest(ValueError):
    """A request the user can fix: shown to them as a 400 with this message."""


class Forbidden(BadRequest):
    """Allowed to someone else (an admin): a 403."""


class Conflict(BadRequest):
    """The data moved on under the request (someone else decided meanwhile): a 409."""


class NotFound(BadRequest):
    """A 404."""


def status_code(exc: BadRequest) -> int:
    if isinstance(exc, Forbidden):
        return 403
    if isinstance(exc, Conflict):
        return 409
    if isinstance(exc, NotFound):
        return 404
    return 400


@dataclass(frozen=True)
class Filters:
    status: str | None = "open"
    verdict: str | None = None
    indicator: str | None = None
    type: str | None = None
    q: str | None = None

    @classmethod
    def parse(cls, status: str | None, verdict: str | None, indicator: str | None,
              type: str | None, q: str | None) -> Filters:
        """Empty form fields mean "any"; status defaults to open and "all" lifts it."""
        status = (status or "open").strip()
        if status != "all" and status not in STATUSES:
            raise BadRequest(f"status must be one of: all, {', '.join(STATUSES)}")
        type = (type or "").strip() or None
        if type is not None and type not in TYPES:
            raise BadRequest(f"type must be one of: {', '.join(TYPES)}")
        return cls(status=None if status == "all" else status,
                   verdict=(verdict or "").strip() or None,
                   indicator=(indicator or "").strip() or None, type=type,
                   q=(q or "").strip() or None)

    def store_kwargs(self) -> dict[str, Any]:
        return {"status": self.status, "verdict": self.verdict, "indicator": self.indicator,
                "type": self.type, "search": self.q}


def encode_cursor(cursor: Cursor) -> str:
    raw = f"{cursor.severity!r}|{cursor.created_at.isoformat()}|{cursor.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(token: str) -> Cursor:
    """The cursor of a "next page" link; BadRequest for anything we did not make."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        severity, created, ident = raw.split("|")
        return Cursor(float(severity), datetime.fromisoformat(created), int(ident))
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise BadRequest("the page link is damaged: start again from the first page") from exc


def find(db_url: str, filters: Filters, limit: int, offset: int = 0,
         after: Cursor | None = None) -> FindingList:
    with session_scope(db_url) as session:
        rows = list_findings(session, **filters.store_kwargs(), limit=limit + 1, offset=offset,
                             after=after)
        total = count_matching(session, **filters.store_kwargs())
        more = len(rows) > limit
        rows = rows[:limit]
        return FindingList(findings=[finding_out(f) for f in rows], count=total,
                           next_cursor=encode_cursor(Cursor.of(rows[-1])) if more else None)


def detail(db_url: str, finding_id: int) -> FindingDetail | None:
    with session_scope(db_url) as session:
        finding = get_finding(session, finding_id)
        if finding is None:
            return None
        return finding_detail(finding, events_for(session, finding_id))


def check_decision(action: str | None, reason: str | None, comment: str | None,
                   allowed: tuple[str, ...] = ACTIONS) -> tuple[str, str | None, str | None]:
    """Validate a decision before anything is touched; returns (action, reason, comment)."""
    action = (action or "").strip()
    if action not in allowed:
        raise BadRequest(f"unknown action {action!r}: use one of {', '.join(allowed)}")
    reason = (reason or "").strip() or None
    if action == "dismiss" and reason not in DISMISS_REASONS:
        raise BadRequest(f"dismissing needs a reason, one of: {', '.join(DISMISS_REASONS)}")
    if action != "dismiss":
        reason = None
    comment = (comment or "").strip() or None
    if comment is not None and len(comment) > MAX_COMMENT:
        raise BadRequest(f"the comment is longer than {MAX_COMMENT} characters")
    if action == "comment" and comment is None:
        raise BadRequest("the comment is empty")
    return action, reason, comment


def _check_assignee(session: Any, user: str, is_admin: bool, assignee: str | None) -> str:
    """A reviewer takes a finding; only an admin hands one to someone else."""
    name = (assignee or "").strip() or user
    if name != user and not is_admin:
        raise Forbidden("only an admin assigns a finding to someone else")
    if name != user and by_name(session, name) is None:
        raise BadRequest(f"there is no user called {name!r}")
    return name


def apply_decision(db_url: str, finding_id: int, *, user: str, action: str | None,
                   reason: str | None = None, comment: str | None = None,
                   assignee: str | None = None, is_admin: bool = False) -> FindingDetail | None:
    """Record one decision in the audit trail; None when the finding does not exist."""
    action, reason, comment = check_decision(action, reason, comment)
    try:
        with session_scope(db_url) as session:
            finding = get_finding(session, finding_id)
            if finding is None:
                return None
            if action == "assign":
                assignee = _check_assignee(session, user, is_admin, assignee)
            decide(session, finding, user=user, action=action, reason=reason, comment=comment,
                   assignee=assignee)
            return finding_detail(finding, events_for(session, finding_id))
    except BadRequest:
        raise
    except ValueError as exc:  # store's own checks; the transaction was rolled back
        raise BadRequest(str(exc)) from exc


def parse_ids(values: list[str]) -> list[int]:
    """The ticked findings of a bulk form; every one must be a finding id."""
    ids: list[int] = []
    for value in values:
        value = value.strip()
        if not value.isdigit():
            raise BadRequest(f"{value!r} is not a finding id")
        if int(value) not in ids:
            ids.append(int(value))
    if not ids:
        raise BadRequest("no finding is selected: tick at least one")
    if len(ids) > MAX_BULK:
        raise BadRequest(f"at most {MAX_BULK} findings at once")
    return ids


def bulk_decide(db_url: str, ids: list[int], *, user: str, action: str | None,
                reason: str | None = None, comment: str | None = None,
                assignee: str | None = None, is_admin: bool = False) -> int:
    """The same decision on every selected finding, all in one transaction: either each
    gets its event in the audit trail or (on any error) none does."""
    action, reason, comment = check_decision(action, reason, comment, BULK_ACTIONS)
    with session_scope(db_url) as session:
        if action == "assign":
            assignee = _check_assignee(session, user, is_admin, assignee)
        found = {f.id: f for f in (session.get(Finding, i) for i in ids) if f is not None}
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFound(f"there is no finding {', '.join(map(str, missing))}; nothing was "
                           f"changed")
        for finding_id in ids:
            decide(session, found[finding_id], user=user, action=action, reason=reason,
                   comment=comment, assignee=assignee)
    return len(ids)


def last_decision(db_url: str, user: str) -> UndoOut | None:
    """The decision "undo" would take back now, to show next to the undo button."""
    with session_scope(db_url) as session:
        event = last_undoable(session, user)
        if event is None:
            return None
        return UndoOut(event_id=event.id, finding_id=event.finding_id, action=event.action,
                       before=event.before or {}, after=event.after or {})


def undo_last(db_url: str, user: str) -> UndoOut:
    """Take back the user's newest decision not yet undone; the undo is an event too."""
    with session_scope(db_url) as session:
        event = last_undoable(session, user)
        if event is None:
            raise BadRequest("there is no decision of yours left to undo")
        try:
            record = undo(session, event, user=user)
        except StateChanged as exc:
            raise Conflict(str(exc)) from exc
        return UndoOut(event_id=record.id, finding_id=record.finding_id, action=event.action,
                       before=record.before, after=record.after)
