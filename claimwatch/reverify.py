"""Verify again what was verified against older reference data.

Every article records the reference version its verdicts came from. When the files in
reference_data/ change or a reviewer adds an observation, the version changes; this finds
the processed articles still on another version, runs them through the same
`pipeline.process_article`, and settles their findings: one whose claim the new data show
to be right is closed as resolved by data (with an audit event), new problems are opened
and alerted like any other.
"""

from __future__ import annotations

import logging
from collections.abc import Collection

from claimwatch import pipeline
from claimwatch.settings import Settings
from store import reverification
from store.db import session_scope

log = logging.getLogger("claimwatch.reverify")

# GDP is the denominator of every share-of-GDP check: a change to it touches articles whose
# claims are about other indicators, so no narrowing by indicator.
_WIDE_INDICATORS = frozenset({"gdp"})


def reverify(settings: Settings, *, limit: int = 500, indicator: str | None = None,
             article_ids: Collection[int] | None = None) -> int:
    """Verify again up to `limit` processed articles whose reference version is not the
    current one (only those with a claim about `indicator`, when given; only those among
    `article_ids`, when given: the articles a reviewer is looking at); returns how many."""
    ctx = pipeline.Context(settings)  # fresh: reads the reference data as they are now
    version = ctx.checker().data.version
    narrow = None if indicator in _WIDE_INDICATORS else indicator
    with session_scope(ctx.db) as s:
        due = reverification.outdated_articles(s, version, limit=limit, indicator=narrow,
                                               article_ids=article_ids)
    done = 0
    for article_id in due:
        opened = pipeline.process_article(ctx, article_id)
        with session_scope(ctx.db) as s:
            resolved, reopened = reverification.settle_verdict_findings(s, article_id, version)
        if opened:
            pipeline.queue_alerts(ctx, opened)
        if opened or resolved or reopened:
            log.info("article %s verified again on %s: %d opened, %d resolved, %d reopened",
                     article_id, version, len(opened), len(resolved), len(reopened),
                     extra={"article_id": article_id})
        done += 1
    return done
