"""What the pages and the API do, as calls into store/: one transaction each."""

from __future__ import annotations

from dataclasses import dataclass

from review.present import finding_detail, finding_out
from review.schemas import FindingDetail, FindingList
from store.db import session_scope
from store.findings import (
    DISMISS_REASONS,
    STATUSES,
    count_matching,
    decide,
    events_for,
    get_finding,
    list_findings,
)

ACTIONS = ("confirm", "dismiss", "reopen", "assign", "comment")
TYPES = ("verdict", "conflict", "arithmetic")
MAX_COMMENT = 4000


class BadRequest(ValueError):
    """A request the user can fix: shown to them as a 400 with this message."""


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


def find(db_url: str, filters: Filters, limit: int, offset: int) -> FindingList:
    with session_scope(db_url) as session:
        rows = list_findings(session, status=filters.status, verdict=filters.verdict,
                             indicator=filters.indicator, type=filters.type, search=filters.q,
                             limit=limit, offset=offset)
        total = count_matching(session, status=filters.status, verdict=filters.verdict,
                               indicator=filters.indicator, type=filters.type, search=filters.q)
        return FindingList(findings=[finding_out(f) for f in rows], count=total)


def detail(db_url: str, finding_id: int) -> FindingDetail | None:
    with session_scope(db_url) as session:
        finding = get_finding(session, finding_id)
        if finding is None:
            return None
        return finding_detail(finding, events_for(session, finding_id))


def check_decision(action: str | None, reason: str | None, comment: str | None) -> tuple[
        str, str | None, str | None]:
    """Validate a decision before anything is touched; returns (action, reason, comment)."""
    action = (action or "").strip()
    if action not in ACTIONS:
        raise BadRequest(f"unknown action {action!r}: use one of {', '.join(ACTIONS)}")
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


def apply_decision(db_url: str, finding_id: int, *, user: str, action: str | None,
                   reason: str | None = None, comment: str | None = None,
                   assignee: str | None = None) -> FindingDetail | None:
    """Record one decision in the audit trail; None when the finding does not exist."""
    action, reason, comment = check_decision(action, reason, comment)
    if action == "assign":
        assignee = (assignee or "").strip() or user
    try:
        with session_scope(db_url) as session:
            finding = get_finding(session, finding_id)
            if finding is None:
                return None
            decide(session, finding, user=user, action=action, reason=reason, comment=comment,
                   assignee=assignee)
            return finding_detail(finding, events_for(session, finding_id))
    except ValueError as exc:  # store's own checks; the transaction was rolled back
        raise BadRequest(str(exc)) from exc
