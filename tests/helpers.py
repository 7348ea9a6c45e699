"""Helpers shared by test modules: the app's settings on a test database, articles put
through the real pipeline."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from claimwatch import pipeline
from claimwatch.settings import PROJECT_DIR, Settings
from store import articles
from store.db import session_scope

TEST_SECRET_KEY = "test-secret-key"  # app_settings' secret: sessions, sealed channel URLs


def app_settings(tmp_path: Path, db_url: str) -> Settings:
    """Settings for the web app and the pipeline on `db_url`: files under tmp_path, an
    embedded broker, loopback allowed, a fixed secret key, the shipped reference data."""
    return Settings(var_dir=tmp_path / "var", database_url=db_url,
                    broker_url=f"sqla+sqlite:///{tmp_path / 'broker.db'}",
                    allow_private_hosts="127.0.0.1", secret_key=TEST_SECRET_KEY,
                    reference_dir=PROJECT_DIR / "reference_data")


def processed_article(ctx: pipeline.Context, slug: str, publisher: str, text: str,
                      published: datetime, language: str = "en") -> int:
    """An article at http://127.0.0.1/<slug> from `publisher`, its page stored and processed
    (claims extracted and verified, conflict keys marked); its id."""
    with session_scope(ctx.db) as s:
        article_id = articles.add_entry(
            s, source_id=None, url=f"http://127.0.0.1/{slug}",
            canonical_url=f"http://127.0.0.1/{slug}", guid=None, title=slug,
            published_at=published, publisher=publisher)
    assert article_id is not None
    assert pipeline.store_page(ctx, article_id, slug, text, language, published)
    pipeline.process_article(ctx, article_id)
    return article_id
