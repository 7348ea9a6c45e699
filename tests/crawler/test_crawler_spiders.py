"""The sitemap and listing spiders against a real site on loopback: what they find, what
they refuse (SSRF, robots.txt), and that one process runs crawl after crawl."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from crawler.fetch import FetchConfig
from crawler.listing import SelectorError
from crawler.robots import RobotsCache
from crawler.spiders import CrawlError, crawl_links
from tests.crawler.site_server import XML, Page, news_sitemap, redirect, serve, sitemap_index

LOCAL = FetchConfig(allow_hosts=frozenset({"127.0.0.1"}), timeout=5.0,
                    user_agent="claimwatch-test/1 (+https://example.invalid/contact)")

LISTING_1 = """<html><body><nav><a href="/about.html">About</a></nav>
<ul class="list">
  <li><a href="/news/2025/5g-stations.html">5G base stations pass 4.5 million</a>
      <span class="date">2025-07-30</span></li>
  <li><a href="news/relative.html">A relative link</a><span class="date">2025年7月29日</span></li>
  <li><a href="javascript:void(0)">Not a link</a></li>
  <li><a href="/news/2025/5g-stations.html">The same again</a></li>
</ul>
<div class="pages"><a class="next" href="/list-2.html">Next</a></div>
</body></html>"""

LISTING_2 = """<html><body><ul class="list">
<li><a href="/news/2025/green-factories.html">Green factories</a></li></ul></body></html>"""

GBK_LISTING = ("<html><head><meta charset=\"gb2312\"></head><body><ul class=\"list\">"
               "<li><a href=\"/zh/1.html\">工业增加值增长</a></li></ul></body></html>").encode("gbk")


def test_news_sitemap_index_with_gzip_child_and_a_missing_one() -> None:
    pages = {
        "/sitemap.xml": Page(sitemap_index(["/news-1.xml", "/news-2.xml.gz", "/gone.xml"]), XML),
        "/news-1.xml": Page(news_sitemap([
            ("/a/1.html", "Industrial output rose 5.7%", "2025-07-30T09:00:00+08:00"),
            ("/a/2.html", "5G &amp; factories", "2025-07-29"),
        ]), XML),
        "/news-2.xml.gz": Page(gzip.compress(news_sitemap([
            ("/a/3.html", "工信部：绿色工厂", "2025-07-28T10:00:00Z")])), "application/gzip"),
    }
    with serve(pages) as site:
        result = crawl_links("sitemap", f"{site.base}/sitemap.xml", LOCAL)
        assert all(ua == LOCAL.user_agent for _p, ua in site.requests)
    by_url = {e.url.removeprefix(site.base): e for e in result.entries}
    assert set(by_url) == {"/a/1.html", "/a/2.html", "/a/3.html"}
    assert by_url["/a/2.html"].title == "5G & factories"
    assert by_url["/a/3.html"].title == "工信部：绿色工厂"
    assert by_url["/a/1.html"].published == datetime(2025, 7, 30, 1, 0, tzinfo=UTC)
    assert by_url["/a/3.html"].published == datetime(2025, 7, 28, 10, 0, tzinfo=UTC)
    assert len(result.errors) == 1 and "/gone.xml" in result.errors[0] and "404" in result.errors[0]


def test_listing_pages_with_css_selectors_and_next_page() -> None:
    pages = {"/list.html": Page(LISTING_1.encode()), "/list-2.html": Page(LISTING_2.encode())}
    selectors = {"links": "ul.list li a::attr(href)", "next": "a.next::attr(href)",
                 "date": "span.date::text"}
    with serve(pages) as site:
        result = crawl_links("listing", f"{site.base}/list.html", LOCAL, selectors=selectors)
    got = [(e.url.removeprefix(site.base), e.title, e.published) for e in result.entries]
    assert [g[0] for g in got] == ["/news/2025/5g-stations.html", "/news/relative.html",
                                   "/news/2025/green-factories.html"]
    assert got[0][1] == "5G base stations pass 4.5 million"
    assert got[0][2] is not None and got[0][2].date().isoformat() == "2025-07-30"
    assert got[1][2] is not None and got[1][2].date().isoformat() == "2025-07-29"
    assert got[2][2] is None
    assert result.pages == 2


def test_listing_with_xpath_and_a_gbk_page_without_charset_header() -> None:
    pages = {"/zh.html": Page(GBK_LISTING, "text/html")}
    with serve(pages) as site:
        result = crawl_links("listing", f"{site.base}/zh.html", LOCAL,
                             selectors={"links": "//ul[@class='list']/li/a/@href"})
    assert [(e.url.removeprefix(site.base), e.title) for e in result.entries] == [
        ("/zh/1.html", "工业增加值增长")]
    with serve(pages) as site:  # the <a> itself works too
        result = crawl_links("listing", f"{site.base}/zh.html", LOCAL,
                             selectors={"links": "//ul[@class='list']/li/a"})
    assert [(e.url.removeprefix(site.base), e.title) for e in result.entries] == [
        ("/zh/1.html", "工业增加值增长")]


@pytest.mark.parametrize(("path", "page", "reason"), [
    ("/missing.xml", None, "HTTP 404"),
    ("/broken.xml", Page(b"<html><body>not a sitemap</body></html>", "text/html"), "not a sitemap"),
    ("/server-error.xml", Page(b"oops", XML, status=500), "HTTP 500"),
    ("/loop.xml", redirect("/loop.xml"), "redirect_loop"),
    ("/empty.xml", Page(b"", XML), "empty_body"),
    ("/pdf.xml", Page(b"%PDF-1.4", "application/pdf"), "bad_content_type"),
    ("/bad-gzip.xml.gz", Page(b"\x1f\x8bnot really gzip", "application/gzip"), "broken gzip"),
])
def test_a_sitemap_that_cannot_be_read_fails_the_crawl_with_its_reason(
        path: str, page: Page | None, reason: str) -> None:
    with serve({path: page} if page else {}) as site, pytest.raises(CrawlError, match=reason):
        crawl_links("sitemap", site.base + path, LOCAL)


def test_ssrf_guard_applies_to_what_scrapy_fetches() -> None:
    pages = {
        "/sitemap.xml": Page(sitemap_index(["http://10.0.0.7/internal.xml", "/hop.xml",
                                            "/ok.xml"]), XML),
        "/hop.xml": redirect("http://169.254.169.254/latest/meta-data/"),
        "/ok.xml": Page(news_sitemap([("/a/1.html", "t", "2025-07-30")]), XML),
    }
    with serve(pages) as site:
        result = crawl_links("sitemap", f"{site.base}/sitemap.xml", LOCAL)
        assert [e.url for e in result.entries] == [f"{site.base}/a/1.html"]
        assert len(result.errors) == 2
        assert all("blocked_address" in e for e in result.errors)
        assert any("169.254.169.254" in e for e in result.errors)
        # loopback itself is refused unless allowlisted
        with pytest.raises(CrawlError, match="blocked_address"):
            crawl_links("sitemap", f"{site.base}/sitemap.xml", FetchConfig(timeout=5.0))
        assert site.asked("/sitemap.xml") == 1


def test_robots_txt_is_honoured_by_the_spiders() -> None:
    pages = {
        "/robots.txt": Page(b"User-agent: claimwatch-test\nDisallow: /private/\n\n"
                            b"User-agent: *\nDisallow: /\n", "text/plain"),
        "/sitemap.xml": Page(sitemap_index(["/news.xml", "/private/news.xml"]), XML),
        "/news.xml": Page(news_sitemap([("/a/1.html", "t", "2025-07-30")]), XML),
        "/private/news.xml": Page(news_sitemap([("/a/2.html", "t", "2025-07-30")]), XML),
        "/private/list.html": Page(LISTING_2.encode()),
    }
    with serve(pages) as site:
        robots = RobotsCache(LOCAL)
        result = crawl_links("sitemap", f"{site.base}/sitemap.xml", LOCAL, robots=robots)
        assert [e.url for e in result.entries] == [f"{site.base}/a/1.html"]
        assert len(result.errors) == 1 and "robots.txt" in result.errors[0]
        assert site.asked("/private/news.xml") == 0
        with pytest.raises(CrawlError, match=r"robots\.txt"):
            crawl_links("listing", f"{site.base}/private/list.html", LOCAL, robots=robots,
                        selectors={"links": "a::attr(href)"})
        assert site.asked("/private/list.html") == 0
        assert site.asked("/robots.txt") == 1  # cached for the host


def test_one_process_runs_crawl_after_crawl() -> None:
    """The reason for the reactorless mode: a Twisted reactor would refuse the second."""
    pages = {"/sitemap.xml": Page(news_sitemap([("/a/1.html", "t", "2025-07-30")]), XML),
             "/list.html": Page(LISTING_2.encode())}
    with serve(pages) as site:
        for _ in range(3):
            assert len(crawl_links("sitemap", f"{site.base}/sitemap.xml", LOCAL).entries) == 1
            assert len(crawl_links("listing", f"{site.base}/list.html", LOCAL,
                                   selectors={"links": "ul.list a::attr(href)"}).entries) == 1


def test_listing_selectors_are_checked_before_any_fetch() -> None:
    with serve({}) as site:
        with pytest.raises(SelectorError, match=r"selectors\.links"):
            crawl_links("listing", f"{site.base}/list.html", LOCAL, selectors={})
        with pytest.raises(SelectorError, match="bad selector"):
            crawl_links("listing", f"{site.base}/list.html", LOCAL, selectors={"links": "ul[[["})
        assert site.requests == []


def test_a_listing_whose_selector_matches_nothing_fails_with_that_reason() -> None:
    pages = {"/list.html": Page(b"<html><body><div class='redesigned'><a href='/x'>x</a>"
                                b"</div></body></html>")}
    with serve(pages) as site, pytest.raises(CrawlError, match="matched no link"):
        crawl_links("listing", f"{site.base}/list.html", LOCAL,
                    selectors={"links": "ul.list li a::attr(href)"})
