"""Publication dates from Chinese and English news pages and feeds.

General-purpose parsers misread Chinese dates: feedparser turns
"2024年03月05日" and "2024/03/05" into 2024-11-01, and reads "CST" as US
Central time; guessers that fall back to January 1st give "2024-01-01". This
module reads dates year-month-day, as Chinese sources always write them, and
puts a date without a zone in China Standard Time.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import cache
from html.parser import HTMLParser

from crawler import words

CHINA_TZ = timezone(timedelta(hours=8), "CST")
FUTURE_TOLERANCE = timedelta(days=2)
_MIN_YEAR, _MAX_YEAR = 1990, 2100
_HAS_TIME = re.compile(r"\d{1,2}\s*[:：时]\s*\d{1,2}")

_TIME = r"(?P<hh>\d{1,2})\s*[:：时]\s*(?P<mi>\d{1,2})(?:\s*[:：分]\s*(?P<ss>\d{1,2})(?:[.,]\d+)?)?"
_ZONE = r"(?P<tz>Z|[+-]\d{2}(?::?\d{2})?|\b[A-Z]{2,4}\b)"

_CHINESE = re.compile(
    r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    rf"(?:\s*{_TIME})?"
)
# 2024-03-05, 2024/3/5, 2024.03.05, ISO 8601 with "T", 中国政府网's "2024-03-05-10:20:00".
_NUMERIC = re.compile(
    r"(?<!\d)(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"
    rf"(?:(?:[T\s]+|-){_TIME}\s*{_ZONE}?)?"
)


@cache
def _months() -> dict[str, int]:
    return {name.lower(): int(number) for name, number in words.load("dates")["months"].items()}


@cache
def _zones() -> dict[str, int]:
    return {name.upper(): int(hours) for name, hours in words.load("dates")["timezones"].items()}


@cache
def _english_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = "|".join(sorted(_months(), key=len, reverse=True))
    time_part = rf"(?:,?\s*(?:at\s+)?{_TIME}(?:\s*(?P<ampm>[ap]\.?m\.?))?\s*{_ZONE}?)?"
    # "March 5, 2024", "Mar. 5 2024 10:20"
    month_first = re.compile(
        rf"\b(?P<mon>{names})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b{time_part}",
        re.I,
    )
    # "5 March 2024", RFC 822 "Tue, 05 Mar 2024 10:20:00 +0800"
    day_first = re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{names})\.?,?\s+(?P<y>\d{{4}})\b{time_part}",
        re.I,
    )
    return month_first, day_first


def _zone(text: str | None, default_tz: timezone) -> timezone | None:
    if not text:
        return default_tz
    if text[0] in "+-":
        digits = text[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
        if hours > 14 or minutes > 59:
            return None
        offset = timedelta(hours=hours, minutes=minutes)
        return timezone(-offset if text[0] == "-" else offset)
    hours_east = _zones().get(text.upper())
    if hours_east is None:
        return default_tz  # an unknown word after the time, not a zone
    if hours_east == 8:
        return CHINA_TZ
    return timezone(timedelta(hours=hours_east))


def _build(match: re.Match[str], default_tz: timezone) -> datetime | None:
    groups = match.groupdict()
    try:
        year, day = int(groups["y"]), int(groups["d"])
        month = int(groups["m"]) if groups.get("m") else _months()[groups["mon"].lower()]
        hour = int(groups["hh"]) if groups.get("hh") else 0
        minute = int(groups["mi"]) if groups.get("mi") else 0
        second = int(groups["ss"]) if groups.get("ss") else 0
    except (KeyError, ValueError):
        return None
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    tz = _zone(groups.get("tz"), default_tz)
    if tz is None:
        return None
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except ValueError:  # 2024-02-30, 25:00
        return None


def parse_date(text: str, default_tz: timezone = CHINA_TZ) -> datetime | None:
    """The first full date (year, month, day) in ``text`` as an aware datetime.

    Reads Chinese (2024年3月5日 10:20), numeric year-first (2024-03-05,
    2024/03/05, 2024.03.05, ISO 8601 with offsets), RFC 822 and English
    (March 5, 2024; 5 March 2024). Without a zone the time is in
    ``default_tz``; "CST" is China Standard Time. None if nothing parses.
    """
    if not text:
        return None
    patterns = (_CHINESE, _NUMERIC, *_english_patterns())
    matches = sorted(
        (match for pattern in patterns for match in pattern.finditer(text)),
        key=lambda match: (match.start(), -len(match.group(0))),
    )
    for match in matches:
        parsed = _build(match, default_tz)
        if parsed is not None:
            return parsed
    return None


@dataclass
class _PageDates:
    meta: dict[str, str]
    times: list[tuple[bool, str]]  # (marked as the publication time, datetime attribute)
    json_ld: list[str]
    lines: list[str]


class _DateScanner(HTMLParser):
    """Collects date-bearing meta tags, <time>, JSON-LD and visible text lines."""

    # Tags that end a line of visible text. Inline tags (span, em, time) do
    # not: "2024-03-05 10:20 <span>来源：新华网</span>" must stay one line.
    _BLOCKS = frozenset(
        {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"}
        | {"section", "article", "header", "footer", "table", "ul", "ol"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = _PageDates(meta={}, times=[], json_ld=[], lines=[])
        self._skip: str | None = None
        self._script_is_json_ld = False
        self._line: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "meta":
            key = values.get("name") or values.get("property") or values.get("itemprop") or ""
            content = values.get("content", "")
            if key and content:
                self.found.meta.setdefault(key.strip().lower(), content)
        elif tag == "time" and values.get("datetime"):
            marked = "pubdate" in values or values.get("itemprop", "").lower() == "datepublished"
            self.found.times.append((marked, values["datetime"]))
        elif tag in ("script", "style", "noscript", "template"):
            self._skip = tag
            self._script_is_json_ld = values.get("type", "").lower() == "application/ld+json"
        if tag in self._BLOCKS:
            self._end_line()

    def handle_endtag(self, tag: str) -> None:
        if tag == self._skip:
            self._skip = None
        if tag in self._BLOCKS:
            self._end_line()

    def handle_data(self, data: str) -> None:
        if self._skip:
            if self._script_is_json_ld:
                self.found.json_ld.append(data)
            return
        self._line.append(data)

    def _end_line(self) -> None:
        line = " ".join("".join(self._line).split())
        if line:
            self.found.lines.append(line)
        self._line = []

    def close(self) -> None:
        super().close()
        self._end_line()


def _json_ld_dates(blob: str) -> Iterator[str]:
    try:
        data = json.loads(blob)
    except ValueError:
        # Broken JSON-LD is common; the field itself usually survives.
        yield from re.findall(r'"datePublished"\s*:\s*"([^"]+)"', blob)
        return
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str):
                yield value
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _labelled_line_dates(lines: list[str]) -> Iterator[str]:
    table = words.load("dates")
    markers = [marker.lower() for marker in table["copyright_markers"]]
    for label in table["labels"]:
        for line in lines:
            lowered = line.lower()
            if len(line) > 200 or any(marker in lowered for marker in markers):
                continue
            position = lowered.find(label.lower())
            if position < 0:
                continue
            # Prefer the date right after the label; "2024-03-05 来源：新华网"
            # puts it before, so the whole line is the fallback.
            yield line[position:]
            yield line


def _candidates(html: str) -> Iterator[str]:
    scanner = _DateScanner()
    with contextlib.suppress(AssertionError, ValueError):  # HTMLParser on broken markup
        scanner.feed(html)
        scanner.close()
    found = scanner.found
    for key in words.load("dates")["meta_keys"]:
        if key in found.meta:
            yield found.meta[key]
        if key == "datepublished":
            for blob in found.json_ld:
                yield from _json_ld_dates(blob)
    times = sorted(found.times, key=lambda item: not item[0])  # marked ones first
    for _marked, value in times:
        yield value
    yield from _labelled_line_dates(found.lines)


def find_published(html: str, *, now: datetime | None = None) -> datetime | None:
    """The publication date of a page, or None.

    Looks at meta tags and JSON-LD, then <time datetime>, then labelled dates
    in the text (发布时间：…, 来源 lines). Never reads a copyright year. A date
    more than two days ahead of ``now`` gives None: the page (or our parse) is
    wrong, and the caller records "date in the future".
    """
    now = now or datetime.now(CHINA_TZ)
    found: datetime | None = None
    for candidate in _candidates(html):
        published = parse_date(candidate)
        if published is None:
            continue
        if found is None:
            if published > now + FUTURE_TOLERANCE:
                return None
            if _HAS_TIME.search(candidate):
                return published
            found = published  # a bare day: a later line may give the hour
        elif published.astimezone(found.tzinfo).date() == found.date() and _HAS_TIME.search(
            candidate
        ):
            return published
    return found


FUTURE_NOTE = "date in the future"


def not_after(published: datetime | None, fetched_at: datetime) -> tuple[datetime | None, str | None]:
    """A publication date no later than when the article was fetched, and why it was changed.

    A feed or sitemap that dates an entry after we saw it is wrong (a time zone read as
    UTC, a scheduled post, a typo); the fetch time is then the best date we have, and
    the note says what the source gave.
    """
    if published is None or published <= fetched_at:
        return published, None
    given = published.isoformat(timespec="minutes")
    return fetched_at, f"{FUTURE_NOTE}: the source gave {given}; the fetch time is used"
