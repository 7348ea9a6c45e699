"""Reviewer-added observations and verifying again when the reference data change, on
SQLite and PostgreSQL: a new observation changes a stored verdict and its finding."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from claimwatch import pipeline
from claimwatch.corrections import CorrectionForm, correct_claim
from claimwatch.observations import NewObservation, add_observation, current_version
from claimwatch.reverify import reverify
from claimwatch.settings import PROJECT_DIR, Settings
from store import articles
from store.db import session_scope
from store.models import Article, Claim, Finding, ReferenceObservation, ReviewEvent

NATIONAL = ("By the end of June 2025, China had built 4.9 million 5G base stations, "
            "the industry ministry said.")
PROVINCE = ("By the end of June 2025, Guangdong province had built 300,000 5G base stations, "
            "the provincial bureau said.")


def _settings(tmp_path: Path, db_url: str) -> Settings:
    return Settings(var_dir=tmp_path / "var", database_url=db_url,
                    reference_dir=PROJECT_DIR / "reference_data")


def _processed_article(settings: Settings, text: str, slug: str) -> int:
    ctx = pipeline.Context(settings)
    with session_scope(settings.db_url) as s:
        article_id = articles.add_entry(
            s, source_id=None, url=f"http://127.0.0.1/{slug}", canonical_url=f"http://127.0.0.1/{slug}",
            guid=None, title=slug, published_at=datetime(2025, 8, 10, tzinfo=UTC),
            publisher="Harbour Post")
    assert article_id is not None
    assert pipeline.store_page(ctx, article_id, "5G base stations", text * 3, "en",
                               datetime(2025, 8, 10, tzinfo=UTC))
    pipeline.process_article(ctx, article_id)
    return article_id


def _claim(settings: Settings, article_id: int) -> Claim:
    with session_scope(settings.db_url) as s:
        claim = s.scalars(select(Claim).where(Claim.article_id == article_id,
                                              Claim.indicator == "5g_base_stations")
                          .order_by(Claim.start)).first()
    assert claim is not None
    return claim


def _article(s: Session, article_id: int) -> Article:
    article = s.get(Article, article_id)
    assert article is not None
    return article


def _observation(**changes: object) -> NewObservation:
    fields: dict[str, object] = dict(
        indicator="5g_base_stations", geography="CN", period="2025-06", value=4_900_000.0,
        unit="count", qualifier="exact", publisher="Test Statistics Office",
        source_url="https://stats.example.org/5g-2025-06", published=date(2025, 7, 20),
        note="reviewer fixture")
    fields.update(changes)
    return NewObservation(**fields)  # type: ignore[arg-type]


def test_an_observation_that_confirms_a_claim_resolves_its_finding(tmp_path: Path,
                                                                    db_url: str) -> None:
    settings = _settings(tmp_path, db_url)
    article_id = _processed_article(settings, NATIONAL, "national")
    assert _claim(settings, article_id).verdict == "inconsistent"
    with session_scope(settings.db_url) as s:
        [finding] = s.scalars(select(Finding).where(Finding.type == "verdict")).all()
        assert finding.status == "open"
        old_version = _article(s, article_id).reference_version

    assert add_observation(settings, _observation(), "rita") == []

    claim = _claim(settings, article_id)
    assert claim.verdict == "consistent"
    assert claim.reference is not None and claim.reference["publisher"] == "Test Statistics Office"
    version = current_version(settings)
    assert version != old_version and claim.reference_version == version
    with session_scope(settings.db_url) as s:
        assert _article(s, article_id).reference_version == version
        kept = s.get(Finding, finding.id)
        assert kept is not None and kept.status == "resolved"  # closed, not deleted
        [event] = s.scalars(select(ReviewEvent).where(ReviewEvent.finding_id == finding.id)).all()
        assert (event.action, event.before["status"], event.after["status"]) == \
            ("resolve", "open", "resolved")
        assert "resolved by data" in (event.comment or "")
        [row] = s.scalars(select(ReferenceObservation)).all()
        assert (row.added_by, row.published, row.note) == ("rita", date(2025, 7, 20),
                                                           "reviewer fixture")
    # nothing left to do: the next periodic run finds every article current
    assert reverify(settings) == 0


def test_an_observation_that_contradicts_a_claim_opens_a_finding(tmp_path: Path,
                                                                 db_url: str) -> None:
    settings = _settings(tmp_path, db_url)
    article_id = _processed_article(settings, PROVINCE, "guangdong")
    claim = _claim(settings, article_id)
    assert (claim.geography, claim.verdict) == ("CN-GD", "unverifiable")

    errors = add_observation(settings, _observation(geography="CN-GD", value=410_000.0,
                                                    publisher="Guangdong Communications Bureau"),
                             "rita")
    assert errors == []
    assert _claim(settings, article_id).verdict == "inconsistent"
    with session_scope(settings.db_url) as s:
        [finding] = s.scalars(select(Finding).where(Finding.type == "verdict")).all()
        assert (finding.status, finding.geography) == ("open", "CN-GD")


def test_the_periodic_run_takes_articles_on_an_older_version(tmp_path: Path, db_url: str) -> None:
    settings = _settings(tmp_path, db_url)
    first = _processed_article(settings, NATIONAL, "one")
    second = _processed_article(settings, PROVINCE, "two")
    assert reverify(settings) == 0
    with session_scope(settings.db_url) as s:
        for article_id in (first, second):
            _article(s, article_id).reference_version = "older"
    assert reverify(settings, limit=1) == 1  # a bounded batch
    assert reverify(settings) == 1
    assert reverify(settings) == 0
    with session_scope(settings.db_url) as s:
        # verified again, same verdict: the finding stays open and nothing is duplicated
        assert [f.status for f in s.scalars(select(Finding))] == ["open"]


@pytest.mark.parametrize("changes, expected", [
    ({"unit": "CNY"}, "unit 'CNY', but 5g_base_stations is in 'count'"),
    ({"period": "2025-13"}, "period '2025-13' is not"),
    ({"period": "June 2025"}, "period 'June 2025' is not"),
    ({"indicator": "5g_towers"}, "unknown indicator '5g_towers'"),
    ({"qualifier": "roughly"}, "qualifier 'roughly'"),
    ({"source_url": "stats.example.org/page"}, "missing source URL"),
    ({"source_url": ""}, "missing source URL"),
    ({"publisher": " "}, "missing publisher"),
    ({"geography": "Guangdong"}, "geography 'Guangdong'"),
    ({"value": float("nan")}, "is not a number"),
    ({"value": "4.9 million"}, "is not a number"),
    ({"value": -5.0}, "is negative"),
    ({"value": 49_000_000.0}, "far off the figures next to it"),  # a slipped decimal point
    ({"value": 4_549_000.0, "publisher": "MIIT (via Gelonghui)"}, "duplicate"),
    ({"period": "2031-06", "published": None}, "has not begun"),
    ({"published": date(2025, 5, 1)}, "before the period 2025-06 began"),
    ({"published": date(2099, 1, 1)}, "in the future"),
])
def test_a_bad_observation_is_refused_with_a_reason_and_nothing_is_stored(
        tmp_path: Path, sqlite_url: str, changes: dict[str, object], expected: str) -> None:
    settings = _settings(tmp_path, sqlite_url)
    errors = add_observation(settings, _observation(**changes), "rita")
    assert errors and any(expected in e for e in errors), errors
    with session_scope(settings.db_url) as s:
        assert s.scalars(select(ReferenceObservation)).all() == []


def test_an_observation_needs_a_reviewer(tmp_path: Path, sqlite_url: str) -> None:
    settings = _settings(tmp_path, sqlite_url)
    assert add_observation(settings, _observation(), "  ") == ["the reviewer's name is required"]


def test_a_worker_context_notices_a_new_observation(tmp_path: Path, sqlite_url: str) -> None:
    settings = _settings(tmp_path, sqlite_url)
    ctx = pipeline.Context(settings)
    before = ctx.checker()
    assert ctx.checker() is before  # cached while nothing changes
    assert add_observation(settings, _observation(), "rita") == []
    after = ctx.checker()
    assert after is not before and after.data.version == current_version(settings)


def test_cli_reference_add_and_reverify(tmp_path: Path, sqlite_url: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from claimwatch.cli import main

    settings = _settings(tmp_path, sqlite_url)
    monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("CLAIMWATCH_VAR_DIR", str(tmp_path / "var"))
    article_id = _processed_article(settings, NATIONAL, "cli")
    bad = CliRunner().invoke(main, ["reference", "add", "5g_base_stations", "2025-06", "4900000",
                                    "--publisher", "Test Statistics Office",
                                    "--source-url", "not-a-url", "--user", "rita"])
    assert bad.exit_code != 0 and "missing source URL" in bad.output
    assert len(bad.output.strip().splitlines()) == 1
    assert _claim(settings, article_id).verdict == "inconsistent"
    good = CliRunner().invoke(main, ["reference", "add", "5g_base_stations", "2025-06", "4900000",
                                     "--publisher", "Test Statistics Office", "--source-url",
                                     "https://stats.example.org/5g", "--published", "2025-07-20",
                                     "--user", "rita"])
    assert good.exit_code == 0, good.output
    assert _claim(settings, article_id).verdict == "consistent"
    with session_scope(sqlite_url) as s:
        _article(s, article_id).reference_version = "older"
    out = CliRunner().invoke(main, ["reference", "reverify", "--limit", "10"])
    assert out.exit_code == 0 and "verified again: 1 article(s)" in out.output


@pytest.mark.slow
def test_the_beat_job_runs_on_a_real_worker(tmp_path: Path, sqlite_url: str) -> None:
    """The scheduled task, sent as beat sends it, handled by a real worker (embedded broker)."""
    from tests.integration.test_worker import start_worker, wait_for
    from worker.app import create_app

    settings = Settings(var_dir=tmp_path / "var", database_url=sqlite_url,
                        broker_url=f"sqla+sqlite:///{tmp_path / 'broker.db'}",
                        reference_dir=PROJECT_DIR / "reference_data")
    app = create_app(settings)
    entry = app.conf.beat_schedule["reverify-reference"]
    article_id = _processed_article(settings, NATIONAL, "beat")
    with session_scope(sqlite_url) as s:
        _article(s, article_id).reference_version = "older"
    worker = start_worker(settings)
    try:
        app.send_task(entry["task"])
        version = current_version(settings)

        def current() -> bool:
            with session_scope(sqlite_url) as s:
                return _article(s, article_id).reference_version == version
        wait_for(current, 120, "the article verified again on the current version")
    finally:
        import os
        import signal

        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)


def test_a_corrected_claim_is_verified_again_as_corrected(tmp_path: Path, db_url: str) -> None:
    """The reviewer's fields stand when the article is verified again, and they are what the
    new data are checked against, not the figure the extraction had read."""
    settings = _settings(tmp_path, db_url)
    article_id = _processed_article(settings, NATIONAL, "national")
    claim = _claim(settings, article_id)
    with session_scope(settings.db_url) as s:
        [finding] = s.scalars(select(Finding).where(Finding.type == "verdict")).all()
    # the article looked back at mid-2020, which the reference data has no figure for yet
    form = CorrectionForm(indicator="5g_base_stations", period="2020-06", value="410000",
                          kind="actual", comment="a look back at mid-2020")
    assert correct_claim(settings, finding.id, claim.id, form, "ana").verdict == "unverifiable"

    # the ministry's mid-2020 figure comes in, and it is not what the article says
    assert add_observation(settings, _observation(
        period="2020-06", value=650_000.0, published=date(2020, 7, 21)), "rita") == []
    reverify(settings)
    corrected = _claim(settings, article_id)
    assert (corrected.value, corrected.period, corrected.corrected) == (410_000.0, "2020-06", True)
    assert corrected.verdict == "inconsistent"
    assert corrected.reference is not None and corrected.reference["value"] == 650_000.0
    with session_scope(settings.db_url) as s:
        flagged = s.scalars(select(Finding).where(
            Finding.type == "verdict", Finding.status == "open",
            Finding.claims.any(Claim.id == corrected.id))).all()
        assert [(f.verdict, f.period) for f in flagged] == [("inconsistent", "2020-06")]
