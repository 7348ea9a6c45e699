"""Reviewers' catches as labelled articles in the corpus format of `claimwatch eval`
(tests/corpus/README.md), so each mistake a reviewer finds can become a test.

An article file lists every claim the extractor found in it, as stored (with the
reviewer's corrections applied), because eval counts a claim missing from the gold
as a false positive. A claim corrected by a reviewer is marked `review: corrected`;
one whose finding was dismissed as an extraction mistake without a correction is
marked `review: extraction_mistake` and keeps the extractor's fields, which a person
must fix (or delete the claim when it is no claim) before the file joins the corpus.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import yaml

from store.models import Claim
from store.review_queries import LearningArticle

HEADER = (
    "# Exported from claimwatch review: a reviewer caught an extraction mistake here.\n"
    "# Claims marked `review: corrected` carry the reviewer's fields; claims marked\n"
    "# `review: extraction_mistake` still carry the extractor's (wrong) fields: fix them, or\n"
    "# delete the claim if it is not one, then check the other claims before adding this\n"
    "# file to tests/corpus/.\n"
)


class _Dumper(yaml.SafeDumper):
    """Article text as a literal block, the way the corpus files are written."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def _occurrence(text: str, claim: Claim) -> int:
    """Which occurrence of the claim's span it is (the corpus locates claims by text)."""
    n, pos = 0, -1
    while True:
        pos = text.find(claim.text, pos + 1)
        if pos < 0 or pos > claim.start:
            return max(n, 1)
        n += 1
        if pos == claim.start:
            return n


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() and abs(value) < 1e18 else value


def article_record(item: LearningArticle) -> dict[str, Any]:
    article = item.article
    text = article.text or ""
    claims = []
    for claim in item.claims:
        if text[claim.start:claim.end] != claim.text:
            continue  # the stored text moved on since extraction: the span cannot be placed
        record: dict[str, Any] = {"text": claim.text}
        occurrence = _occurrence(text, claim)
        if occurrence > 1:
            record["occurrence"] = occurrence
        record.update({
            "value": _number(claim.value), "unit": claim.unit, "qualifier": claim.qualifier,
            "indicator": claim.indicator, "geography": claim.geography,
            "period": claim.period, "kind": claim.kind, "verdict": claim.verdict,
        })
        catch = item.catches.get(claim.id)
        if catch is not None:
            record["review"] = catch.kind
            record["reviewer"] = catch.user
            if catch.comment:
                record["review_comment"] = catch.comment
        claims.append(record)
    published = article.published_at.date().isoformat() if article.published_at else None
    return {"id": f"review-{article.id}", "lang": article.language or "en",
            "published": published, "publisher": article.publisher or "",
            "syndicated_from": None, "source_url": article.url, "text": text,
            "claims": claims, "findings": []}


def article_yaml(item: LearningArticle) -> str:
    body = yaml.dump(article_record(item), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=100)
    return HEADER + body


def filename(item: LearningArticle) -> str:
    return f"review-{item.article.id}.yaml"


def learning_zip(items: list[LearningArticle]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in items:
            archive.writestr(filename(item), article_yaml(item))
    return buffer.getvalue()


def write_learning(items: list[LearningArticle], target: Path) -> list[Path]:
    """Write the catches to a folder (one YAML file per article, ready to copy into
    tests/corpus/) or, for a path ending in .zip, to one archive. Returns what was written."""
    if target.suffix == ".zip":
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(learning_zip(items))
        return [target]
    if target.exists() and not target.is_dir():
        raise ValueError(f"{target} is a file: give a folder, or a path ending in .zip")
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for item in items:
        path = target / filename(item)
        path.write_text(article_yaml(item), encoding="utf-8")
        written.append(path)
    return written
