"""Alert deliveries: one row per problem and channel, so nothing is sent twice."""

from __future__ import annotations

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


def mark(session: Session, delivery: AlertDelivery, error: str | None) -> None:
    delivery.attempts += 1
    if error is None:
        delivery.status, delivery.sent_at, delivery.error = "sent", utcnow(), None
    else:
        delivery.status, delivery.error = "failed", error


def recent(session: Session, limit: int = 50) -> list[AlertDelivery]:
    return list(session.scalars(select(AlertDelivery).order_by(AlertDelivery.id.desc()).limit(limit)))
