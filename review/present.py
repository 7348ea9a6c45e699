"""Rows from store/ turned into the API's shapes (which the pages render too)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from review.schemas import ArticleOut, ClaimOut, EventOut, FindingDetail, FindingOut, ReferenceOut
from store.models import Claim, Finding, ReviewEvent


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
        text=claim.text, sentence=claim.sentence,
        span_start=span[0] if span else None, span_end=span[1] if span else None,
        value=claim.value, lower=claim.lower, upper=claim.upper, unit=claim.unit,
        qualifier=claim.qualifier, indicator=claim.indicator, geography=claim.geography,
        period=claim.period, kind=claim.kind, verdict=claim.verdict,
        reference=_reference(claim.reference), deviation=claim.deviation,
        explanation=claim.explanation,
        article=ArticleOut(id=article.id, url=article.url, title=article.title or "",
                           publisher=article.publisher or ""),
    )


def _fields(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id, "type": finding.type, "verdict": finding.verdict,
        "status": finding.status, "dismiss_reason": finding.dismiss_reason,
        "assignee": finding.assignee, "severity": finding.severity,
        "indicator": finding.indicator, "geography": finding.geography, "period": finding.period,
        "summary": finding.summary, "created_at": finding.created_at,
        "updated_at": finding.updated_at, "claims": [claim_out(c) for c in finding.claims],
    }


def finding_out(finding: Finding) -> FindingOut:
    return FindingOut(**_fields(finding))


def finding_detail(finding: Finding, events: list[ReviewEvent]) -> FindingDetail:
    return FindingDetail(**_fields(finding), events=[
        EventOut(id=e.id, user=e.user, action=e.action, before=e.before or {},
                 after=e.after or {}, comment=e.comment, created_at=e.created_at)
        for e in events])
