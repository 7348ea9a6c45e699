"""A reviewer corrects what the extractor read (indicator, period, value, kind) and the
claim is verified again at once against the current reference data.

The corrected claim keeps its `corrected` mark so a later re-extraction of the article
never overwrites it, and the correction is an event in the finding's audit trail (before
and after), which the learning export turns into a labelled test article.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from sqlalchemy.orm import Session

from claimwatch.alerting import queue_alerts
from claimwatch.pipeline import Context, check_conflicts, key_conflicts, verdict_fingerprint
from claimwatch.settings import Settings
from store import conflict_keys
from store.db import session_scope
from store.findings import (
    FLAGGED_VERDICTS,
    claim_data,
    finding_by_fingerprint,
    get_claim,
    get_finding,
    record_correction,
    settle,
    upsert_finding,
)
from store.models import Claim as ClaimRow
from store.models import Finding as FindingRow
from store.reverification import claim_has_verdict_finding, settle_claim_verdict_findings
from verifier.claims import Claim as ClaimData
from verifier.conflicts import Conflict
from verifier.reference import ReferenceData, period_bounds
from verifier.verdicts import apply, verify

Key = tuple[str, str, str]  # indicator, geography, period

KINDS = ("actual", "target", "forecast")
PERIOD_HELP = "YYYY, YYYY-MM, YYYY-Qn, YYYY-H1/H2 or YYYY/YYYY"
MAX_COMMENT = 4000


@dataclass
class CorrectionForm:
    """What the reviewer typed, as typed: shown again untouched when something is wrong."""

    indicator: str = ""
    period: str = ""
    value: str = ""
    kind: str = ""
    comment: str = ""


@dataclass
class CorrectionResult:
    errors: list[str] = field(default_factory=list)
    verdict: str | None = None
    explanation: str | None = None
    closed: bool = False
    # cross-source conflict findings the correction settled (their claims agree now) or
    # opened again (a conflict it had settled is back)
    resolved_conflicts: list[int] = field(default_factory=list)
    reopened_conflicts: list[int] = field(default_factory=list)
    # the claim's verdict findings other than the one corrected from (a correction made on a
    # conflict's page): resolved (the claim checks out now), reopened, or opened (flagged anew)
    resolved_verdicts: list[int] = field(default_factory=list)
    reopened_verdicts: list[int] = field(default_factory=list)
    opened_verdicts: list[int] = field(default_factory=list)


def parse_value(text: str) -> float | None:
    """A number in the claim's base unit: 4251000, 4,251,000, 4.251e6."""
    cleaned = text.strip().replace(",", "").replace("_", "").replace(" ", "")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def check_period(text: str) -> str | None:
    """The period typed, without the spaces around it, if it is one the verifier writes
    (verifier.reference.period_bounds decides), else None."""
    period = text.strip()
    return period if period_bounds(period) is not None else None


def check_form(form: CorrectionForm, data: ReferenceData) -> tuple[dict[str, Any], list[str]]:
    """The corrected fields, or the reasons they cannot be taken (one per wrong field)."""
    errors = []
    indicator = form.indicator.strip() or None
    if indicator is not None and data.catalogue.get(indicator) is None:
        errors.append(f"Unknown indicator {indicator!r}: pick one from the catalogue, or leave "
                      f"it empty for a figure the catalogue does not cover.")
    period = form.period.strip() or None
    if period is not None and check_period(period) is None:
        errors.append(f"Period {form.period.strip()!r} is not a period: write {PERIOD_HELP}.")
    value = parse_value(form.value)
    if value is None:
        errors.append(f"Value {form.value.strip()!r} is not a number: write it in the base unit "
                      f"(4251000 for 4.251 million, 10.65 for 10.65 percent).")
    kind = form.kind.strip()
    if kind not in KINDS:
        errors.append(f"Kind must be one of: {', '.join(KINDS)}.")
    if len(form.comment) > MAX_COMMENT:
        errors.append(f"The comment is longer than {MAX_COMMENT} characters.")
    return {"indicator": indicator, "period": period, "value": value, "kind": kind}, errors


def _interval(row: ClaimRow, value: float) -> tuple[float | None, float | None]:
    """The wording's interval moved with the value: "about 4.6 million" read as 4.6 million
    and corrected to 4.25 million keeps its ± share; an open end stays open."""
    if row.value and value / row.value > 0:
        ratio = value / row.value
        lower = None if row.lower is None else row.lower * ratio
        upper = None if row.upper is None else row.upper * ratio
        return lower, upper
    return value, value


def _as_data(row: ClaimRow, fields: dict[str, Any], period_explicit: bool) -> ClaimData:
    return replace(claim_data(row), value=fields["value"], lower=fields["lower"],
                   upper=fields["upper"], indicator=fields["indicator"], period=fields["period"],
                   kind=fields["kind"], period_explicit=period_explicit)


def correct_claim(settings: Settings, finding_id: int, claim_id: int, form: CorrectionForm,
                  user: str, data: ReferenceData | None = None) -> CorrectionResult:
    """Check the form, apply it to the claim, verify again, update the finding.

    Nothing is written when the form has an error. `data` is the reference to verify
    against; by default the current one (files plus reviewers' observations)."""
    data = data or Context(settings).reference()
    fields, errors = check_form(form, data)
    if errors:
        return CorrectionResult(errors=errors)
    with session_scope(settings.db_url) as session:
        finding = get_finding(session, finding_id)
        claim = get_claim(session, claim_id)
        if finding is None or claim is None or claim.id not in {c.id for c in finding.claims}:
            return CorrectionResult(errors=[f"Claim {claim_id} is not part of finding "
                                            f"{finding_id}."])
        keys = _conflict_key(claim)  # the key the claim leaves, if it moves
        fields["lower"], fields["upper"] = _interval(claim, fields["value"])
        # a period the reviewer gave is stated, not guessed from the publication date
        explicit = claim.period_explicit or fields["period"] != claim.period
        data_claim = _as_data(claim, fields, explicit)
        # as the article's own check: only figures out by its date count
        published = claim.article.published_at.date() if claim.article.published_at else None
        apply(data_claim, verify(data_claim, data, published))
        closed = data_claim.verdict not in FLAGGED_VERDICTS
        record_correction(session, finding, claim, user=user, fields=fields, close=closed,
                          comment=form.comment.strip() or None, verification={
                              "verdict": data_claim.verdict,
                              "reference": asdict(data_claim.reference)
                              if data_claim.reference else None,
                              "deviation": data_claim.deviation,
                              "explanation": data_claim.explanation,
                              "severity": data_claim.severity})
        claim.period_explicit = explicit
        why = f"{user} corrected claim {claim_id}"
        verdicts = _settle_verdicts(session, finding, claim, data_claim, data.version, why)
        keys = sorted(set(keys + _conflict_key(claim)))
        # for the conflict check of the workers, should the one below find it busy
        conflict_keys.mark(session, None, keys)
        closed_verdict = closed and finding.type == "verdict"
    if verdicts.opened_verdicts:
        queue_alerts(Context(settings), verdicts.opened_verdicts)
    resolved, reopened = recheck_conflicts(settings, keys, why)
    return CorrectionResult(verdict=data_claim.verdict, explanation=data_claim.explanation,
                            closed=closed_verdict, resolved_conflicts=resolved,
                            reopened_conflicts=reopened,
                            resolved_verdicts=verdicts.resolved_verdicts,
                            reopened_verdicts=verdicts.reopened_verdicts,
                            opened_verdicts=verdicts.opened_verdicts)


def _settle_verdicts(session: Session, finding: FindingRow, claim: ClaimRow,
                     checked: ClaimData, version: str, why: str) -> CorrectionResult:
    """The claim's own verdict findings after its correction, as re-verification settles an
    article's: the finding corrected from, when a verdict finding, was updated by
    record_correction; any other (the claim's finding, when corrected from a conflict's page)
    is resolved when the claim no longer carries its verdict and reopened when it carries it
    again. A claim flagged with a verdict no finding of its has gets one, alerted as new."""
    leave = [finding.id] if finding.type == "verdict" else []
    done = CorrectionResult()
    done.resolved_verdicts, done.reopened_verdicts = settle_claim_verdict_findings(
        session, claim.id, f"after {why}", leave)
    if checked.verdict in FLAGGED_VERDICTS and not claim_has_verdict_finding(
            session, claim.id, str(checked.verdict)):
        fid, created = upsert_finding(
            session, fingerprint=verdict_fingerprint(checked, claim.article.publisher),
            type="verdict", verdict=checked.verdict, indicator=checked.indicator,
            geography=checked.geography, period=checked.period, severity=checked.severity,
            summary=checked.explanation or "", claim_ids=[claim.id], reference_version=version,
            detail={"deviation": checked.deviation})
        if created:
            done.opened_verdicts.append(fid)
    return done


def _conflict_key(claim: ClaimRow) -> list[Key]:
    """The (indicator, geography, period) whose cross-source conflict the claim takes part in."""
    if claim.kind == "actual" and claim.indicator and claim.period:
        return [(claim.indicator, claim.geography, claim.period)]
    return []


def recheck_conflicts(settings: Settings, keys: list[Key], why: str) -> tuple[list[int], list[int]]:
    """After claims of these keys changed under a reviewer's hand, their cross-source
    conflicts are checked again: a key's open conflict finding whose claims no longer
    disagree is closed as resolved, and one closed so whose claims disagree again is reopened,
    each with an event (the conflict check only ever opens and updates); then the conflict
    check runs now, opening the keys' new conflicts (alerted as the worker's check does) and
    writing the current summary of the open ones. Returns (resolved ids, reopened ids)."""
    if not keys:
        return [], []
    resolved, reopened = [], []
    with session_scope(settings.db_url) as session:
        for key in keys:
            finding = finding_by_fingerprint(session, Conflict(*key, (), ()).fingerprint)
            if finding is None or finding.status not in ("open", "resolved"):
                continue  # none, or a reviewer's decision, which the data do not overturn
            disagree = bool(key_conflicts(session, key)[1])  # as the conflict check sees it
            if finding.status == "open" and not disagree:
                settle(session, finding, status="resolved", action="resolve",
                       comment=f"resolved: the sources agree after {why}")
                resolved.append(finding.id)
            elif finding.status == "resolved" and disagree:
                settle(session, finding, status="open", action="reopen",
                       comment=f"reopened: the sources disagree again after {why}")
                reopened.append(finding.id)
    ctx = Context(settings)
    # busy: a worker's check holds the lease; the keys stay marked and its next check takes them
    opened = check_conflicts(ctx).opened
    if opened:
        queue_alerts(ctx, opened)
    return resolved, reopened
