"""Parsing RSS 2.0, Atom and RDF feeds into plain entries.

feedparser reads the formats; this module decides what an entry is worth to
us: it needs a link (resolved against the feed's URL), its guid is unique
within the feed, and its date is read the Chinese way when feedparser cannot
(it turns "2024年03月05日" into 2024-11-01 and reads "CST" as US Central).
"""

from __future__ import annotations

import calendar
import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from crawler.dates import parse_date


@dataclass(frozen=True)
class FeedEntry:
    guid: str
    url: str  # absolute
    title: str
    published: datetime | None
    summary: str  # plain text


class FeedError(Exception):
    """The body is not a feed, or too broken to read any entry."""


_TAGS = re.compile(r"<[^>]+>")
_DATE_FIELDS = ("published", "updated", "created", "dc_date", "date", "pubdate")
_PARSED_FIELDS = ("published_parsed", "updated_parsed", "created_parsed")


def _plain(text: str) -> str:
    return " ".join(html.unescape(_TAGS.sub(" ", text)).split())


def _entry_date(entry: Any) -> datetime | None:
    # Our parser first: it reads year-month-day forms and the CST zone the way
    # Chinese feeds mean them; feedparser's parse is the fallback for the rest.
    for field in _DATE_FIELDS:
        raw = entry.get(field)
        if isinstance(raw, str) and raw.strip():
            parsed = parse_date(raw)
            if parsed is not None:
                return parsed
    for field in _PARSED_FIELDS:
        struct = entry.get(field)
        if struct:
            return datetime.fromtimestamp(calendar.timegm(struct), tz=UTC)
    return None


def _link(entry: Any, base_url: str) -> str | None:
    link = entry.get("link")
    if not link:
        # Atom entries may only have <link rel="alternate" href> without feedparser's shortcut.
        for candidate in entry.get("links", []):
            if candidate.get("href") and candidate.get("rel", "alternate") == "alternate":
                link = candidate["href"]
                break
    if not link or not str(link).strip():
        return None
    return urljoin(base_url, str(link).strip())


def parse_feed(body: bytes, base_url: str) -> list[FeedEntry]:
    """Entries of an RSS, Atom or RDF feed, in feed order.

    Raises FeedError when the body is not a feed or is broken with no entries;
    a well-formed feed with no items gives an empty list.
    """
    # The fetcher has already checked the Content-Type; telling feedparser so
    # stops it flagging every body as bozo ("no Content-type specified").
    # No content-location: feedparser would then "resolve" plain guids such as
    # "g1" into URLs; links are resolved here instead.
    parsed = feedparser.parse(body, response_headers={"content-type": "application/xml"})
    if parsed.bozo and not parsed.entries:
        raise FeedError(f"malformed feed: {parsed.get('bozo_exception')}")
    if not parsed.entries and not parsed.get("version"):
        raise FeedError("not a feed: no RSS, Atom or RDF root element")

    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        url = _link(entry, base_url)
        if url is None:
            continue  # nothing to fetch
        guid = str(entry.get("id") or url).strip()
        if guid in seen:
            continue  # feeds repeat an item when they re-publish it; the first wins
        seen.add(guid)
        entries.append(
            FeedEntry(
                guid=guid,
                url=url,
                title=_plain(entry.get("title", "")),
                published=_entry_date(entry),
                summary=_plain(entry.get("summary", "")),
            )
        )
    if parsed.bozo and not entries:
        raise FeedError(f"malformed feed: {parsed.get('bozo_exception')}")
    return entries
