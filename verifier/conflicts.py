"""Cross-source conflicts: independent publishers whose figures cannot both be right."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass


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


def find_conflicts(claims: list[SourcedClaim], tolerance: float = 0.01) -> list[Conflict]:
    """Group by indicator, place and period; a group whose independent intervals do not all
    overlap is one conflict linking every claim of the group."""
    groups: dict[tuple[str, str, str], list[SourcedClaim]] = defaultdict(list)
    for c in claims:
        groups[(c.indicator, c.geography, c.period)].append(c)
    out = []
    for (indicator, geography, period), members in groups.items():
        # one voice per independent story: syndicated copies and one publisher's repeats collapse
        voices: dict[tuple[str, int], SourcedClaim] = {}
        for c in members:
            voices.setdefault((c.publisher, c.origin), c)
        origins = {c.origin for c in voices.values()}
        publishers = {c.publisher for c in voices.values()}
        if len(origins) < 2 or len(publishers) < 2:
            continue
        bounds = [_bounds(c, tolerance) for c in voices.values()]
        if max(lo for lo, _ in bounds) <= min(hi for _, hi in bounds):
            continue
        out.append(Conflict(
            indicator, geography, period,
            claim_ids=tuple(sorted(c.claim_id for c in members)),
            publishers=tuple(sorted(publishers)),
        ))
    return out
