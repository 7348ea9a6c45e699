"""A fresh demo shows healthy sources: the bundled site's articles are a fixed 2025 archive
(their dates carry the planted errors' meaning), so their age is not silence seen since the
demo's sources were added. Both databases, the real demo site on loopback."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimwatch.cli import main
from claimwatch.crawlonce import crawl_once
from claimwatch.health import source_health
from claimwatch.runner import register_demo_sources
from claimwatch.settings import PROJECT_DIR, Settings


def test_a_fresh_demo_shows_both_sources_ok(tmp_path: Path, db_url: str, demo_site: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(var_dir=tmp_path / "var", database_url=db_url,
                        allow_private_hosts="127.0.0.1",
                        reference_dir=PROJECT_DIR / "reference_data")
    register_demo_sources(settings, demo_site)
    summary = crawl_once(settings, None, echo=lambda _line: None)
    assert summary["new"] == 8 and summary["failed"] == 0
    healths = {name: h for _id, name, h in source_health(settings.db_url)}
    assert set(healths) == {"Harbour Post", "Eastern Ledger"}
    for name, h in healths.items():
        assert h.status == "ok", (name, h)
        assert "before the source was added" in h.reason
    monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", db_url)
    monkeypatch.setenv("CLAIMWATCH_VAR_DIR", str(tmp_path / "var"))
    listed = CliRunner().invoke(main, ["sources", "list"]).output
    assert listed.count("[ok: last article") == 2, listed
    # left running for months with nothing new, both become silent, each for the same reason
    later = datetime.now(UTC) + timedelta(days=400)
    for _id, name, h in source_health(settings.db_url, now=later):
        assert h.status == "silent", (name, h)
        assert h.reason.startswith("no new article in ")
