"""The JSON API's shapes; also what the templates render, so pages and API agree."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class ReferenceOut(BaseModel):
    value: float | None = None
    period: str | None = None
    publisher: str | None = None
    source_url: str | None = None
    qualifier: str | None = None
    revision: str | None = None


class ArticleOut(BaseModel):
    id: int
    url: str
    title: str
    publisher: str


class ClaimOut(BaseModel):
    id: int
    text: str = Field(description="The quantity expression as written.")
    sentence: str = Field(description="The sentence the claim stands in.")
    span_start: int | None = Field(
        None, description="Offset of `text` inside `sentence` (characters); null if not found.")
    span_end: int | None = Field(None, description="End offset of `text` inside `sentence`.")
    value: float
    lower: float | None
    upper: float | None
    unit: str
    qualifier: str
    indicator: str | None
    geography: str
    period: str | None
    kind: str
    verdict: str | None
    reference: ReferenceOut | None
    deviation: float | None
    explanation: str | None
    corrected: bool = Field(False, description="A reviewer corrected the extraction.")
    article: ArticleOut


class FindingOut(BaseModel):
    id: int
    type: str = Field(description="verdict | conflict | arithmetic")
    verdict: str | None
    status: str = Field(description="open | confirmed | dismissed")
    dismiss_reason: str | None
    assignee: str | None
    severity: float
    indicator: str | None
    geography: str | None
    period: str | None
    summary: str
    created_at: datetime
    updated_at: datetime
    claims: list[ClaimOut]


class EventOut(BaseModel):
    id: int
    user: str
    action: str
    before: dict[str, Any]
    after: dict[str, Any]
    comment: str | None
    created_at: datetime


class FindingDetail(FindingOut):
    fingerprint: str = Field("", description="What alerts and silences know the finding by.")
    events: list[EventOut] = Field(description="The audit trail, oldest first.")


class FindingList(BaseModel):
    findings: list[FindingOut]
    count: int = Field(description="How many findings match the filters (ignoring limit/offset).")
    next_cursor: str | None = Field(
        None, description="Pass as `after` for the next page; null on the last page.")


class DecideIn(BaseModel):
    action: str = Field(description="confirm | dismiss | reopen | assign | comment")
    reason: str | None = Field(None, description="Required to dismiss: one of the dismiss reasons.")
    comment: str | None = None
    assignee: str | None = Field(None, description="For assign; defaults to the caller.")


class BulkIn(BaseModel):
    ids: list[int] = Field(description="The findings to decide on (at most 500).")
    action: str = Field(description="confirm | dismiss | assign")
    reason: str | None = Field(None, description="Required to dismiss.")
    comment: str | None = None
    assignee: str | None = Field(None, description="For assign; someone else needs an admin.")


class BulkOut(BaseModel):
    decided: int


class NotUndoneOut(BaseModel):
    finding_id: int
    reason: str = Field(description="Who decided on it since, and what it is now.")


class UndoOut(BaseModel):
    event_id: int = Field(description="The (first) undo event (or, before undoing, the decision).")
    finding_id: int = Field(description="The (first) finding put back.")
    action: str = Field(description="The decision that was (or would be) taken back.")
    before: dict[str, Any]
    after: dict[str, Any]
    finding_ids: list[int] = Field(
        default_factory=list, description="Every finding put back (or that would be): all those "
        "of a bulk decision, which is undone as one.")
    not_undone: list[NotUndoneOut] = Field(
        default_factory=list, description="Findings of the decision left as they are because "
        "someone decided on them since (their decision is not overwritten).")


class CorrectIn(BaseModel):
    indicator: str | None = Field(None, description="A catalogue id, or null: not covered.")
    period: str | None = Field(None, description="YYYY, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY/YYYY")
    value: float = Field(description="In the claim's base unit.")
    kind: str = Field(description="actual | target | forecast")
    comment: str | None = None


class CorrectOut(BaseModel):
    verdict: str = Field(description="The claim's verdict after the correction.")
    explanation: str | None
    closed: bool = Field(description="The finding was closed (no longer flagged).")
    resolved_conflicts: list[int] = Field(
        default_factory=list, description="Cross-source conflict findings closed as resolved: "
        "after the correction the sources agree.")
    reopened_conflicts: list[int] = Field(
        default_factory=list, description="Conflict findings resolved before and open again: "
        "after the correction the sources disagree again.")
    resolved_verdicts: list[int] = Field(
        default_factory=list, description="The claim's own verdict findings (other than the "
        "finding corrected from, e.g. when correcting from a conflict) closed as resolved: "
        "the claim is no longer flagged with their verdict.")
    reopened_verdicts: list[int] = Field(
        default_factory=list, description="The claim's verdict findings resolved before and "
        "open again: the claim carries their verdict again.")
    opened_verdicts: list[int] = Field(
        default_factory=list, description="Verdict findings opened for the claim: it is "
        "flagged with a verdict none of its findings had.")


class Health(BaseModel):
    status: str


class ErrorOut(BaseModel):
    detail: str
