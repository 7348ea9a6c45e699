"""The steps of the flow, each "load, call crawler or verifier, save", in its own transaction.

Celery tasks (worker/tasks.py), the CLI and the tests call these same functions;
each returns the ids of what the next step should take, only after its
transaction has committed, so a task is never sent for rows not yet visible.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

# The alert steps live in claimwatch/alerting.py (routing, grouping, reminders, digests, source
# health); their names stay importable from here for the tasks, the CLI and the tests.
from claimwatch.alerting import check_source_health as check_source_health
from claimwatch.alerting import deliver_alerts as deliver_alerts
from claimwatch.alerting import flush_alerts as flush_alerts
from claimwatch.alerting import queue_alerts as queue_alerts
from claimwatch.alerting import retry_alerts as retry_alerts
from claimwatch.alerting import send_digests as send_digests
from claimwatch.settings import Settings
from crawler.dates import FUTURE_NOTE, not_after
from crawler.dedupe import NearDuplicateIndex, content_hash
from crawler.encodings import decode_html
from crawler.extract import ExtractError, extract_page
from crawler.feeds import FeedEntry, FeedError, parse_feed
from crawler.fetch import FetchConfig, FetchError, fetch
from crawler.listing import SelectorError
from crawler.relevance import RELEVANCE_THRESHOLD, relevance_score
from crawler.robots import RobotsCache, shared_cache
from crawler.schedule import next_interval
from crawler.spiders import CrawlError, crawl_links
from crawler.urls import canonical_url
from store import articles, conflict_keys, findings, sources
from store.db import session_scope
from store.models import Article, Finding, Source
from store.reference import reviewer_reference, reviewer_stamp
from verifier.check import Checker, CheckResult
from verifier.claims import Claim as ClaimData
from verifier.claims import Finding as FindingData
from verifier.conflicts import Conflict, SourcedClaim, find_conflicts_fast
from verifier.reference import REFERENCE_FILES, ReferenceData, load_reference
from verifier.verdicts import apply, verify
from worker import alerts

log = logging.getLogger("claimwatch.pipeline")
MAX_BACKOFF = timedelta(days=1)


@dataclass
class Context:
    """What the steps share inside one process: settings and the loaded reference data."""

    settings: Settings
    _checker: Checker | None = None
    _stamp: tuple[object, ...] | None = None
    _dedupe: NearDuplicateIndex | None = None
    _alert_channels: list[alerts.AlertChannel] = field(default_factory=list)

    @property
    def db(self) -> str:
        return self.settings.db_url

    def checker(self, session: Session | None = None) -> Checker:
        # a worker lives for days: a reviewer's new observation or edited files must reach it
        stamp = self._reference_stamp(session)
        if self._checker is None or stamp != self._stamp:
            self._checker, self._stamp = Checker(self.reference()), stamp
        return self._checker

    def _reference_stamp(self, session: Session | None = None) -> tuple[object, ...]:
        """Cheap to take (one small query, three stat calls); changes when the data do.
        In the caller's transaction when it gives one (a round trip less per article)."""
        if session is None:
            with session_scope(self.db) as s:
                rows = reviewer_stamp(s)
        else:
            rows = reviewer_stamp(session)
        files = tuple((p.stat().st_mtime_ns, p.stat().st_size) if p.exists() else None
                      for p in (self.settings.reference_dir / n for n in REFERENCE_FILES))
        return rows, files

    def reference(self) -> ReferenceData:
        with session_scope(self.db) as s:
            extra = reviewer_reference(s)
        return load_reference(self.settings.reference_dir, extra)

    def fetch_config(self) -> FetchConfig:
        return FetchConfig(user_agent=self.settings.full_user_agent,
                           timeout=self.settings.fetch_timeout,
                           max_bytes=self.settings.max_body_bytes,
                           allow_hosts=self.settings.private_hosts)

    def robots(self) -> RobotsCache:
        """robots.txt rules, cached per host for the life of this process."""
        return shared_cache(self.fetch_config())

    def dedupe_index(self) -> NearDuplicateIndex:
        if self._dedupe is None:
            index = NearDuplicateIndex()
            with session_scope(self.db) as s:
                for article_id, text in articles.texts_for_dedupe(s):
                    index.add(str(article_id), text)
            self._dedupe = index
        return self._dedupe

    def channels(self) -> list[alerts.AlertChannel]:
        if not self._alert_channels:
            self._alert_channels = alerts.channels_from_settings(self.settings)
        return self._alert_channels


def _now() -> datetime:
    return datetime.now(UTC)


def _backoff(failures: int, interval_minutes: int, retry_after: float | None) -> timedelta:
    """Exponential on consecutive failures, capped at a day, never giving up."""
    delay = timedelta(minutes=interval_minutes) * (2 ** min(failures, 10))
    delay = min(delay, MAX_BACKOFF)
    if retry_after:
        delay = max(delay, timedelta(seconds=retry_after))
    return delay


# --- crawling ---------------------------------------------------------------------------------

POLL_LEASE = timedelta(minutes=10)  # a poll not recorded by then is sent again


def due_sources(ctx: Context) -> list[int]:
    with session_scope(ctx.db) as s:
        return sources.claim_due_sources(s, _now(), POLL_LEASE)


class SourceRefused(Exception):
    """The source's own URL may not be fetched (robots.txt, an unknown type)."""


@dataclass
class Discovered:
    entries: list[FeedEntry]
    etag: str | None = None
    last_modified: str | None = None


def discover(ctx: Context, kind: str, url: str, selectors: dict[str, str],
             etag: str | None = None, modified: str | None = None) -> Discovered:
    """The article links a source offers now: its feed's entries, or what the sitemap or
    listing spider finds. Raises what poll_source records as the source's failure."""
    decision = ctx.robots().check(url)
    if not decision.allowed:
        raise SourceRefused(decision.reason)
    if kind == "feed":
        result = fetch(url, ctx.fetch_config(), etag=etag, last_modified=modified)
        entries = [] if result.not_modified else parse_feed(result.body, result.final_url)
        return Discovered(entries, result.etag, result.last_modified)
    if kind in ("sitemap", "listing"):
        crawl = crawl_links(kind, url, ctx.fetch_config(), robots=ctx.robots(), selectors=selectors)
        for error in crawl.errors[:20]:
            log.warning("%s source %s: %s", kind, url, error)
        return Discovered(crawl.entries)
    raise SourceRefused(f"unknown source type {kind!r} (feed, sitemap or listing)")


def poll_source(ctx: Context, source_id: int) -> list[int]:
    """Fetch a feed, sitemap or listing page and store its new entries; returns the new
    article ids."""
    with session_scope(ctx.db) as s:
        source = s.get(Source, source_id)
        if source is None or not source.enabled:
            return []
        url, etag, modified = source.url, source.etag, source.last_modified
        interval, failures, publisher = source.interval_minutes, source.consecutive_failures, source.publisher
        kind, selectors = source.kind or "feed", dict(source.selectors or {})
    try:
        found = discover(ctx, kind, url, selectors, etag, modified)
        entries = found.entries
    except (FetchError, FeedError, CrawlError, SelectorError, SourceRefused) as exc:
        retry_after = getattr(exc, "retry_after", None)
        with session_scope(ctx.db) as s:
            source = s.get(Source, source_id)
            assert source is not None
            sources.record_poll(s, source, now=_now(), error=str(exc),
                                next_poll_at=_now() + _backoff(failures, interval, retry_after))
        log.warning("source %s failed: %s", source_id, exc, extra={"source_id": source_id})
        return []
    new_ids = []
    now = _now()
    with session_scope(ctx.db) as s:
        for entry in entries:
            published, note = not_after(entry.published, now)
            article_id = articles.add_entry(
                s, source_id=source_id, url=entry.url, canonical_url=canonical_url(entry.url),
                guid=entry.guid, title=entry.title, published_at=published,
                publisher=publisher)
            if article_id is not None:
                new_ids.append(article_id)
                if note:
                    article = s.get(Article, article_id)
                    assert article is not None
                    article.error = note  # kept when the page is fetched: see store_page
        source = s.get(Source, source_id)
        assert source is not None
        # as often as the source publishes, between a floor and its configured interval
        wait = next_interval(sources.recent_publication_dates(s, source_id), now=now,
                             ceiling=timedelta(minutes=interval), rand=random.random())
        sources.record_poll(s, source, now=now, error=None, next_poll_at=now + wait,
                            etag=found.etag, last_modified=found.last_modified)
    log.info("source %s: %d entries, %d new", source_id, len(entries), len(new_ids),
             extra={"source_id": source_id})
    return new_ids


def fetch_article(ctx: Context, article_id: int) -> bool:
    """Fetch and extract an article's page; True when it should go on to claim extraction."""
    with session_scope(ctx.db) as s:
        article = s.get(Article, article_id)
        if article is None:
            return False
        if article.status != "pending":
            return article.status == "fetched"
        url = article.url
    decision = ctx.robots().check(url)
    if not decision.allowed:
        with session_scope(ctx.db) as s:
            article = s.get(Article, article_id)
            assert article is not None
            article.status, article.error = "skipped", decision.reason
        log.info("article %s not fetched: %s", article_id, decision.reason,
                 extra={"article_id": article_id})
        return False
    try:
        result = fetch(url, ctx.fetch_config())
        html, _encoding = decode_html(result.body, result.charset)
        page = extract_page(html, result.final_url)
    except (FetchError, ExtractError) as exc:
        with session_scope(ctx.db) as s:
            article = s.get(Article, article_id)
            assert article is not None
            article.status, article.error = "failed", str(exc)
        log.warning("article %s failed: %s", article_id, exc, extra={"article_id": article_id})
        return False
    return store_page(ctx, article_id, page.title, page.text, page.language, page.published)


def store_page(ctx: Context, article_id: int, title: str, text: str, language: str,
               published: datetime | None) -> bool:
    digest = content_hash(text)
    score = relevance_score(text, title)
    index = ctx.dedupe_index()
    with session_scope(ctx.db) as s:
        article = s.get(Article, article_id)
        assert article is not None
        article.title = title or article.title
        article.text, article.language, article.content_hash = text, language, digest
        # a note from the poll (a date in the future, corrected) stays; a past error goes
        note = article.error if (article.error or "").startswith(FUTURE_NOTE) else None
        fetched_at = _now()
        if article.published_at is None:
            article.published_at, page_note = not_after(published, fetched_at)
            note = note or page_note
        article.fetched_at, article.relevance, article.error = fetched_at, score, note
        same = articles.find_by_hash(s, digest, article_id)
        if same is not None:
            article.duplicate_of_id = articles.origin_id(same)
            article.status = "duplicate"
            return False
        near = index.find(text)
        if near is not None and int(near) != article_id:
            article.duplicate_of_id = int(near)  # a syndicated copy: processed, not independent
        if score < RELEVANCE_THRESHOLD:
            article.status = "irrelevant"
            return False
        article.status = "fetched"
    if near is None:
        index.add(str(article_id), text)
    return True


# --- verification -----------------------------------------------------------------------------

def verdict_fingerprint(claim: ClaimData, publisher: str) -> str:
    """A flagged claim's finding: one per verdict, indicator, place, period, publisher and
    value, which the same figure repeated joins (and a corrected claim's new verdict opens)."""
    return (f"{claim.verdict}:{claim.indicator}:{claim.geography}:{claim.period}:"
            f"{publisher}:{claim.value:.6g}")


def arithmetic_fingerprint(finding: FindingData, claims: list[ClaimData], publisher: str) -> str:
    """One problem inside an article, the same on every run: the check, the publisher and the
    first figure it reads (the level of a share, the start of a from-to); re-verification
    compares these to tell a finding the data now clear from one that still holds."""
    first = claims[finding.claim_indexes[0]]
    return (f"{finding.type}:{finding.detail.get('check')}:{publisher}:"
            f"{first.indicator}:{first.period}:{first.value:.6g}")


def _as_corrected(s: Session, result: CheckResult, claim_ids: list[int], data: ReferenceData,
                  published: date | None) -> list[ClaimData]:
    """The claims as stored: one a reviewer corrected keeps the reviewer's fields (save_claims
    does not overwrite it), so it is verified again as corrected, on the data as they are now,
    rather than judged by what the extraction had read."""
    corrected = findings.corrected_claims(s, claim_ids)
    claims = []
    for claim, claim_id in zip(result.claims, claim_ids, strict=True):
        row = corrected.get(claim_id)
        if row is not None:
            claim = findings.claim_data(row)
            apply(claim, verify(claim, data, published))
            findings.store_verdict(row, claim, result.reference_version)
        claims.append(claim)
    return claims


def process_article(ctx: Context, article_id: int) -> list[int]:
    """Extract and verify the claims of an article; returns the ids of findings it opened."""
    opened: list[int] = []
    keys = set()
    # one transaction, reading the article and writing what came of it
    with session_scope(ctx.db) as s:
        article = s.get(Article, article_id)
        if article is None or article.status not in ("fetched", "processed"):
            return []
        publisher = article.publisher
        published = article.published_at.date() if article.published_at else None
        result = ctx.checker(s).check(article.text, published)
        claim_ids = findings.save_claims(s, article_id, result.claims, result.reference_version)
        claims = _as_corrected(s, result, claim_ids, ctx.checker(s).data, published)
        for claim, claim_id in zip(claims, claim_ids, strict=True):
            if claim.indicator and claim.period and claim.kind == "actual":
                keys.add((claim.indicator, claim.geography, claim.period))
            if claim.verdict not in findings.FLAGGED_VERDICTS:
                continue
            fid, created = findings.upsert_finding(
                s, fingerprint=verdict_fingerprint(claim, publisher), type="verdict",
                verdict=claim.verdict, indicator=claim.indicator, geography=claim.geography,
                period=claim.period, severity=claim.severity, summary=claim.explanation or "",
                claim_ids=[claim_id], reference_version=result.reference_version,
                detail={"deviation": claim.deviation})
            if created:
                opened.append(fid)
        for finding in result.findings:
            ids = [claim_ids[i] for i in finding.claim_indexes]
            first = result.claims[finding.claim_indexes[0]]
            fid, created = findings.upsert_finding(
                s, fingerprint=arithmetic_fingerprint(finding, result.claims, publisher),
                type=finding.type, indicator=first.indicator, geography=first.geography,
                period=first.period, severity=finding.severity, summary=finding.explanation,
                claim_ids=ids, reference_version=result.reference_version, detail=finding.detail)
            if created:
                opened.append(fid)
        article.status, article.reference_version = "processed", result.reference_version
        # cross-source conflicts are checked for these keys by check_conflicts, once for all
        # the articles that touched a key meanwhile (see conflict_check_due)
        conflict_keys.mark(s, article_id, keys)
    return opened


# --- cross-source conflicts -------------------------------------------------------------------
# Comparing a key's claims costs more the more stories repeat the figure, so it is not done per
# article: process_article marks the keys it touched, and check_conflicts takes every marked
# key once. A worker sends the check CONFLICT_BATCH_SECONDS after the article that marks first
# (conflict_check_due), beat sends it every minute as well, and `claimwatch crawl` runs it at
# the end of its crawl. The delay is well under the alert grouping window (20 s by default),
# so a conflict still goes out with the findings of the articles that made it.

CONFLICT_BATCH_SECONDS = 2.0
CONFLICT_LEASE = timedelta(minutes=5)  # longer than the task's time limit
CONFLICT_MARKS_PER_CHECK = 5000  # a backlog is taken in parts, each its own transaction


@dataclass
class ConflictCheck:
    """What one check did: findings opened, keys compared; `busy`: another check held the
    lease, so this one did nothing; `more`: marks wait still (added meanwhile, or past the
    part taken), so another check should follow."""

    opened: list[int] = field(default_factory=list)
    keys: int = 0
    busy: bool = False
    more: bool = False


def conflict_check_due(ctx: Context, article_id: int) -> bool:
    """True when this article's marks are the oldest waiting: its worker sends the check."""
    with session_scope(ctx.db) as s:
        return conflict_keys.first_marker(s) == article_id


def check_conflicts(ctx: Context, limit: int = CONFLICT_MARKS_PER_CHECK) -> ConflictCheck:
    """Compare the claims of every marked key, open or update its conflict finding, and
    delete the marks read, in one transaction; one check at a time across all workers."""
    with session_scope(ctx.db) as s:
        if not conflict_keys.take_lease(s, CONFLICT_LEASE):
            return ConflictCheck(busy=True)
    done = ConflictCheck()
    try:
        version = ctx.checker().data.version
        with session_scope(ctx.db) as s:
            marks = conflict_keys.waiting(s, limit)
            keys = sorted({key for _, key in marks}, key=str)
            done.opened = detect_conflicts(s, keys, version)
            done.keys = len(keys)
            conflict_keys.done(s, [mark_id for mark_id, _ in marks])
        with session_scope(ctx.db) as s:
            done.more = conflict_keys.any_waiting(s)
    finally:
        with session_scope(ctx.db) as s:
            conflict_keys.release_lease(s, {"keys": done.keys, "opened": len(done.opened)})
    if done.keys:
        log.info("conflict check: %d keys, %d findings opened", done.keys, len(done.opened))
    return done


def check_all_conflicts(ctx: Context) -> list[int]:
    """Check until no mark waits (the one-off crawl, tests); the findings opened. While a
    worker's check holds the lease, the marks are left to it and to those after it."""
    opened: list[int] = []
    while True:
        done = check_conflicts(ctx)
        opened += done.opened
        if done.busy:
            log.info("a worker is checking conflicts; it takes the keys marked here")
        if done.busy or not done.more:
            return opened


def key_conflicts(s: Session, key: tuple[str, str, str],
                  ) -> tuple[list[findings.KeyClaim], list[Conflict]]:
    """One (indicator, geography, period)'s actual claims and the conflicts among them across
    sources: the comparison the conflict check makes, and a correction's recheck with it."""
    indicator, geography, period = key
    rows = findings.claims_for_key(s, indicator, geography, period)
    # the verdict and its reference go along: two outlets repeating two official
    # figures that differ (IFR vs MIIT methodology) are no conflict
    sourced = [SourcedClaim(c.id, indicator, geography, period, c.value, c.lower, c.upper,
                            c.publisher, c.origin, c.period_explicit, c.unit,
                            c.published.date() if c.published else None, c.verdict,
                            c.reference_publisher, c.reference_value)
               for c in rows]
    return rows, find_conflicts_fast(sourced)


def detect_conflicts(s: Session, keys: list[tuple[str, str, str]], version: str) -> list[int]:
    """Each key's actual claims compared across sources; the ids of findings opened."""
    opened = []
    for indicator, geography, period in keys:
        rows, conflicts = key_conflicts(s, (indicator, geography, period))
        for conflict in conflicts:
            involved = set(conflict.claim_ids)
            values = ", ".join(f"{c.text} ({c.publisher})" for c in rows if c.id in involved)
            fid, created = findings.upsert_finding(
                s, fingerprint=conflict.fingerprint, type="conflict", indicator=indicator,
                geography=geography, period=period, severity=0.5,
                summary=(f"Independent sources disagree on {indicator} for {geography}, "
                         f"{period}: {values}."),
                claim_ids=list(conflict.claim_ids), reference_version=version,
                detail={"publishers": list(conflict.publishers)})
            if created:
                opened.append(fid)
    return opened


# --- for the CLI and the tests -----------------------------------------------------------------

def open_findings(ctx: Context) -> list[Finding]:
    with session_scope(ctx.db) as s:
        return findings.list_findings(s, status="open", limit=1000)
