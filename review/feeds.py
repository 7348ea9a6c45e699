"""The Atom feed of confirmed findings (RFC 4287), built with ElementTree so every piece
of text is escaped; characters XML cannot carry at all are dropped first."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from review.present import http_url
from review.schemas import FindingOut
from store.clock import as_utc
from verifier.formatting import describe_period, format_value

ATOM = "http://www.w3.org/2005/Atom"
# C0 controls other than tab/newline/return, and the two non-characters, are not XML at all
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")


def _stamp(when: datetime) -> str:
    return as_utc(when).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = _clean(text)
    return element


def evidence(f: FindingOut) -> str:
    """The finding as plain text: each claim in its sentence, the claimed and reference
    figures with their source, and where the article is."""
    lines = [f.summary]
    for c in f.claims:
        lines.append("")
        lines.append(f"“{c.sentence}”")
        claimed = f"Claimed: {format_value(c.value, c.unit)} ({c.qualifier}, {c.kind}"
        claimed += f", {describe_period(c.period)})" if c.period else ")"
        lines.append(claimed)
        if c.reference is not None and c.reference.value is not None:
            ref = f"Reference: {format_value(c.reference.value, c.unit)}"
            if c.reference.period:
                ref += f" for {describe_period(c.reference.period)}"
            ref += f" — {c.reference.publisher or 'unknown publisher'}"
            if http_url(c.reference.source_url):
                ref += f" <{http_url(c.reference.source_url)}>"
            lines.append(ref)
        article = f"Article: {c.article.title or c.article.url} ({c.article.publisher})"
        if http_url(c.article.url):
            article += f" <{http_url(c.article.url)}>"
        lines.append(article)
    return "\n".join(lines)


def confirmed_feed(findings: list[FindingOut], base_url: str, now: datetime | None = None) -> bytes:
    """Newest first; `updated` of an entry is when the finding was last decided on."""
    base = base_url.rstrip("/")
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", f"{base}/feeds/confirmed.atom")
    _sub(feed, "title", "claimwatch: confirmed findings")
    _sub(feed, "subtitle", "Figures in the news that reviewers confirmed as wrong or stale.")
    stamps = [f.updated_at for f in findings]
    _sub(feed, "updated", _stamp(max(stamps) if stamps else (now or datetime.now(UTC))))
    _sub(feed, "link", rel="self", href=f"{base}/feeds/confirmed.atom",
         type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href=f"{base}/?status=confirmed", type="text/html")
    author = _sub(feed, "author")
    _sub(author, "name", "claimwatch reviewers")
    _sub(feed, "generator", "claimwatch")
    for f in findings:
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"{base}/findings/{f.id}")
        _sub(entry, "title", f.summary, type="text")
        _sub(entry, "updated", _stamp(f.updated_at))
        _sub(entry, "published", _stamp(f.created_at))
        _sub(entry, "link", rel="alternate", href=f"{base}/findings/{f.id}", type="text/html")
        for c in f.claims:
            url = http_url(c.article.url)
            if url:
                _sub(entry, "link", rel="related", href=_clean(url),
                     title=_clean(c.article.title or c.article.publisher))
        if f.indicator:
            _sub(entry, "category", term=_clean(f.indicator))
        if f.verdict:
            _sub(entry, "category", term=_clean(f.verdict))
        _sub(entry, "content", evidence(f), type="text")
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body
