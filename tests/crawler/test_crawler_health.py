"""Source health: the pure rules, and the same read from a real database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from claimwatch.health import source_health
from crawler.health import SourceHealth, assess, median_gap
from store import articles, sources
from store.db import session_scope
from store.models import Source

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def _every(gap: timedelta, count: int, last: datetime) -> list[datetime]:
    return [last - gap * i for i in range(count)]


def test_never_polled() -> None:
    health = assess(now=NOW, consecutive_failures=0, last_success_at=None, last_error=None,
                    article_times=[])
    assert health == SourceHealth("never", "never polled", 0.0)


def test_failing_names_the_error_and_count() -> None:
    health = assess(now=NOW, consecutive_failures=3, last_success_at=NOW - timedelta(days=3),
                    last_error="HTTP 500", article_times=_every(timedelta(hours=6), 10, NOW))
    assert health.status == "failing"
    assert "3 failed" in health.reason and "HTTP 500" in health.reason
    assert "3 days ago" in health.reason


def test_failing_before_any_success() -> None:
    health = assess(now=NOW, consecutive_failures=1, last_success_at=None,
                    last_error="connection refused", article_times=[])
    assert health.status == "failing"
    assert "connection refused" in health.reason


def test_ok_when_publishing_at_its_usual_pace() -> None:
    times = _every(timedelta(hours=6), 20, NOW - timedelta(hours=2))
    health = assess(now=NOW, consecutive_failures=0, last_success_at=NOW, last_error=None,
                    article_times=times)
    assert health.status == "ok"
    assert 3.5 <= health.articles_per_day <= 4.5


def test_daily_source_silent_after_the_two_day_floor() -> None:
    # usual gap 6 h: 4 gaps is a day, but the floor is 2 days
    times = _every(timedelta(hours=6), 20, NOW - timedelta(days=1, hours=12))
    ok = assess(now=NOW, consecutive_failures=0, last_success_at=NOW, last_error=None,
                article_times=times)
    assert ok.status == "ok"
    times = _every(timedelta(hours=6), 20, NOW - timedelta(days=2, hours=1))
    silent = assess(now=NOW, consecutive_failures=0, last_success_at=NOW, last_error=None,
                    article_times=times)
    assert silent.status == "silent"
    assert "usually one every 6 h" in silent.reason


def test_weekly_source_is_not_silent_after_a_quiet_fortnight() -> None:
    times = _every(timedelta(days=7), 10, NOW - timedelta(days=14))
    health = assess(now=NOW, consecutive_failures=0, last_success_at=NOW, last_error=None,
                    article_times=times)
    assert health.status == "ok"
    times = _every(timedelta(days=7), 10, NOW - timedelta(days=29))
    health = assess(now=NOW, consecutive_failures=0, last_success_at=NOW, last_error=None,
                    article_times=times)
    assert health.status == "silent"


def test_too_few_articles_to_know_the_usual_gap() -> None:
    health = assess(now=NOW, consecutive_failures=0, last_success_at=NOW, last_error=None,
                    article_times=[NOW - timedelta(days=40), NOW - timedelta(days=41)])
    assert health.status == "ok"


def test_failing_wins_over_silent() -> None:
    times = _every(timedelta(hours=1), 10, NOW - timedelta(days=10))
    health = assess(now=NOW, consecutive_failures=2, last_success_at=NOW - timedelta(days=10),
                    last_error="timed out", article_times=times)
    assert health.status == "failing"


def test_future_dates_do_not_hide_silence() -> None:
    times = [*_every(timedelta(hours=6), 10, NOW - timedelta(days=5)), NOW + timedelta(days=300)]
    health = assess(now=NOW, consecutive_failures=0, last_success_at=NOW, last_error=None,
                    article_times=times)
    assert health.status == "silent"


def test_an_archive_older_than_the_source_is_not_silence_seen_while_watching() -> None:
    # added 5 minutes ago; its articles, every 26 days, stop 383 days ago (the bundled demo)
    times = _every(timedelta(days=26), 4, NOW - timedelta(days=383))
    fresh = assess(now=NOW, consecutive_failures=0, last_success_at=NOW, last_error=None,
                   article_times=times, watched_since=NOW - timedelta(minutes=5))
    assert fresh.status == "ok"
    assert fresh.reason == "last article 383 days ago, before the source was added 5 min ago"
    # the same archive without knowing when it was added: silent, as before
    unknown = assess(now=NOW, consecutive_failures=0, last_success_at=NOW, last_error=None,
                     article_times=times)
    assert unknown.status == "silent"
    assert unknown.reason == "no new article in 383 days (usually one every 26 days)"
    # quiet under our eyes for its usual limit (4 gaps: 104 days): silent, saying since when
    later = assess(now=NOW, consecutive_failures=0, last_success_at=NOW, last_error=None,
                   article_times=times, watched_since=NOW - timedelta(days=105))
    assert later.status == "silent" and later.reason == unknown.reason
    still = assess(now=NOW, consecutive_failures=0, last_success_at=NOW, last_error=None,
                   article_times=times, watched_since=NOW - timedelta(days=103))
    assert still.status == "ok"


def test_being_watched_long_changes_nothing_for_a_source_publishing_since() -> None:
    times = _every(timedelta(hours=6), 20, NOW - timedelta(days=2, hours=1))
    health = assess(now=NOW, consecutive_failures=0, last_success_at=NOW, last_error=None,
                    article_times=times, watched_since=NOW - timedelta(days=365))
    assert health.status == "silent"
    times = _every(timedelta(hours=6), 20, NOW - timedelta(hours=3))
    health = assess(now=NOW, consecutive_failures=0, last_success_at=NOW, last_error=None,
                    article_times=times, watched_since=NOW - timedelta(days=1))
    assert health == SourceHealth("ok", "last article 3 h ago", health.articles_per_day)


def test_median_gap_ignores_order() -> None:
    times = [NOW, NOW - timedelta(hours=2), NOW - timedelta(hours=1), NOW - timedelta(hours=10)]
    assert median_gap(times) == timedelta(hours=1)
    assert median_gap([NOW]) is None


def test_source_health_reads_the_database(db_url: str) -> None:
    now = datetime.now(UTC)
    with session_scope(db_url) as s:
        quiet = sources.upsert_source(s, name="Quiet Daily", url="https://quiet.example/feed")
        quiet.created_at = now - timedelta(days=30)  # watched for a month, quiet for 5 days
        broken = sources.upsert_source(s, name="Broken", url="https://broken.example/feed")
        fresh = sources.upsert_source(s, name="Fresh", url="https://fresh.example/feed")
        sources.upsert_source(s, name="New", url="https://new.example/feed")
        archive = sources.upsert_source(s, name="Archive", url="https://archive.example/feed")
        archive.created_at = now - timedelta(minutes=20)
        sources.record_poll(s, archive, now=now, next_poll_at=now, error=None)
        for i in range(4):  # added just now; its feed ends over a year ago
            articles.add_entry(s, source_id=archive.id, url=f"https://archive.example/{i}",
                               canonical_url=f"https://archive.example/{i}", guid=None,
                               title="t", published_at=now - timedelta(days=400 + 10 * i),
                               publisher="a")
        sources.record_poll(s, quiet, now=now, next_poll_at=now, error=None)
        sources.record_poll(s, fresh, now=now, next_poll_at=now, error=None)
        sources.record_poll(s, broken, now=now, next_poll_at=now, error="HTTP 503")
        for i in range(6):
            articles.add_entry(s, source_id=quiet.id, url=f"https://quiet.example/{i}",
                               canonical_url=f"https://quiet.example/{i}", guid=None, title="t",
                               published_at=now - timedelta(days=5, hours=8 * i), publisher="q")
            # no published date: the time it was found counts
            articles.add_entry(s, source_id=fresh.id, url=f"https://fresh.example/{i}",
                               canonical_url=f"https://fresh.example/{i}", guid=None, title="t",
                               published_at=None, publisher="f")
    rows = source_health(db_url, now=now + timedelta(hours=1))
    by_name = {name: health for _id, name, health in rows}
    assert [name for _id, name, _h in rows] == ["Quiet Daily", "Broken", "Fresh", "New", "Archive"]
    assert by_name["Archive"].status == "ok"
    assert by_name["Archive"].reason == ("last article 400 days ago, before the source was "
                                         "added 1 h ago")
    assert by_name["Quiet Daily"].status == "silent"
    assert by_name["Broken"].status == "failing" and "HTTP 503" in by_name["Broken"].reason
    assert by_name["Fresh"].status == "ok" and by_name["Fresh"].articles_per_day == 6.0
    assert by_name["New"].status == "never"
    with session_scope(db_url) as s:
        assert s.get(Source, rows[0][0]) is not None
