"""The Celery app. Same tasks on the embedded SQLite broker and on Redis."""

from __future__ import annotations

from celery import Celery

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
            "worker.tasks.deliver_alerts": {"queue": "alerts"},
        },
        beat_schedule={
            "dispatch-due-sources": {"task": "worker.tasks.dispatch_due_sources", "schedule": 20.0},
        },
        broker_connection_retry_on_startup=True,
        # kombu's SQLAlchemy transport hands its options to create_engine: Redis only
        broker_transport_options=(
            {"visibility_timeout": 3600} if settings.celery_broker.startswith("redis") else {}),
        worker_hijack_root_logger=False,
        timezone="UTC",
    )
    return app


# `celery -A worker.app worker` looks for a module attribute named app.
app = create_app()
