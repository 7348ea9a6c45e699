"""Cross-source conflicts: independent publishers whose figures cannot both be right."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True)
class SourcedClaim:
    claim_id: int
    indicator: str
    geography: str
    period: str
    value: float
    lower: float | None
    upper: float | None
    publisher: str
    origin: int  # the article id of the first copy: syndicated copies share it
    period_explicit: bool = True
    unit: str = ""


@dataclass(frozen=True)
class Conflict:
    indicator: str
    geography: str
    period: str
    claim_ids: tuple[int, ...]
    publishers: tuple[str, ...]

    @property
    def fingerprint(self) -> str:
        return f"conflict:{self.indicator}:{self.geography}:{self.period}"


def _bounds(c: SourcedClaim, tolerance: float) -> tuple[float, float]:
    lo = c.lower if c.lower is not None else float("-inf")
    hi = c.upper if c.upper is not None else float("inf")
    return lo * (1 - tolerance) if lo > 0 else lo, hi * (1 + tolerance) if hi > 0 else hi


def _disagree(a: SourcedClaim, b: SourcedClaim, tolerance: float) -> bool:
    a_lo, a_hi = _bounds(a, tolerance)
    b_lo, b_hi = _bounds(b, tolerance)
    return a_lo > b_hi or b_lo > a_hi


def find_conflicts(claims: list[SourcedClaim], tolerance: float = 0.01) -> list[Conflict]:
    """Claims about one indicator, place and period conflict when two of them, from different
    publishers and different stories (syndicated copies share an origin), cannot both hold.
    Only periods the articles state count: a date inferred from publication is too weak a
    ground to accuse a source. One conflict links every claim of its group that takes part."""
    groups: dict[tuple[str, str, str, str], list[SourcedClaim]] = defaultdict(list)
    for c in claims:
        if c.period_explicit:
            groups[(c.indicator, c.geography, c.period, c.unit)].append(c)
    out = []
    for (indicator, geography, period, _unit), members in groups.items():
        involved: set[int] = set()
        publishers: set[str] = set()
        for a, b in combinations(members, 2):
            if a.publisher == b.publisher or a.origin == b.origin:
                continue
            if _disagree(a, b, tolerance):
                involved |= {a.claim_id, b.claim_id}
                publishers |= {a.publisher, b.publisher}
        if involved:
            out.append(Conflict(indicator, geography, period, tuple(sorted(involved)),
                                tuple(sorted(publishers))))
    return out
