"""Undo after a bulk decision takes back the whole batch, on both databases: each finding
restored from its own event, each undo an event pointing at the one it takes back; a finding
someone decided on since is left as they decided and named; nothing at all when that is every
finding of the batch."""

from __future__ import annotations

import pytest

from review import services
from store.db import session_scope
from store.findings import decide, events_for, get_finding, last_undoable
from tests.review.review_helpers import Seeder


def _state(db_url: str, finding_id: int) -> tuple[str, str | None, str | None]:
    with session_scope(db_url) as session:
        finding = get_finding(session, finding_id)
        assert finding is not None
        return finding.status, finding.dismiss_reason, finding.assignee


def _trail(db_url: str, finding_id: int) -> list[tuple[int, str, str, int | None, str | None]]:
    with session_scope(db_url) as session:
        return [(e.id, e.user, e.action, e.undoes_id, e.batch_id)
                for e in events_for(session, finding_id)]


def test_undo_takes_back_the_whole_bulk_decision(db_url: str) -> None:
    seed = Seeder(db_url)
    single, a, b, c = (seed.simple(summary=f"finding {n}") for n in range(4))
    with session_scope(db_url) as session:
        finding = get_finding(session, single)
        assert finding is not None
        decide(session, finding, user="ana", action="confirm")
    services.bulk_decide(db_url, [a, b, c], user="ana", action="dismiss", reason="duplicate")
    for finding_id in (a, b, c):
        assert _state(db_url, finding_id) == ("dismissed", "duplicate", None)
    batches = {_trail(db_url, i)[0][4] for i in (a, b, c)}
    assert len(batches) == 1 and None not in batches  # one batch id for the three events

    preview = services.last_decision(db_url, "ana")
    assert preview is not None and preview.action == "dismiss"
    assert preview.finding_ids == [a, b, c]

    done = services.undo_last(db_url, "ana")
    assert done.action == "dismiss" and done.finding_ids == [a, b, c] and done.not_undone == []
    for finding_id in (a, b, c):
        assert _state(db_url, finding_id) == ("open", None, None)
        (dismiss_id, _, _, _, batch), (_, user, action, undoes, undo_batch) = \
            _trail(db_url, finding_id)
        assert (user, action, undoes) == ("ana", "undo", dismiss_id)
        assert undo_batch is not None and undo_batch != batch
    # the batch is done with: the next undo is the decision before it, not a batch leftover
    preview = services.last_decision(db_url, "ana")
    assert preview is not None and preview.finding_ids == [single]
    assert services.undo_last(db_url, "ana").finding_ids == [single]
    assert _state(db_url, single)[0] == "open"
    with pytest.raises(services.BadRequest, match="no decision of yours left"):
        services.undo_last(db_url, "ana")


def test_a_finding_decided_since_is_left_and_named(db_url: str) -> None:
    seed = Seeder(db_url)
    a, b = seed.simple(), seed.simple()
    services.bulk_decide(db_url, [a, b], user="ana", action="dismiss", reason="not_a_claim")
    services.apply_decision(db_url, b, user="bo", action="confirm")

    done = services.undo_last(db_url, "ana")
    assert done.finding_ids == [a]
    [left] = done.not_undone
    assert left.finding_id == b
    assert "bo confirmed it since" in left.reason and "now confirmed" in left.reason
    assert _state(db_url, a) == ("open", None, None)
    assert _state(db_url, b) == ("confirmed", None, None)  # bo's decision stands
    assert [t[2] for t in _trail(db_url, b)] == ["dismiss", "confirm"]
    # the batch counts as undone: a second undo does not stick on b
    with pytest.raises(services.BadRequest, match="no decision of yours left"):
        services.undo_last(db_url, "ana")


def test_nothing_is_undone_when_every_finding_changed_since(db_url: str) -> None:
    seed = Seeder(db_url)
    a, b = seed.simple(), seed.simple()
    services.bulk_decide(db_url, [a, b], user="ana", action="confirm")
    services.bulk_decide(db_url, [a, b], user="bo", action="dismiss", reason="other")
    with pytest.raises(services.Conflict) as refused:
        services.undo_last(db_url, "ana")
    assert services.status_code(refused.value) == 409
    message = str(refused.value)
    assert f"finding {a} changed" in message and f"finding {b} changed" in message
    assert "nothing was undone" in message
    for finding_id in (a, b):
        assert _state(db_url, finding_id) == ("dismissed", "other", None)
        assert [t[2] for t in _trail(db_url, finding_id)] == ["confirm", "dismiss"]
    # bo's own bulk decision is still his to undo, as a whole
    assert services.undo_last(db_url, "bo").finding_ids == [a, b]
    with session_scope(db_url) as session:
        assert last_undoable(session, "bo") is None
