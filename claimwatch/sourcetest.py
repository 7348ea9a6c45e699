"""`claimwatch sources test URL`: what a source would give, before it is added."""

from __future__ import annotations

from collections.abc import Iterator

from claimwatch.settings import Settings
from crawler.encodings import decode_html
from crawler.extract import extract_page
from crawler.feeds import FeedError, parse_feed
from crawler.fetch import FetchConfig, fetch
from crawler.relevance import RELEVANCE_THRESHOLD, relevance_score
from crawler.spiders import crawl_links

FEED_TYPES = ("rss", "atom", "xml")


def describe(url: str, settings: Settings) -> Iterator[str]:
    config = FetchConfig(user_agent=settings.full_user_agent, timeout=settings.fetch_timeout,
                         max_bytes=settings.max_body_bytes, allow_hosts=settings.private_hosts)
    result = fetch(url, config)
    yield (f"fetched {result.final_url}: HTTP {result.status}, {result.content_type}, "
           f"{len(result.body):,} bytes")
    head = result.body[:2000].lower()
    if b"<urlset" in head or b"<sitemapindex" in head or result.body[:2] == b"\x1f\x8b":
        yield from _sitemap(result.final_url, config)
        return
    if any(t in result.content_type for t in FEED_TYPES) or result.body.lstrip()[:5] == b"<?xml":
        try:
            entries = parse_feed(result.body, result.final_url)
        except FeedError as exc:
            yield f"not a usable feed: {exc}"
            return
        yield f"a feed with {len(entries)} entries:"
        for entry in entries[:15]:
            when = entry.published.isoformat() if entry.published else "no date"
            yield f"  {when:25} {entry.title[:70]}  {entry.url}"
        return
    html, encoding = decode_html(result.body, result.charset)
    page = extract_page(html, result.final_url)
    score = relevance_score(page.text, page.title)
    yield f"a page ({encoding}): language {page.language}, published {page.published or 'unknown'}"
    yield f"title: {page.title}"
    yield f"author: {page.author or 'unknown'}"
    yield (f"relevance {score:.2f} ({'kept' if score >= RELEVANCE_THRESHOLD else 'below the threshold'}"
           f" of {RELEVANCE_THRESHOLD})")
    yield f"main text: {len(page.text):,} characters"
    for line in page.text[:600].splitlines():
        yield f"  | {line}"


def _sitemap(url: str, config: FetchConfig) -> Iterator[str]:
    """A sitemap (or an index of them) read by the same spider the crawl uses."""
    crawl = crawl_links("sitemap", url, config)
    yield f"a sitemap ({crawl.pages} file(s) read) with {len(crawl.entries)} links:"
    for entry in crawl.entries[:15]:
        when = entry.published.isoformat() if entry.published else "no date"
        yield f"  {when:25} {entry.title[:70]}  {entry.url}"
    for error in crawl.errors[:5]:
        yield f"  not read: {error}"
