"""Per-host slots on both databases: of two workers asking at once, one gets the slot."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from claimwatch.pipeline import Context
from claimwatch.politeness import host_of, wait_for_host
from claimwatch.settings import PROJECT_DIR, Settings
from store import politeness
from store.db import session_scope
from tests.integration.worker_sites import RecordingSite

T0 = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def test_a_slot_is_taken_then_free_again_after_the_delay(db_url: str) -> None:
    with session_scope(db_url) as s:
        assert politeness.claim_slot(s, "news.example", 2.0, now=T0) == 0.0
    with session_scope(db_url) as s:
        wait = politeness.claim_slot(s, "news.example", 2.0, now=T0 + timedelta(seconds=0.5))
    assert abs(wait - 1.5) < 1e-6
    with session_scope(db_url) as s:  # another host is not held up
        assert politeness.claim_slot(s, "other.example", 2.0, now=T0) == 0.0
    with session_scope(db_url) as s:
        assert politeness.claim_slot(s, "news.example", 2.0, now=T0 + timedelta(seconds=2)) == 0.0


def test_a_refused_claim_does_not_move_the_slot(db_url: str) -> None:
    with session_scope(db_url) as s:
        politeness.claim_slot(s, "news.example", 2.0, now=T0)
    for _ in range(3):
        with session_scope(db_url) as s:
            politeness.claim_slot(s, "news.example", 2.0, now=T0 + timedelta(seconds=1))
    with session_scope(db_url) as s:
        assert politeness.claim_slot(s, "news.example", 2.0, now=T0 + timedelta(seconds=2)) == 0.0


def test_two_claimers_in_overlapping_transactions_get_one_slot(db_url: str) -> None:
    """A takes the slot and has not committed when B asks; B must wait for A's commit and
    then see the slot gone (PostgreSQL's row lock, SQLite's single writer)."""
    results: dict[str, float] = {}
    a_holds = threading.Event()
    a_commit = threading.Event()

    def first() -> None:
        with session_scope(db_url) as s:
            results["a"] = politeness.claim_slot(s, "news.example", 5.0)
            a_holds.set()
            a_commit.wait(10)

    def second() -> None:
        a_holds.wait(10)
        with session_scope(db_url) as s:
            results["b"] = politeness.claim_slot(s, "news.example", 5.0)

    ta, tb = threading.Thread(target=first), threading.Thread(target=second)
    ta.start()
    tb.start()
    a_holds.wait(10)
    tb.join(0.5)  # B is blocked on A's uncommitted claim, or has not started its UPDATE yet
    a_commit.set()
    ta.join(30)
    tb.join(30)
    assert results["a"] == 0.0
    assert 0.0 < results["b"] <= 5.0


def test_many_simultaneous_claimers_get_exactly_one_slot(db_url: str) -> None:
    n = 8
    barrier = threading.Barrier(n)
    waits: list[float] = []
    lock = threading.Lock()

    def claim() -> None:
        barrier.wait(10)
        with session_scope(db_url) as s:
            wait = politeness.claim_slot(s, "busy.example", 3.0)
        with lock:
            waits.append(wait)

    threads = [threading.Thread(target=claim) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(waits) == n
    assert waits.count(0.0) == 1  # the others were all told to wait


def test_the_host_ignores_port_scheme_and_case() -> None:
    assert host_of("https://News.Example:8443/a?b=1") == "news.example"
    assert host_of("http://news.example/x") == "news.example"
    assert host_of("not a url") == ""


def test_a_longer_robots_crawl_delay_wins_over_the_setting(db_url: str, tmp_path: Path) -> None:
    site = RecordingSite(robots="User-agent: *\nCrawl-delay: 30\n")
    try:
        ctx = Context(Settings(var_dir=tmp_path / "var", database_url=db_url, domain_delay=1.0,
                               allow_private_hosts="127.0.0.1",
                               reference_dir=PROJECT_DIR / "reference_data"))
        assert wait_for_host(ctx, f"{site.base}/a/1.html") == 0.0
        wait = wait_for_host(ctx, f"{site.base}/a/2.html")
    finally:
        site.close()
    assert 25 < wait <= 60  # the site's 30 s (plus jitter), not our 1 s
