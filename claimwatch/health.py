"""Source health for the CLI, the review app and alerts: the store's record of each
source judged by crawler.health."""

from __future__ import annotations

from datetime import UTC, datetime

from crawler.health import SourceHealth, assess
from store import sources
from store.db import session_scope


def source_health(db_url: str, now: datetime | None = None) -> list[tuple[int, str, SourceHealth]]:
    """(source id, name, health) for every source, in id order."""
    now = now or datetime.now(UTC)
    with session_scope(db_url) as s:
        records = sources.health_records(s)
    return [(r.id, r.name, assess(now=now, consecutive_failures=r.consecutive_failures,
                                  last_success_at=r.last_success_at, last_error=r.last_error,
                                  article_times=r.article_times, watched_since=r.added_at))
            for r in records]
