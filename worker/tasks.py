"""Celery tasks: thin. Each loads by id, calls one pipeline step, and sends the next."""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from celery import Task

from claimwatch import periodic, pipeline, politeness
from claimwatch.logs import log_context
from claimwatch.reverify import reverify
from claimwatch.settings import get_settings
from store import failures
from store.db import session_scope
from worker.app import app

log = logging.getLogger("claimwatch.tasks")


@cache
def context() -> pipeline.Context:
    """One per worker process: the reference data and dedupe index are loaded once."""
    return pipeline.Context(get_settings())


class RecordedTask(Task):
    """A task that failed for good is kept in task_failures, to be seen and retried."""

    def on_failure(self, exc: BaseException, task_id: str, args: tuple[Any, ...],
                   kwargs: dict[str, Any], einfo: Any) -> None:
        with session_scope(context().db) as s:
            failures.record(s, self.name, list(args), f"{type(exc).__name__}: {exc}")


_RETRY = {"autoretry_for": (OSError,), "retry_backoff": True, "retry_backoff_max": 600,
          "max_retries": 5, "base": RecordedTask}


@app.task(**_RETRY)
def dispatch_due_sources() -> list[int]:
    due = pipeline.due_sources(context())
    for source_id in due:
        poll_source.delay(source_id)
    return due


@app.task(**_RETRY, bind=True, time_limit=180, soft_time_limit=150)
def poll_source(self: Task, source_id: int) -> list[int]:
    with log_context(source_id=source_id):
        wait = politeness.source_wait(context(), source_id)
        if wait:
            # a new message, not self.retry: waiting for a host is not a failed attempt
            self.apply_async((source_id,), countdown=wait)
            return []
        new_ids = pipeline.poll_source(context(), source_id)
    for article_id in new_ids:
        fetch_article.delay(article_id)
    return new_ids


@app.task(**_RETRY, bind=True, time_limit=120, soft_time_limit=100)
def fetch_article(self: Task, article_id: int) -> bool:
    with log_context(article_id=article_id):
        wait = politeness.article_wait(context(), article_id)
        if wait:
            self.apply_async((article_id,), countdown=wait)
            return False
        ok = pipeline.fetch_article(context(), article_id)
    if ok:
        process_article.delay(article_id)
    return ok


@app.task(**_RETRY, time_limit=300, soft_time_limit=240)
def process_article(article_id: int) -> list[int]:
    with log_context(article_id=article_id):
        opened = pipeline.process_article(context(), article_id)
        if opened:
            pipeline.queue_alerts(context(), opened)  # sent, grouped, by flush_alerts
        if pipeline.conflict_check_due(context(), article_id):
            # later, so the keys of the articles processed meanwhile are compared with these
            check_conflicts.apply_async(countdown=pipeline.CONFLICT_BATCH_SECONDS)
    return opened


@app.task(**_RETRY, bind=True, time_limit=240, soft_time_limit=200)
def check_conflicts(self: Task) -> list[int]:
    done = pipeline.check_conflicts(context())
    if done.opened:
        pipeline.queue_alerts(context(), done.opened)
    if done.busy or done.more:
        # the check running now may have read before the newest marks: one more follows
        self.apply_async(countdown=pipeline.CONFLICT_BATCH_SECONDS)
    return done.opened


@app.task(**_RETRY, time_limit=300, soft_time_limit=240)
def flush_alerts() -> int:
    return pipeline.flush_alerts(context())


@app.task(**_RETRY, time_limit=300, soft_time_limit=240)
def send_alert_digests() -> int:
    return pipeline.send_digests(context())


@app.task(**_RETRY, time_limit=300, soft_time_limit=240)
def check_source_health() -> int:
    return pipeline.check_source_health(context())


@app.task(**_RETRY, time_limit=1800, soft_time_limit=1700)
def reverify_reference() -> int:
    return reverify(get_settings())


@app.task(**_RETRY, time_limit=600, soft_time_limit=540)
def retention() -> dict[str, int] | None:
    return periodic.run_retention(context())
