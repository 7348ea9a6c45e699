"""Where an article's time goes, in one process on a fresh PostgreSQL database.

Usage: .venv/bin/python benchmarks/profile_pipeline.py [--warm 300] [--articles 100]
                                                       [--top 30] [--sqlite]

The same generated articles as benchmarks/pipeline_throughput.py, served on 127.0.0.1, go
through the steps a worker runs for each (the politeness gate, fetch_article,
process_article) and, as beat would, the cross-source conflict check every --batch
articles. The first --warm articles fill the database; the next --articles are timed step
by step (wall-clock ms per article) and profiled with cProfile, whose top functions by
cumulative time are printed.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from pipeline_throughput import Site, add_pending, create_database, drop_database  # noqa: E402

from claimwatch import pipeline, politeness  # noqa: E402
from claimwatch.settings import Settings  # noqa: E402
from store.migrate import upgrade  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--warm", type=int, default=300)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--batch", type=int, default=60,
                        help="articles between two conflict checks (about 2 s at 30 articles/s)")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sqlite", action="store_true", help="a SQLite file instead")
    args = parser.parse_args()
    total = args.warm + args.articles
    site = Site(total)
    var_dir = tempfile.mkdtemp(prefix="cwprofile-")
    if args.sqlite:
        db_url = f"sqlite:///{var_dir}/profile.db"
        upgrade(db_url)
    else:
        db_url = create_database()
    os.environ["CLAIMWATCH_DOMAIN_DELAY"] = "0"
    settings = Settings(var_dir=Path(var_dir), database_url=db_url,
                        allow_private_hosts="127.0.0.1", domain_delay=0)
    ctx = pipeline.Context(settings)
    times: dict[str, float] = defaultdict(float)

    def timed(name: str, fn: Callable[..., Any], *a: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*a)
        finally:
            times[name] += time.perf_counter() - start

    def one(article_id: int, n: int) -> None:
        timed("politeness gate", politeness.article_wait, ctx, article_id)
        if timed("fetch_article", pipeline.fetch_article, ctx, article_id):
            timed("process_article", pipeline.process_article, ctx, article_id)
        if n % args.batch == args.batch - 1:
            timed("conflict check (per article)", pipeline.check_conflicts, ctx)

    try:
        ids = add_pending(db_url, site.base, range(total))
        for n, article_id in enumerate(ids[:args.warm]):
            one(article_id, n)
        times.clear()
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.enable()
        for n, article_id in enumerate(ids[args.warm:]):
            one(article_id, n)
        profiler.disable()
        elapsed = time.perf_counter() - start
        print(f"{args.articles} articles after {args.warm} on "
              f"{'SQLite' if args.sqlite else 'PostgreSQL'}: "
              f"{1000 * elapsed / args.articles:.1f} ms per article (profiler on), "
              f"load average {os.getloadavg()[0]:.2f}")
        for name, seconds in times.items():
            print(f"  {name}: {1000 * seconds / args.articles:.1f} ms")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)
    finally:
        site.close()
        if not args.sqlite:
            drop_database(db_url)


if __name__ == "__main__":
    main()
