"""`claimwatch status`: is it working? Queues, workers, sources, failures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from claimwatch.settings import Settings
from store import failures, sources, workers
from store.db import session_scope
from store.stats import counts
from store.workers import WorkerSeen


def queue_lengths(settings: Settings) -> dict[str, int | None]:
    from worker.app import QUEUES

    url = settings.celery_broker
    lengths: dict[str, int | None] = {}
    if url.startswith("redis"):
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=2)
        for q in QUEUES:
            try:
                lengths[q] = int(client.llen(settings.broker_prefix + q))
            except redis.RedisError:
                lengths[q] = None
        return lengths
    from kombu import Connection

    with Connection(url) as conn:
        for q in QUEUES:
            try:
                _name, count, _consumers = conn.default_channel.queue_declare(q, passive=True)
                lengths[q] = int(count)
            except Exception:  # an embedded queue not created yet
                lengths[q] = 0
    return lengths


def workers_alive(settings: Settings) -> list[WorkerSeen]:
    """Workers heard from lately, from the heartbeat each writes to the database (the embedded
    broker has no broadcast, so a ping would find nobody there)."""
    with session_scope(settings.db_url) as s:
        return workers.alive(s)


def _describe(w: WorkerSeen, now: datetime) -> str:
    up = int((now - w.started_at).total_seconds() // 60)
    return f"{w.hostname} pid {w.pid} ({','.join(w.queues)}; up {up} min)"


def report(settings: Settings) -> Iterator[str]:
    from claimwatch.health import source_health

    try:
        lengths = queue_lengths(settings)
    except Exception as exc:  # the broker itself may be down: say so, do not crash
        yield f"queues: cannot ask the broker ({type(exc).__name__})"
    else:
        yield "queues: " + ", ".join(f"{q} {n if n is not None else '?'}"
                                     for q, n in lengths.items())
    now = datetime.now(UTC)
    alive = workers_alive(settings)
    yield f"workers alive: {len(alive)}" + "".join(f"\n  {_describe(w, now)}" for w in alive)
    healths = {source_id: h for source_id, _name, h in source_health(settings.db_url, now)}
    with session_scope(settings.db_url) as s:
        data = counts(s)
        articles = sum(data.articles_by_status.values())
        open_findings = sum(n for (_t, _v, status), n in data.findings.items() if status == "open")
        yield f"articles: {articles}, open findings: {open_findings}"
        for src in sources.list_sources(s):
            last = f"{src.last_polled_at:%Y-%m-%d %H:%M}" if src.last_polled_at else "never"
            h = healths.get(src.id)
            health = f"{h.status}: {h.reason}" if h else "unknown"
            yield f"  source {src.id} {src.name[:40]:40} last run {last} [{health}]"
        rows = failures.open_failures(s, limit=5)
        yield f"failures: {len(rows)} recent" + ("" if not rows else " (see `claimwatch failures`)")
