"""Alert deliveries: one row per message item and channel, so nothing is sent twice.

An item is a finding's first announcement (kind `alert`), a reminder while it stays open
(`repeat`, seq 1, 2, …), its resolution (`resolved`), or a source-health episode
(`health` / `recovered`, seq = the episode number). Sending takes rows with a conditional
UPDATE first, so two flushes running at once (a second beat, a slow worker) never send the
same row twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.orm import Session, aliased

from store.db import insert_ignore
from store.models import AlertDelivery, Finding, SourceAlertState, utcnow

ANNOUNCEMENTS = ("alert", "repeat")


def queue(session: Session, fingerprint: str, channel: str, finding_id: int | None, *,
          kind: str = "alert", seq: int = 0, mode: str = "now", rule_id: int | None = None,
          payload: dict[str, Any] | None = None, now: datetime | None = None) -> bool:
    """A delivery waiting to be sent; False when this item was already queued or sent on this
    channel (one fingerprint is announced once)."""
    return insert_ignore(session, AlertDelivery, {
        "fingerprint": fingerprint, "channel": channel, "finding_id": finding_id,
        "status": "pending", "attempts": 0, "created_at": now or utcnow(), "kind": kind,
        "seq": seq, "mode": mode, "rule_id": rule_id, "payload": payload,
    }, ["fingerprint", "channel", "kind", "seq"])


def _due(now: datetime) -> Any:
    """Taken earlier but not recorded (a sender that died: its lease ran out), or failed and
    due for another try."""
    return and_(AlertDelivery.status.in_(("failed", "sending")),
                AlertDelivery.next_attempt_at.is_not(None), AlertDelivery.next_attempt_at <= now)


def sendable(session: Session, now: datetime) -> list[AlertDelivery]:
    """What the regular flush may send: pending items meant to go at once (or whose digest
    rule is gone), and every item whose retry has come, digest or not."""
    return list(session.scalars(select(AlertDelivery).where(or_(
        and_(AlertDelivery.status == "pending",
             or_(AlertDelivery.mode == "now", AlertDelivery.rule_id.is_(None))),
        _due(now))).order_by(AlertDelivery.id)))


def digest_items(session: Session, rule_id: int) -> list[AlertDelivery]:
    """Everything a digest rule has gathered since its last digest."""
    return list(session.scalars(select(AlertDelivery).where(
        AlertDelivery.rule_id == rule_id, AlertDelivery.status == "pending",
        AlertDelivery.mode != "now").order_by(AlertDelivery.id)))


def take(session: Session, ids: list[int], now: datetime, lease: timedelta) -> list[int]:
    """Mark rows as being sent by this caller; returns the ids it got (another caller that got
    there first keeps the rest). A row whose sender dies comes back after the lease."""
    if not ids:
        return []
    result = session.execute(
        update(AlertDelivery)
        .where(AlertDelivery.id.in_(ids), or_(AlertDelivery.status == "pending", _due(now)))
        .values(status="sending", next_attempt_at=now + lease)
        .returning(AlertDelivery.id))
    return sorted(int(row[0]) for row in result)


def by_ids(session: Session, ids: list[int]) -> list[AlertDelivery]:
    return list(session.scalars(select(AlertDelivery).where(AlertDelivery.id.in_(ids))
                                .order_by(AlertDelivery.id)))


MAX_ATTEMPTS = 12
MAX_BACKOFF = timedelta(hours=6)


def mark(session: Session, delivery: AlertDelivery, error: str | None,
         now: datetime | None = None) -> None:
    """Record an attempt; a failed one is tried again later, sooner at first."""
    now = now or utcnow()
    delivery.attempts += 1
    if error is None:
        delivery.status, delivery.sent_at, delivery.error = "sent", now, None
        delivery.next_attempt_at = None
        return
    delivery.status, delivery.error = "failed", error
    if delivery.attempts < MAX_ATTEMPTS:
        delay = min(timedelta(minutes=2 ** (delivery.attempts - 1)), MAX_BACKOFF)
        delivery.next_attempt_at = now + delay
    else:
        delivery.next_attempt_at = None  # given up: visible as failed, retried by hand


def skip(delivery: AlertDelivery, reason: str) -> None:
    """Not worth sending any more (the finding was closed before its alert went out)."""
    delivery.status, delivery.error, delivery.next_attempt_at = "skipped", reason, None


def drop_unsent(session: Session, channel: str) -> None:
    """A channel removed by an admin: what it had waiting goes nowhere."""
    for row in session.scalars(select(AlertDelivery).where(
            AlertDelivery.channel == channel, AlertDelivery.status != "sent")):
        session.delete(row)


def closed_unresolved(session: Session) -> list[AlertDelivery]:
    """Announcements that went out for findings a reviewer has since closed, with no
    "resolved" item queued yet for that channel."""
    resolved = aliased(AlertDelivery)
    return list(session.scalars(
        select(AlertDelivery).join(Finding, AlertDelivery.finding_id == Finding.id)
        .where(AlertDelivery.kind.in_(ANNOUNCEMENTS), AlertDelivery.status == "sent",
               Finding.status != "open",
               ~exists().where(resolved.fingerprint == AlertDelivery.fingerprint,
                               resolved.channel == AlertDelivery.channel,
                               resolved.kind == "resolved"))
        .order_by(AlertDelivery.id)))


def latest_announcements(session: Session) -> list[AlertDelivery]:
    """For each open finding and channel, its latest announcement (first alert or reminder)."""
    rows = session.scalars(
        select(AlertDelivery).join(Finding, AlertDelivery.finding_id == Finding.id)
        .where(AlertDelivery.kind.in_(ANNOUNCEMENTS), Finding.status == "open")
        .order_by(AlertDelivery.seq))
    latest: dict[tuple[str, str], AlertDelivery] = {}
    for row in rows:
        latest[(row.fingerprint, row.channel)] = row
    return list(latest.values())


def list_deliveries(session: Session, limit: int = 50) -> list[AlertDelivery]:
    return list(session.scalars(select(AlertDelivery).order_by(AlertDelivery.id.desc())
                                .limit(limit)))


# --- source health ------------------------------------------------------------------------------

def open_episode(session: Session, source_id: int, status: str, now: datetime,
                 grace: timedelta) -> int | None:
    """A source looks bad. The first time it is only noted ("suspect"); once it has stayed bad
    for `grace` the episode opens: returns its number, once, whoever checks first. None
    otherwise (still within the grace, or already announced)."""
    if insert_ignore(session, SourceAlertState, {"source_id": source_id, "status": "suspect",
                                                 "episode": 0, "changed_at": now},
                     ["source_id"]):
        if grace > timedelta(0):
            return None
    else:
        session.execute(
            update(SourceAlertState)
            .where(SourceAlertState.source_id == source_id, SourceAlertState.status == "ok")
            .values(status="suspect", changed_at=now)
            .execution_options(synchronize_session=False))
    row = session.execute(
        update(SourceAlertState)
        .where(SourceAlertState.source_id == source_id, SourceAlertState.status == "suspect",
               SourceAlertState.changed_at <= now - grace)
        .values(status=status, episode=SourceAlertState.episode + 1, changed_at=now)
        .returning(SourceAlertState.episode)
        .execution_options(synchronize_session=False)).first()
    return int(row[0]) if row else None


def close_episode(session: Session, source_id: int, now: datetime) -> int | None:
    """A source is ok again: the number of the announced episode that ended, or None when none
    was (a blip shorter than the grace ends silently)."""
    row = session.execute(
        update(SourceAlertState)
        .where(SourceAlertState.source_id == source_id,
               SourceAlertState.status.in_(("failing", "silent")))
        .values(status="ok", changed_at=now)
        .returning(SourceAlertState.episode)
        .execution_options(synchronize_session=False)).first()
    session.execute(
        update(SourceAlertState)
        .where(SourceAlertState.source_id == source_id, SourceAlertState.status == "suspect")
        .values(status="ok", changed_at=now)
        .execution_options(synchronize_session=False))
    return int(row[0]) if row else None
