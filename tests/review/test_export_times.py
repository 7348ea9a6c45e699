"""Every timestamp the exports and the API give out is ISO 8601 with its UTC offset, on
SQLite (which hands times back without a zone) as on PostgreSQL."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from claimwatch.settings import PROJECT_DIR, Settings
from review.app import create_app
from tests.review.review_helpers import Seeder, TestClient


@pytest.fixture
def api(tmp_path: Path, db_url: str) -> Iterator[tuple[TestClient, dict[str, str], Seeder]]:
    settings = Settings(var_dir=tmp_path / "var", database_url=db_url,
                        secret_key="test-secret-key", reference_dir=PROJECT_DIR / "reference_data")
    seed = Seeder(db_url)
    token = seed.user("ana")
    with TestClient(create_app(settings), follow_redirects=False) as client:
        yield client, {"Authorization": f"Bearer {token}"}, seed


def _utc_now_ish(text: str, start: datetime) -> None:
    stamp = datetime.fromisoformat(text)
    assert stamp.utcoffset() == timedelta(0), text  # a zone, and it is UTC
    assert start - timedelta(minutes=5) <= stamp <= datetime.now(UTC) + timedelta(minutes=5)


def test_export_and_api_timestamps_carry_their_offset(
        api: tuple[TestClient, dict[str, str], Seeder]) -> None:
    client, auth, seed = api
    start = datetime.now(UTC)
    finding = seed.simple()
    assert client.post(f"/api/findings/{finding}/decide", headers=auth,
                       json={"action": "confirm"}).status_code == 200

    csv_text = client.get("/api/export/decisions.csv", headers=auth,
                          params={"status": "all"}).text
    [row] = list(csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff"))))
    assert row["created_at"].endswith("+00:00")
    _utc_now_ish(row["created_at"], start)
    [decision] = client.get("/api/export/decisions.json", headers=auth,
                            params={"status": "all"}).json()["decisions"]
    assert decision["created_at"] == row["created_at"]

    csv_text = client.get("/api/export/findings.csv", headers=auth,
                          params={"status": "all"}).text
    [row] = list(csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff"))))
    [exported] = client.get("/api/export/findings.json", headers=auth,
                            params={"status": "all"}).json()["findings"]
    detail = client.get(f"/api/findings/{finding}", headers=auth).json()
    for text in (row["created_at"], row["updated_at"], exported["created_at"],
                 exported["updated_at"], detail["created_at"], detail["events"][0]["created_at"]):
        _utc_now_ish(text, start)
