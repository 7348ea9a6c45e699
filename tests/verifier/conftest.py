"""What the extraction tests share: one extractor on the real catalogue, and the labelled
corpus's sentences."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from verifier.claims import Claim
from verifier.extract import Extractor
from verifier.indicators import load_catalogue
from verifier.numbers import normalise
from verifier.sentences import sentences

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(load_catalogue(ROOT / "reference_data" / "indicators.yaml"))


def claims(extractor: Extractor, text: str, published: str) -> list[Claim]:
    return extractor.extract(text, date.fromisoformat(published))


def corpus_sentences() -> list[str]:
    """Every sentence of tests/corpus/*.yaml, normalised as extraction reads it."""
    found = []
    for path in sorted((ROOT / "tests" / "corpus").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = doc.get("text") if isinstance(doc, dict) else None
        if text:
            norm = normalise(text)
            found.extend(norm[s.start:s.end] for s in sentences(norm))
    return found
