"""Cross-source conflicts: independent publishers whose figures cannot both be right."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import combinations

from verifier.lexicon import load_table


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
    period_explicit: bool = True  # the claim's own sentence dated it
    unit: str = ""
    published: date | None = None  # the article's date
    # what verification found: the verdict, and the reference observation it compared with
    verdict: str | None = None
    reference_publisher: str = ""
    reference_value: float | None = None


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


@cache
def _body_names() -> tuple[tuple[str, str], ...]:
    table = load_table("official_publishers")
    names = [(name, str(body["id"])) for body in table["bodies"]
             for lang in ("en", "zh") for name in body.get(lang) or []]
    return tuple(sorted(names, key=lambda n: len(n[0]), reverse=True))


def official_body(publisher: str) -> str | None:
    """The official body (words/official_publishers.yaml) a reference publisher names first,
    or None for a newspaper, a non-official page or a figure of our own."""
    head = publisher.strip()
    if "non-official" in head.casefold():
        return None
    for name, body in _body_names():
        after = head[len(name):len(name) + 1]
        if head[:len(name)].casefold() == name.casefold() and not (after.isascii()
                                                                   and after.isalnum()):
            return body
    return None


def _dated_by_text(c: SourcedClaim) -> bool:
    """The sentence states the period, or the article's text set it earlier ('2023年...全年');
    otherwise the extractor dated the figure by the publication ('now runs', '目前'), and such
    a figure may be some weeks old."""
    if c.period_explicit or c.published is None:
        return True
    return c.period != f"{c.published.year}-{c.published.month:02d}"


def _independent(a: SourcedClaim, b: SourcedClaim) -> bool:
    same_publisher = " ".join(a.publisher.split()).casefold() == \
        " ".join(b.publisher.split()).casefold()
    return not same_publisher and a.origin != b.origin


def _bounds(c: SourcedClaim, tolerance: float) -> tuple[float, float]:
    lo = c.lower if c.lower is not None else float("-inf")
    hi = c.upper if c.upper is not None else float("inf")
    return lo * (1 - tolerance) if lo > 0 else lo, hi * (1 + tolerance) if hi > 0 else hi


def _disagree(a: SourcedClaim, b: SourcedClaim, tolerance: float) -> bool:
    a_lo, a_hi = _bounds(a, tolerance)
    b_lo, b_hi = _bounds(b, tolerance)
    return a_lo > b_hi or b_lo > a_hi


def _official_figure(c: SourcedClaim) -> tuple[str, float | None] | None:
    if c.verdict != "consistent":
        return None
    body = official_body(c.reference_publisher)
    return (body, c.reference_value) if body is not None else None


def _official_record_differs(a: SourcedClaim, b: SourcedClaim) -> bool:
    """Each claim agrees with an official figure and the two figures are not the same one
    (IFR's 402 and MIIT's 392 robots per 10,000 workers for 2022: two methodologies; or a
    figure and its revision): the gap is in the official record, and neither outlet is wrong."""
    fa, fb = _official_figure(a), _official_figure(b)
    return fa is not None and fb is not None and fa != fb


def find_conflicts(claims: list[SourcedClaim], tolerance: float = 0.01) -> list[Conflict]:
    """Claims about one indicator, place and period conflict when two of them, from different
    publishers and different stories (syndicated copies share an origin), cannot both hold,
    unless neither had its period from the text or each repeats a different official figure.
    No reference is needed. One conflict links every claim of its group that takes part."""
    groups: dict[tuple[str, str, str, str], list[SourcedClaim]] = defaultdict(list)
    for c in claims:
        groups[(c.indicator, c.geography, c.period, c.unit)].append(c)
    out = []
    for (indicator, geography, period, _unit), members in groups.items():
        involved: set[int] = set()
        publishers: set[str] = set()
        for a, b in combinations(members, 2):
            if not _independent(a, b) or not _disagree(a, b, tolerance):
                continue
            # a figure dated only by its publication may stand against one a text dates to
            # that month ("now runs 3.38 million" against "4.65 million by the end of August"),
            # but two such figures are too loose to accuse either
            if not (_dated_by_text(a) or _dated_by_text(b)):
                continue
            if _official_record_differs(a, b):
                continue
            involved |= {a.claim_id, b.claim_id}
            publishers |= {a.publisher, b.publisher}
        if involved:
            out.append(Conflict(indicator, geography, period, tuple(sorted(involved)),
                                tuple(sorted(publishers))))
    return out


# --- the same decisions, for a key with many claims ----------------------------------------------
# find_conflicts compares every pair: fine for an article, quadratic for a national figure that
# hundreds of stories repeat. find_conflicts_fast gives the same Conflicts from two sweeps over
# the claims sorted by their bounds: a claim takes part when some claim entirely above it (or
# below it) passes the pair conditions, and whether one does is answered by counts kept per
# (dated, official figure) class, by inclusion-exclusion on publisher and story origin.


class _Counts:
    """Claims seen so far in a sweep; how many differ from a claim in publisher AND origin."""

    __slots__ = ("by_both", "by_origin", "by_publisher", "total")

    def __init__(self) -> None:
        self.total = 0
        self.by_publisher: dict[str, int] = defaultdict(int)
        self.by_origin: dict[int, int] = defaultdict(int)
        self.by_both: dict[tuple[str, int], int] = defaultdict(int)

    def add(self, publisher: str, origin: int) -> None:
        self.total += 1
        self.by_publisher[publisher] += 1
        self.by_origin[origin] += 1
        self.by_both[(publisher, origin)] += 1

    def independent_of(self, publisher: str, origin: int) -> int:
        return (self.total - self.by_publisher.get(publisher, 0) - self.by_origin.get(origin, 0)
                + self.by_both.get((publisher, origin), 0))


@dataclass
class _Seen:
    """The sweep's counts by class: every claim, the text-dated ones, and each of those by the
    official figure it repeats (None: none)."""

    all: _Counts
    dated: _Counts
    by_figure: dict[object, _Counts]
    dated_by_figure: dict[object, _Counts]

    @classmethod
    def empty(cls) -> _Seen:
        return cls(_Counts(), _Counts(), defaultdict(_Counts), defaultdict(_Counts))

    def add(self, m: _Member) -> None:
        self.all.add(m.publisher, m.origin)
        self.by_figure[m.figure].add(m.publisher, m.origin)
        if m.dated:
            self.dated.add(m.publisher, m.origin)
            self.dated_by_figure[m.figure].add(m.publisher, m.origin)

    def partner_for(self, m: _Member) -> bool:
        """Some claim seen passes the pair conditions with m (their values already disagree)."""
        # two figures dated only by their publication are too loose: one must be text-dated
        if m.figure is None:
            pool = [self.all] if m.dated else [self.dated]
        else:
            # a claim repeating one official figure is no conflict with one repeating another
            table = self.by_figure if m.dated else self.dated_by_figure
            pool = [c for c in (table.get(None), table.get(m.figure)) if c is not None]
        return any(c.independent_of(m.publisher, m.origin) > 0 for c in pool)


@dataclass(frozen=True)
class _Member:
    index: int
    lo: float
    hi: float
    publisher: str  # normalised as _independent compares it
    origin: int
    dated: bool
    figure: object  # _official_figure's answer


def _involved(members: list[SourcedClaim], tolerance: float) -> set[int] | None:
    """Indexes of the members in at least one conflicting pair; None when a value is NaN
    (comparisons with NaN do not order, so the sweep would not be find_conflicts)."""
    prepared = []
    for i, c in enumerate(members):
        lo, hi = _bounds(c, tolerance)
        figure = _official_figure(c)
        if lo != lo or hi != hi or (figure is not None and figure[1] != figure[1]):
            return None
        prepared.append(_Member(i, lo, hi, " ".join(c.publisher.split()).casefold(), c.origin,
                                _dated_by_text(c), figure))
    involved: set[int] = set()
    # each member against the members entirely above it...
    above = sorted(prepared, key=lambda m: m.lo, reverse=True)
    seen, j = _Seen.empty(), 0
    for m in sorted(prepared, key=lambda m: m.hi, reverse=True):
        while j < len(above) and above[j].lo > m.hi:
            seen.add(above[j])
            j += 1
        if seen.partner_for(m):
            involved.add(m.index)
    # ...and against the members entirely below it
    below = sorted(prepared, key=lambda m: m.hi)
    seen, j = _Seen.empty(), 0
    for m in sorted(prepared, key=lambda m: m.lo):
        while j < len(below) and below[j].hi < m.lo:
            seen.add(below[j])
            j += 1
        if seen.partner_for(m):
            involved.add(m.index)
    return involved


def find_conflicts_fast(claims: list[SourcedClaim], tolerance: float = 0.01) -> list[Conflict]:
    """What find_conflicts returns, in the same order, in O(n log n) rather than O(n²)."""
    groups: dict[tuple[str, str, str, str], list[SourcedClaim]] = defaultdict(list)
    for c in claims:
        groups[(c.indicator, c.geography, c.period, c.unit)].append(c)
    out = []
    for (indicator, geography, period, _unit), members in groups.items():
        involved = _involved(members, tolerance)
        if involved is None:
            out += find_conflicts(members, tolerance)
            continue
        if involved:
            out.append(Conflict(indicator, geography, period,
                                tuple(sorted({members[i].claim_id for i in involved})),
                                tuple(sorted({members[i].publisher for i in involved}))))
    return out
