"""A real Celery worker process for given Settings, as the integration tests and the
throughput benchmark start one: every queue, one pool process, pointed at the Settings'
database, broker, key prefix and var dir, on loopback sites. (`claimwatch run` starts its
worker itself, with beat and the configured concurrency.)"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from typing import Any

from claimwatch.settings import PROJECT_DIR, Settings
from worker.app import QUEUES, create_app, declare_queues


def start_worker(settings: Settings, *extra: str, env: Mapping[str, str] | None = None,
                 loglevel: str = "WARNING", **popen: Any) -> subprocess.Popen[bytes]:
    """A worker in its own process group, so that a caller can kill it and its pool at once.
    127.0.0.1 is allowed and there is no politeness delay (both sides are on one host) unless
    `env` says otherwise; `extra` goes to `celery worker`, `popen` to subprocess.Popen."""
    full_env = {**os.environ, "CLAIMWATCH_DOMAIN_DELAY": "0", **(env or {}),
                "CLAIMWATCH_DATABASE_URL": settings.db_url,
                "CLAIMWATCH_BROKER_URL": settings.celery_broker,
                "CLAIMWATCH_ALLOW_PRIVATE_HOSTS": "127.0.0.1",
                "CLAIMWATCH_VAR_DIR": str(settings.var_path),
                "CLAIMWATCH_BROKER_PREFIX": settings.broker_prefix}
    cmd = [sys.executable, "-m", "celery", "-A", "worker.app", "worker", "-Q", ",".join(QUEUES),
           "--concurrency", "1", "--loglevel", loglevel, "--without-gossip", "--without-mingle",
           *extra]
    declare_queues(create_app(settings))  # before the worker and the caller's tasks make them
    return subprocess.Popen(cmd, env=full_env, cwd=PROJECT_DIR, start_new_session=True, **popen)
