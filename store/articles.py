"""Articles: one row per canonical URL, from feed entry to processed text."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.db import insert_ignore
from store.models import Article, utcnow


def add_entry(session: Session, *, source_id: int | None, url: str, canonical_url: str,
              guid: str | None, title: str, published_at: datetime | None,
              publisher: str) -> int | None:
    """Insert a newly seen article; None when its canonical URL is already known."""
    added = insert_ignore(session, Article, {
        "source_id": source_id, "url": url, "canonical_url": canonical_url, "guid": guid,
        "title": title, "published_at": published_at, "publisher": publisher,
        "status": "pending", "text": "", "created_at": utcnow(),
    }, ["canonical_url"])
    if not added:
        return None
    return session.scalar(select(Article.id).where(Article.canonical_url == canonical_url))


def get_article(session: Session, article_id: int) -> Article | None:
    return session.get(Article, article_id)


def find_by_hash(session: Session, content_hash: str, exclude_id: int) -> Article | None:
    return session.scalar(
        select(Article).where(Article.content_hash == content_hash, Article.id != exclude_id)
        .order_by(Article.id).limit(1)
    )


def texts_for_dedupe(session: Session, limit: int = 5000) -> list[tuple[int, str]]:
    """Recent originals, to rebuild the near-duplicate index in a fresh worker."""
    rows = session.execute(
        select(Article.id, Article.text).where(
            Article.duplicate_of_id.is_(None), Article.status == "processed", Article.text != "")
        .order_by(Article.id.desc()).limit(limit))
    return [(r[0], r[1]) for r in rows]


def origin_id(article: Article) -> int:
    return article.duplicate_of_id or article.id
