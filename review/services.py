"""What the pages and the API do, as calls into store/: one transaction each."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from review.present import finding_detail, finding_out
from review.schemas import FindingDetail, FindingList, NotUndoneOut, UndoOut
from store.db import session_scope
from store.findings import (
    DISMISS_REASONS,
    STATUSES,
    Cursor,
    StateChanged,
    count_matching,
    decide,
    decision_events,
    events_for,
    get_finding,
    last_undoable,
    list_findings,
    new_batch_id,
    undo_decision,
)
from store.models import Finding
from store.users import by_name

ACTIONS = ("confirm", "dismiss", "reopen", "assign", "comment")
BULK_ACTIONS = ("confirm", "dismiss", "assign")
TYPES = ("verdict", "conflict", "arithmetic")
LANGUAGES = ("en", "zh")  # what the crawler's extraction tells apart
MAX_SOURCE = 200
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
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


def _day(name: str, text: str | None) -> date | None:
    """A YYYY-MM-DD date or nothing; BadRequest naming the field otherwise."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise BadRequest(f"{name} {text[:40]!r} is not a date: write it as YYYY-MM-DD "
                     f"(for example 2025-07-30)")


@dataclass(frozen=True)
class Filters:
    status: str | None = "open"
    verdict: str | None = None
    indicator: str | None = None
    type: str | None = None
    q: str | None = None
    source: str | None = None  # a source id, or a publisher
    language: str | None = None
    date_from: date | None = None  # the finding's creation day (UTC), both ends included
    date_to: date | None = None

    @classmethod
    def parse(cls, status: str | None, verdict: str | None, indicator: str | None,
              type: str | None, q: str | None, source: str | None = None,
              language: str | None = None, date_from: str | None = None,
              date_to: str | None = None) -> Filters:
        """Empty form fields mean "any"; status defaults to open and "all" lifts it.
        BadRequest for any value that is wrong, the dates included."""
        filters, date_errors = cls.parse_keeping(status, verdict, indicator, type, q, source,
                                                 language, date_from, date_to)
        if date_errors:
            raise BadRequest(" ".join(date_errors))
        return filters

    @classmethod
    def parse_keeping(cls, status: str | None, verdict: str | None, indicator: str | None,
                      type: str | None, q: str | None, source: str | None = None,
                      language: str | None = None, date_from: str | None = None,
                      date_to: str | None = None) -> tuple[Filters, list[str]]:
        """For the queue page, where the dates are typed: a wrong date is left out and its
        message returned, so the page can say so and still apply the other filters. The
        values picked from menus (status, type, language) raise BadRequest as in parse."""
        status = (status or "open").strip()
        if status != "all" and status not in STATUSES:
            raise BadRequest(f"status must be one of: all, {', '.join(STATUSES)}")
        type = (type or "").strip() or None
        if type is not None and type not in TYPES:
            raise BadRequest(f"type must be one of: {', '.join(TYPES)}")
        language = (language or "").strip().lower() or None
        if language is not None and language not in LANGUAGES:
            raise BadRequest(f"language must be one of: {', '.join(LANGUAGES)}")
        source = (source or "").strip() or None
        if source is not None and len(source) > MAX_SOURCE:
            raise BadRequest(f"source is longer than {MAX_SOURCE} characters")
        errors: list[str] = []
        days: dict[str, date | None] = {}
        for name, text in (("from", date_from), ("to", date_to)):
            try:
                days[name] = _day(name, text)
            except BadRequest as exc:
                days[name] = None
                errors.append(str(exc))
        first, last = days["from"], days["to"]
        if first is not None and last is not None and first > last:
            errors.append(f"from {first.isoformat()} is after to {last.isoformat()}: "
                          f"nothing can match")
            first = last = None
        return cls(status=None if status == "all" else status,
                   verdict=(verdict or "").strip() or None,
                   indicator=(indicator or "").strip() or None, type=type,
                   q=(q or "").strip() or None, source=source, language=language,
                   date_from=first, date_to=last), errors

    def store_kwargs(self) -> dict[str, Any]:
        return {"status": self.status, "verdict": self.verdict, "indicator": self.indicator,
                "type": self.type, "search": self.q, "source": self.source,
                "language": self.language, "created_from": self.date_from,
                "created_to": self.date_to}

    def digest(self) -> str:
        """A short fingerprint of the filters, carried in the page cursor: a cursor is only
        valid with the filters it was made under."""
        raw = repr(sorted(self.store_kwargs().items()))
        return hashlib.sha256(raw.encode()).hexdigest()[:12]


def encode_cursor(cursor: Cursor, filters: Filters) -> str:
    raw = f"{cursor.severity!r}|{cursor.created_at.isoformat()}|{cursor.id}|{filters.digest()}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(token: str, filters: Filters) -> Cursor:
    """The cursor of a "next page" link; BadRequest for anything we did not make, and for
    a cursor made under other filters (a client that dropped the filters on page 2 would
    otherwise get the unfiltered queue from the middle on)."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        severity, created, ident, digest = raw.split("|")
        cursor = Cursor(float(severity), datetime.fromisoformat(created), int(ident))
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise BadRequest("the page link is damaged: start again from the first page") from exc
    if digest != filters.digest():
        raise BadRequest("the page link belongs to other filters: pass the same filters as "
                         "for the first page, or start again from the first page")
    return cursor


def find(db_url: str, filters: Filters, limit: int, offset: int = 0,
         after: Cursor | None = None) -> FindingList:
    with session_scope(db_url) as session:
        rows = list_findings(session, **filters.store_kwargs(), limit=limit + 1, offset=offset,
                             after=after)
        total = count_matching(session, **filters.store_kwargs())
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = encode_cursor(Cursor.of(rows[-1]), filters) if more else None
        return FindingList(findings=[finding_out(f) for f in rows], count=total,
                           next_cursor=next_cursor)


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
        batch_id = new_batch_id()  # one decision to the user: undone as one
        for finding_id in ids:
            decide(session, found[finding_id], user=user, action=action, reason=reason,
                   comment=comment, assignee=assignee, batch_id=batch_id)
    return len(ids)


def last_decision(db_url: str, user: str) -> UndoOut | None:
    """The decision "undo" would take back now (every finding of a bulk decision), to show
    next to the undo button."""
    with session_scope(db_url) as session:
        event = last_undoable(session, user)
        if event is None:
            return None
        ids = [e.finding_id for e in decision_events(session, event)]
        return UndoOut(event_id=event.id, finding_id=ids[0], action=event.action,
                       before=event.before or {}, after=event.after or {}, finding_ids=ids)


def undo_last(db_url: str, user: str) -> UndoOut:
    """Take back the user's newest decision not yet undone, a bulk decision as a whole; each
    undo is an event too. A finding someone decided on since stays as they left it and is
    named in `not_undone`; Conflict (409) when that is every finding of the decision."""
    with session_scope(db_url) as session:
        event = last_undoable(session, user)
        if event is None:
            raise BadRequest("there is no decision of yours left to undo")
        try:
            done = undo_decision(session, event, user=user)
        except StateChanged as exc:
            raise Conflict(str(exc)) from exc
        first = done.records[0]
        return UndoOut(event_id=first.id, finding_id=first.finding_id, action=event.action,
                       before=first.before, after=first.after,
                       finding_ids=[r.finding_id for r in done.records],
                       not_undone=[NotUndoneOut(finding_id=r.finding_id, reason=str(r))
                                   for r in done.refused])
