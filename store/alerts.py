"""Alert deliveries: one row per problem and channel, so nothing is sent twice."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.db import insert_ignore
from store.models import AlertDelivery, utcnow


def reserve(session: Session, fingerprint: str, channel: str, finding_id: int) -> AlertDelivery | None:
    """The delivery to attempt, or None when it was already sent."""
    insert_ignore(session, AlertDelivery, {
        "fingerprint": fingerprint, "channel": channel, "finding_id": finding_id,
        "status": "pending", "attempts": 0, "created_at": utcnow(),
    }, ["fingerprint", "channel"])
    delivery = session.scalar(select(AlertDelivery).where(
        AlertDelivery.fingerprint == fingerprint, AlertDelivery.channel == channel))
    if delivery is None or delivery.status == "sent":
        return None
    return delivery


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


def due_retries(session: Session, now: datetime) -> list[int]:
    """Findings with a failed delivery whose next attempt has come."""
    rows = session.scalars(select(AlertDelivery.finding_id).where(
        AlertDelivery.status == "failed", AlertDelivery.next_attempt_at.is_not(None),
        AlertDelivery.next_attempt_at <= now, AlertDelivery.finding_id.is_not(None)).distinct())
    return sorted(int(r) for r in rows if r is not None)


def recent(session: Session, limit: int = 50) -> list[AlertDelivery]:
    return list(session.scalars(select(AlertDelivery).order_by(AlertDelivery.id.desc()).limit(limit)))
