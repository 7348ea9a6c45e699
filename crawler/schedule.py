"""When to poll a source next: about as often as it publishes.

Pure: the caller passes the publication dates it knows and a random number, so the
rule can be tested exactly. A source that publishes every 20 minutes is polled every
20 minutes or so; one that publishes twice a week waits its configured interval (the
ceiling), never longer, so a source that starts publishing more is noticed in time.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from crawler.health import median_gap

FLOOR = timedelta(minutes=10)  # no source is polled more often than this
JITTER = 0.1  # up to 10% later, so sources set up together do not stay in step
RECENT = 20  # the latest dated articles the gap is measured on


def next_interval(published: list[datetime], *, now: datetime, ceiling: timedelta,
                  rand: float, floor: timedelta = FLOOR) -> timedelta:
    """The wait before the next poll: the median gap between the latest publication
    dates, clamped to [floor, ceiling], plus up to JITTER of it (``rand`` in [0, 1)).

    Dates after ``now`` are ignored (they are wrong); with fewer than two dates the
    ceiling is used.
    """
    floor = min(floor, ceiling)
    recent = sorted(t for t in published if t <= now)[-RECENT:]
    gap = median_gap(recent)
    base = ceiling if gap is None else min(max(gap, floor), ceiling)
    return base * (1 + JITTER * min(max(rand, 0.0), 1.0))
