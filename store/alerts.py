"""Alert deliveries: one row per problem and channel, so nothing is sent twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.db import insert_ignore
from store.models import AlertDelivery, utcnow


def queue(session: Session, fingerprint: str, channel: str, finding_id: int) -> bool:
    """A delivery waiting to be sent; False when this problem was already queued or sent
    on this channel (one fingerprint is announced once)."""
    return insert_ignore(session, AlertDelivery, {
        "fingerprint": fingerprint, "channel": channel, "finding_id": finding_id,
        "status": "pending", "attempts": 0, "created_at": utcnow(),
    }, ["fingerprint", "channel"])


def batch(session: Session, channel: str, now: datetime, window: timedelta) -> list[AlertDelivery]:
    """What to send on a channel now, as one message: everything pending once the oldest has
    waited the grouping window, plus failed deliveries whose retry has come."""
    waiting = list(session.scalars(select(AlertDelivery).where(
        AlertDelivery.channel == channel, AlertDelivery.status.in_(("pending", "failed")))
        .order_by(AlertDelivery.id)))
    pending = [d for d in waiting if d.status == "pending"]
    retry = [d for d in waiting if d.status == "failed" and d.next_attempt_at is not None
             and _aware(d.next_attempt_at) <= now]
    oldest = min((_aware(d.created_at) for d in pending), default=None)
    if retry or (oldest is not None and oldest <= now - window):
        return pending + retry
    return []


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=UTC)


MAX_ATTEMPTS = 12
MAX_BACKOFF = timedelta(hours=6)


def mark(session: Session, delivery: AlertDelivery, error: str | None) -> None:
    """Record an attempt; a failed one is tried again later, sooner at first."""
    delivery.attempts += 1
    if error is None:
        delivery.status, delivery.sent_at, delivery.error = "sent", utcnow(), None
        delivery.next_attempt_at = None
        return
    delivery.status, delivery.error = "failed", error
    if delivery.attempts < MAX_ATTEMPTS:
        delay = min(timedelta(minutes=2 ** (delivery.attempts - 1)), MAX_BACKOFF)
        delivery.next_attempt_at = utcnow() + delay
    else:
        delivery.next_attempt_at = None  # given up: visible as failed, retried by hand
