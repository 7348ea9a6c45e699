"""`claimwatch sources test URL`: what a source would give, before it is added."""

from __future__ import annotations

from collections.abc import Iterator

from claimwatch.settings import Settings
from crawler.encodings import decode_html
from crawler.extract import extract_page
from crawler.feeds import FeedError, parse_feed
from crawler.fetch import FetchConfig, fetch
from crawler.relevance import RELEVANCE_THRESHOLD, relevance_score

FEED_TYPES = ("rss", "atom", "xml")


def describe(url: str, settings: Settings) -> Iterator[str]:
    config = FetchConfig(user_agent=settings.full_user_agent, timeout=settings.fetch_timeout,
                         max_bytes=settings.max_body_bytes, allow_hosts=settings.private_hosts)
    result = fetch(url, config)
    yield (f"fetched {result.final_url}: HTTP {result.status}, {result.content_type}, "
           f"{len(result.body):,} bytes")
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
