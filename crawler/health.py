"""How a source is doing, judged from its poll record and when its articles appeared.

Pure: the caller reads the numbers from the database and passes them in, so the
rules can be tested with plain datetimes.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median

# A source that publishes several times a day is "silent" after 2 days without an
# article; one that publishes weekly only after 4 of its usual gaps (4 weeks).
SILENT_GAPS = 4
SILENT_FLOOR = timedelta(days=2)
# Below this many articles the usual gap is not known well enough to call a source silent.
MIN_ARTICLES_FOR_GAP = 3
# The rate is measured over the most recent stretch, so an old backlog does not inflate it.
RATE_WINDOW = timedelta(days=30)


@dataclass(frozen=True)
class SourceHealth:
    status: str  # "ok" | "failing" | "silent" | "never"
    reason: str
    articles_per_day: float


def median_gap(times: list[datetime]) -> timedelta | None:
    """The median time between consecutive articles, or None with fewer than two."""
    ordered = sorted(times)
    gaps = [b - a for a, b in itertools.pairwise(ordered)]
    if not gaps:
        return None
    return timedelta(seconds=median(g.total_seconds() for g in gaps))


def _per_day(now: datetime, times: list[datetime]) -> float:
    recent = [t for t in times if now - RATE_WINDOW <= t <= now]
    if not recent:
        return 0.0
    span = now - min(recent)
    # at least one day, so three articles found an hour ago do not read as 72 a day
    days = max(span.total_seconds() / 86400, 1.0)
    return round(len(recent) / days, 2)


def _ago(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    if hours < 1:
        return f"{delta.total_seconds() / 60:.0f} min"
    if hours < 48:
        return f"{hours:.0f} h"
    return f"{hours / 24:.0f} days"


def assess(*, now: datetime, consecutive_failures: int, last_success_at: datetime | None,
           last_error: str | None, article_times: list[datetime],
           watched_since: datetime | None = None) -> SourceHealth:
    """Failing beats silent beats ok: a failing source is silent too, but the failure is the cause.

    Silence is counted from when the source was added (watched_since) when its latest article
    is older than that: a source added today whose archive ends a year ago has not gone quiet
    while we watched, so it is not announced as silent before it has stayed quiet for its usual
    limit under our eyes. (The bundled demo's fixed 2025 archive showed one of its two sources
    "silent" at first start and the other "ok", by their publishing rates alone.)"""
    rate = _per_day(now, article_times)
    if consecutive_failures > 0 or (last_error and last_success_at is None):
        failures = max(consecutive_failures, 1)
        since = f", last success {_ago(now - last_success_at)} ago" if last_success_at else ""
        return SourceHealth("failing", f"{failures} failed poll(s){since}: {last_error or 'error'}",
                            rate)
    if last_success_at is None:
        return SourceHealth("never", "never polled", rate)
    past = [t for t in article_times if t <= now]
    if not past:
        return SourceHealth("ok", "polled, no articles yet", rate)
    gap = median_gap(past)
    latest = max(past)
    quiet = now - latest
    before_watch = watched_since is not None and latest < watched_since <= now
    watched_quiet = now - watched_since if watched_since is not None and before_watch else quiet
    if gap is not None and len(past) >= MIN_ARTICLES_FOR_GAP:
        limit = max(SILENT_GAPS * gap, SILENT_FLOOR)
        if watched_quiet > limit:
            return SourceHealth("silent", f"no new article in {_ago(quiet)} "
                                          f"(usually one every {_ago(gap)})", rate)
    if before_watch:
        return SourceHealth("ok", f"last article {_ago(quiet)} ago, before the source was added "
                                  f"{_ago(watched_quiet)} ago", rate)
    return SourceHealth("ok", f"last article {_ago(quiet)} ago", rate)
