"""Numbers and periods written the way a reader says them."""

from __future__ import annotations

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_SCALES = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]
_CURRENCY = {"CNY": "yuan", "USD": "US dollars"}


def format_value(value: float, unit: str) -> str:
    if unit == "percent":
        return f"{value:g}%"
    if unit == "percentage_point":
        return f"{value:g} percentage points"
    suffix = _CURRENCY.get(unit, "" if unit == "count" else unit)
    for factor, word in _SCALES:
        if abs(value) >= factor:
            number = f"{value / factor:.3f}".rstrip("0").rstrip(".")
            return f"{number} {word}{' ' + suffix if suffix else ''}"
    number = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{number}{' ' + suffix if suffix else ''}"


def describe_period(period: str | None) -> str:
    if not period:
        return "an unknown period"
    if "/" in period:
        return f"{period.replace('/', '-')}"
    if len(period) == 7 and period[4] == "-" and period[5:].isdigit():
        return f"the end of {_MONTHS[int(period[5:]) - 1]} {period[:4]}"
    if "-Q" in period:
        return f"Q{period[-1]} {period[:4]}"
    if "-H" in period:
        return f"{'the first' if period.endswith('1') else 'the second'} half of {period[:4]}"
    return period
