"""The per-host gate in front of every fetch a worker makes.

Workers ask before fetching; when the host's slot is taken they are told how
long to wait, and the task comes back later (worker/tasks.py) without the wait
counting as a failure. The slot lives in the database (store/politeness.py),
so the limit holds across processes and machines.
"""

from __future__ import annotations

import random
from urllib.parse import urlsplit

from claimwatch.pipeline import Context
from store import politeness
from store.db import session_scope
from store.models import Article, Source


def host_of(url: str) -> str:
    """The host a limit applies to: ports share it (one server, one politeness budget)."""
    return (urlsplit(url).hostname or "").lower()


def host_delay(ctx: Context, url: str) -> float:
    """Our own delay, or the site's robots.txt Crawl-delay when it asks for more."""
    asked = ctx.robots().crawl_delay(url) or 0.0
    return max(ctx.settings.domain_delay, asked)


def wait_for_host(ctx: Context, url: str) -> float:
    """0.0 when the caller may fetch url now (and the slot is taken); otherwise seconds to wait,
    with some jitter so that tasks refused together do not all come back at the same instant."""
    host = host_of(url)
    if not host:
        return 0.0  # no host, no fetch: the fetch itself reports the bad URL
    delay = host_delay(ctx, url)
    with session_scope(ctx.db) as s:
        wait = politeness.claim_slot(s, host, delay)
    return wait + random.uniform(0, delay) if wait else 0.0


def article_wait(ctx: Context, article_id: int) -> float:
    """The gate for fetch_article; an article not waiting to be fetched takes no slot."""
    with session_scope(ctx.db) as s:
        article = s.get(Article, article_id)
        if article is None or article.status != "pending":
            return 0.0
        url = article.url
    return wait_for_host(ctx, url)


def source_wait(ctx: Context, source_id: int) -> float:
    """The gate for poll_source; a missing or disabled source takes no slot."""
    with session_scope(ctx.db) as s:
        source = s.get(Source, source_id)
        if source is None or not source.enabled:
            return 0.0
        url = source.url
    return wait_for_host(ctx, url)
