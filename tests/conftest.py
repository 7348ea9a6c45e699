"""Shared fixtures: databases (SQLite and the real PostgreSQL), settings, reference data."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from claimwatch.settings import Settings
from store.migrate import upgrade
from tests.alert_receivers import Webhook
from tests.helpers import app_settings

PG_ADMIN_URL = os.environ.get("CLAIMWATCH_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_available() -> bool:
    try:
        engine = create_engine(PG_ADMIN_URL)
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def pg_server() -> str:
    if not _pg_available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not reachable on 127.0.0.1:5432; .ci/run should start it")
        pytest.skip("PostgreSQL is not running")
    return PG_ADMIN_URL


def make_pg_database(admin_url: str) -> str:
    """A fresh database per test, so runs (and helpers) never share state."""
    name = f"cw_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def drop_pg_database(admin_url: str, url: str) -> None:
    from store.db import engine_for

    engine_for(url).dispose()
    name = url.rsplit("/", 1)[1]
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database: each storage test runs once on each engine."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
        upgrade(url)
        yield url
        return
    admin = request.getfixturevalue("pg_server")
    url = make_pg_database(admin)
    try:
        upgrade(url)
        yield url
    finally:
        drop_pg_database(admin, url)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'test.db'}"
    upgrade(url)
    return url


@pytest.fixture
def settings(tmp_path: Path, sqlite_url: str) -> Settings:
    return app_settings(tmp_path, sqlite_url)


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    """A JSON webhook receiver on loopback, for json:// alert channels."""
    hook = Webhook()
    yield hook
    hook.close()
