"""Claims, findings and the decisions people take on them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, or_, select, tuple_
from sqlalchemy.orm import Session, selectinload

from store.db import dialect_insert
from store.models import Article, Claim, Finding, FindingClaim, ReviewEvent, Source, utcnow
from verifier.claims import Claim as ClaimData

FLAGGED_VERDICTS = ("inconsistent", "stale")
STATUSES = ("open", "confirmed", "dismissed", "resolved")  # resolved: by new reference data
DISMISS_REASONS = ("extraction_mistake", "reference_out_of_date", "not_a_claim", "duplicate", "other")


def save_claims(session: Session, article_id: int, claims: list[ClaimData],
                reference_version: str) -> list[int]:
    """Upsert by (article, span): running it twice leaves the same rows."""
    existing = {(c.start, c.end): c for c in session.scalars(
        select(Claim).where(Claim.article_id == article_id))}
    rows = []
    for data in claims:
        row = existing.get((data.start, data.end))
        if row is None:
            row = Claim(article_id=article_id, start=data.start, end=data.end)
            session.add(row)
            existing[(data.start, data.end)] = row
        elif row.corrected:
            rows.append(row)
            continue  # a reviewer's correction wins over a re-extraction
        _copy_claim(row, data, reference_version)
        rows.append(row)
    session.flush()  # one batch of INSERTs (and UPDATEs), not a round trip per claim
    return [row.id for row in rows]


def corrected_claims(session: Session, claim_ids: list[int]) -> dict[int, Claim]:
    """The rows among these a reviewer corrected, by id."""
    if not claim_ids:
        return {}
    return {row.id: row for row in session.scalars(
        select(Claim).where(Claim.id.in_(claim_ids), Claim.corrected))}


def claim_data(row: Claim) -> ClaimData:
    """A stored claim's fields as the verifier takes them (its verdict left to verify)."""
    return ClaimData(text=row.text, start=row.start, end=row.end, sentence=row.sentence,
                     value=row.value, lower=row.lower, upper=row.upper, unit=row.unit,
                     qualifier=row.qualifier, indicator=row.indicator, geography=row.geography,
                     period=row.period, kind=row.kind, candidates=list(row.candidates or []),
                     period_explicit=row.period_explicit)


def store_verdict(row: Claim, data: ClaimData, reference_version: str) -> None:
    """A claim verified again as it stands (a corrected claim on new reference data)."""
    row.verdict, row.deviation = data.verdict, data.deviation
    row.reference = asdict(data.reference) if data.reference else None
    row.explanation, row.severity = data.explanation, data.severity
    row.reference_version = reference_version


def _copy_claim(row: Claim, data: ClaimData, reference_version: str) -> None:
    row.text, row.sentence = data.text, data.sentence
    row.value, row.lower, row.upper = data.value, data.lower, data.upper
    row.unit, row.qualifier, row.indicator = data.unit, data.qualifier, data.indicator
    row.candidates = list(data.candidates)
    row.geography, row.period, row.kind = data.geography, data.period, data.kind
    row.period_explicit = data.period_explicit
    store_verdict(row, data, reference_version)


def upsert_finding(session: Session, *, fingerprint: str, type: str, summary: str,
                   claim_ids: list[int], severity: float, reference_version: str,
                   verdict: str | None = None, indicator: str | None = None,
                   geography: str | None = None, period: str | None = None,
                   detail: dict[str, Any] | None = None) -> tuple[int, bool]:
    """One finding per fingerprint; later claims about the same problem join it."""
    now = utcnow()
    finding_id = _insert_returning(session, Finding, {
        "fingerprint": fingerprint, "type": type, "verdict": verdict, "indicator": indicator,
        "geography": geography, "period": period, "severity": severity, "summary": summary,
        "detail": detail or {}, "status": "open", "reference_version": reference_version,
        "created_at": now, "updated_at": now,
    }, ["fingerprint"])
    created = finding_id is not None
    if finding_id is None:
        finding = session.scalar(select(Finding).where(Finding.fingerprint == fingerprint))
        assert finding is not None
        finding_id = finding.id
        if finding.status == "open":
            # the ORM writes only what changed: an unchanged summary costs no UPDATE
            finding.summary, finding.severity = summary, max(finding.severity, severity)
            finding.detail = detail or finding.detail
    link_claims(session, finding_id, claim_ids, new=created)
    return finding_id, created


def link_claims(session: Session, finding_id: int, claim_ids: list[int], new: bool = False) -> None:
    """Add the links a finding lacks, in one INSERT; `new`: the finding has none yet."""
    wanted = list(dict.fromkeys(claim_ids))
    if not new and wanted:
        have = set(session.scalars(select(FindingClaim.claim_id)
                                   .where(FindingClaim.finding_id == finding_id)))
        wanted = [c for c in wanted if c not in have]
    for start in range(0, len(wanted), 1000):
        rows = [{"finding_id": finding_id, "claim_id": c} for c in wanted[start:start + 1000]]
        # ON CONFLICT DO NOTHING: a concurrent writer may have linked one meanwhile
        session.execute(dialect_insert(session, FindingClaim).values(rows)
                        .on_conflict_do_nothing(index_elements=["finding_id", "claim_id"]))


def _insert_returning(session: Session, model: Any, values: dict[str, Any],
                      conflict: list[str]) -> int | None:
    """INSERT ... ON CONFLICT DO NOTHING RETURNING id: the new row's id, or None when one
    was there (one round trip where insert_ignore and a SELECT took two)."""
    stmt = (dialect_insert(session, model).values(**values)
            .on_conflict_do_nothing(index_elements=conflict).returning(model.id))
    return session.execute(stmt).scalar()


@dataclass(frozen=True)
class KeyClaim:
    """What the conflict check needs of one actual claim about a key."""

    id: int
    text: str
    value: float
    lower: float | None
    upper: float | None
    unit: str
    period_explicit: bool
    verdict: str | None
    reference_publisher: str
    reference_value: float | None
    publisher: str
    origin: int  # the article id of the story's first copy
    published: datetime | None


def claims_for_key(session: Session, indicator: str, geography: str,
                   period: str) -> list[KeyClaim]:
    """Actual claims about one thing at one time, oldest first, with publisher, story origin
    and the article's publication time: the columns the check reads, not whole rows."""
    rows = session.execute(
        select(Claim.id, Claim.text, Claim.value, Claim.lower, Claim.upper, Claim.unit,
               Claim.period_explicit, Claim.verdict, Claim.reference, Article.publisher,
               Article.id, Article.duplicate_of_id, Article.published_at)
        .join(Article, Claim.article_id == Article.id)
        .where(Claim.indicator == indicator, Claim.geography == geography,
               Claim.period == period, Claim.kind == "actual")
        .order_by(Claim.id))
    return [KeyClaim(cid, text, value, lower, upper, unit, explicit, verdict,
                     str((ref or {}).get("publisher") or ""), (ref or {}).get("value"),
                     pub or "", dup or aid, published)
            for (cid, text, value, lower, upper, unit, explicit, verdict, ref, pub, aid, dup,
                 published) in rows]


@dataclass(frozen=True)
class Cursor:
    """Where a page of the queue ended: the last row's place in the queue's order."""

    severity: float
    created_at: datetime
    id: int

    @classmethod
    def of(cls, finding: Finding) -> Cursor:
        return cls(finding.severity, finding.created_at, finding.id)


QUEUE_ORDER = (Finding.severity.desc(), Finding.created_at.desc(), Finding.id.desc())


def list_findings(session: Session, *, status: str | None = "open", verdict: str | None = None,
                  indicator: str | None = None, type: str | None = None, search: str | None = None,
                  source: str | None = None, language: str | None = None,
                  created_from: date | None = None, created_to: date | None = None,
                  limit: int = 50, offset: int = 0, after: Cursor | None = None,
                  with_claims: bool = True) -> list[Finding]:
    """Worst and newest first. `after` continues past a cursor (keyset pagination: a range
    scan on ix_finding_rank / ix_finding_status_rank, as fast on page 4,000 as on page 1);
    `offset` is kept for the API's callers but reads and skips every row before it.
    The filters are those of _filtered."""
    stmt = _filtered(select(Finding), status=status, verdict=verdict, indicator=indicator,
                     type=type, search=search, source=source, language=language,
                     created_from=created_from, created_to=created_to)
    if after is not None:
        # one row-value comparison, which both databases answer from the index
        stmt = stmt.where(tuple_(Finding.severity, Finding.created_at, Finding.id)
                          < tuple_(after.severity, after.created_at, after.id))
    if with_claims:
        stmt = stmt.options(selectinload(Finding.claims).selectinload(Claim.article))
    stmt = stmt.order_by(*QUEUE_ORDER)
    return list(session.scalars(stmt.limit(limit).offset(offset)))


def count_matching(session: Session, *, status: str | None = "open", verdict: str | None = None,
                   indicator: str | None = None, type: str | None = None,
                   search: str | None = None, source: str | None = None,
                   language: str | None = None, created_from: date | None = None,
                   created_to: date | None = None) -> int:
    """How many findings list_findings would return without limit/offset."""
    stmt = _filtered(select(func.count()).select_from(Finding), status=status, verdict=verdict,
                     indicator=indicator, type=type, search=search, source=source,
                     language=language, created_from=created_from, created_to=created_to)
    return int(session.scalar(stmt) or 0)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _filtered(stmt: Select[Any], *, status: str | None = None, verdict: str | None = None,
              indicator: str | None = None, type: str | None = None, search: str | None = None,
              source: str | None = None, language: str | None = None,
              created_from: date | None = None, created_to: date | None = None) -> Select[Any]:
    """The queue's filters on a select over Finding.

    `source` is a source id (all digits) or a publisher, matched without regard to case
    against the article's publisher and its source's name and publisher; `language` is the
    article's language. Both look at the articles of the finding's claims through one
    EXISTS (finding_claims -> claims -> articles -> sources, each step a primary-key lookup),
    so one article must satisfy both, and a finding with claims from several articles is
    listed once. `created_from`/`created_to` are UTC days, both included."""
    if status:
        stmt = stmt.where(Finding.status == status)
    if verdict:
        stmt = stmt.where(Finding.verdict == verdict)
    if indicator:
        stmt = stmt.where(Finding.indicator == indicator)
    if type:
        stmt = stmt.where(Finding.type == type)
    if search:
        # the words a reviewer sees on the card: the summary, a claim as written or its
        # sentence, an article's title; % and _ typed are themselves, not wildcards
        like = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        said = (select(FindingClaim.claim_id)
                .join(Claim, Claim.id == FindingClaim.claim_id)
                .join(Article, Article.id == Claim.article_id)
                .where(FindingClaim.finding_id == Finding.id,
                       or_(Claim.text.ilike(like, escape="\\"),
                           Claim.sentence.ilike(like, escape="\\"),
                           Article.title.ilike(like, escape="\\"))))
        stmt = stmt.where(or_(Finding.summary.ilike(like, escape="\\"), exists(said)))
    if created_from is not None:
        stmt = stmt.where(Finding.created_at >= _day_start(created_from))
    if created_to is not None:
        stmt = stmt.where(Finding.created_at < _day_start(created_to + timedelta(days=1)))
    article_conditions: list[ColumnElement[bool]] = []
    by_name = bool(source) and not str(source).isdigit()
    if source and not by_name:
        article_conditions.append(Article.source_id == int(source))
    elif source:
        name = source.lower()
        article_conditions.append(or_(func.lower(Article.publisher) == name,
                                      func.lower(Source.name) == name,
                                      func.lower(Source.publisher) == name))
    if language:
        article_conditions.append(Article.language == language)
    if article_conditions:
        articles = (select(FindingClaim.claim_id)
                    .join(Claim, Claim.id == FindingClaim.claim_id)
                    .join(Article, Article.id == Claim.article_id))
        if by_name:
            articles = articles.outerjoin(Source, Source.id == Article.source_id)
        stmt = stmt.where(exists(articles.where(FindingClaim.finding_id == Finding.id,
                                                *article_conditions)))
    return stmt


def filter_sources(session: Session) -> list[tuple[int, str]]:
    """The sources (id, name) the queue's source filter offers; publishers are typed."""
    return [(i, name) for i, name in session.execute(
        select(Source.id, Source.name).order_by(Source.name, Source.id))]


def count_findings(session: Session) -> dict[str, int]:
    rows = session.execute(select(Finding.status, func.count()).group_by(Finding.status))
    return {status: int(n) for status, n in rows}


def get_finding(session: Session, finding_id: int) -> Finding | None:
    return session.get(Finding, finding_id, options=[
        selectinload(Finding.claims).selectinload(Claim.article)])


def _state(finding: Finding) -> dict[str, Any]:
    return {"status": finding.status, "dismiss_reason": finding.dismiss_reason,
            "assignee": finding.assignee}


def new_batch_id() -> str:
    """Marks the events one action wrote together (a bulk decision, the undo of one)."""
    return uuid.uuid4().hex


def decide(session: Session, finding: Finding, *, user: str, action: str,
           reason: str | None = None, comment: str | None = None,
           assignee: str | None = None, batch_id: str | None = None) -> ReviewEvent:
    """confirm / dismiss (with a reason) / reopen / assign / comment, each in the audit trail;
    the events of one bulk decision share `batch_id` (see new_batch_id)."""
    before = _state(finding)
    if action == "confirm":
        finding.status, finding.dismiss_reason = "confirmed", None
    elif action == "dismiss":
        if reason not in DISMISS_REASONS:
            raise ValueError(f"dismiss needs a reason, one of: {', '.join(DISMISS_REASONS)}")
        finding.status, finding.dismiss_reason = "dismissed", reason
    elif action == "reopen":
        finding.status, finding.dismiss_reason = "open", None
    elif action == "assign":
        finding.assignee = assignee or None
    elif action != "comment":
        raise ValueError(f"unknown action {action!r}")
    finding.updated_at = utcnow()
    event = ReviewEvent(finding_id=finding.id, user=user, action=action, before=before,
                        after=_state(finding), comment=comment, batch_id=batch_id)
    session.add(event)
    session.flush()
    return event


def events_for(session: Session, finding_id: int) -> list[ReviewEvent]:
    return list(session.scalars(select(ReviewEvent).where(ReviewEvent.finding_id == finding_id)
                                .order_by(ReviewEvent.id)))


# --- undo ---------------------------------------------------------------------------------------

UNDOABLE = ("confirm", "dismiss", "reopen", "assign")


class StateChanged(ValueError):
    """The finding moved on since the decision being undone: undoing would lose that."""

    def __init__(self, message: str, finding_id: int) -> None:
        super().__init__(message)
        self.finding_id = finding_id


def last_undoable(session: Session, user: str) -> ReviewEvent | None:
    """The user's newest decision that no undo has taken back yet. For a bulk decision, one
    of its events; once its batch was undone (even where a finding had to be left as someone
    else decided since), none of the batch is offered again."""
    undone = select(ReviewEvent.undoes_id).where(ReviewEvent.undoes_id.is_not(None))
    undone_batches = select(ReviewEvent.batch_id).where(ReviewEvent.id.in_(undone),
                                                        ReviewEvent.batch_id.is_not(None))
    return session.scalar(
        select(ReviewEvent).where(ReviewEvent.user == user, ReviewEvent.action.in_(UNDOABLE),
                                  ReviewEvent.id.not_in(undone),
                                  or_(ReviewEvent.batch_id.is_(None),
                                      ReviewEvent.batch_id.not_in(undone_batches)))
        .order_by(ReviewEvent.id.desc()).limit(1))


def decision_events(session: Session, event: ReviewEvent) -> list[ReviewEvent]:
    """Every event of the decision `event` belongs to, oldest first: its bulk batch, or
    itself alone."""
    if event.batch_id is None:
        return [event]
    return list(session.scalars(select(ReviewEvent).where(ReviewEvent.batch_id == event.batch_id)
                                .order_by(ReviewEvent.id)))


_DID = {"confirm": "confirmed it", "dismiss": "dismissed it", "reopen": "reopened it",
        "assign": "assigned it", "undo": "undid a decision on it", "correct": "corrected it",
        "resolve": "resolved it"}


def _changed_since(session: Session, event: ReviewEvent, finding: Finding) -> str:
    """Why `event` cannot be undone: who did what to the finding after it."""
    later = session.scalar(select(ReviewEvent).where(ReviewEvent.finding_id == finding.id,
                                                     ReviewEvent.id > event.id,
                                                     ReviewEvent.action != "comment")
                           .order_by(ReviewEvent.id.desc()).limit(1))
    by = (f"{later.user} {_DID.get(later.action, later.action)} since; "
          if later is not None else "")
    return (f"finding {finding.id} changed after your {event.action} ({by}it is now "
            f"{finding.status})")


def undo(session: Session, event: ReviewEvent, *, user: str,
         batch_id: str | None = None) -> ReviewEvent:
    """Put the finding back as it was before `event`, recorded as an "undo" event of its own.

    Only while the finding is still as `event` left it: if someone decided since, their
    decision would be silently overwritten, so StateChanged is raised instead."""
    finding = session.get(Finding, event.finding_id)
    if finding is None:
        raise StateChanged(f"finding {event.finding_id} no longer exists", event.finding_id)
    now = _state(finding)
    left = {key: (event.after or {}).get(key) for key in now}
    if now != left:
        raise StateChanged(_changed_since(session, event, finding), finding.id)
    before = event.before or {}
    finding.status = str(before.get("status") or "open")
    finding.dismiss_reason = before.get("dismiss_reason")
    finding.assignee = before.get("assignee")
    finding.updated_at = utcnow()
    record = ReviewEvent(finding_id=finding.id, user=user, action="undo", before=now,
                         after=_state(finding), undoes_id=event.id, batch_id=batch_id,
                         comment=f"undo of {event.action} (event {event.id})")
    session.add(record)
    session.flush()
    return record


@dataclass
class Undone:
    """What undoing one decision did: the undo events written (one per finding put back)
    and the findings left as they are because someone decided on them since, with why."""

    records: list[ReviewEvent]
    refused: list[StateChanged]


def undo_decision(session: Session, event: ReviewEvent, *, user: str) -> Undone:
    """Undo the whole decision `event` belongs to: each finding of a bulk decision restored
    from its own event. A finding someone decided on since is left as they decided (undoing
    would silently overwrite them) and the rest are put back all the same: the reviewer asked
    for their own action back, not a colleague's. When not one finding can be put back,
    StateChanged is raised and nothing is written."""
    events = decision_events(session, event)
    batch_id = new_batch_id() if len(events) > 1 else None
    records: list[ReviewEvent] = []
    refused: list[StateChanged] = []
    for one in events:
        try:
            records.append(undo(session, one, user=user, batch_id=batch_id))
        except StateChanged as exc:
            refused.append(exc)
    if not records:
        if len(refused) == 1:
            raise StateChanged(f"{refused[0]}; nothing was undone", refused[0].finding_id)
        raise StateChanged("every finding of your " + event.action + " changed since: "
                           + "; ".join(map(str, refused)) + "; nothing was undone",
                           refused[0].finding_id)
    return Undone(records, refused)


# --- settled by the data -----------------------------------------------------------------------

SYSTEM_USER = "claimwatch"  # who the audit trail names when no person decided


def finding_by_fingerprint(session: Session, fingerprint: str) -> Finding | None:
    return session.scalar(select(Finding).where(Finding.fingerprint == fingerprint))


def settle(session: Session, finding: Finding, *, status: str, action: str,
           comment: str) -> ReviewEvent:
    """The data, not a person, closed the finding ("resolve" to resolved) or opened it again
    ("reopen" to open): never deleted, an event in the trail saying why."""
    before = _state(finding)
    finding.status, finding.updated_at = status, utcnow()
    event = ReviewEvent(finding_id=finding.id, user=SYSTEM_USER, action=action, before=before,
                        after=_state(finding), comment=comment)
    session.add(event)
    session.flush()
    return event


# --- corrections --------------------------------------------------------------------------------

CORRECTABLE = ("indicator", "period", "value", "lower", "upper", "kind")
_CLAIM_STATE = (*CORRECTABLE, "verdict", "deviation", "explanation", "severity")


def get_claim(session: Session, claim_id: int) -> Claim | None:
    return session.get(Claim, claim_id, options=[selectinload(Claim.article)])


def claim_state(claim: Claim) -> dict[str, Any]:
    return {"claim_id": claim.id, **{key: getattr(claim, key) for key in _CLAIM_STATE},
            "reference": claim.reference}


def record_correction(session: Session, finding: Finding, claim: Claim, *, user: str,
                      fields: dict[str, Any], verification: dict[str, Any], close: bool,
                      comment: str | None = None) -> ReviewEvent:
    """A reviewer's correction of a claim's extraction and the claim's new verdict.

    The claim keeps `corrected` so a re-extraction never overwrites it; the finding is
    dismissed as an extraction mistake when the corrected claim is no longer flagged
    (`close`), and otherwise takes the new verdict. One "correct" event holds the claim
    and the finding before and after, which is also what the learning export reads."""
    before = {**_state(finding), "claim": claim_state(claim)}
    for key, value in fields.items():
        if key not in CORRECTABLE:
            raise ValueError(f"{key} cannot be corrected")
        setattr(claim, key, value)
    claim.verdict = verification["verdict"]
    claim.reference = verification.get("reference")
    claim.deviation = verification.get("deviation")
    claim.explanation = verification.get("explanation")
    claim.severity = float(verification.get("severity") or 0.0)
    claim.corrected = True
    if finding.type == "verdict":
        if close:
            finding.status, finding.dismiss_reason = "dismissed", "extraction_mistake"
        else:
            finding.verdict = claim.verdict
            finding.summary = claim.explanation or finding.summary
            finding.severity = claim.severity
        finding.indicator, finding.period = claim.indicator, claim.period
    finding.updated_at = utcnow()
    event = ReviewEvent(finding_id=finding.id, user=user, action="correct", before=before,
                        after={**_state(finding), "claim": claim_state(claim)}, comment=comment)
    session.add(event)
    session.flush()
    return event


# --- exports ------------------------------------------------------------------------------------

def iter_findings(session: Session, *, batch: int = 500, **filters: Any) -> Iterator[Finding]:
    """Every finding that matches the queue's filters, in queue order, a batch at a time
    (keyset pages, so memory stays flat however many there are)."""
    after: Cursor | None = None
    while True:
        rows = list_findings(session, limit=batch, after=after, **filters)
        yield from rows
        if len(rows) < batch:
            return
        after = Cursor.of(rows[-1])
        session.expunge_all()  # what was yielded is done with; keep the identity map small


def iter_decisions(session: Session, *, batch: int = 500,
                   **filters: Any) -> Iterator[tuple[ReviewEvent, Finding]]:
    """The audit trail of the findings that match the filters, oldest event first."""
    joined: Any = select(ReviewEvent, Finding).join(Finding, ReviewEvent.finding_id == Finding.id)
    stmt = _filtered(joined, **filters)
    last = 0
    while True:
        rows = list(session.execute(stmt.where(ReviewEvent.id > last)
                                    .order_by(ReviewEvent.id).limit(batch)).tuples())
        yield from rows
        if len(rows) < batch:
            return
        last = rows[-1][0].id
        session.expunge_all()
