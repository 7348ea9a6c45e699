"""Prometheus metrics at /metrics, read from the database and the broker at each scrape, so
they are right however many web and worker processes there are."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Gauge, generate_latest

from claimwatch.status import queue_lengths
from store import workers
from store.clock import as_utc
from store.db import session_scope
from store.stats import counts

router = APIRouter()


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    settings = request.app.state.settings
    registry = CollectorRegistry()
    with session_scope(settings.db_url) as session:
        data = counts(session)
        alive = workers.alive(session)
    Gauge("claimwatch_workers_alive", "Workers whose heartbeat was seen within "
          f"{workers.ALIVE_WITHIN.total_seconds():.0f} s", registry=registry).set(len(alive))
    articles = Gauge("claimwatch_articles", "Articles by status", ["status"], registry=registry)
    for status, n in data.articles_by_status.items():
        articles.labels(status).set(n)
    claims = Gauge("claimwatch_claims", "Claims extracted, by verdict", ["verdict"], registry=registry)
    for verdict, n in data.claims_by_verdict.items():
        claims.labels(verdict).set(n)
    findings = Gauge("claimwatch_findings", "Findings by type, verdict and status",
                     ["type", "verdict", "status"], registry=registry)
    for (type_, verdict, status), n in data.findings.items():
        findings.labels(type_, verdict, status).set(n)
    failing = Gauge("claimwatch_source_consecutive_failures", "Failures in a row, per source",
                    ["source_id", "source"], registry=registry)
    silent = Gauge("claimwatch_source_seconds_since_success", "Seconds since the last good poll",
                   ["source_id", "source"], registry=registry)
    now = datetime.now(UTC)
    for source_id, name, enabled, failures, last_success in data.sources:
        if not enabled:
            continue
        failing.labels(str(source_id), name).set(failures)
        if last_success is not None:
            silent.labels(str(source_id), name).set((now - as_utc(last_success)).total_seconds())
    Gauge("claimwatch_task_failures_open", "Tasks that failed for good and were not retried",
          registry=registry).set(data.open_failures)
    queue = Gauge("claimwatch_queue_length", "Messages waiting, per queue", ["queue"],
                  registry=registry)
    try:
        lengths = queue_lengths(settings)
    except Exception:  # the broker being down must not hide the other metrics
        lengths = {}
    for name, waiting in lengths.items():
        if waiting is not None:
            queue.labels(name).set(waiting)
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
