"""The review queries on both databases: keyset pages, batched exports, undo, per-day counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from store.db import session_scope
from store.findings import (
    Cursor,
    StateChanged,
    decide,
    events_for,
    get_finding,
    iter_decisions,
    iter_findings,
    last_undoable,
    list_findings,
    undo,
)
from store.models import Finding
from store.review_queries import findings_per_day
from tests.review.review_helpers import Seeder

SEVERITIES = [0.9, 0.5, 0.5, 0.5, 0.2, 0.2, 0.9, 0.1, 0.5, 0.7, 0.3]


def _seed(db_url: str) -> list[int]:
    seed = Seeder(db_url)
    return [seed.simple(summary=f"finding {i}", severity=s) for i, s in enumerate(SEVERITIES)]


def _expected(db_url: str) -> list[int]:
    with session_scope(db_url) as session:
        rows = session.execute(
            Finding.__table__.select().with_only_columns(
                Finding.id, Finding.severity, Finding.created_at)).all()
    return [r.id for r in sorted(rows, key=lambda r: (r.severity, r.created_at, r.id),
                                 reverse=True)]


def test_keyset_pages_walk_the_whole_queue_once(db_url: str) -> None:
    ids = _seed(db_url)
    # give two findings the very same created_at: the id must break the tie
    with session_scope(db_url) as session:
        same = datetime(2026, 1, 1, tzinfo=UTC)
        for finding_id in ids[1:4]:
            row = session.get(Finding, finding_id)
            assert row is not None
            row.created_at = same
    expected = _expected(db_url)
    seen: list[int] = []
    after = None
    with session_scope(db_url) as session:
        while True:
            page = list_findings(session, status=None, limit=3, after=after, with_claims=False)
            seen += [f.id for f in page]
            if len(page) < 3:
                break
            after = Cursor.of(page[-1])
    assert seen == expected
    with session_scope(db_url) as session:
        assert [f.id for f in iter_findings(session, batch=2, status=None)] == expected
        searched = [f.id for f in iter_findings(session, batch=1, status=None,
                                                search="finding 1")]
        assert searched == [i for i in expected if i in (ids[1], ids[10])]


def test_decisions_export_in_batches(db_url: str) -> None:
    ids = _seed(db_url)
    with session_scope(db_url) as session:
        for finding_id in ids:
            finding = session.get(Finding, finding_id)
            assert finding is not None
            decide(session, finding, user="ana", action="confirm")
            decide(session, finding, user="ana", action="comment", comment="ok")
    with session_scope(db_url) as session:
        rows = list(iter_decisions(session, batch=3, status=None))
        assert len(rows) == 2 * len(ids)
        assert [e.id for e, _ in rows] == sorted(e.id for e, _ in rows)
        assert all(f.id == e.finding_id for e, f in rows)
        assert list(iter_decisions(session, batch=3, status="open")) == []


def test_undo_on_both_databases(db_url: str) -> None:
    [a] = [Seeder(db_url).simple()]
    with session_scope(db_url) as session:
        finding = get_finding(session, a)
        assert finding is not None
        decide(session, finding, user="ana", action="assign", assignee="ana")
        decide(session, finding, user="ana", action="dismiss", reason="other")
    with session_scope(db_url) as session:
        event = last_undoable(session, "ana")
        assert event is not None and event.action == "dismiss"
        undo(session, event, user="ana")
    with session_scope(db_url) as session:
        event = last_undoable(session, "ana")
        assert event is not None and event.action == "assign"
        undo(session, event, user="ana")
    with session_scope(db_url) as session:
        assert last_undoable(session, "ana") is None
        finding = get_finding(session, a)
        assert finding is not None
        assert (finding.status, finding.assignee) == ("open", None)
        trail = events_for(session, a)
        assert [e.action for e in trail] == ["assign", "dismiss", "undo", "undo"]
        assert [e.undoes_id for e in trail[2:]] == [trail[1].id, trail[0].id]
        # someone else's decision after mine: my undo must not overwrite it
        decide(session, finding, user="ana", action="confirm")
        decide(session, finding, user="bo", action="reopen")
    with session_scope(db_url) as session:
        event = last_undoable(session, "ana")
        assert event is not None
        with pytest.raises(StateChanged):
            undo(session, event, user="ana")


def test_findings_per_day(db_url: str) -> None:
    ids = _seed(db_url)
    day = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    with session_scope(db_url) as session:
        for n, finding_id in enumerate(ids):
            row = session.get(Finding, finding_id)
            assert row is not None
            row.created_at = day + timedelta(days=n % 3)
    with session_scope(db_url) as session:
        counts = findings_per_day(session, day - timedelta(days=1))
        assert {d.isoformat(): n for d, n in counts.items()} == {
            "2026-11-20": 4, "2026-11-21": 4, "2026-11-22": 3}
        assert findings_per_day(session, day + timedelta(days=5)) == {}
