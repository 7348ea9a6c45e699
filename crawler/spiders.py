"""Scrapy spiders for sites without feeds: news sitemaps and listing pages.

They only discover article links (url, title, date when the site gives one); the
articles themselves are fetched later, one task each, like feed entries.

How they run: Scrapy's reactorless mode (``TWISTED_REACTOR_ENABLED = False``) on a
fresh asyncio loop per crawl. A Twisted reactor cannot be restarted in one process,
so a Celery worker process that ran one crawl with it could run no second one;
without a reactor each crawl is a plain ``asyncio.run`` and the process can run as
many as it is given (tests/integration/test_spiders_worker.py proves three in a row
in one real worker process).

What Scrapy downloads goes through ``GuardedDownloadHandler``, which calls
crawler.fetch.fetch: the SSRF guard on the resolved address of every hop (redirects
are followed there, not by Scrapy), the size and time limits, our User-Agent, and
robots.txt checked before each request.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import AsyncCrawlerRunner
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response, XmlResponse
from scrapy.http.response.text import TextResponse
from twisted.python.failure import Failure

from crawler.encodings import decode_html
from crawler.feeds import FeedEntry
from crawler.fetch import FetchConfig, FetchError, FetchResult, fetch
from crawler.listing import SelectorError, parse_listing, validate
from crawler.robots import RobotsCache
from crawler.sitemaps import SitemapError, parse_sitemap

log = logging.getLogger("claimwatch.crawler.spiders")

MAX_PAGES = 20  # listing pages followed through "next", sitemaps read from an index
MAX_SITEMAP_DEPTH = 2  # an index of indexes at most
MAX_LINKS = 20_000  # links one crawl hands on; the rest wait for the next poll
SITEMAP_TYPES = ("application/gzip", "application/x-gzip", "application/octet-stream")


class CrawlError(Exception):
    """The crawl's first page (the listing or the sitemap) gave nothing to read."""


@dataclass
class CrawlResult:
    entries: list[FeedEntry] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # pages after the first that failed
    pages: int = 0


class RobotsDisallowed(IgnoreRequest):
    pass


class GuardedDownloadHandler:
    """Scrapy's HTTP(S) downloads, done by crawler.fetch in a thread."""

    lazy = False

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> GuardedDownloadHandler:
        return cls(crawler)

    async def download_request(self, request: Request) -> Response:
        spider = self.crawler.spider
        assert isinstance(spider, _DiscoverySpider)
        return await asyncio.to_thread(self._download, request.url, spider.config, spider.robots)

    def _download(self, url: str, config: FetchConfig, robots: RobotsCache | None) -> Response:
        if robots is not None:
            decision = robots.check(url)
            if not decision.allowed:
                raise RobotsDisallowed(decision.reason)
        result = fetch(url, config)
        return _response(result)

    async def close(self) -> None:
        pass


def _response(result: FetchResult) -> Response:
    if result.content_type in ("text/html", "application/xhtml+xml"):
        # our decoder (gb2312 read as gb18030, meta charset, detection), then UTF-8 for Scrapy
        html, _encoding = decode_html(result.body, result.charset)
        return HtmlResponse(url=result.final_url, status=result.status, body=html.encode("utf-8"),
                            encoding="utf-8", headers={"Content-Type": "text/html; charset=utf-8"})
    if "xml" in result.content_type:
        return XmlResponse(url=result.final_url, status=result.status, body=result.body,
                           headers={"Content-Type": result.content_type})
    return Response(url=result.final_url, status=result.status, body=result.body,
                    headers={"Content-Type": result.content_type or "application/octet-stream"})


class _DiscoverySpider(Spider):
    """What both spiders share: the start URL, the fetch config, and what was found."""

    name = "discovery"

    def __init__(self, *, start_url: str, config: FetchConfig, robots: RobotsCache | None,
                 selectors: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_url = start_url
        self.config = config
        self.robots = robots
        self.selectors = selectors or {}
        self.result = CrawlResult()
        self.first_error: str | None = None
        self._seen: set[str] = set()

    def found(self, entries: list[FeedEntry]) -> None:
        for entry in entries:
            if entry.url not in self._seen and len(self.result.entries) < MAX_LINKS:
                self._seen.add(entry.url)
                self.result.entries.append(entry)

    def failed(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        error = failure.value
        self.note_error(url, request is not None and request.meta.get("first"),
                   str(error) if str(error) else type(error).__name__)

    def note_error(self, url: str, first: bool, message: str) -> None:
        """The first page's error ends the crawl (CrawlError); a later page's is noted."""
        if first:
            self.first_error = message
        else:
            self.result.errors.append(f"{url}: {message}")


class SitemapSpider(_DiscoverySpider):
    name = "claimwatch-sitemap"

    async def start(self) -> AsyncIterator[Any]:
        yield Request(self.start_url, callback=self.parse_sitemap, errback=self.failed,
                      meta={"first": True, "depth": 0}, dont_filter=True)

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        self.result.pages += 1
        try:
            sitemap = parse_sitemap(response.body, response.url)
        except SitemapError as exc:
            self.note_error(response.url, response.meta.get("first", False), str(exc))
            return
        if sitemap.kind == "urlset":
            self.found(sitemap.entries)
            return
        depth = response.meta.get("depth", 0)
        if depth >= MAX_SITEMAP_DEPTH:
            self.result.errors.append(f"{response.url}: sitemap index nested deeper than "
                                      f"{MAX_SITEMAP_DEPTH}, not followed")
            return
        for url in sitemap.sitemaps[:MAX_PAGES]:
            yield Request(url, callback=self.parse_sitemap, errback=self.failed,
                          meta={"depth": depth + 1})


class ListingSpider(_DiscoverySpider):
    name = "claimwatch-listing"

    async def start(self) -> AsyncIterator[Any]:
        yield Request(self.start_url, callback=self.parse_listing, errback=self.failed,
                      meta={"first": True, "page": 1}, dont_filter=True)

    def parse_listing(self, response: Response) -> Iterator[Request]:
        self.result.pages += 1
        if not isinstance(response, TextResponse):
            media = (response.headers.get("Content-Type") or b"").decode("latin-1")
            self.note_error(response.url, response.meta.get("first", False),
                       f"not an HTML page ({media or 'no Content-Type'})")
            return
        page = parse_listing(response.text, response.url, self.selectors)
        if not page.entries and response.meta.get("first"):
            # most often the site was redesigned: say so rather than report a quiet source
            self.first_error = (f"selectors.links {self.selectors.get('links')!r} matched no link "
                                f"on the page")
            return
        self.found(page.entries)
        number = response.meta.get("page", 1)
        if page.next_url and number < MAX_PAGES:
            yield Request(page.next_url, callback=self.parse_listing, errback=self.failed,
                          meta={"page": number + 1})


SPIDERS: dict[str, type[_DiscoverySpider]] = {"sitemap": SitemapSpider, "listing": ListingSpider}


def scrapy_settings(concurrency: int = 4, delay: float = 0.0) -> dict[str, Any]:
    handler = f"{GuardedDownloadHandler.__module__}.{GuardedDownloadHandler.__qualname__}"
    return {
        "TWISTED_REACTOR_ENABLED": False,
        "DOWNLOAD_HANDLERS": {"http": handler, "https": handler, "ftp": None, "s3": None,
                              "file": None, "data": None},
        # robots.txt, redirects, retries and compression are crawler.fetch's and robots.py's
        "ROBOTSTXT_OBEY": False,
        "REDIRECT_ENABLED": False,
        "RETRY_ENABLED": False,
        "COMPRESSION_ENABLED": False,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "CONCURRENT_REQUESTS": concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "DOWNLOAD_DELAY": delay,
        "LOG_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "STATS_DUMP": False,
    }


MAX_DELAY = 30.0  # seconds; a Crawl-delay beyond this would make a listing crawl take hours


async def _crawl(kind: str, url: str, config: FetchConfig, robots: RobotsCache | None,
                 selectors: dict[str, str] | None) -> _DiscoverySpider:
    delay = 0.0
    if robots is not None:
        asked: float | None = await asyncio.to_thread(robots.crawl_delay, url)
        delay = min(asked or 0.0, MAX_DELAY)
    runner = AsyncCrawlerRunner(scrapy_settings(delay=delay))
    crawler = runner.create_crawler(SPIDERS[kind])
    await runner.crawl(crawler, start_url=url, config=config, robots=robots, selectors=selectors)
    spider = crawler.spider
    assert isinstance(spider, _DiscoverySpider)
    return spider


def crawl_links(kind: str, url: str, config: FetchConfig, *, robots: RobotsCache | None = None,
                selectors: dict[str, str] | None = None) -> CrawlResult:
    """Discover the article links of a sitemap or listing source, in this thread.

    Raises CrawlError when the first page cannot be fetched or read (its reason in the
    message), SelectorError for a listing source whose selectors are wrong.
    """
    if kind not in SPIDERS:
        raise ValueError(f"no spider for sources of type {kind!r}")
    if kind == "listing":
        validate(selectors or {})
    if kind == "sitemap":
        config = replace(config, accept_types=(*config.accept_types, *SITEMAP_TYPES))
    spider = asyncio.run(_crawl(kind, url, config, robots, selectors))
    if spider.first_error is not None:
        raise CrawlError(spider.first_error)
    if spider.result.pages == 0:
        raise CrawlError("the first page gave no answer")
    return spider.result


__all__ = ["CrawlError", "CrawlResult", "FetchError", "SelectorError", "crawl_links"]
