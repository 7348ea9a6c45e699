"""`claimwatch crawl`: poll sources now, in this process, through the same pipeline steps."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from claimwatch import pipeline
from claimwatch.settings import Settings
from store import sources
from store.db import session_scope
from store.migrate import upgrade
from store.models import Article


def crawl_once(settings: Settings, source_key: str | None,
               echo: Callable[[str], None] = print) -> dict[str, int]:
    upgrade(settings.db_url)
    ctx = pipeline.Context(settings)
    with session_scope(settings.db_url) as s:
        if source_key:
            src = sources.find_source(s, source_key)
            if src is None:
                raise ValueError(f"no source {source_key!r}")
            targets = [(src.id, src.name)]
        else:
            targets = [(x.id, x.name) for x in sources.list_sources(s) if x.enabled]
    summary = {"sources": len(targets), "new": 0, "processed": 0, "duplicates": 0,
               "irrelevant": 0, "failed": 0, "findings": 0}
    for n, (source_id, name) in enumerate(targets, start=1):
        new_ids = pipeline.poll_source(ctx, source_id)
        echo(f"[{n}/{len(targets)}] {name}: {len(new_ids)} new")
        summary["new"] += len(new_ids)
        for article_id in new_ids:
            if pipeline.fetch_article(ctx, article_id):
                opened = pipeline.process_article(ctx, article_id)
                summary["findings"] += len(opened)
                summary["processed"] += 1
                pipeline.queue_alerts(ctx, opened)
                continue
            with session_scope(settings.db_url) as s:
                article = s.get(Article, article_id)
                status = article.status if article else "failed"
            key = {"duplicate": "duplicates", "irrelevant": "irrelevant"}.get(status, "failed")
            summary[key] += 1
    summary["alerts"] = pipeline.flush_alerts(ctx, window=timedelta(0))
    return summary
