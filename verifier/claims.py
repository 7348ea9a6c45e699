"""The plain data classes at the verifier's boundary."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Reference:
    value: float
    period: str
    publisher: str
    source_url: str
    qualifier: str = "exact"
    revision: str = ""


@dataclass
class Claim:
    text: str
    start: int
    end: int
    sentence: str
    value: float
    lower: float | None
    upper: float | None
    unit: str
    qualifier: str
    indicator: str | None
    geography: str
    period: str | None
    kind: str  # actual | target | forecast
    candidates: list[str] = field(default_factory=list)
    period_explicit: bool = True  # False when the period came from the publication date
    pair_role: str | None = None
    # filled in by verification
    verdict: str | None = None
    reference: Reference | None = None
    deviation: float | None = None
    explanation: str | None = None
    severity: float = 0.0

    def to_json(self, with_verdict: bool = False) -> dict[str, Any]:
        data = asdict(self)
        keep = ["text", "start", "end", "sentence", "value", "lower", "upper", "unit", "qualifier",
                "indicator", "geography", "period", "kind", "candidates"]
        if with_verdict:
            keep += ["verdict", "reference", "deviation", "explanation", "severity"]
        return {k: data[k] for k in keep}


@dataclass
class Finding:
    """What involves several claims: an arithmetic that does not add up, a conflict."""

    type: str  # arithmetic | conflict
    claim_indexes: list[int]  # positions in the article's claim list
    explanation: str
    severity: float
    detail: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
