"""`claimwatch crawl`: poll sources now, in this process, through the same pipeline steps
the worker runs (feeds, sitemaps and listing pages alike), with a progress bar and a
summary of what became of each article."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import timedelta
from typing import Any

from claimwatch import pipeline
from claimwatch.settings import Settings
from store import sources
from store.db import session_scope
from store.migrate import upgrade
from store.models import Article, Source

# an article's final status -> the summary's count it adds to
OUTCOMES = {"processed": "processed", "fetched": "processed", "duplicate": "duplicates",
            "irrelevant": "irrelevant", "skipped": "robots", "failed": "failed"}


# makes a progress bar for (number of articles, label); click.progressbar fits
ProgressFactory = Callable[[int, str], AbstractContextManager[Any]]


def crawl_once(settings: Settings, source_key: str | None,
               echo: Callable[[str], None] = print,
               progress: ProgressFactory | None = None) -> dict[str, int]:
    """Poll each enabled source (or the one asked for, even disabled), fetch and check its
    new articles; returns the counts printed as the summary.

    new: articles seen for the first time; processed: fetched and checked; duplicates:
    the same text as an article already stored; irrelevant: skipped as off-topic;
    robots: not fetched because robots.txt says no; failed: the page could not be
    fetched or read; sources_failed: sources whose feed, sitemap or listing failed.
    """
    upgrade(settings.db_url, secret=settings.session_secret())
    ctx = pipeline.Context(settings)
    with session_scope(settings.db_url) as s:
        if source_key:
            src = sources.find_source(s, source_key)
            if src is None:
                raise ValueError(f"no source {source_key!r}")
            targets = [(src.id, src.name, src.kind)]
        else:
            targets = [(x.id, x.name, x.kind) for x in sources.list_sources(s) if x.enabled]
    summary = {"sources": len(targets), "sources_failed": 0, "new": 0, "processed": 0,
               "duplicates": 0, "irrelevant": 0, "robots": 0, "failed": 0, "findings": 0}
    for n, (source_id, name, kind) in enumerate(targets, start=1):
        new_ids = pipeline.poll_source(ctx, source_id)
        with session_scope(settings.db_url) as s:
            source = s.get(Source, source_id)
            error = source.last_error if source is not None else "removed"
        if error:
            summary["sources_failed"] += 1
            echo(f"[{n}/{len(targets)}] {name} ({kind}): failed: {error}")
            continue
        echo(f"[{n}/{len(targets)}] {name} ({kind}): {len(new_ids)} new")
        summary["new"] += len(new_ids)
        bar = progress(len(new_ids), name) if progress and new_ids else nullcontext(None)
        with bar as step:
            for article_id in new_ids:
                if pipeline.fetch_article(ctx, article_id):
                    opened = pipeline.process_article(ctx, article_id)
                    summary["findings"] += len(opened)
                    pipeline.queue_alerts(ctx, opened)
                with session_scope(settings.db_url) as s:
                    article = s.get(Article, article_id)
                    status = article.status if article else "failed"
                summary[OUTCOMES.get(status, "failed")] += 1
                if step is not None:
                    step.update(1)
    # cross-source conflicts: once over every key the crawl touched, as beat's check does
    opened = pipeline.check_all_conflicts(ctx)
    summary["findings"] += len(opened)
    pipeline.queue_alerts(ctx, opened)
    summary["alerts"] = pipeline.flush_alerts(ctx, window=timedelta(0))
    return summary


def describe(summary: dict[str, int]) -> str:
    """The summary as one line."""
    return (f"sources: {summary['sources']} ({summary['sources_failed']} failed), "
            f"new: {summary['new']}, processed: {summary['processed']}, "
            f"duplicates: {summary['duplicates']}, irrelevant: {summary['irrelevant']}, "
            f"robots: {summary['robots']}, failed: {summary['failed']}, "
            f"findings: {summary['findings']}, alerts: {summary['alerts']}")
