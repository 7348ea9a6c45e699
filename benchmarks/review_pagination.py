"""How long the review queue takes to read a page when there are 100,000 findings.

Usage: .venv/bin/python benchmarks/review_pagination.py [FINDINGS]   (default: 100000)

Loads FINDINGS findings (each with its claim and one of 1,000 articles; statuses 70% open,
20% dismissed, 10% confirmed; severities rounded to two decimals so many tie; created over
90 days) into a fresh SQLite file and a fresh PostgreSQL database (CLAIMWATCH_TEST_PG, by
default postgresql+psycopg://postgres@127.0.0.1:5432/test; skipped if it does not answer),
both migrated with Alembic so the indexes are the real ones. Then it times, median of 7
runs, what the queue does for one page of 25 (claims and articles included):

- page 1 (all statuses, and open only),
- a deep page reached by keyset (the cursor of the row at 90% of the queue), as the
  queue's "next page" links do,
- the same deep page by OFFSET, which is what keyset pagination avoids,
- the count shown above the queue.

It prints milliseconds; nothing is asserted (no timed tests: see the README).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, select, text

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from store.db import engine_for, session_scope  # noqa: E402
from store.findings import Cursor, count_matching, list_findings  # noqa: E402
from store.migrate import upgrade  # noqa: E402
from store.models import Article, Claim, Finding, FindingClaim  # noqa: E402

PG_ADMIN = os.environ.get("CLAIMWATCH_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ARTICLES = 1_000
CHUNK = 5_000
PAGE = 25
RUNS = 7


def load(url: str, n: int) -> None:
    rng = random.Random(7)
    start = datetime(2026, 8, 1, tzinfo=UTC)
    engine = engine_for(url)
    with engine.begin() as conn:
        conn.execute(insert(Article), [{
            "id": i + 1, "url": f"https://news.example/{i}", "canonical_url": f"https://news.example/{i}",
            "title": f"Article {i}", "text": "China had 4.25 million 5G base stations. " * 3,
            "publisher": f"Outlet {i % 40}", "status": "processed", "created_at": start,
        } for i in range(ARTICLES)])
    for first in range(0, n, CHUNK):
        ids = range(first + 1, min(n, first + CHUNK) + 1)
        claims, findings, links = [], [], []
        for i in ids:
            when = start + timedelta(seconds=rng.randrange(90 * 86400))
            value = rng.choice([4_250_000.0, 4_600_000.0, 3_900_000.0])
            claims.append({"id": i, "article_id": (i % ARTICLES) + 1, "start": 10 + i // ARTICLES * 50,
                           "end": 22 + i // ARTICLES * 50, "text": "4.25 million",
                           "sentence": "China had 4.25 million 5G base stations.", "value": value,
                           "lower": value, "upper": value, "unit": "count", "qualifier": "exact",
                           "indicator": "5g_base_stations", "geography": "CN", "period": "2024-12",
                           "kind": "actual", "verdict": "inconsistent", "severity": 0.1,
                           "candidates": [], "period_explicit": True, "corrected": False})
            roll = rng.random()
            status = "open" if roll < 0.7 else ("dismissed" if roll < 0.9 else "confirmed")
            findings.append({"id": i, "fingerprint": f"bench:{i}", "type": "verdict",
                             "verdict": rng.choice(["inconsistent", "stale"]),
                             "indicator": "5g_base_stations", "geography": "CN",
                             "period": "2024-12", "severity": round(rng.random(), 2),
                             "summary": f"Finding {i}: 5G base stations overstated",
                             "detail": {}, "status": status, "created_at": when,
                             "updated_at": when})
            links.append({"finding_id": i, "claim_id": i})
        with engine.begin() as conn:
            conn.execute(insert(Claim), claims)
            conn.execute(insert(Finding), findings)
            conn.execute(insert(FindingClaim), links)
    with engine.begin() as conn:
        if url.startswith("postgresql"):  # ids were given: move the sequences past them
            for table in ("articles", "claims", "findings"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT max(id) FROM {table}))"))
        conn.execute(text("ANALYZE"))


def timed(fn: Callable[[], Any]) -> float:
    """Median milliseconds of RUNS calls, each in its own session (as a request would)."""
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def measure(url: str, n: int) -> list[tuple[str, float]]:
    deep = int(n * 0.9)
    with session_scope(url) as session:
        row = session.execute(select(Finding.severity, Finding.created_at, Finding.id)
                              .order_by(Finding.severity.desc(), Finding.created_at.desc(),
                                        Finding.id.desc()).offset(deep - 1).limit(1)).one()
        cursor = Cursor(row[0], row[1], row[2])

    def page(**kw: Any) -> Callable[[], Any]:
        def run() -> Any:
            with session_scope(url) as session:
                rows = list_findings(session, limit=PAGE, **kw)
                assert len(rows) == PAGE
                return [c.article.title for f in rows for c in f.claims]
        return run

    def count(status: str | None) -> Callable[[], Any]:
        def run() -> Any:
            with session_scope(url) as session:
                return count_matching(session, status=status)
        return run

    return [
        ("page 1, all statuses", timed(page(status=None))),
        ("page 1, open", timed(page(status="open"))),
        (f"row {deep:,} by keyset (next-page link)", timed(page(status=None, after=cursor))),
        (f"row {deep:,} by OFFSET", timed(page(status=None, offset=deep))),
        ("count, all statuses", timed(count(None))),
        ("count, open", timed(count("open"))),
    ]


def pg_database() -> tuple[str, Callable[[], None]] | None:
    try:
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        name = f"cw_bench_{uuid.uuid4().hex[:10]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # the benchmark runs without PostgreSQL too
        print(f"PostgreSQL skipped: {exc.__class__.__name__}: {str(exc).splitlines()[0]}")
        return None
    url = PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"

    def drop() -> None:
        engine_for(url).dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return url, drop


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    results: dict[str, list[tuple[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(sqlite)
        began = time.perf_counter()
        load(sqlite, n)
        print(f"SQLite: loaded {n:,} findings in {time.perf_counter() - began:.1f} s")
        results["SQLite"] = measure(sqlite, n)
        engine_for(sqlite).dispose()
    pg = pg_database()
    if pg is not None:
        url, drop = pg
        try:
            upgrade(url)
            began = time.perf_counter()
            load(url, n)
            print(f"PostgreSQL: loaded {n:,} findings in {time.perf_counter() - began:.1f} s")
            results["PostgreSQL"] = measure(url, n)
        finally:
            drop()
    names = list(results)
    print()
    print(f"{'one page of ' + str(PAGE) + ' (median of ' + str(RUNS) + ', ms)':<42}"
          + "".join(f"{name:>12}" for name in names))
    for i, (label, _) in enumerate(results[names[0]]):
        print(f"{label:<42}" + "".join(f"{results[name][i][1]:>12.1f}" for name in names))


if __name__ == "__main__":
    main()
