"""Running the `claimwatch` command in-process, as a user would, against a loopback site."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimwatch.cli import main
from claimwatch.settings import Settings


def cli_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The environment the command reads (var dir in tmp_path, loopback allowed, a user agent
    of this test's own), and the Settings it gives."""
    monkeypatch.setenv("CLAIMWATCH_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("CLAIMWATCH_ALLOW_PRIVATE_HOSTS", "127.0.0.1")
    monkeypatch.setenv("CLAIMWATCH_USER_AGENT", f"claimwatch-test-{tmp_path.name[-12:]}")
    return Settings()


def run_cli(*args: str) -> tuple[int, str]:
    """`claimwatch ARGS...`: (exit code, output)."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output
