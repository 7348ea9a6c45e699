"""What the extraction tests share: one extractor on the real catalogue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from verifier.claims import Claim
from verifier.extract import Extractor
from verifier.indicators import load_catalogue

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(load_catalogue(ROOT / "reference_data" / "indicators.yaml"))


def claims(extractor: Extractor, text: str, published: str) -> list[Claim]:
    return extractor.extract(text, date.fromisoformat(published))
