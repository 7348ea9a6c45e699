"""A second scheduler must not double the work: each due source is handed out once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from store import sources
from store.db import session_scope


def _add_sources(db_url: str, n: int) -> None:
    with session_scope(db_url) as s:
        for i in range(n):
            sources.upsert_source(s, name=f"s{i}", url=f"https://example.com/{i}.xml")


def _claim(db_url: str) -> list[int]:
    with session_scope(db_url) as s:
        return sources.claim_due_sources(s, datetime.now(UTC), timedelta(minutes=10))


def test_two_schedulers_at_once_hand_out_each_source_once(db_url: str) -> None:
    _add_sources(db_url, 20)
    with ThreadPoolExecutor(max_workers=2) as pool:
        first, second = pool.map(_claim, [db_url, db_url])
    assert sorted(first + second) == list(range(1, 21))
    assert not set(first) & set(second)


def test_a_taken_source_is_due_again_after_its_lease(db_url: str) -> None:
    _add_sources(db_url, 1)
    assert _claim(db_url) == [1]
    assert _claim(db_url) == []
    with session_scope(db_url) as s:
        later = datetime.now(UTC) + timedelta(minutes=11)
        assert sources.claim_due_sources(s, later, timedelta(minutes=10)) == [1]
