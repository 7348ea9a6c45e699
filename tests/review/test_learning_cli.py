"""`claimwatch export --learning`: the reviewers' catches as corpus files, from the shell."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimwatch.cli import main
from claimwatch.evaluation import load_corpus
from claimwatch.settings import Settings
from tests.review.review_helpers import Seeder, TestClient, csrf_of


@pytest.fixture
def cli_env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", settings.db_url)
    monkeypatch.setenv("CLAIMWATCH_VAR_DIR", str(settings.var_path))


def test_export_learning_to_a_folder_and_a_zip(cli_env: None, reviewer: TestClient, seed: Seeder,
                                               tmp_path: Path) -> None:
    empty = CliRunner().invoke(main, ["export", "--learning", str(tmp_path / "none")])
    assert empty.exit_code == 0 and "no corrections" in empty.output

    finding = seed.simple()
    page = reviewer.get("/")
    reviewer.post(f"/findings/{finding}/decide", data={
        "csrf": csrf_of(page.text), "action": "dismiss", "reason": "extraction_mistake"})
    out = tmp_path / "learned"
    result = CliRunner().invoke(main, ["export", "--learning", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 article(s)" in result.output
    [article] = load_corpus(out)
    assert article.text[article.claims[0].start:article.claims[0].end] == "4.25 million"

    archive = CliRunner().invoke(main, ["export", "--learning", str(tmp_path / "l.zip")])
    assert archive.exit_code == 0 and (tmp_path / "l.zip").stat().st_size > 0

    a_file = tmp_path / "file.txt"
    a_file.write_text("keep me")
    refused = CliRunner().invoke(main, ["export", "--learning", str(a_file)])
    assert refused.exit_code != 0 and "is a file" in refused.output
    assert a_file.read_text() == "keep me"
