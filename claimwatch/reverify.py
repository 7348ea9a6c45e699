"""Verify again what was verified against older reference data.

Every article records the reference version its verdicts came from. When the files in
reference_data/ change or a reviewer adds an observation, the version changes; this finds
the processed articles still on another version, runs them through the same
`pipeline.process_article`, and settles their findings: one whose claim the new data show
to be right is closed as resolved by data (with an audit event), new problems are opened
and alerted like any other.

Arithmetic findings are settled the same way, those of the checks that read the reference
data (`verifier.arithmetic.DATA_CHECKS`: a share of GDP, a currency conversion): one that no
article it was found in gives any more is resolved, one resolved so that is given again is
reopened. A from-to growth or parts against their total compare the article's own figures,
which a change to the reference data does not touch.
"""

from __future__ import annotations

import logging
from collections.abc import Collection

from sqlalchemy.orm import Session

from claimwatch import pipeline
from claimwatch.settings import Settings
from store import reverification
from store.db import session_scope
from store.reverification import ArticleText, Holding
from verifier.arithmetic import DATA_CHECKS

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
            sums_resolved, sums_reopened = _settle_arithmetic(ctx, s, article_id, version)
            resolved, reopened = resolved + sums_resolved, reopened + sums_reopened
        if opened:
            pipeline.queue_alerts(ctx, opened)
        if opened or resolved or reopened:
            log.info("article %s verified again on %s: %d opened, %d resolved, %d reopened",
                     article_id, version, len(opened), len(resolved), len(reopened),
                     extra={"article_id": article_id})
        done += 1
    return done


def _settle_arithmetic(ctx: pipeline.Context, s: Session, article_id: int,
                       version: str) -> tuple[list[int], list[int]]:
    """Settle the article's arithmetic findings that depend on the reference data: each holds
    while the check of one of the articles it links (the same publisher can print the same
    sum twice) still gives it on the current data."""
    found = reverification.arithmetic_findings(s, article_id, DATA_CHECKS)
    if not found:
        return [], []
    # the article's own check runs once more here (process_article keeps no result): only the
    # few articles with such a finding pay for it
    checker = ctx.checker(s)
    given: dict[int, dict[str, Holding]] = {}

    def gives(article: ArticleText) -> dict[str, Holding]:
        if article.id not in given:
            result = checker.check(article.text, article.published)
            given[article.id] = {
                pipeline.arithmetic_fingerprint(f, result.claims, article.publisher):
                    Holding(f.explanation, f.severity, f.detail)
                for f in result.findings}
        return given[article.id]

    holding = {f.id: next((gives(a)[f.fingerprint] for a in reverification.finding_articles(f)
                           if f.fingerprint in gives(a)), None)
               for f in found}
    return reverification.settle_arithmetic_findings(s, found, holding, version)
