"""Adding a reference observation from the finding page verifies claims again only for a
bounded time while the reviewer waits; the periodic job (what worker.tasks.reverify_reference
runs) finishes the rest. Real pipeline, both databases."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from claimwatch import observations, pipeline
from claimwatch.observations import current_version
from claimwatch.reverify import reverify
from claimwatch.settings import Settings
from review import pages
from store import articles
from store.db import session_scope
from store.models import Article, Claim, Finding
from tests.helpers import app_settings
from tests.review.review_helpers import Seeder, TestClient, csrf_of, login

WHEN = datetime(2025, 8, 10, tzinfo=UTC)


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    """The review app on each database (overrides the SQLite-only fixture of conftest)."""
    return app_settings(tmp_path, db_url)


def _articles(settings: Settings, count: int) -> list[int]:
    """Processed articles from different publishers, each claiming 4.9 million 5G base
    stations at the end of June 2025: inconsistent with the reference data as shipped."""
    ctx = pipeline.Context(settings)
    ids = []
    for n in range(count):
        with session_scope(settings.db_url) as s:
            article_id = articles.add_entry(
                s, source_id=None, url=f"http://127.0.0.1/obs/{n}",
                canonical_url=f"http://127.0.0.1/obs/{n}", guid=None, title=f"report {n}",
                published_at=WHEN, publisher=f"Wire {n}")
        assert article_id is not None
        desk = "ABCDEFGHIJ"[n]  # a letter, not a digit: a stray number would be a claim
        text = (f"From the {desk} desk. By the end of June 2025, China had built 4.9 million "
                f"5G base stations, the industry ministry said to desk {desk}.")
        assert pipeline.store_page(ctx, article_id, f"report {n}", text, "en", WHEN)
        pipeline.process_article(ctx, article_id)
        ids.append(article_id)
    return ids


def _state(settings: Settings) -> tuple[int, list[str]]:
    """(articles still on an older reference version, the verdict findings' statuses)."""
    version = current_version(settings)
    with session_scope(settings.db_url) as s:
        old = [a for a in s.scalars(select(Article)) if a.reference_version != version]
        statuses = sorted(s.scalars(select(Finding.status).where(Finding.type == "verdict")))
    return len(old), statuses


def _add(client: TestClient, finding_id: int) -> Any:
    page = client.get(f"/findings/{finding_id}")
    return client.post(f"/findings/{finding_id}/observations", data={
        "csrf": csrf_of(page.text), "indicator": "5g_base_stations", "geography": "CN",
        "period": "2025-06", "value": "4900000", "unit": "count", "qualifier": "exact",
        "publisher": "Test Statistics Office", "source_url": "https://stats.example.org/5g",
        "published": "2025-07-20", "note": ""})


def _first_finding(settings: Settings) -> int:
    with session_scope(settings.db_url) as s:
        finding_id = s.scalar(select(Finding.id).where(Finding.type == "verdict")
                              .order_by(Finding.id))
    assert finding_id is not None
    return finding_id


def test_the_request_does_a_bounded_part_and_the_periodic_job_the_rest(
        client: TestClient, seed: Seeder, settings: Settings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _articles(settings, 3)
    assert _state(settings) == (0, ["open", "open", "open"])
    # no time at all: one batch (of one article) and then back to the reviewer
    monkeypatch.setattr(pages, "OBSERVATION_VERIFY_SECONDS", 0.0)
    monkeypatch.setattr(observations, "REVERIFY_BATCH", 1)
    seed.user("ana")
    assert login(client, "ana").status_code == 303
    response = _add(client, _first_finding(settings))
    assert response.status_code == 303
    message = client.get(response.headers["location"]).text
    # the finding's own article, then one batch (of one) of the indicator's
    assert "verified again in 2 articles; the other articles will be by the periodic" in message
    assert _state(settings) == (1, ["open", "resolved", "resolved"])
    assert reverify(settings) == 1  # worker.tasks.reverify_reference
    assert _state(settings) == (0, ["resolved", "resolved", "resolved"])


def test_a_few_articles_are_all_done_in_the_request(client: TestClient, seed: Seeder,
                                                    settings: Settings) -> None:
    _articles(settings, 2)
    seed.user("ana")
    assert login(client, "ana").status_code == 303
    response = _add(client, _first_finding(settings))
    assert response.status_code == 303
    message = client.get(response.headers["location"]).text
    assert "the claims about it were verified again (2 articles)" in message
    assert _state(settings) == (0, ["resolved", "resolved"])
    assert reverify(settings) == 0


def test_reverify_briefly_stops_between_batches(settings: Settings,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _articles(settings, 5)
    with session_scope(settings.db_url) as s:
        for article in s.scalars(select(Article)):
            article.reference_version = "older"
    monkeypatch.setattr(observations, "REVERIFY_BATCH", 2)
    assert observations.reverify_briefly(settings, "5g_base_stations", 0.0) == (2, False)
    assert _state(settings)[0] == 3
    # with time enough it goes on to the end (a short last batch says nothing is left)
    assert observations.reverify_briefly(settings, "5g_base_stations", 600.0) == (3, True)
    assert _state(settings)[0] == 0
    # an indicator no article is about: nothing to do, and done
    assert observations.reverify_briefly(settings, "nev_sales", 0.0) == (0, True)


def _finding_of(settings: Settings, article_id: int) -> int:
    with session_scope(settings.db_url) as s:
        finding_id = s.scalar(select(Finding.id).join(Finding.claims)
                              .where(Finding.type == "verdict", Claim.article_id == article_id))
    assert finding_id is not None
    return finding_id


def _finding_status(settings: Settings, finding_id: int) -> str:
    with session_scope(settings.db_url) as s:
        finding = s.get(Finding, finding_id)
        assert finding is not None
        return finding.status


def test_the_finding_on_screen_is_verified_first(client: TestClient, seed: Seeder,
                                                 settings: Settings,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Oldest first would spend the reviewer's wait on other articles: the finding whose page
    the observation was added from is settled in the request, whatever its article's age."""
    ids = _articles(settings, 3)
    newest = _finding_of(settings, ids[-1])
    others = [_finding_of(settings, i) for i in ids[:-1]]
    monkeypatch.setattr(pages, "OBSERVATION_VERIFY_SECONDS", 0.0)
    monkeypatch.setattr(observations, "REVERIFY_BATCH", 1)
    seed.user("ana")
    assert login(client, "ana").status_code == 303
    response = _add(client, newest)
    assert response.status_code == 303
    page = client.get(response.headers["location"]).text
    # its own article, then one batch of the indicator's (the oldest): two of three
    assert "verified again in 2 articles; the other articles will be by the periodic" in page
    assert _finding_status(settings, newest) == "resolved"
    assert [_finding_status(settings, f) for f in others] == ["resolved", "open"]
    assert 'class="badge status-resolved"' in page


def test_reverify_only_the_articles_asked_for(settings: Settings) -> None:
    ids = _articles(settings, 3)
    with session_scope(settings.db_url) as s:
        for article in s.scalars(select(Article)):
            article.reference_version = "older"
    # an id that is not outdated (or does not exist) is passed over, not an error
    assert reverify(settings, article_ids=[ids[2], 999_999]) == 1
    version = current_version(settings)
    with session_scope(settings.db_url) as s:
        versions = {a.id: a.reference_version for a in s.scalars(select(Article))}
    assert versions == {ids[0]: "older", ids[1]: "older", ids[2]: version}
    assert reverify(settings, article_ids=[]) == 0
    assert reverify(settings, limit=1, article_ids=ids) == 1
    assert reverify(settings) == 1


def test_reverify_briefly_takes_the_first_articles_first(settings: Settings,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _articles(settings, 4)
    with session_scope(settings.db_url) as s:
        for article in s.scalars(select(Article)):
            article.reference_version = "older"
    monkeypatch.setattr(observations, "REVERIFY_BATCH", 2)
    version = current_version(settings)

    def fresh() -> list[int]:
        with session_scope(settings.db_url) as s:
            return sorted(a.id for a in s.scalars(select(Article))
                          if a.reference_version == version)

    # out of time after the first batch of the finding's articles (the newest three)
    assert observations.reverify_briefly(settings, "5g_base_stations", 0.0,
                                         first=[ids[3], ids[2], ids[1]]) == (2, False)
    assert fresh() == sorted([ids[3], ids[2]])
    # given time, the rest of `first`, then the indicator's others
    assert observations.reverify_briefly(settings, "5g_base_stations", 600.0,
                                         first=[ids[1], ids[1]]) == (2, True)
    assert fresh() == sorted(ids)
