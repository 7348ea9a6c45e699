"""`claimwatch status`: is it working? Queues, workers, sources, failures."""

from __future__ import annotations

from collections.abc import Iterator

from claimwatch.settings import Settings
from store import failures, sources
from store.db import session_scope
from store.stats import counts


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


def workers_alive(timeout: float = 1.0) -> list[str]:
    from worker.app import app

    replies = app.control.ping(timeout=timeout) or []
    return sorted(name for reply in replies for name in reply)


def report(settings: Settings) -> Iterator[str]:
    lengths = queue_lengths(settings)
    yield "queues: " + ", ".join(f"{q} {n if n is not None else '?'}" for q, n in lengths.items())
    try:
        alive = workers_alive()
    except Exception as exc:  # the broker itself may be down: say so, do not crash
        alive = []
        yield f"workers: cannot ask the broker ({type(exc).__name__})"
    else:
        yield f"workers alive: {len(alive)}" + (f" ({', '.join(alive)})" if alive else "")
    with session_scope(settings.db_url) as s:
        data = counts(s)
        articles = sum(data.articles_by_status.values())
        open_findings = sum(n for (_t, _v, status), n in data.findings.items() if status == "open")
        yield f"articles: {articles}, open findings: {open_findings}"
        for src in sources.list_sources(s):
            last = f"{src.last_polled_at:%Y-%m-%d %H:%M}" if src.last_polled_at else "never"
            health = f"failing x{src.consecutive_failures}" if src.consecutive_failures else "ok"
            yield f"  source {src.id} {src.name[:40]:40} last run {last} [{health}]"
        rows = failures.open_failures(s, limit=5)
        yield f"failures: {len(rows)} recent" + ("" if not rows else " (see `claimwatch failures`)")
