"""Fixtures for the review web layer: the app on a temp SQLite DB, users, seeded findings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI

from claimwatch.settings import Settings
from review import auth
from review.app import create_app
from tests.review.review_helpers import Seeder, TestClient, login


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with small parameters: the same code path, a fraction of the time."""
    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024,
                                                        parallelism=1))


@pytest.fixture
def seed(settings: Settings) -> Seeder:
    return Seeder(settings.db_url)


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, follow_redirects=False) as c:
        yield c


@pytest.fixture
def reviewer(client: TestClient, seed: Seeder) -> TestClient:
    """The client, logged in as a reviewer called ana."""
    seed.user("ana", "reviewer")
    assert login(client, "ana").status_code == 303
    return client
