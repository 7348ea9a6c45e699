"""store/conflict_keys.py on both engines: marks go in once per key and call, come out oldest
first, and a check deletes exactly the marks it read; the lease is held by one at a time; and
the finding writes the check relies on link each claim once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from store import conflict_keys, findings
from store.db import session_scope
from store.models import FindingClaim
from tests.store.test_store import _article, _claim

GROWTH = ("industrial_value_added_growth", "CN", "2024")
FIVE_G = ("5g_base_stations", "CN", "2024-12")


def test_marks_come_out_oldest_first_and_only_those_read_are_deleted(db_url: str) -> None:
    with session_scope(db_url) as s:
        assert conflict_keys.first_marker(s) is None and not conflict_keys.any_waiting(s)
        conflict_keys.mark(s, 7, [GROWTH, FIVE_G, GROWTH])
        conflict_keys.mark(s, 8, [])
    with session_scope(db_url) as s:
        read = conflict_keys.waiting(s, 10)
        assert [key for _, key in read] == [FIVE_G, GROWTH]  # sorted, each once
        assert conflict_keys.first_marker(s) == 7
    with session_scope(db_url) as s:
        conflict_keys.mark(s, 9, [GROWTH])  # written while a check runs
    with session_scope(db_url) as s:
        conflict_keys.done(s, [mark_id for mark_id, _ in read])
    with session_scope(db_url) as s:
        assert [key for _, key in conflict_keys.waiting(s, 10)] == [GROWTH]
        assert conflict_keys.first_marker(s) == 9 and conflict_keys.any_waiting(s)


def test_the_lease_goes_to_one_caller_until_released_or_run_out(db_url: str) -> None:
    with session_scope(db_url) as s:
        assert conflict_keys.take_lease(s, timedelta(minutes=5))
    with session_scope(db_url) as s:
        assert not conflict_keys.take_lease(s, timedelta(minutes=5))
    with session_scope(db_url) as s:
        conflict_keys.release_lease(s, {"keys": 2, "opened": 1})
    with session_scope(db_url) as s:
        assert conflict_keys.take_lease(s, timedelta(seconds=-1))  # ends at once
    with session_scope(db_url) as s:
        assert conflict_keys.take_lease(s, timedelta(minutes=5))


def test_a_finding_links_each_claim_once_however_often_it_is_written(db_url: str) -> None:
    article_id = _article(db_url)
    with session_scope(db_url) as s:
        ids = findings.save_claims(s, article_id, [_claim(0), _claim(20), _claim(40)], "v1")
        kwargs: dict[str, Any] = {"fingerprint": "conflict:x", "type": "conflict", "summary": "a",
                  "severity": 0.5, "reference_version": "v1"}
        fid, created = findings.upsert_finding(s, claim_ids=ids[:2] + ids[:1], **kwargs)
        assert created
    with session_scope(db_url) as s:
        again, created = findings.upsert_finding(s, claim_ids=ids, **{**kwargs, "summary": "b"})
        assert (again, created) == (fid, False)
    with session_scope(db_url) as s:
        linked = s.scalars(select(FindingClaim.claim_id).where(FindingClaim.finding_id == fid))
        assert sorted(linked) == sorted(ids)
        assert s.scalar(select(func.count()).select_from(FindingClaim)) == 3
        finding = findings.get_finding(s, fid)
        assert finding is not None and finding.summary == "b"
