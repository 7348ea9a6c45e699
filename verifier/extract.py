"""From text to claims: each quantity with what it measures, where, when, and how sure."""

from __future__ import annotations

import re
from datetime import date

from verifier import lexicon
from verifier.claims import Claim
from verifier.indicators import Catalogue, Linker
from verifier.numbers import normalise
from verifier.periods import (
    TimeExpr,
    as_stock,
    find_time_expressions,
    period_end_year,
    period_start,
    resolve,
)
from verifier.quantities import Quantity, find_quantities
from verifier.sentences import Span, clause_bounds, sentences

MAX_TEXT = 20_000_000  # characters; longer input is refused, not truncated silently


class ExtractionError(ValueError):
    pass


class Extractor:
    """Holds the catalogue's compiled aliases; one per process is plenty."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.linker = Linker(catalogue)

    def extract(self, text: str, published: date | None = None) -> list[Claim]:
        if len(text) > MAX_TEXT:
            raise ExtractionError(f"text of {len(text)} characters is over the {MAX_TEXT} limit")
        norm = normalise(text)
        quantities = find_quantities(text)
        if not quantities:
            return []
        claims: list[Claim] = []
        context_year: int | None = None
        paragraph_period: str | None = None
        qi = 0
        for span in sentences(norm):
            if "\n\n" in norm[max(0, span.start - 2):span.start + 1]:
                paragraph_period = None
            in_sentence: list[Quantity] = []
            while qi < len(quantities) and quantities[qi].start < span.end:
                if quantities[qi].start >= span.start:
                    in_sentence.append(quantities[qi])
                qi += 1
            sentence = norm[span.start:span.end]
            exprs = find_time_expressions(sentence)
            if in_sentence:
                claims.extend(self._claims_in_sentence(
                    text, span, sentence, in_sentence, exprs, published, context_year,
                    paragraph_period))
                flows = [c.period for c in claims[-len(in_sentence):] if c.period_explicit and c.period]
                if flows:
                    paragraph_period = flows[-1]
            years = [e.year for e in exprs if e.year is not None and not e.by]
            if years:
                context_year = years[-1]
        return claims

    def _claims_in_sentence(self, text: str, span: Span, sentence: str, qs: list[Quantity],
                            exprs: list[TimeExpr], published: date | None,
                            context_year: int | None, paragraph_period: str | None) -> list[Claim]:
        hits = self.linker.hits(sentence)
        sentence_year = next((e.year for e in exprs if e.year is not None), context_year)
        out = []
        pair_years = [e for e in exprs if e.year is not None and not e.span]
        for q in qs:
            start, end = q.start - span.start, min(q.end, span.end) - span.start
            link = self.linker.link(sentence, q, start, end, hits)
            ind = self.catalogue.get(link.indicator)
            expr = _pick_expr(exprs, start, end, q, pair_years)
            explicit = expr is not None
            label: str | None = None
            if expr is not None:
                label = resolve(expr, published, sentence_year).label()
            stock = ind is not None and ind.measure == "stock"
            if label is None:
                if stock and published is not None:
                    label = f"{published.year}-{published.month:02d}"
                elif not stock:
                    label = paragraph_period
                explicit = False
            if stock:
                label = as_stock(label, expr)
            kind = _kind(sentence, start, end, label, published)
            if kind == "actual" and expr is not None and expr.by and label and published \
                    and period_end_year(label) >= published.year:
                kind = "target"  # "by 2025" in an article of 2025 or before
            out.append(Claim(
                text=text[q.start:q.end], start=q.start, end=q.end,
                sentence=text[span.start:span.end], value=_signed(q, sentence, start),
                lower=q.lower, upper=q.upper, unit=link.unit, qualifier=q.qualifier,
                indicator=link.indicator, candidates=list(link.candidates),
                geography=_geography(sentence, start, end), period=label, kind=kind,
                period_explicit=explicit, pair_role=q.pair_role,
            ))
        return out


def _pick_expr(exprs: list[TimeExpr], start: int, end: int, q: Quantity,
               pair_years: list[TimeExpr]) -> TimeExpr | None:
    if not exprs:
        return None
    if q.pair_role and len(pair_years) >= 2:
        # "between 2020 and 2024 ... from X to Y": in order
        return pair_years[0] if q.pair_role == "from" else pair_years[1]
    best: TimeExpr | None = None
    best_d = float("inf")
    for e in exprs:
        d = start - e.end if e.end <= start else (e.start - end) * 1.2 if e.start >= end else 0
        if d < best_d:
            best, best_d = e, d
    return best


def _kind(sentence: str, start: int, end: int, label: str | None, published: date | None) -> str:
    cues = lexicon.cues()
    c_left, c_right = clause_bounds(sentence, start, end)
    window_start = max(0, min(c_left, start - 40))
    before = sentence[window_start:start].replace("将近", "  ")
    after = sentence[end:c_right]
    nearest: tuple[int, str] | None = None
    for name, pattern in (("forecast", cues.forecast), ("target", cues.target)):
        for m in pattern.finditer(before):
            d = len(before) - m.end()
            if nearest is None or d < nearest[0]:
                nearest = (d, name)
        m2 = pattern.search(after)
        if m2 is not None:
            d = m2.start() + 5
            if nearest is None or d < nearest[0]:
                nearest = (d, name)
    if nearest is not None:
        return nearest[1]
    if label and published and "/" not in label and period_start(label) > published:
        return "target"
    return "actual"


def _signed(q: Quantity, sentence: str, start: int) -> float:
    """'fell 2.2 percent' is a growth of -2.2."""
    if q.unit != "percent":
        return q.value
    before = sentence[max(0, start - 25):start]
    down = lexicon.cues().growth_down.search(before)
    up = lexicon.cues().growth_up.search(before)
    if down and (not up or down.start() > up.start()):
        return -q.value
    return q.value


def _geography(sentence: str, start: int, end: int) -> str:
    pattern, by_name = lexicon.place_regex()
    c_left, _ = clause_bounds(sentence, start, end)
    best: str | None = None
    for m in pattern.finditer(sentence, 0, start):
        if _is_part_of_name(sentence, m):
            continue
        best = by_name[m.group(0).lower()]
        if m.start() >= c_left:
            pass
    if best is None:
        return "CN"
    return best


_ORG_AFTER = re.compile(r"\s*(?:University|Daily|Times|Academy|Stock|Exchange|日报|大学|证券|交易所|卫视)")


def _is_part_of_name(sentence: str, m: re.Match[str]) -> bool:
    # "Beijing Daily", "BEIJING, March 5 (Xinhua)": a dateline or an outlet, not a place figure
    if _ORG_AFTER.match(sentence, m.end()):
        return True
    return m.group(0).isupper() and len(m.group(0)) > 2
