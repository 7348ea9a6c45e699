"""Verifying again settles arithmetic findings, on SQLite and PostgreSQL: a change to the
reference data that makes a share of GDP or a currency conversion add up resolves its
finding (kept, with an audit event), a change that makes it wrong again reopens it, and one
that makes a sum wrong opens a new finding and queues its alert."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

from claimwatch import pipeline
from claimwatch.observations import NewObservation, add_observation
from claimwatch.reverify import reverify
from claimwatch.settings import PROJECT_DIR, Settings
from store.db import session_scope
from store.findings import events_for
from store.models import AlertDelivery, Finding
from tests.helpers import processed_article

# 39.9 / 126.06 (2023's preliminary GDP) is 31.7 %; on the revision (129.4, out on
# 2024-12-26) it is 30.8 %: right once the revision is in the data and out by the article's date
SHARE = ("Harbour Post economy desk. Industrial value added reached 39.9 trillion yuan in 2023, "
         "or 30.8 percent of GDP, the statistics bureau said. Factories in the south were busy "
         "all year, and exporters of machinery reported full order books. ")
SHARE_AGAIN = ("Harbour Post weekend review. Looking back at the year, industrial value added "
               "reached 39.9 trillion yuan in 2023, or 30.8 percent of GDP. Many plants added "
               "shifts, and the ports handled record volumes of containers. ")
# 101.6 trillion yuan at 2020's 6.8974 yuan per dollar is $14.7 trillion, not $17.9 trillion
CONVERSION = ("Harbour Post economy desk. GDP reached 101.6 trillion yuan ($17.9 trillion) in "
              "2020, the statistics bureau said. Output recovered in the second half as "
              "factories reopened and exports picked up. ")
# 33.6 / 134.9 (2024's preliminary GDP) is 24.9 %: 24.0 fits a GDP of 140 trillion
MANUFACTURING = ("Harbour Post economy desk. Manufacturing value added reached 33.6 trillion "
                 "yuan in 2024, or 24.0 percent of GDP, officials said. Makers of equipment "
                 "and electronics led the growth, the ministry added. ")


def _reference(tmp_path: Path) -> Path:
    """A copy of the shipped reference data, to change as a data update would."""
    target = tmp_path / "reference_data"
    shutil.copytree(PROJECT_DIR / "reference_data", target)
    return target


def _rewrite(path: Path, keep: Callable[[dict[str, str]], bool],
             change: Callable[[dict[str, str]], dict[str, str]] = lambda row: row) -> None:
    """The CSV again with only the rows `keep` accepts, each through `change`."""
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields = list(reader.fieldnames or [])
        rows = [change(dict(row)) for row in reader if keep(row)]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _not_revised_2023_gdp(row: dict[str, str]) -> bool:
    return not (row["indicator"] == "gdp" and row["period"] == "2023"
                and row["revision"] == "revised")


def _settings(tmp_path: Path, db_url: str, reference: Path) -> Settings:
    return Settings(var_dir=tmp_path / "var", database_url=db_url, reference_dir=reference)


def _arithmetic(db_url: str) -> list[tuple[int, str, str, str]]:
    """(id, check, status, summary) of every arithmetic finding."""
    with session_scope(db_url) as s:
        return [(f.id, f.detail["check"], f.status, f.summary) for f in s.scalars(
            select(Finding).where(Finding.type == "arithmetic").order_by(Finding.id))]


def _trail(db_url: str, finding_id: int) -> list[tuple[str, str, str, str]]:
    with session_scope(db_url) as s:
        return [(e.user, e.action, e.after["status"], e.comment or "")
                for e in events_for(s, finding_id)]


def test_a_gdp_revision_that_makes_a_share_add_up_resolves_its_finding(tmp_path: Path,
                                                                       db_url: str) -> None:
    reference = _reference(tmp_path)
    observations = reference / "observations.csv"
    shipped = observations.read_text(encoding="utf-8")
    _rewrite(observations, _not_revised_2023_gdp)  # before NBS revised 2023
    settings = _settings(tmp_path, db_url, reference)
    processed_article(pipeline.Context(settings), "share", "Harbour Post", SHARE,
                      datetime(2025, 3, 10, tzinfo=UTC))
    [(finding_id, check, status, summary)] = _arithmetic(db_url)
    assert (check, status) == ("share_of_gdp", "open") and "31.65% of 2023 GDP" in summary

    observations.write_text(shipped, encoding="utf-8")  # the revision arrives
    assert reverify(settings) == 1
    assert _arithmetic(db_url) == [(finding_id, "share_of_gdp", "resolved", summary)]  # kept
    [(user, action, after, comment)] = _trail(db_url, finding_id)
    assert (user, action, after) == ("claimwatch", "resolve", "resolved")
    assert comment.startswith("resolved by data (reference version ")
    assert reverify(settings) == 0  # settled once: nothing left to do

    _rewrite(observations, _not_revised_2023_gdp)  # the revision withdrawn: wrong again
    assert reverify(settings) == 1
    [(_, _, status, now)] = _arithmetic(db_url)
    assert status == "open" and "31.65% of 2023 GDP" in now
    assert [t[1] for t in _trail(db_url, finding_id)] == ["resolve", "reopen"]
    assert "reopened by data" in _trail(db_url, finding_id)[1][3]


def test_a_new_exchange_rate_that_makes_a_conversion_right_resolves_it(tmp_path: Path,
                                                                       db_url: str) -> None:
    reference = _reference(tmp_path)
    settings = _settings(tmp_path, db_url, reference)
    processed_article(pipeline.Context(settings), "conversion", "Harbour Post", CONVERSION,
                      datetime(2021, 3, 10, tzinfo=UTC))
    [(finding_id, check, status, _)] = _arithmetic(db_url)
    assert (check, status) == ("conversion", "open")

    def rate_2020(row: dict[str, str]) -> dict[str, str]:
        return {**row, "rate": "5.676"} if row["year"] == "2020" else row

    _rewrite(reference / "exchange_rates.csv", lambda row: True, rate_2020)
    assert reverify(settings) == 1
    assert _arithmetic(db_url)[0][2] == "resolved"
    assert [t[1] for t in _trail(db_url, finding_id)] == ["resolve"]


def test_a_change_that_makes_a_share_wrong_opens_a_finding_and_alerts(tmp_path: Path,
                                                                       db_url: str) -> None:
    reference = _reference(tmp_path)
    settings = _settings(tmp_path, db_url, reference)
    processed_article(pipeline.Context(settings), "share", "Harbour Post", SHARE,
                      datetime(2025, 3, 10, tzinfo=UTC))
    assert _arithmetic(db_url) == []  # on the revised GDP it adds up

    _rewrite(reference / "observations.csv", _not_revised_2023_gdp)
    assert reverify(settings) == 1
    [(finding_id, check, status, _)] = _arithmetic(db_url)
    assert (check, status) == ("share_of_gdp", "open")
    with session_scope(db_url) as s:
        assert finding_id in set(s.scalars(select(AlertDelivery.finding_id)))


def test_a_sum_still_printed_wrong_elsewhere_stays_open(tmp_path: Path, db_url: str) -> None:
    """One publisher printed the same share twice, before and after the revision came out:
    one finding (one fingerprint) links both. The revision clears the later article only, so
    the finding stays open: the earlier one still divides by a GDP it could not have known."""
    reference = _reference(tmp_path)
    observations = reference / "observations.csv"
    shipped = observations.read_text(encoding="utf-8")
    _rewrite(observations, _not_revised_2023_gdp)
    settings = _settings(tmp_path, db_url, reference)
    ctx = pipeline.Context(settings)
    processed_article(ctx, "early", "Harbour Post", SHARE_AGAIN, datetime(2024, 6, 1, tzinfo=UTC))
    processed_article(ctx, "late", "Harbour Post", SHARE, datetime(2025, 3, 10, tzinfo=UTC))
    [(finding_id, _, status, _)] = _arithmetic(db_url)
    assert status == "open"
    with session_scope(db_url) as s:
        finding = s.get(Finding, finding_id)
        assert finding is not None and len({c.article_id for c in finding.claims}) == 2

    observations.write_text(shipped, encoding="utf-8")
    assert reverify(settings) == 2
    assert _arithmetic(db_url)[0][2] == "open" and _trail(db_url, finding_id) == []


def test_a_reviewers_gdp_figure_settles_a_share_of_it(tmp_path: Path, db_url: str) -> None:
    """The web's path: a reviewer adds a revised GDP; every article is verified again (GDP
    is every share's denominator), and the share that divides by it is resolved."""
    settings = _settings(tmp_path, db_url, PROJECT_DIR / "reference_data")
    processed_article(pipeline.Context(settings), "manufacturing", "Harbour Post", MANUFACTURING,
                      datetime(2025, 3, 10, tzinfo=UTC))
    [(finding_id, _, status, _)] = _arithmetic(db_url)
    assert status == "open"
    errors = add_observation(settings, NewObservation(
        indicator="gdp", geography="CN", period="2024", value=140_000_000_000_000.0, unit="CNY",
        qualifier="exact", publisher="Test Statistics Office",
        source_url="https://stats.example.org/gdp-2024-revised", published=date(2025, 2, 1),
        note="revision fixture"), "rita")
    assert errors == []
    assert _arithmetic(db_url)[0][2] == "resolved"
    assert [t[:2] for t in _trail(db_url, finding_id)] == [("claimwatch", "resolve")]


def test_a_reviewers_decision_on_a_sum_is_not_overturned(tmp_path: Path, db_url: str) -> None:
    reference = _reference(tmp_path)
    observations = reference / "observations.csv"
    shipped = observations.read_text(encoding="utf-8")
    _rewrite(observations, _not_revised_2023_gdp)
    settings = _settings(tmp_path, db_url, reference)
    processed_article(pipeline.Context(settings), "share", "Harbour Post", SHARE,
                      datetime(2025, 3, 10, tzinfo=UTC))
    [(finding_id, _, _, _)] = _arithmetic(db_url)
    with session_scope(db_url) as s:
        finding = s.get(Finding, finding_id)
        assert finding is not None
        finding.status = "confirmed"
    observations.write_text(shipped, encoding="utf-8")
    assert reverify(settings) == 1
    assert _arithmetic(db_url)[0][2] == "confirmed" and _trail(db_url, finding_id) == []
