"""`claimwatch status` counts real workers on both brokers: the embedded SQLite broker has no
broadcast for a ping, so each worker keeps a heartbeat row in the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimwatch.cli import main
from claimwatch.settings import PROJECT_DIR, Settings
from tests.integration.test_worker import (
    broker_prefix,
    broker_url,  # noqa: F401 (the fixture: Redis, embedded)
    start_worker,
    wait_for,
)

pytestmark = pytest.mark.slow


@pytest.fixture
def status_settings(tmp_path: Path, db_url: str, broker_url: str) -> Settings:  # noqa: F811
    return Settings(var_dir=tmp_path / "var", database_url=db_url, broker_url=broker_url,
                    broker_prefix=broker_prefix(), reference_dir=PROJECT_DIR / "reference_data")


def _status(settings: Settings) -> str:
    env = {"CLAIMWATCH_DATABASE_URL": settings.db_url,
           "CLAIMWATCH_BROKER_URL": settings.celery_broker,
           "CLAIMWATCH_BROKER_PREFIX": settings.broker_prefix,
           "CLAIMWATCH_VAR_DIR": str(settings.var_path)}
    result = CliRunner().invoke(main, ["status"], env=env)
    assert result.exit_code == 0, result.output
    return result.output


def test_status_sees_a_running_worker_and_not_one_that_stopped(status_settings: Settings) -> None:
    settings = status_settings
    assert "workers alive: 0" in _status(settings)
    proc = start_worker(settings)
    try:
        wait_for(lambda: "workers alive: 1" in _status(settings), 90, "the worker in status")
        out = _status(settings)
        assert f"pid {proc.pid} (alerts,crawl,process;" in out
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    # a worker that stops takes its row with it: not counted, with no wait for it to go stale
    assert "workers alive: 0" in _status(settings)
