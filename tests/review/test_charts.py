"""The server-side SVG charts: parsed as XML, points checked against the axis ticks."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import pairwise

import pytest

from review.charts import Claimed, Point, bar_chart, nice_ticks, period_position, series_chart

NS = {"s": "http://www.w3.org/2000/svg"}


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on anything that is not well-formed XML


def _tick_y(root: ET.Element, value: float) -> float:
    for tick in root.findall(".//s:g[@class='axis y']/s:g[@class='tick']", NS):
        if float(tick.get("data-value", "nan")) == value:
            line = tick.find("s:line", NS)
            assert line is not None
            return float(line.get("y1", "nan"))
    raise AssertionError(f"no y tick at {value}")


def _year_x(root: ET.Element, year: int) -> float:
    tick = root.find(f".//s:g[@class='axis x']/s:g[@data-year='{year}']", NS)
    assert tick is not None, f"no x tick for {year}"
    line = tick.find("s:line", NS)
    assert line is not None
    return float(line.get("x1", "nan"))


def test_period_positions() -> None:
    assert period_position("2024") == period_position("2024-12") == period_position("2024-Q4")
    assert period_position("2024-H1") == period_position("2024-06") == period_position("2024-Q2")
    assert period_position("2021/2025") == period_position("2025")
    assert period_position("2024-01") == 2024 * 12
    assert period_position("2024-13") is None
    assert period_position("last year") is None


def test_nice_ticks_cover_the_range() -> None:
    ticks = nice_ticks(113_000, 4_251_000)
    assert ticks[0] <= 113_000 and ticks[-1] >= 4_251_000
    steps = {round(b - a, 6) for a, b in pairwise(ticks)}
    assert steps == {2_000_000.0}  # 1, 2, 2.5 or 5 times a power of ten, four steps or so
    assert nice_ticks(5, 5)[0] < 5 < nice_ticks(5, 5)[-1]


def test_points_and_claim_sit_where_their_values_and_periods_are() -> None:
    points = [Point("2022", 200.0, "Bureau"), Point("2023", 300.0, "Bureau"),
              Point("2024", 400.0, "Bureau"), Point("2025", 500.0, "Plan", kind="target")]
    claimed = Claimed("2024", 350.0, lower=325.0, upper=375.0, label="about 350")
    root = _parse(series_chart(points, claimed, title="Widgets", unit="count"))

    circles = {c.get("data-period"): c for c in root.findall(".//s:circle", NS)}
    assert set(circles) == {"2022", "2023", "2024", "2025"}
    assert "target" in (circles["2025"].get("class") or "")
    for period, value in (("2022", 200.0), ("2023", 300.0), ("2024", 400.0), ("2025", 500.0)):
        circle = circles[period]
        # on the horizontal line of its value's tick and the vertical line of its year
        assert float(circle.get("cy", "nan")) == pytest.approx(_tick_y(root, value), abs=0.01)
        assert float(circle.get("cx", "nan")) == pytest.approx(_year_x(root, int(period)),
                                                               abs=0.01)

    claim = root.find(".//s:g[@class='claim']", NS)
    assert claim is not None
    cx, cy = float(claim.get("data-cx", "nan")), float(claim.get("data-cy", "nan"))
    assert cx == pytest.approx(float(circles["2024"].get("cx", "nan")), abs=0.01)
    # 350 is halfway between the 300 and 400 lines (a linear axis, higher values higher up)
    assert cy == pytest.approx((_tick_y(root, 300.0) + _tick_y(root, 400.0)) / 2, abs=0.01)
    assert _tick_y(root, 400.0) < cy < _tick_y(root, 300.0)
    polygon = claim.find("s:polygon", NS)
    assert polygon is not None
    xs = [float(p.split(",")[0]) for p in (polygon.get("points") or "").split()]
    ys = [float(p.split(",")[1]) for p in (polygon.get("points") or "").split()]
    assert min(xs) < cx < max(xs) and min(ys) < cy < max(ys)

    interval = root.find(".//s:line[@class='claim-interval']", NS)
    assert interval is not None
    y_325 = (_tick_y(root, 300.0) * 3 + _tick_y(root, 400.0)) / 4
    y_375 = (_tick_y(root, 300.0) + _tick_y(root, 400.0) * 3) / 4
    assert float(interval.get("y1", "nan")) == pytest.approx(y_325, abs=0.01)
    assert float(interval.get("y2", "nan")) == pytest.approx(y_375, abs=0.01)
    assert float(interval.get("x1", "nan")) == pytest.approx(cx, abs=0.01)


def test_an_open_interval_runs_to_the_edge() -> None:
    root = _parse(series_chart([Point("2024-06", 10.0), Point("2024-12", 20.0)],
                               Claimed("2024-12", 15.0, lower=15.0, upper=None), title="t",
                               unit="percent"))
    interval = root.find(".//s:line[@class='claim-interval']", NS)
    assert interval is not None
    top_tick = max(float(t.get("data-value", "nan")) for t in
                   root.findall(".//s:g[@class='axis y']/s:g[@class='tick']", NS))
    assert float(interval.get("y2", "nan")) <= _tick_y(root, top_tick)


def test_text_from_articles_is_escaped() -> None:
    evil = '<script>alert(1)</script>"&\''
    svg = series_chart([Point("2024", 1.0, evil)], Claimed("2024", 2.0, 2.0, 2.0, evil),
                       title=evil, unit="count", note=evil)
    assert "<script" not in svg
    root = _parse(svg)
    assert root.find(".//s:script", NS) is None
    title = root.find("s:title", NS)
    assert title is not None and title.text == evil
    assert root.get("aria-label") == evil
    bars = bar_chart([(evil, 3)], title=evil)
    assert "<script" not in bars
    rect = _parse(bars).find(".//s:rect", NS)
    assert rect is not None and rect.get("data-label") == evil


def test_nothing_to_draw() -> None:
    root = _parse(series_chart([], None, title="empty", unit="count", note="No series."))
    empty = root.find(".//s:text[@class='empty']", NS)
    assert empty is not None and empty.text == "No series."
    assert root.find(".//s:circle", NS) is None


def test_bar_heights_follow_the_counts() -> None:
    root = _parse(bar_chart([("2026-11-01", 2), ("2026-11-02", 0), ("2026-11-03", 4)],
                            title="Findings per day"))
    rects = root.findall(".//s:rect", NS)
    heights = [float(r.get("height", "nan")) for r in rects]
    assert [r.get("data-count") for r in rects] == ["2", "0", "4"]
    assert heights[1] == 0 and heights[2] == pytest.approx(2 * heights[0])
    bottoms = {round(float(r.get("y", "nan")) + float(r.get("height", "nan")), 2) for r in rects}
    assert len(bottoms) == 1  # every bar starts from the same zero line


def test_monthly_figures_sit_inside_their_year() -> None:
    """With monthly figures the year ticks mark January: 2025-08 is drawn seven months right
    of the tick "2025", not left of it (where a tick at the year's end would put it)."""
    points = [Point(f"2024-{m:02d}", 4_000_000.0 + m * 50_000) for m in range(1, 13)]
    points += [Point("2025-07", 4_598_000.0, "MIIT")]
    root = _parse(series_chart(points, Claimed("2025-08", 2_340_000.0, None, None),
                               title="5G", unit="count"))
    axis = root.find(".//s:g[@class='axis x']", NS)
    assert axis is not None and axis.get("data-month") == "1"
    claim = root.find(".//s:g[@class='claim']", NS)
    assert claim is not None
    x = float(claim.get("data-cx", "nan"))
    month = (_year_x(root, 2025) - _year_x(root, 2024)) / 12
    assert x == pytest.approx(_year_x(root, 2025) + 7 * month, abs=0.01)  # August 2025
    january = next(c for c in root.findall(".//s:circle", NS) if c.get("data-period") == "2024-01")
    assert float(january.get("cx", "nan")) == pytest.approx(_year_x(root, 2024), abs=0.01)


def test_value_labels_have_room() -> None:
    """Long labels ("42.5 trillion yuan") push the plot right instead of being cut off at the
    left edge: the space left of the plot holds the longest label."""
    points = [Point(str(y), v * 1e12) for y, v in ((2019, 31.7), (2020, 31.3), (2024, 40.5))]
    root = _parse(series_chart(points, Claimed("2024", 41.0e12, None, None), title="IVA",
                               unit="CNY"))
    ticks = root.findall(".//s:g[@class='axis y']/s:g[@class='tick']", NS)
    labels = ["".join(t.itertext()) for t in ticks]
    assert "42.5 trillion yuan" in labels
    line = ticks[0].find("s:line", NS)
    assert line is not None
    room = float(line.get("x1", "nan")) - 6
    assert room >= max(len(label) for label in labels) * 6.2
