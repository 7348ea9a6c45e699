"""The tables. Constraints keep them consistent: one article per canonical URL,
one claim per article and span, one finding per fingerprint, one delivery per
finding and channel."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Source(Base):
    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="feed")  # feed | sitemap | listing
    language: Mapped[str] = mapped_column(String(8), default="en")
    publisher: Mapped[str] = mapped_column(String(200), default="")
    interval_minutes: Mapped[int] = mapped_column(Integer, default=60)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    selectors: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    next_poll_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_polled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_success_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Article(Base):
    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    url: Mapped[str] = mapped_column(String(2000))
    canonical_url: Mapped[str] = mapped_column(String(2000), unique=True)
    guid: Mapped[str | None] = mapped_column(String(2000))
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str | None] = mapped_column(String(8))
    publisher: Mapped[str] = mapped_column(String(200), default="")
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    fetched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    content_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    relevance: Mapped[float | None] = mapped_column(Float)
    # pending -> fetched -> processed; or failed / irrelevant / duplicate
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    error: Mapped[str | None] = mapped_column(Text)
    reference_version: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    source: Mapped[Source | None] = relationship()
    claims: Mapped[list[Claim]] = relationship(back_populates="article", order_by="Claim.start")


class Claim(Base):
    __tablename__ = "claims"
    __table_args__ = (
        UniqueConstraint("article_id", "start", "end", name="uq_claim_span"),
        Index("ix_claim_key", "indicator", "geography", "period"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text)
    value: Mapped[float] = mapped_column(Float)
    lower: Mapped[float | None] = mapped_column(Float)
    upper: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(40))
    qualifier: Mapped[str] = mapped_column(String(20))
    indicator: Mapped[str | None] = mapped_column(String(80))
    candidates: Mapped[list[Any]] = mapped_column(JSON, default=list)
    geography: Mapped[str] = mapped_column(String(20), default="CN")
    period: Mapped[str | None] = mapped_column(String(20))
    period_explicit: Mapped[bool] = mapped_column(Boolean, default=True)
    kind: Mapped[str] = mapped_column(String(20), default="actual")
    verdict: Mapped[str | None] = mapped_column(String(20), index=True)
    reference: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    deviation: Mapped[float | None] = mapped_column(Float)
    explanation: Mapped[str | None] = mapped_column(Text)
    severity: Mapped[float] = mapped_column(Float, default=0.0)
    reference_version: Mapped[str | None] = mapped_column(String(20))
    corrected: Mapped[bool] = mapped_column(Boolean, default=False)

    article: Mapped[Article] = relationship(back_populates="claims")


class Finding(Base):
    """What a reviewer decides on: a flagged claim, a conflict, an arithmetic error."""

    __tablename__ = "findings"
    # the queue's keyset order, with and without a status filter (migration 0005_review)
    __table_args__ = (Index("ix_finding_status_rank", "status", "severity", "created_at", "id"),
                      Index("ix_finding_rank", "severity", "created_at", "id"))
    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(300), unique=True)
    type: Mapped[str] = mapped_column(String(20))  # verdict | conflict | arithmetic
    verdict: Mapped[str | None] = mapped_column(String(20))  # inconsistent | stale for type verdict
    indicator: Mapped[str | None] = mapped_column(String(80), index=True)
    geography: Mapped[str | None] = mapped_column(String(20))
    period: Mapped[str | None] = mapped_column(String(20))
    severity: Mapped[float] = mapped_column(Float, default=0.0)
    summary: Mapped[str] = mapped_column(Text)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | confirmed | dismissed
    dismiss_reason: Mapped[str | None] = mapped_column(String(40))
    assignee: Mapped[str | None] = mapped_column(String(100))
    reference_version: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    claims: Mapped[list[Claim]] = relationship(secondary="finding_claims", order_by="Claim.id")


class FindingClaim(Base):
    __tablename__ = "finding_claims"
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id", ondelete="CASCADE"), primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)


class ReviewEvent(Base):
    """The audit trail: every decision, who, when, before and after. Never deleted."""

    __tablename__ = "review_events"
    __table_args__ = (Index("ix_review_events_user", "user", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id", ondelete="CASCADE"), index=True)
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    before: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    after: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # an "undo" event points at the decision it took back; that decision stays in the trail
    undoes_id: Mapped[int | None] = mapped_column(
        ForeignKey("review_events.id", ondelete="SET NULL", name="fk_review_events_undoes"),
        index=True)
    # the events one action made together (a bulk decision, the undo of one): undone as one
    batch_id: Mapped[str | None] = mapped_column(String(32), index=True)


class AlertDelivery(Base):
    """One message item for one channel. (fingerprint, channel, kind, seq) is unique, so a
    problem is announced once, each reminder once, its resolution once, and a source-health
    episode (seq = episode number) once."""

    __tablename__ = "alert_deliveries"
    __table_args__ = (UniqueConstraint("fingerprint", "channel", "kind", "seq", name="uq_delivery_seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("findings.id", ondelete="SET NULL"))
    fingerprint: Mapped[str] = mapped_column(String(300))
    channel: Mapped[str] = mapped_column(String(300))
    # pending | sending (taken, with a lease in next_attempt_at) | sent | failed | skipped
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="alert")  # alert|repeat|resolved|health|recovered
    seq: Mapped[int] = mapped_column(Integer, default=0)
    mode: Mapped[str] = mapped_column(String(10), default="now")  # now | hourly | daily
    rule_id: Mapped[int | None] = mapped_column(
        ForeignKey("alert_rules.id", ondelete="SET NULL", name="fk_alert_deliveries_rule"))
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # title/body of non-finding items


class AlertChannelConfig(Base):
    """A channel an admin added in the web app. The URL holds credentials: stored encrypted
    (store/channel_secrets.py; read it through alert_config.channel_url), shown masked,
    never logged."""

    __tablename__ = "alert_channels"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    url_encrypted: Mapped[str] = mapped_column(Text)
    health: Mapped[bool] = mapped_column(Boolean, default=False)  # also gets source-health alerts
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AlertRule(Base):
    """Which findings go to which channels, how (at once or in a digest) and how often again.
    Empty lists match anything."""

    __tablename__ = "alert_rules"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    min_severity: Mapped[float] = mapped_column(Float, default=0.0)
    verdicts: Mapped[list[Any]] = mapped_column(JSON, default=list)
    indicators: Mapped[list[Any]] = mapped_column(JSON, default=list)
    source_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    languages: Mapped[list[Any]] = mapped_column(JSON, default=list)
    digest: Mapped[str] = mapped_column(String(10), default="none")  # none | hourly | daily
    repeat_hours: Mapped[int] = mapped_column(Integer, default=0)  # 0: never
    next_digest_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_digest_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    channels: Mapped[list[AlertChannelConfig]] = relationship(
        secondary="alert_rule_channels", order_by="AlertChannelConfig.id")


class AlertRuleChannel(Base):
    __tablename__ = "alert_rule_channels"
    rule_id: Mapped[int] = mapped_column(ForeignKey("alert_rules.id", ondelete="CASCADE"), primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("alert_channels.id", ondelete="CASCADE"),
                                            primary_key=True)


class AlertSilence(Base):
    """Hold back alerts that match every field set here until expires_at."""

    __tablename__ = "alert_silences"
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator: Mapped[str | None] = mapped_column(String(80))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    verdict: Mapped[str | None] = mapped_column(String(20))  # inconsistent|stale|conflict|arithmetic
    fingerprint: Mapped[str | None] = mapped_column(String(300))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    created_by: Mapped[str] = mapped_column(String(100))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SourceAlertState(Base):
    """What was last announced about a source's health, so an episode is announced once."""

    __tablename__ = "alert_source_states"
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True)
    # ok | suspect (bad, not yet for the grace period) | failing | silent (announced)
    status: Mapped[str] = mapped_column(String(20))
    episode: Mapped[int] = mapped_column(Integer, default=0)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))  # reviewer | admin
    password_hash: Mapped[str] = mapped_column(String(200))
    api_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TaskFailure(Base):
    __tablename__ = "task_failures"
    id: Mapped[int] = mapped_column(primary_key=True)
    task: Mapped[str] = mapped_column(String(200))
    args: Mapped[list[Any]] = mapped_column(JSON, default=list)
    error: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    retried_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class HostSlot(Base):
    """Per-host politeness shared by every worker on every machine: a fetch from a host
    first moves next_allowed_at on by the host's delay, in one conditional UPDATE."""

    __tablename__ = "host_slots"
    host: Mapped[str] = mapped_column(String(255), primary_key=True)
    next_allowed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class JobRun(Base):
    """A periodic job taken by one beat/worker per period, however many beats send it."""

    __tablename__ = "job_runs"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    next_run_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_run_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ReferenceObservation(Base):
    """Observations reviewers add from the queue; merged with reference_data/ at load."""

    __tablename__ = "reference_observations"
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator: Mapped[str] = mapped_column(String(80))
    geography: Mapped[str] = mapped_column(String(20), default="CN")
    period: Mapped[str] = mapped_column(String(20))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(40))
    qualifier: Mapped[str] = mapped_column(String(20), default="exact")
    publisher: Mapped[str] = mapped_column(String(200))
    source_url: Mapped[str] = mapped_column(String(2000))
    published: Mapped[date | None] = mapped_column(Date)  # None: period end + a lag is assumed
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    added_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ConflictMark(Base):
    """An (indicator, geography, period) whose actual claims were written since cross-source
    conflicts were last checked: the periodic check reads these, not every key. Rows are only
    ever inserted and deleted (by id), so articles on one key never wait for each other."""

    __tablename__ = "conflict_marks"
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator: Mapped[str] = mapped_column(String(80))
    geography: Mapped[str] = mapped_column(String(20))
    period: Mapped[str] = mapped_column(String(20))
    article_id: Mapped[int | None] = mapped_column(Integer)  # who marked it; no FK: rows are short-lived


class WorkerHeartbeat(Base):
    """A running worker, as it last said so: written by the worker's own heartbeat thread, so
    `claimwatch status` sees workers on the embedded broker too (which has no broadcast)."""

    __tablename__ = "worker_heartbeats"
    __table_args__ = (UniqueConstraint("hostname", "pid", name="uq_worker_heartbeats_host_pid"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hostname: Mapped[str] = mapped_column(String(255))  # the Celery node name, celery@host
    pid: Mapped[int] = mapped_column(Integer)
    queues: Mapped[str] = mapped_column(String(500), default="")
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
