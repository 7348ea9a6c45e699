"""Reading sitemaps: a urlset (with Google News' <news:news> when present) or a
sitemap index pointing at more sitemaps.

Scrapy's own sitemap reader keeps only the direct children of <url>, so the
title and date inside <news:news> would be lost; this one reads them. lxml with
entities unresolved and huge trees refused, since a sitemap comes from outside.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

from crawler.dates import parse_date
from crawler.feeds import FeedEntry

MAX_UNZIPPED_BYTES = 50_000_000  # the sitemap protocol's own limit per file


class SitemapError(Exception):
    """Not a sitemap, or too broken to read."""


@dataclass(frozen=True)
class Sitemap:
    kind: str  # "urlset" | "index"
    entries: list[FeedEntry] = field(default_factory=list)  # for a urlset
    sitemaps: list[str] = field(default_factory=list)  # for an index


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _child(elem: etree._Element, name: str) -> etree._Element | None:
    for child in elem:
        if _local(child.tag) == name:
            return child
    return None


def _text(elem: etree._Element | None) -> str:
    if elem is None:
        return ""
    return " ".join("".join(elem.itertext()).split())


def gunzip_limited(body: bytes, limit: int = MAX_UNZIPPED_BYTES) -> bytes:
    """Decompress a .xml.gz, refusing more than ``limit`` bytes (a gzip bomb)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
            data = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise SitemapError(f"broken gzip: {exc}") from exc
    if len(data) > limit:
        raise SitemapError(f"sitemap over {limit} bytes once decompressed")
    return data


def parse_sitemap(body: bytes, base_url: str) -> Sitemap:
    """Entries of a urlset, or the child sitemaps of an index; raises SitemapError."""
    if body[:2] == b"\x1f\x8b":
        body = gunzip_limited(body)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True,
                             remove_comments=True, remove_pis=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"not XML: {exc}") from exc
    if root is None:
        raise SitemapError("not XML: nothing could be read")
    kind = _local(root.tag)
    if kind == "sitemapindex":
        locs = [_text(_child(s, "loc")) for s in root if _local(s.tag) == "sitemap"]
        return Sitemap("index", sitemaps=[urljoin(base_url, loc) for loc in locs if loc])
    if kind != "urlset":
        raise SitemapError(f"not a sitemap: the root element is <{kind or '?'}>")
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for url in root:
        if _local(url.tag) != "url":
            continue
        loc = _text(_child(url, "loc"))
        if not loc:
            continue
        absolute = urljoin(base_url, loc)
        if absolute in seen:
            continue
        seen.add(absolute)
        news = _child(url, "news")
        title, when = "", None
        if news is not None:
            title = _text(_child(news, "title"))
            when = parse_date(_text(_child(news, "publication_date")))
        # <lastmod> is left out: it is when the page last changed, and a later edit would
        # move "this year" in the article; the page's own date is read when it is fetched
        entries.append(FeedEntry(guid=absolute, url=absolute, title=title, published=when,
                                 summary=""))
    return Sitemap("urlset", entries=entries)
