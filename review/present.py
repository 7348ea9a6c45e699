"""Rows from store/ turned into the API's shapes (which the pages render too)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from review.charts import Claimed, Point, series_chart
from review.schemas import ArticleOut, ClaimOut, EventOut, FindingDetail, FindingOut, ReferenceOut
from store.clock import as_utc
from store.models import Claim, Finding, ReviewEvent
from verifier.indicators import Indicator
from verifier.reference import ReferenceData


def span_in_sentence(claim: Claim, article_text: str | None) -> tuple[int, int] | None:
    """Where the claim's text sits in its sentence.

    claim.start/end are offsets in the article's extracted text; the sentence is a
    slice of that text, so the span inside the sentence is start/end minus where that
    slice begins. When the article text is not at hand (or disagrees), fall back to the
    first occurrence of the claim's text in the sentence.
    """
    sentence, text = claim.sentence or "", claim.text or ""
    if article_text and sentence:
        pos = article_text.find(sentence)
        while 0 <= pos <= claim.start:
            if pos + len(sentence) >= claim.end:
                rel = (claim.start - pos, claim.end - pos)
                if sentence[rel[0]:rel[1]] == text:
                    return rel
            pos = article_text.find(sentence, pos + 1)
    if text:
        index = sentence.find(text)
        if index >= 0:
            return index, index + len(text)
    return None


def http_url(url: str | None) -> str:
    """The URL if it is http(s), else "" (crawled data could carry javascript: links)."""
    if not url:
        return ""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""
    return url.strip() if scheme in ("http", "https") else ""


def _reference(ref: dict[str, Any] | None) -> ReferenceOut | None:
    if not ref:
        return None
    value = ref.get("value")
    return ReferenceOut(
        value=float(value) if isinstance(value, int | float) else None,
        period=_str_or_none(ref.get("period")), publisher=_str_or_none(ref.get("publisher")),
        source_url=_str_or_none(ref.get("source_url")),
        qualifier=_str_or_none(ref.get("qualifier")), revision=_str_or_none(ref.get("revision")),
    )


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def claim_out(claim: Claim) -> ClaimOut:
    article = claim.article
    span = span_in_sentence(claim, article.text)
    return ClaimOut(
        id=claim.id, text=claim.text, sentence=claim.sentence,
        span_start=span[0] if span else None, span_end=span[1] if span else None,
        value=claim.value, lower=claim.lower, upper=claim.upper, unit=claim.unit,
        qualifier=claim.qualifier, indicator=claim.indicator, geography=claim.geography,
        period=claim.period, kind=claim.kind, verdict=claim.verdict,
        reference=_reference(claim.reference), deviation=claim.deviation,
        explanation=claim.explanation, corrected=bool(claim.corrected),
        article=ArticleOut(id=article.id, url=article.url, title=article.title or "",
                           publisher=article.publisher or ""),
    )


def _fields(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id, "type": finding.type, "verdict": finding.verdict,
        "status": finding.status, "dismiss_reason": finding.dismiss_reason,
        "assignee": finding.assignee, "severity": finding.severity,
        "indicator": finding.indicator, "geography": finding.geography, "period": finding.period,
        # with their zone on both databases (SQLite gives them back naive; they are UTC)
        "summary": finding.summary, "created_at": as_utc(finding.created_at),
        "updated_at": as_utc(finding.updated_at), "claims": [claim_out(c) for c in finding.claims],
    }


def finding_out(finding: Finding) -> FindingOut:
    return FindingOut(**_fields(finding))


def finding_detail(finding: Finding, events: list[ReviewEvent]) -> FindingDetail:
    return FindingDetail(**_fields(finding), fingerprint=finding.fingerprint, events=[
        EventOut(id=e.id, user=e.user, action=e.action, before=e.before or {},
                 after=e.after or {}, comment=e.comment, created_at=as_utc(e.created_at))
        for e in events])


@dataclass(frozen=True)
class ClaimChart:
    claim_text: str
    title: str
    svg: str


def _plottable(claim_unit: str, ind: Indicator) -> bool:
    return claim_unit == ind.unit or (ind.unit == "percent" and claim_unit == "percentage_point"
                                      and ind.measure == "share")


def charts_for(claims: list[ClaimOut], data: ReferenceData) -> list[ClaimChart]:
    """One chart per claim about a catalogue indicator: its reference series (official
    figures and plan targets) with the claimed value and interval on it."""
    out = []
    for claim in claims:
        ind = data.catalogue.get(claim.indicator)
        if ind is None:
            continue
        series = data.observations.series(ind.id, claim.geography)
        points = [Point(o.period, o.value, o.publisher, o.kind) for o in series]
        note = ""
        claimed: Claimed | None = None
        if claim.period is None:
            note = "The claim has no period, so it is not plotted."
        elif not _plottable(claim.unit, ind):
            note = f"The claim is in {claim.unit} and the series in {ind.unit}: not plotted."
        else:
            claimed = Claimed(claim.period, claim.value, claim.lower, claim.upper, claim.text)
        if not points:
            note = f"The reference data have no {ind.name_en} for {claim.geography}."
        title = f"{ind.name_en}, {claim.geography}: reference figures and the claim"
        out.append(ClaimChart(claim.text, title,
                              series_chart(points, claimed, title=title, unit=ind.unit,
                                           note=note)))
    return out
