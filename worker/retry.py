"""Sending a failed task again: one place for `claimwatch failures --retry` and the web page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from celery import Celery

from claimwatch.settings import Settings
from store import failures
from store.db import session_scope
from worker.app import create_app

_apps: dict[tuple[str, str], Celery] = {}


class RetryRefused(Exception):
    """The failure cannot be sent again (already sent); the message says why."""


class FailureNotFound(RetryRefused):
    """There is no failure with that id."""


@dataclass(frozen=True)
class Retried:
    failure_id: int
    task: str
    args: list[Any]


def _app(settings: Settings) -> Celery:
    key = (settings.celery_broker, settings.broker_prefix)
    if key not in _apps:
        _apps[key] = create_app(settings)
    return _apps[key]


def retry_failure(settings: Settings, failure_id: int) -> Retried:
    """Mark the failure retried and send its task again, in that transaction: if the broker
    refuses the message the mark is rolled back, so a failure is never marked and not sent.
    (The reverse, sent but not marked, only sends an idempotent task twice.)"""
    with session_scope(settings.db_url) as s:
        row = failures.get_failure(s, failure_id)
        if row is None:
            raise FailureNotFound(f"there is no failure {failure_id}")
        if row.retried_at is not None:
            raise RetryRefused(f"failure {failure_id} was already sent again "
                               f"at {row.retried_at:%Y-%m-%d %H:%M}")
        failures.mark_retried(s, failure_id)
        _app(settings).send_task(row.task, args=row.args)
        return Retried(failure_id=row.id, task=row.task, args=list(row.args))
