"""poll_source and fetch_article for every type of source, on both databases, against a
real site on loopback: sitemap and listing sources, robots.txt, dates in the future,
conditional requests, the adaptive interval, and failures recorded with their reason."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from claimwatch import pipeline
from claimwatch.settings import PROJECT_DIR, Settings
from store import sources
from store.db import session_scope
from store.models import Article, Source
from tests.crawler.site_server import XML, Page, news_sitemap, serve, sitemap_index

FIXTURES = PROJECT_DIR / "tests" / "fixtures" / "crawler"
ENGLISH = (FIXTURES / "english_article.html").read_bytes()
CHINESE = (FIXTURES / "chinese_article.html").read_bytes()
GBK = (FIXTURES / "gbk_article.html").read_bytes()


def _settings(tmp_path: Path, db_url: str) -> Settings:
    # an agent of its own: the robots.txt cache lives per process and fetch configuration
    return Settings(var_dir=tmp_path / "var", database_url=db_url, allow_private_hosts="127.0.0.1",
                    reference_dir=PROJECT_DIR / "reference_data",
                    user_agent=f"claimwatch-test-{uuid.uuid4().hex[:8]}/0.1")


def _add(settings: Settings, url: str, kind: str, interval: int = 60,
         selectors: dict[str, str] | None = None) -> int:
    with session_scope(settings.db_url) as s:
        return sources.upsert_source(s, name=f"{kind} test", url=url, kind=kind, language="en",
                                     publisher="Test Post", interval_minutes=interval,
                                     selectors=selectors).id


def _article(settings: Settings, article_id: int) -> Article:
    with session_scope(settings.db_url) as s:
        article = s.get(Article, article_id)
        assert article is not None
        return article


def _source(settings: Settings, source_id: int) -> Source:
    with session_scope(settings.db_url) as s:
        source = s.get(Source, source_id)
        assert source is not None
        return source


def _utc(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def test_a_news_sitemap_source_end_to_end(tmp_path: Path, db_url: str) -> None:
    settings = _settings(tmp_path, db_url)
    pages = {
        "/sitemap.xml": Page(sitemap_index(["/news-en.xml", "/news-zh.xml"]), XML),
        "/news-en.xml": Page(news_sitemap([("/en/1.html", "Industry in 2024",
                                            "2025-01-23T09:00:00+08:00")]), XML),
        "/news-zh.xml": Page(news_sitemap([("/zh/1.html", "工业经济", "2025-07-30"),
                                           ("/zh/gbk.html", "五年回顾", "2025-07-29")]), XML),
        "/en/1.html": Page(ENGLISH), "/zh/1.html": Page(CHINESE),
        "/zh/gbk.html": Page(GBK, "text/html"),
    }
    with serve(pages) as site:
        source_id = _add(settings, f"{site.base}/sitemap.xml", "sitemap")
        ctx = pipeline.Context(settings)
        new_ids = pipeline.poll_source(ctx, source_id)
        assert len(new_ids) == 3
        titles = {_article(settings, i).title for i in new_ids}
        assert titles == {"Industry in 2024", "工业经济", "五年回顾"}
        for article_id in new_ids:
            pipeline.fetch_article(ctx, article_id)
        assert pipeline.poll_source(ctx, source_id) == []  # nothing new the second time
    fetched = [_article(settings, i) for i in new_ids]
    assert all(a.status in ("fetched", "irrelevant", "duplicate") for a in fetched), [
        (a.status, a.error) for a in fetched]
    assert all(a.text for a in fetched)
    assert {a.language for a in fetched} == {"en", "zh"}
    english = next(a for a in fetched if a.url.endswith("/en/1.html"))
    assert english.published_at is not None  # the sitemap's date (SQLite keeps its wall clock)
    assert english.published_at.date().isoformat() == "2025-01-23"
    source = _source(settings, source_id)
    assert source.last_error is None and source.consecutive_failures == 0


def test_a_listing_source_end_to_end(tmp_path: Path, db_url: str) -> None:
    settings = _settings(tmp_path, db_url)
    listing = (b'<html><body><ul class="news"><li><a href="/en/1.html">Scorecard</a></li>'
               b'<li><a href="/zh/1.html">\xe5\xb7\xa5\xe4\xb8\x9a</a></li></ul>'
               b'<a href="/elsewhere.html">menu</a></body></html>')
    pages = {"/news/": Page(listing), "/en/1.html": Page(ENGLISH), "/zh/1.html": Page(CHINESE)}
    with serve(pages) as site:
        source_id = _add(settings, f"{site.base}/news/", "listing",
                         selectors={"links": "ul.news li a::attr(href)"})
        ctx = pipeline.Context(settings)
        new_ids = pipeline.poll_source(ctx, source_id)
        assert [_article(settings, i).url for i in new_ids] == [f"{site.base}/en/1.html",
                                                                 f"{site.base}/zh/1.html"]
        for article_id in new_ids:
            pipeline.fetch_article(ctx, article_id)
        assert site.asked("/elsewhere.html") == 0
    assert all(_article(settings, i).text for i in new_ids)


def test_robots_txt_keeps_an_article_unfetched_with_its_reason(tmp_path: Path,
                                                               db_url: str) -> None:
    settings = _settings(tmp_path, db_url)
    pages = {
        "/robots.txt": Page(b"User-agent: *\nDisallow: /members/\nCrawl-delay: 3\n", "text/plain"),
        "/sitemap.xml": Page(news_sitemap([("/members/1.html", "Paywalled", "2025-07-30"),
                                           ("/en/1.html", "Open", "2025-07-30")]), XML),
        "/members/1.html": Page(ENGLISH), "/en/1.html": Page(ENGLISH),
    }
    with serve(pages) as site:
        source_id = _add(settings, f"{site.base}/sitemap.xml", "sitemap")
        ctx = pipeline.Context(settings)
        ids = pipeline.poll_source(ctx, source_id)
        results = {_article(settings, i).url: pipeline.fetch_article(ctx, i) for i in ids}
        assert site.asked("/members/1.html") == 0 and site.asked("/en/1.html") == 1
        assert site.asked("/robots.txt") == 1
        assert ctx.robots().crawl_delay(f"{site.base}/en/1.html") == 3.0
    assert results[f"{site.base}/members/1.html"] is False
    blocked = next(_article(settings, i) for i in ids if "/members/" in _article(settings, i).url)
    assert blocked.status == "skipped" and (blocked.error or "").startswith("robots.txt")


def test_robots_txt_disallowing_the_source_is_its_failure(tmp_path: Path, db_url: str) -> None:
    settings = _settings(tmp_path, db_url)
    pages = {"/robots.txt": Page(b"User-agent: *\nDisallow: /\n", "text/plain"),
             "/feed.xml": Page((FIXTURES / "rss.xml").read_bytes(), "application/rss+xml")}
    with serve(pages) as site:
        source_id = _add(settings, f"{site.base}/feed.xml", "feed")
        assert pipeline.poll_source(pipeline.Context(settings), source_id) == []
        assert site.asked("/feed.xml") == 0
    source = _source(settings, source_id)
    assert (source.last_error or "").startswith("robots.txt") and source.consecutive_failures == 1


@pytest.mark.parametrize(("kind", "path", "pages", "reason"), [
    ("listing", "/gone/", {}, "HTTP 404"),
    ("sitemap", "/sitemap.xml", {"/sitemap.xml": Page(b"<html>no</html>", "text/html")},
     "not a sitemap"),
    ("sitemap", "/sitemap.xml", {"/sitemap.xml": Page(b"", XML, status=410)}, "HTTP 410"),
    ("listing", "/feed.pdf", {"/feed.pdf": Page(b"%PDF", "application/pdf")}, "bad_content_type"),
    ("carrier-pigeon", "/x", {}, "unknown source type"),
])
def test_a_source_that_fails_records_why_and_backs_off(tmp_path: Path, db_url: str, kind: str,
                                                       path: str, pages: dict[str, Page],
                                                       reason: str) -> None:
    settings = _settings(tmp_path, db_url)
    with serve(pages) as site:
        source_id = _add(settings, site.base + path, kind, interval=30,
                         selectors={"links": "a::attr(href)"})
        before = datetime.now(UTC)
        ctx = pipeline.Context(settings)
        assert pipeline.poll_source(ctx, source_id) == []
        source = _source(settings, source_id)
        assert reason in (source.last_error or ""), source.last_error
        assert source.consecutive_failures == 1
        assert pipeline.poll_source(ctx, source_id) == []  # again: the wait doubles
    source = _source(settings, source_id)
    assert reason in (source.last_error or "") and source.consecutive_failures == 2
    next_poll = _utc(source.next_poll_at)
    assert next_poll is not None and next_poll >= before + timedelta(minutes=60)  # 30 min x 2


def test_a_date_in_the_future_is_replaced_by_the_fetch_time(tmp_path: Path, db_url: str) -> None:
    settings = _settings(tmp_path, db_url)
    pages = {"/sitemap.xml": Page(news_sitemap([("/en/1.html", "From the future",
                                                 "2099-01-01T00:00:00Z")]), XML),
             "/en/1.html": Page(ENGLISH)}
    with serve(pages) as site:
        source_id = _add(settings, f"{site.base}/sitemap.xml", "sitemap")
        ctx = pipeline.Context(settings)
        before = datetime.now(UTC)
        [article_id] = pipeline.poll_source(ctx, source_id)
        after = datetime.now(UTC)
        article = _article(settings, article_id)
        published = _utc(article.published_at)
        assert published is not None and before <= published <= after
        assert "date in the future" in (article.error or "") and "2099-01-01" in (article.error or "")
        pipeline.fetch_article(ctx, article_id)
    article = _article(settings, article_id)
    assert article.status != "failed" and article.text
    assert _utc(article.published_at) == published  # the page's own date does not undo it
    assert "date in the future" in (article.error or "")


def test_a_304_without_validators_keeps_the_old_ones(tmp_path: Path, db_url: str) -> None:
    settings = _settings(tmp_path, db_url)
    feed = (FIXTURES / "rss.xml").read_bytes()
    pages = {"/feed.xml": Page(feed, "application/rss+xml",
                               headers={"ETag": '"v7"', "Last-Modified": "Tue, 05 Mar 2024 02:20:00 GMT"})}
    with serve(pages) as site:
        source_id = _add(settings, f"{site.base}/feed.xml", "feed")
        ctx = pipeline.Context(settings)
        assert pipeline.poll_source(ctx, source_id)
        pages["/feed.xml"] = Page(b"", "", status=304)  # no ETag, no Last-Modified
        assert pipeline.poll_source(ctx, source_id) == []
    source = _source(settings, source_id)
    assert source.etag == '"v7"' and source.last_modified == "Tue, 05 Mar 2024 02:20:00 GMT"
    assert source.last_error is None and source.consecutive_failures == 0


def _rss(times: list[datetime]) -> bytes:
    items = "".join(f"<item><title>Item {i}</title><link>/a/{i}.html</link><guid>g{i}</guid>"
                    f"<pubDate>{format_datetime(t, usegmt=True)}</pubDate></item>"
                    for i, t in enumerate(times))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}'
            f'</channel></rss>').encode()


def test_the_next_poll_follows_how_often_the_source_publishes(tmp_path: Path, db_url: str) -> None:
    settings = _settings(tmp_path, db_url)
    now = datetime.now(UTC).replace(microsecond=0)
    busy = _rss([now - timedelta(minutes=20 * i) for i in range(12)])
    quiet = _rss([now - timedelta(days=3 * i) for i in range(12)])
    with serve({"/busy.xml": Page(busy, "application/rss+xml"),
                "/quiet.xml": Page(quiet, "application/rss+xml")}) as site:
        busy_id = _add(settings, f"{site.base}/busy.xml", "feed", interval=240)
        quiet_id = _add(settings, f"{site.base}/quiet.xml", "feed", interval=240)
        ctx = pipeline.Context(settings)
        pipeline.poll_source(ctx, busy_id)
        pipeline.poll_source(ctx, quiet_id)
    busy_wait = _utc(_source(settings, busy_id).next_poll_at) - now  # type: ignore[operator]
    quiet_wait = _utc(_source(settings, quiet_id).next_poll_at) - now  # type: ignore[operator]
    assert timedelta(minutes=19) <= busy_wait <= timedelta(minutes=24)
    assert timedelta(minutes=239) <= quiet_wait <= timedelta(minutes=265)  # the ceiling
