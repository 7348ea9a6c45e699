"""Charts drawn on the server as SVG text: no script, no library, nothing from a CDN.

Pure functions from plain data to markup. Every piece of text that goes into the
markup (publishers, claim text, labels) passes through `_esc`, because part of it
comes from crawled pages.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from html import escape

from verifier.formatting import format_value

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 88, 16, 28, 36  # room for the value labels and the year labels
CHAR_WIDTH = 6.2  # a character of the 11px axis labels, near enough to reserve room for them

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12])|/(\d{4}))?$")


@dataclass(frozen=True)
class Point:
    """One reference observation."""

    period: str
    value: float
    label: str = ""  # who published it
    kind: str = "actual"  # actual | target


@dataclass(frozen=True)
class Claimed:
    """The article's figure, with the interval its wording allows (None: unbounded)."""

    period: str
    value: float
    lower: float | None
    upper: float | None
    label: str = ""


def _esc(text: object) -> str:
    return escape(str(text), quote=True)


def period_position(period: str) -> float | None:
    """Where a period ends, as a month count (year * 12 + month - 1): a year, a quarter,
    a half and a span all sit at their last month, so 2024 and 2024-12 share a place."""
    match = _PERIOD.match(period.strip())
    if match is None:
        return None
    year, month, quarter, half, span_end = match.groups()
    if span_end:
        return int(span_end) * 12 + 11.0
    if month:
        if not 1 <= int(month) <= 12:
            return None
        return int(year) * 12 + int(month) - 1.0
    if quarter:
        return int(year) * 12 + int(quarter) * 3 - 1.0
    if half:
        return int(year) * 12 + int(half) * 6 - 1.0
    return int(year) * 12 + 11.0


def _within_year(period: str) -> bool:
    """A month, quarter or half: a period shorter than a year."""
    match = _PERIOD.match(period.strip())
    return match is not None and any(match.group(i) for i in (2, 3, 4))


def nice_ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    """Round values (1, 2, 2.5, 5 times a power of ten) covering lo..hi."""
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(lo / step) * step
    last = math.ceil(hi / step) * step
    n = round((last - first) / step)
    return [round(first + i * step, 10) for i in range(n + 1)]


@dataclass(frozen=True)
class _Scale:
    lo: float
    hi: float
    start: float  # pixels
    end: float

    def __call__(self, value: float) -> float:
        if self.hi == self.lo:
            return (self.start + self.end) / 2
        return self.start + (value - self.lo) / (self.hi - self.lo) * (self.end - self.start)


def _fmt(n: float) -> str:
    return f"{n:.2f}"


def series_chart(points: list[Point], claimed: Claimed | None, *, title: str, unit: str,
                 note: str = "", width: int = WIDTH, height: int = HEIGHT) -> str:
    """The reference series as dots (hollow for plan targets), the claim as a red diamond
    with its interval as a vertical bar. Points whose period cannot be placed are left out."""
    placed = [(p, x) for p in points if (x := period_position(p.period)) is not None]
    claim_x = period_position(claimed.period) if claimed is not None else None
    xs = [x for _, x in placed] + ([claim_x] if claim_x is not None else [])
    ys = [p.value for p, _ in placed]
    if claimed is not None and claim_x is not None:
        ys += [v for v in (claimed.value, claimed.lower, claimed.upper)
               if v is not None and math.isfinite(v)]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart series-chart" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-label="{_esc(title)}">', f"<title>{_esc(title)}</title>"]
    if not xs or not ys:
        parts.append(f'<text class="empty" x="{width / 2}" y="{height / 2}" text-anchor="middle" '
                     f'fill="#5b6570">{_esc(note or "No reference figures to draw.")}</text></svg>')
        return "".join(parts)
    x_lo, x_hi = min(xs), max(xs)
    if x_hi - x_lo < 12:  # a single year or less: give it some room either side
        x_lo, x_hi = x_lo - 6, x_hi + 6
    pad = (x_hi - x_lo) * 0.04
    ticks = nice_ticks(min(ys), max(ys))
    labels = [format_value(tick, unit) for tick in ticks]
    # wide enough for the longest value label ("42.5 trillion yuan"), which would be cut off
    left = max(LEFT, 12 + math.ceil(max(len(label) for label in labels) * CHAR_WIDTH))
    xscale = _Scale(x_lo - pad, x_hi + pad, left, width - RIGHT)
    yscale = _Scale(ticks[0], ticks[-1], height - BOTTOM, TOP)
    plot_top, plot_bottom = TOP, height - BOTTOM

    parts.append('<g class="axis y" font-size="11" fill="#5b6570">')
    for tick, label in zip(ticks, labels, strict=True):
        y = _fmt(yscale(tick))
        parts.append(f'<g class="tick" data-value="{tick!r}"><line x1="{left}" x2="{width - RIGHT}" '
                     f'y1="{y}" y2="{y}" stroke="#e3e7eb"/><text x="{left - 6}" y="{y}" '
                     f'text-anchor="end" dominant-baseline="middle">'
                     f'{_esc(label)}</text></g>')
    parts.append("</g>")
    # Yearly figures sit at their year's end, and a year's tick there reads right. Monthly,
    # quarterly or half-year figures would then look a year early (2025-08 just left of the
    # tick "2025", which marks December 2025): their ticks mark where each year begins.
    placed_periods = [p.period for p, _ in placed] + ([claimed.period] if claim_x is not None
                                                      and claimed is not None else [])
    at = 0 if any(_within_year(period) for period in placed_periods) else 11
    first_year = math.ceil((x_lo - pad - at) / 12)
    last_year = math.floor((x_hi + pad - at) / 12)
    every = max(1, math.ceil((last_year - first_year + 1) / 10))
    parts.append(f'<g class="axis x" font-size="11" fill="#5b6570" data-month="{at + 1}">')
    for year in range(first_year, last_year + 1):
        if (year - first_year) % every:
            continue
        tx = _fmt(xscale(year * 12 + at))
        parts.append(f'<g class="tick" data-year="{year}"><line x1="{tx}" x2="{tx}" '
                     f'y1="{plot_top}" y2="{plot_bottom}" stroke="#f0f2f4"/><text x="{tx}" '
                     f'y="{height - 14}" text-anchor="middle">{year}</text></g>')
    parts.append("</g>")

    line = [(x, p.value) for p, x in sorted(placed, key=lambda px: px[1]) if p.kind == "actual"]
    if len(line) > 1:
        path = " ".join(f"{_fmt(xscale(x))},{_fmt(yscale(v))}" for x, v in line)
        parts.append(f'<polyline class="series" points="{path}" fill="none" stroke="#0b5cad" '
                     f'stroke-width="1.5" stroke-opacity="0.6"/>')
    for p, x in placed:
        target = p.kind == "target"
        tip = f"{p.period}: {format_value(p.value, unit)}"
        tip += f" ({p.label})" if p.label else ""
        tip += ", plan target" if target else ""
        parts.append(f'<circle class="ref{" target" if target else ""}" data-period="{_esc(p.period)}" '
                     f'data-value="{p.value!r}" cx="{_fmt(xscale(x))}" cy="{_fmt(yscale(p.value))}" '
                     f'r="4" fill="{"#fff" if target else "#0b5cad"}" stroke="#0b5cad" '
                     f'stroke-width="1.5"><title>{_esc(tip)}</title></circle>')

    if claimed is not None and claim_x is not None:
        cx = _fmt(xscale(claim_x))
        lower = claimed.lower if claimed.lower is not None and math.isfinite(claimed.lower) else None
        upper = claimed.upper if claimed.upper is not None and math.isfinite(claimed.upper) else None
        # an open end runs to the edge of the plot: "more than X" has no top
        y_low = yscale(lower) if lower is not None else plot_bottom
        y_high = yscale(upper) if upper is not None else plot_top
        if y_low != y_high:
            parts.append(f'<line class="claim-interval" data-lower="{lower!r}" data-upper="{upper!r}" '
                         f'x1="{cx}" x2="{cx}" y1="{_fmt(y_low)}" y2="{_fmt(y_high)}" '
                         f'stroke="#b42318" stroke-width="3" stroke-opacity="0.45"/>')
        cy = yscale(claimed.value)
        size = 6
        diamond = (f"{cx},{_fmt(cy - size)} {_fmt(float(cx) + size)},{_fmt(cy)} "
                   f"{cx},{_fmt(cy + size)} {_fmt(float(cx) - size)},{_fmt(cy)}")
        tip = f"Claimed {format_value(claimed.value, unit)} for {claimed.period}"
        tip += f": {claimed.label}" if claimed.label else ""
        parts.append(f'<g class="claim" data-period="{_esc(claimed.period)}" '
                     f'data-value="{claimed.value!r}" data-cx="{cx}" data-cy="{_fmt(cy)}">'
                     f'<polygon points="{diamond}" fill="#b42318"/><title>{_esc(tip)}</title></g>')
    if note:
        parts.append(f'<text class="note" x="{left}" y="{TOP - 10}" font-size="11" '
                     f'fill="#5b6570">{_esc(note)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(bars: list[tuple[str, int]], *, title: str, width: int = WIDTH,
              height: int = 200) -> str:
    """Counts as bars from zero, one per label (a day, a week), labels thinned to fit."""
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart bar-chart" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-label="{_esc(title)}">', f"<title>{_esc(title)}</title>"]
    if not bars:
        parts.append(f'<text class="empty" x="{width / 2}" y="{height / 2}" text-anchor="middle" '
                     f'fill="#5b6570">Nothing yet.</text></svg>')
        return "".join(parts)
    left = 44
    ticks = nice_ticks(0, max(max(n for _, n in bars), 1), count=4)
    yscale = _Scale(0, ticks[-1], height - BOTTOM, TOP)
    parts.append('<g class="axis y" font-size="11" fill="#5b6570">')
    for tick in ticks:
        y = _fmt(yscale(tick))
        parts.append(f'<g class="tick" data-value="{tick!r}"><line x1="{left}" x2="{width - RIGHT}" '
                     f'y1="{y}" y2="{y}" stroke="#e3e7eb"/><text x="{left - 6}" y="{y}" '
                     f'text-anchor="end" dominant-baseline="middle">{tick:g}</text></g>')
    parts.append("</g>")
    slot = (width - RIGHT - left) / len(bars)
    every = max(1, math.ceil(len(bars) / 8))
    base = yscale(0)
    for i, (label, count) in enumerate(bars):
        x = left + i * slot + slot * 0.15
        top = yscale(count)
        parts.append(f'<rect class="bar" data-label="{_esc(label)}" data-count="{count}" '
                     f'x="{_fmt(x)}" y="{_fmt(top)}" width="{_fmt(slot * 0.7)}" '
                     f'height="{_fmt(base - top)}" fill="#0b5cad">'
                     f'<title>{_esc(label)}: {count}</title></rect>')
        if i % every == 0:
            parts.append(f'<text class="label" x="{_fmt(x + slot * 0.35)}" y="{height - 14}" '
                         f'font-size="11" fill="#5b6570" text-anchor="middle">{_esc(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
