"""What may be deleted after a while, and what never is.

Goes: failed tasks a person has already retried; alert deliveries that were
sent about findings decided before the cutoff (or about no finding: source
health); and the raw text of articles judged irrelevant (their row, URL and
content hash stay, so the same page is still recognised). Never touched: findings, claims,
review decisions (review_events), reference observations. A sent delivery of a
decided finding may go: a problem is announced when its finding is created,
and findings (one per fingerprint) are kept forever.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from store.models import AlertDelivery, Article, Finding, TaskFailure


@dataclass(frozen=True)
class Trimmed:
    failures_deleted: int
    deliveries_deleted: int
    texts_cleared: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def apply_retention(session: Session, cutoff: datetime) -> Trimmed:
    """Everything older than cutoff that may go; running it twice removes nothing more."""
    # RETURNING counts reliably on both databases (rowcount is not typed on a plain Result)
    failures = session.scalars(delete(TaskFailure).where(
        TaskFailure.retried_at.is_not(None), TaskFailure.retried_at < cutoff)
        .returning(TaskFailure.id)).all()
    # an open finding's deliveries stay (they keep its reminders from repeating), and so do
    # those of a finding decided lately (its "resolved" follow-up looks for them)
    decided = select(Finding.id).where(Finding.status != "open", Finding.updated_at < cutoff)
    deliveries = session.scalars(delete(AlertDelivery).where(
        AlertDelivery.status == "sent", AlertDelivery.sent_at < cutoff,
        or_(AlertDelivery.finding_id.is_(None), AlertDelivery.finding_id.in_(decided)))
        .returning(AlertDelivery.id)).all()
    texts = session.scalars(update(Article).where(
        Article.status == "irrelevant", Article.fetched_at < cutoff, Article.text != "")
        .values(text="").returning(Article.id)).all()
    return Trimmed(failures_deleted=len(failures), deliveries_deleted=len(deliveries),
                   texts_cleared=len(texts))
