"""Alerts: which channels a finding goes to, and sending what is due — grouped at once, in a
digest, again while nobody has reviewed it, "resolved" once someone has, and source health.

Every function here can run twice, or in two processes at once, and send nothing twice: a row
per item and channel is queued with INSERT … ON CONFLICT DO NOTHING, and taken for sending
with a conditional UPDATE (store/alerts.py).
"""

from __future__ import annotations

import dataclasses
import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from store import alert_config, findings
from store import alerts as alert_store
from store.clock import as_utc
from store.db import session_scope
from store.models import AlertDelivery, AlertRule, AlertSilence
from worker import alerts
from worker.alerts import Facts, Message

if TYPE_CHECKING:
    from claimwatch.pipeline import Context
    from crawler.health import SourceHealth

log = logging.getLogger("claimwatch.alerts")

# A taken row not recorded by then (its sender died) is sent again.
SEND_LEASE = timedelta(minutes=5)
BAD_HEALTH = ("failing", "silent")
BURSTY = ("alert", "resolved")

# by (channel key, sealed URL, secret key): what opening the URL gave; one entered again is new
_apprise: dict[tuple[str, str, str], alerts.AlertChannel] = {}


def _now() -> datetime:
    return datetime.now(UTC)


def channels(ctx: Context, session: Session) -> dict[str, alerts.AlertChannel]:
    """The settings' channels and those admins added, by the name deliveries use. Read at each
    flush, so a channel added in the web app needs no restart."""
    found: dict[str, alerts.AlertChannel] = {c.name: c for c in ctx.channels()}
    secret = ctx.settings.session_secret()
    for row in alert_config.list_channels(session):
        key = alert_config.channel_key(row.id)
        cached = (key, row.url_encrypted, secret)
        if cached not in _apprise:
            try:
                _apprise[cached] = alerts.AppriseChannel(alert_config.channel_url(row, secret),
                                                         name=key)
            except alert_config.ChannelKeyError as exc:
                # its deliveries fail with this, shown on the channels page, until re-entered
                log.error("alert channel %s: %s", key, exc)
                _apprise[cached] = alerts.UnusableChannel(key, str(exc))
            except ValueError:
                log.error("alert channel %r (%s) has a URL Apprise does not understand",
                          row.name, key)
                continue
        found[key] = _apprise[cached]
    return found


# --- routing ------------------------------------------------------------------------------------

def route(rules: list[AlertRule], facts: Facts,
          default: Iterable[str]) -> dict[str, tuple[int | None, str]]:
    """channel -> (rule, mode) for one finding. Matching rules send it to their channels (at
    once wins over a digest when two rules share a channel); a finding no rule matches goes
    to the settings' channels, as before there were rules."""
    matched = [r for r in rules if alerts.rule_matches(r, facts)]
    if not matched:
        return {key: (None, "now") for key in default}
    targets: dict[str, tuple[int | None, str]] = {}
    for rule in matched:
        mode = "now" if rule.digest == "none" else rule.digest
        for channel in rule.channels:
            key = alert_config.channel_key(channel.id)
            if key not in targets or (targets[key][1] != "now" and mode == "now"):
                targets[key] = (rule.id, mode)
    return targets


def queue_alerts(ctx: Context, finding_ids: list[int], now: datetime | None = None) -> int:
    """Queue each new finding where the rules send it, once per problem (its fingerprint)."""
    now = now or _now()
    queued = 0
    default = [c.name for c in ctx.channels()]
    with session_scope(ctx.db) as s:
        rules = alert_config.list_rules(s, enabled_only=True)
        for finding_id in finding_ids:
            finding = findings.get_finding(s, finding_id)
            if finding is None or finding.status != "open":
                continue
            for key, (rule_id, mode) in route(rules, alerts.facts_of(finding), default).items():
                queued += alert_store.queue(s, finding.fingerprint, key, finding_id,
                                            rule_id=rule_id, mode=mode, now=now)
    return queued


# --- what is due: reminders, resolutions --------------------------------------------------------

def schedule_followups(ctx: Context, now: datetime) -> int:
    """Queue a "resolved" item for each announced finding a reviewer has closed, and a reminder
    for each one still open once its rule's interval has passed since the last announcement.
    Pull-based: the review code does not need to call anyone."""
    queued = 0
    with session_scope(ctx.db) as s:
        for d in alert_store.closed_unresolved(s):
            queued += alert_store.queue(s, d.fingerprint, d.channel, d.finding_id, kind="resolved",
                                        mode=d.mode, rule_id=d.rule_id, now=now)
        hours_by_rule: dict[int | None, int] = {
            r.id: r.repeat_hours for r in alert_config.list_rules(s)}
        for d in alert_store.latest_announcements(s):
            if d.status != "sent" or d.sent_at is None:
                continue
            # no rule (the settings' channels): the settings' interval
            hours = hours_by_rule.get(d.rule_id, ctx.settings.alert_repeat_hours)
            if hours > 0 and as_utc(d.sent_at) + timedelta(hours=hours) <= now:
                queued += alert_store.queue(s, d.fingerprint, d.channel, d.finding_id,
                                            kind="repeat", seq=d.seq + 1, mode=d.mode,
                                            rule_id=d.rule_id, now=now)
    return queued


def _facts(session: Session, d: AlertDelivery) -> Facts | None:
    if d.finding_id is not None:
        finding = findings.get_finding(session, d.finding_id)
        return alerts.facts_of(finding) if finding is not None else None
    source_id = (d.payload or {}).get("source_id")
    return Facts(fingerprint=d.fingerprint, kind="health",
                 source_ids=frozenset([source_id]) if isinstance(source_id, int) else frozenset())


def _ready(session: Session, rows: list[AlertDelivery], silences: list[AlertSilence],
              known: dict[str, alerts.AlertChannel]) -> dict[str, list[AlertDelivery]]:
    """Rows to send, by channel: a finding closed before its announcement went out is skipped,
    and what a silence matches stays pending until the silence ends."""
    by_channel: dict[str, list[AlertDelivery]] = defaultdict(list)
    for d in rows:
        if d.channel not in known:
            continue  # a channel taken out of the settings: its rows wait for it
        if d.kind in alert_store.ANNOUNCEMENTS and d.finding_id is not None:
            finding = findings.get_finding(session, d.finding_id)
            if finding is None or finding.status != "open":
                alert_store.skip(d, "the finding was closed before this was sent")
                continue
        facts = _facts(session, d)
        if facts is not None and any(alerts.silence_matches(x, facts) for x in silences):
            continue
        by_channel[d.channel].append(d)
    return by_channel


def _message(ctx: Context, session: Session, d: AlertDelivery, now: datetime) -> Message:
    base = ctx.settings.base_url
    if d.payload is not None:
        return Message(**{k: v for k, v in d.payload.items()
                          if k in {f.name for f in dataclasses.fields(Message)}})
    finding = findings.get_finding(session, d.finding_id) if d.finding_id is not None else None
    if finding is None:
        return Message(title="[claimwatch] a finding was removed", body=d.fingerprint,
                       link=f"{base}/", fingerprint=d.fingerprint, kind=d.kind, label="removed")
    if d.kind == "resolved":
        return alerts.compose_resolved(finding, base)
    if d.kind == "repeat":
        return alerts.compose_reminder(finding, base, now)
    return alerts.compose(finding, base)


def _send(ctx: Context, channel: alerts.AlertChannel, ids: list[int], now: datetime,
          digest: tuple[str, str] | None = None) -> bool:
    """Take the rows, send them as one message, record the outcome. The channel is called
    outside any transaction: a slow mail server holds no database lock."""
    with session_scope(ctx.db) as s:
        taken = alert_store.take(s, ids, now, SEND_LEASE)
    if not taken:
        return False  # another flush got there first
    with session_scope(ctx.db) as s:
        parts = [_message(ctx, s, d, now) for d in alert_store.by_ids(s, taken)]
    if digest is not None:
        message = alerts.compose_digest(digest[0], digest[1], parts, ctx.settings.base_url)
    else:
        message = alerts.compose_group(parts, ctx.settings.base_url)
    error = channel.deliver(message)
    with session_scope(ctx.db) as s:
        for d in alert_store.by_ids(s, taken):
            alert_store.mark(s, d, error, now)
    if error is not None:
        log.warning("alert channel %s failed (%d items kept for a retry): %s",
                    channel.name, len(taken), error)
    return error is None


def flush_alerts(ctx: Context, now: datetime | None = None,
                 window: timedelta | None = None) -> int:
    """Send what each channel has waiting as one grouped message; returns messages sent.
    A channel that fails keeps its deliveries for a retry and does not stop the others."""
    now = now or _now()
    window = timedelta(seconds=ctx.settings.alert_group_seconds) if window is None else window
    schedule_followups(ctx, now)
    plan: dict[str, list[int]] = {}
    with session_scope(ctx.db) as s:
        known = channels(ctx, s)
        silences = alert_config.active_silences(s, now)
        for key, rows in _ready(s, alert_store.sendable(s, now), silences, known).items():
            # new findings and resolutions come in bursts (a crawl, a review session): they
            # wait out the grouping window; reminders, health news and retries are due now
            bursty = [d for d in rows if d.status == "pending" and d.kind in BURSTY]
            oldest = min((as_utc(d.created_at) for d in bursty), default=None)
            if len(bursty) < len(rows) or (oldest is not None and oldest <= now - window):
                plan[key] = [d.id for d in rows]
    return sum(_send(ctx, known[key], ids, now) for key, ids in plan.items())


def deliver_alerts(ctx: Context, finding_ids: list[int]) -> int:
    """Queue and send at once, without waiting for more (the CLI's one-off crawl)."""
    queue_alerts(ctx, finding_ids)
    return flush_alerts(ctx, window=timedelta(0))


def retry_alerts(ctx: Context, now: datetime | None = None) -> int:
    """Deliveries that failed get another try once their backoff has passed."""
    return flush_alerts(ctx, now=now)


# --- digests ------------------------------------------------------------------------------------

def send_digests(ctx: Context, now: datetime | None = None) -> int:
    """One message per channel for each digest rule whose hour has come, listing what arrived
    since its last digest. Each rule is taken by one caller (store.alert_config
    .claim_due_digests), so two beats send one digest. Returns messages sent."""
    now = now or _now()
    hour = ctx.settings.alert_digest_hour
    with session_scope(ctx.db) as s:
        due = alert_config.claim_due_digests(s, now, hour)
    sent = 0
    for rule_id in due:
        with session_scope(ctx.db) as s:
            rule = s.get(AlertRule, rule_id)
            if rule is None:
                continue
            label = (rule.name, rule.digest)
            known = channels(ctx, s)
            silences = alert_config.active_silences(s, now)
            plan = {key: [d.id for d in rows] for key, rows in
                    _ready(s, alert_store.digest_items(s, rule_id), silences, known).items()}
        for key, ids in plan.items():
            sent += _send(ctx, known[key], ids, now, digest=label)
    return sent


# --- source health ------------------------------------------------------------------------------

def check_source_health(ctx: Context, now: datetime | None = None,
                        health: list[tuple[int, str, SourceHealth]] | None = None) -> int:
    """Queue one alert when a source has been failing or silent for the grace period
    (CLAIMWATCH_ALERT_SOURCE_GRACE_MINUTES: one failed poll is not news), and one "recovered"
    when it is ok again: once per episode, however often this runs. Returns items queued."""
    now = now or _now()
    if health is None:
        from claimwatch.health import source_health

        health = source_health(ctx.db, now)
    queued = 0
    grace = timedelta(minutes=ctx.settings.alert_source_grace_minutes)
    with session_scope(ctx.db) as s:
        targets = [c.name for c in ctx.channels()] + [
            alert_config.channel_key(c.id) for c in alert_config.list_channels(s) if c.health]
        for source_id, name, state in health:
            if state.status in BAD_HEALTH:
                episode = alert_store.open_episode(s, source_id, state.status, now, grace)
                kind = "health"
            elif state.status == "ok":
                episode = alert_store.close_episode(s, source_id, now)
                kind = "recovered"
            else:
                continue  # "never": not polled yet, nothing to say
            if episode is None:
                continue
            reason = state.reason if kind == "health" else f"ok again: {state.reason}"
            message = alerts.compose_health(name, state.status, reason, source_id,
                                            ctx.settings.base_url)
            payload = {**dataclasses.asdict(message), "source_id": source_id}
            for key in targets:
                queued += alert_store.queue(s, message.fingerprint, key, None, kind=kind,
                                            seq=episode, payload=payload, now=now)
    return queued
