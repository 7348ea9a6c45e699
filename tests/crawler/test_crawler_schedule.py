"""The next poll: about the median gap between publications, within a floor and the
source's configured interval, with jitter."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from crawler.schedule import FLOOR, JITTER, next_interval

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def _every(gap: timedelta, count: int) -> list[datetime]:
    return [NOW - gap * i for i in range(count)]


def test_follows_the_median_gap() -> None:
    assert next_interval(_every(timedelta(minutes=45), 10), now=NOW, ceiling=4 * HOUR,
                         rand=0.0) == timedelta(minutes=45)


def test_clamped_to_the_floor_and_the_ceiling() -> None:
    assert next_interval(_every(timedelta(minutes=1), 10), now=NOW, ceiling=4 * HOUR,
                         rand=0.0) == FLOOR
    assert next_interval(_every(timedelta(days=2), 10), now=NOW, ceiling=4 * HOUR,
                         rand=0.0) == 4 * HOUR


def test_ceiling_below_the_floor_wins() -> None:
    assert next_interval(_every(timedelta(minutes=1), 10), now=NOW, ceiling=timedelta(minutes=5),
                         rand=0.0) == timedelta(minutes=5)


def test_without_two_dates_the_ceiling() -> None:
    assert next_interval([], now=NOW, ceiling=HOUR, rand=0.0) == HOUR
    assert next_interval([NOW], now=NOW, ceiling=HOUR, rand=0.0) == HOUR


def test_future_dates_and_old_history_are_ignored() -> None:
    times = _every(timedelta(minutes=30), 20) + [NOW + timedelta(days=i) for i in range(1, 30)]
    old = [NOW - timedelta(days=100) - timedelta(days=3) * i for i in range(50)]
    assert next_interval(times + old, now=NOW, ceiling=4 * HOUR,
                         rand=0.0) == timedelta(minutes=30)


def test_jitter_adds_up_to_ten_percent() -> None:
    assert next_interval([], now=NOW, ceiling=HOUR, rand=0.5) == HOUR * (1 + JITTER / 2)


@given(gaps=st.lists(st.integers(min_value=1, max_value=100_000), min_size=0, max_size=40),
       ceiling=st.integers(min_value=1, max_value=10_000), rand=st.floats(0, 1))
def test_always_between_floor_and_ceiling_plus_jitter(gaps: list[int], ceiling: int,
                                                      rand: float) -> None:
    times = [NOW]
    for gap in gaps:
        times.append(times[-1] - timedelta(minutes=gap))
    limit = timedelta(minutes=ceiling)
    wait = next_interval(times, now=NOW, ceiling=limit, rand=rand)
    assert min(FLOOR, limit) <= wait <= limit * (1 + JITTER)
