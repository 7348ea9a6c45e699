"""`claimwatch failures`: lists what failed for good; `--retry ID` sends it again once, through
the embedded broker, and says so; an unknown or already retried id is a one-line error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimwatch.cli import main
from claimwatch.settings import Settings
from claimwatch.status import queue_lengths
from store import failures
from store.db import session_scope
from store.migrate import upgrade


@pytest.fixture
def env_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("CLAIMWATCH_VAR_DIR", str(tmp_path / "var"))
    settings = Settings()
    upgrade(settings.db_url)
    return settings


def test_list_retry_and_refusals(env_settings: Settings) -> None:
    with session_scope(env_settings.db_url) as s:
        failure_id = failures.record(s, "worker.tasks.poll_source", [7], "OSError: no route")
    listed = CliRunner().invoke(main, ["failures"])
    assert listed.exit_code == 0
    assert f"{failure_id:5}" in listed.output and "worker.tasks.poll_source [7]" in listed.output

    sent = CliRunner().invoke(main, ["failures", "--retry", str(failure_id)])
    assert sent.exit_code == 0, sent.output
    assert "sent worker.tasks.poll_source(7,) again" in sent.output
    assert queue_lengths(env_settings)["crawl"] == 1
    assert CliRunner().invoke(main, ["failures"]).output.strip() == "no failures"

    again = CliRunner().invoke(main, ["failures", "--retry", str(failure_id)])
    assert again.exit_code != 0 and "already sent again" in again.output
    missing = CliRunner().invoke(main, ["failures", "--retry", "999"])
    assert missing.exit_code != 0 and "there is no failure 999" in missing.output
    assert queue_lengths(env_settings)["crawl"] == 1
