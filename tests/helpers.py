"""Test helpers that put articles through the real pipeline (shared by several test modules)."""

from __future__ import annotations

from datetime import datetime

from claimwatch import pipeline
from store import articles
from store.db import session_scope


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
