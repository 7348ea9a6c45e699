"""The Celery app. Same tasks on the embedded SQLite broker and on Redis."""

from __future__ import annotations

from typing import Any

from celery import Celery, signals

from claimwatch.settings import Settings, get_settings

QUEUES = ("crawl", "process", "alerts")


def create_app(settings: Settings | None = None) -> Celery:
    settings = settings or get_settings()
    app = Celery("claimwatch", broker=settings.celery_broker, include=["worker.tasks"])
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_time_limit=300,
        task_soft_time_limit=240,
        task_default_queue="process",
        task_routes={
            "worker.tasks.poll_source": {"queue": "crawl"},
            "worker.tasks.fetch_article": {"queue": "crawl"},
            "worker.tasks.flush_alerts": {"queue": "alerts"},
            "worker.tasks.send_alert_digests": {"queue": "alerts"},
            "worker.tasks.check_source_health": {"queue": "alerts"},
        },
        beat_schedule={
            "dispatch-due-sources": {"task": "worker.tasks.dispatch_due_sources", "schedule": 20.0},
            "flush-alerts": {"task": "worker.tasks.flush_alerts", "schedule": 10.0},
            # workers send it after processing; this picks up marks nobody sent it for
            # (reverification, a worker that died); one check at a time whatever the beats
            "conflict-check": {"task": "worker.tasks.check_conflicts", "schedule": 60.0},
            # each digest rule is taken by one caller, so a second beat sends nothing twice
            "alert-digests": {"task": "worker.tasks.send_alert_digests", "schedule": 60.0},
            # an episode is announced once, however often this runs
            "source-health-alerts": {"task": "worker.tasks.check_source_health", "schedule": 60.0},
            # claims verified on older reference data (edited files, a reviewer's observation)
            "reverify-reference": {"task": "worker.tasks.reverify_reference", "schedule": 300.0},
            # sent often; runs once per periodic.RETENTION_EVERY whatever the number of beats
            "retention": {"task": "worker.tasks.retention", "schedule": 600.0},
        },
        broker_connection_retry_on_startup=True,
        broker_transport_options=_transport_options(settings),
        worker_hijack_root_logger=False,
        timezone="UTC",
    )
    return app


def declare_queues(app: Celery) -> None:
    """Make the broker's queues before a worker starts. kombu's SQLAlchemy transport (the
    embedded broker) makes a queue's row on first use by a select and then an insert, so a
    worker starting while a task is sent can insert it twice and one of them fails on the
    unique name; made here first, both find it. On Redis a declaration changes nothing."""
    with app.connection_for_write() as conn:
        for name in QUEUES:
            conn.default_channel.queue_declare(queue=name)


def _transport_options(settings: Settings) -> dict[str, int | str]:
    """Redis: a task held by a dead worker comes back after the visibility timeout; sweep for
    such tasks often enough to notice. (kombu's SQLAlchemy transport would hand these options
    to create_engine, so the embedded broker gets none.)"""
    if not settings.celery_broker.startswith("redis"):
        return {}
    timeout = settings.visibility_timeout
    options: dict[str, int | str] = {"visibility_timeout": timeout,
                                     "unacked_restore_interval": max(1, min(10, timeout // 3)),
                                     "unacked_restore_throttle": 1}
    if settings.broker_prefix:
        options["global_keyprefix"] = settings.broker_prefix
    return options


@signals.setup_logging.connect
def _logging(**_kwargs: Any) -> None:
    """Our format (text or JSON, with ids) instead of Celery's own."""
    from claimwatch.logs import configure_logging

    configure_logging(get_settings().log_format)


@signals.worker_ready.connect
def _heartbeat_start(sender: Any = None, **_kwargs: Any) -> None:
    """A row in the database while this worker runs: `claimwatch status` and /metrics count
    workers from it, on the embedded broker (no broadcast to ping) as on Redis."""
    from worker import heartbeat

    consumer_queues = getattr(getattr(sender, "task_consumer", None), "queues", None) or []
    queues = [q.name for q in consumer_queues] or list(QUEUES)
    heartbeat.start(get_settings().db_url, str(getattr(sender, "hostname", "worker")), queues)


@signals.worker_shutdown.connect
def _heartbeat_stop(**_kwargs: Any) -> None:
    from worker import heartbeat

    heartbeat.stop()


# `celery -A worker.app worker` looks for a module attribute named app.
app = create_app()
