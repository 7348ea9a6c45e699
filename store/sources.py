"""Sources: what to crawl, and how each one is doing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from store.clock import as_utc
from store.models import Article, Source


def upsert_source(session: Session, *, name: str, url: str, kind: str = "feed",
                  language: str = "en", publisher: str = "", interval_minutes: int = 60,
                  enabled: bool = True, selectors: dict[str, Any] | None = None) -> Source:
    source = session.scalar(select(Source).where(Source.url == url))
    if source is None:
        source = Source(url=url)
        session.add(source)
    source.name = name
    source.kind = kind
    source.language = language
    source.publisher = publisher or name
    source.interval_minutes = interval_minutes
    source.enabled = enabled
    source.selectors = selectors or {}
    session.flush()
    return source


def list_sources(session: Session) -> list[Source]:
    return list(session.scalars(select(Source).order_by(Source.id)))


def find_source(session: Session, key: str) -> Source | None:
    """By id or by URL."""
    if key.isdigit():
        return session.get(Source, int(key))
    return session.scalar(select(Source).where(Source.url == key))


def claim_due_sources(session: Session, now: datetime, lease: timedelta) -> list[int]:
    """The sources due now, each taken by one caller only: the conditional UPDATE moves
    next_poll_at on by a lease, so a second scheduler (a beat started twice by mistake)
    finds nothing left to send. The poll itself sets the real next time."""
    due = list(session.scalars(select(Source.id).where(
        Source.enabled.is_(True),
        or_(Source.next_poll_at.is_(None), Source.next_poll_at <= now),
    ).order_by(Source.next_poll_at)))
    taken = []
    for source_id in due:
        result = session.execute(
            update(Source)
            .where(Source.id == source_id,
                   or_(Source.next_poll_at.is_(None), Source.next_poll_at <= now))
            .values(next_poll_at=now + lease)
            .returning(Source.id))
        if result.first() is not None:
            taken.append(source_id)
    return taken


def record_poll(session: Session, source: Source, *, now: datetime, next_poll_at: datetime,
                error: str | None, etag: str | None = None,
                last_modified: str | None = None) -> None:
    source.last_polled_at = now
    source.next_poll_at = next_poll_at
    if error is None:
        source.last_success_at = now
        source.last_error = None
        source.consecutive_failures = 0
        # a 304 without validators keeps the ones we had
        source.etag = etag or source.etag
        source.last_modified = last_modified or source.last_modified
    else:
        source.last_error = error
        source.consecutive_failures += 1



@dataclass(frozen=True)
class SourceRecord:
    """What crawler.health needs to judge one source."""

    id: int
    name: str
    enabled: bool
    consecutive_failures: int
    last_success_at: datetime | None
    last_error: str | None
    article_times: list[datetime]
    added_at: datetime | None = None  # silence before a source was added is not held against it


def _aware(value: datetime | None) -> datetime | None:
    return as_utc(value) if value is not None else None


def health_records(session: Session, per_source: int = 100) -> list[SourceRecord]:
    """Each source with the times of its latest articles (published date, or when it was
    found if the page gave none), newest first, at most per_source of them."""
    records = []
    when = func.coalesce(Article.published_at, Article.created_at)
    for src in session.scalars(select(Source).order_by(Source.id)):
        times = [_aware(t) for t in session.scalars(
            select(when).where(Article.source_id == src.id).order_by(when.desc()).limit(per_source))]
        records.append(SourceRecord(
            id=src.id, name=src.name, enabled=src.enabled,
            consecutive_failures=src.consecutive_failures or 0,
            last_success_at=_aware(src.last_success_at), last_error=src.last_error,
            article_times=[t for t in times if t is not None], added_at=_aware(src.created_at)))
    return records


def recent_publication_dates(session: Session, source_id: int, limit: int = 20) -> list[datetime]:
    """The latest publication dates the source gave, newest first (undated articles left out:
    the time they were found says how often we looked, not how often it publishes)."""
    rows = session.scalars(
        select(Article.published_at)
        .where(Article.source_id == source_id, Article.published_at.is_not(None))
        .order_by(Article.published_at.desc()).limit(limit))
    return [t for t in (_aware(r) for r in rows) if t is not None]
