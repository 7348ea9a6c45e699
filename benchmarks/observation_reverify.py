"""How long adding a reference observation from the finding page keeps the web request.

Usage: .venv/bin/python benchmarks/observation_reverify.py [all|page] [ARTICLES ...]
       (default: page 50 200 800)

For each ARTICLES, a fresh SQLite file gets that many processed articles (from eight
publishers, each stating a count of 5G base stations at the end of June 2025, most of them
the same figure, a few another) through the real pipeline. Then a reviewer's observation for
5g_base_stations CN 2025-06 is added, and what the web request waits for is timed:

- `all`: add_observation verifying every article about the indicator at once (up to
  reverify's 500), which is what the finding page did before and the CLI still does;
- `page`: what the finding page does now: add_observation(verify=False), then
  reverify_briefly for review.pages.OBSERVATION_VERIFY_SECONDS.

Then the periodic job (claimwatch.reverify.reverify, what worker.tasks.reverify_reference
runs) is run until nothing is left, and timed too.

It prints seconds and how many articles each part verified again; nothing is asserted (no
timed tests: see the README).
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from claimwatch import pipeline  # noqa: E402
from claimwatch.observations import (  # noqa: E402
    NewObservation,
    add_observation,
    current_version,
    reverify_briefly,
)
from claimwatch.reverify import reverify  # noqa: E402
from claimwatch.settings import Settings  # noqa: E402
from review.pages import OBSERVATION_VERIFY_SECONDS  # noqa: E402
from store import articles, reverification  # noqa: E402
from store.db import session_scope  # noqa: E402
from store.migrate import upgrade  # noqa: E402

PUBLISHERS = [f"Bench Wire {i}" for i in range(8)]
WHEN = datetime(2025, 8, 10, tzinfo=UTC)


def _text(n: int) -> str:
    figure = "4.9 million" if n % 10 else "4.6 million"  # one in ten says another figure
    return (f"Report {n}. By the end of June 2025, China had built {figure} 5G base stations, "
            f"the industry ministry said. Gigabit broadband users reached 226 million, and "
            f"the number of 5G users rose to 1.1 billion, officials added in report {n}.")


def _seed(settings: Settings, count: int) -> None:
    ctx = pipeline.Context(settings)
    for n in range(count):
        with session_scope(settings.db_url) as s:
            article_id = articles.add_entry(
                s, source_id=None, url=f"http://127.0.0.1/bench/{n}",
                canonical_url=f"http://127.0.0.1/bench/{n}", guid=None, title=f"report {n}",
                published_at=WHEN, publisher=PUBLISHERS[n % len(PUBLISHERS)])
        assert article_id is not None
        assert pipeline.store_page(ctx, article_id, f"report {n}", _text(n), "en", WHEN)
        pipeline.process_article(ctx, article_id)


def _outdated(settings: Settings) -> int:
    with session_scope(settings.db_url) as s:
        return len(reverification.outdated_articles(s, current_version(settings),
                                                    limit=10**9))


def run(mode: str, count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        settings = Settings(var_dir=Path(tmp) / "var", database_url=url,
                            reference_dir=REPO / "reference_data")
        started = time.perf_counter()
        _seed(settings, count)
        seeded = time.perf_counter() - started
        observation = NewObservation(
            indicator="5g_base_stations", geography="CN", period="2025-06", value=4_900_000.0,
            unit="count", qualifier="exact", publisher="Bench Statistics Office",
            source_url="https://stats.example.org/bench", published=date(2025, 7, 20))
        started = time.perf_counter()
        errors = add_observation(settings, observation, "bench", verify=mode == "all")
        assert errors == [], errors
        if mode == "page":
            reverify_briefly(settings, observation.indicator, OBSERVATION_VERIFY_SECONDS)
        in_request = time.perf_counter() - started
        left = _outdated(settings)
        started = time.perf_counter()
        runs = later = 0
        while True:
            done = reverify(settings)
            if not done:
                break
            runs, later = runs + 1, later + done
        periodic = time.perf_counter() - started
        print(f"{count:>6} articles, mode {mode}  (seeding: {seeded:6.1f} s, "
              f"{seeded / count * 1000:5.1f} ms per article)", flush=True)
        print(f"        the request waits:       {in_request:7.2f} s, {count - left} article(s) "
              f"verified again, {left} left", flush=True)
        print(f"        periodic job afterwards: {periodic:7.2f} s, {later} article(s) in {runs} "
              f"run(s)", flush=True)


def main() -> None:
    args = sys.argv[1:]
    mode = args.pop(0) if args and args[0] in ("all", "page") else "page"
    for count in [int(a) for a in args] or [50, 200, 800]:
        run(mode, count)


if __name__ == "__main__":
    main()
