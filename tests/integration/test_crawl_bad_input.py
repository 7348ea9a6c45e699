"""Bad pages and feeds in a real crawl: each is recorded with its reason on the article or
the source, and the crawl goes on to the next one (both databases)."""

from __future__ import annotations

import uuid
from pathlib import Path

from claimwatch import pipeline
from claimwatch.crawlonce import crawl_once
from claimwatch.settings import PROJECT_DIR, Settings
from store import sources
from store.db import session_scope
from store.models import Article, Source
from tests.crawler.site_server import XML, Page, news_sitemap, redirect, serve

FIXTURES = PROJECT_DIR / "tests" / "fixtures" / "crawler"
ENGLISH = (FIXTURES / "english_article.html").read_bytes()
GBK = (FIXTURES / "gbk_article.html").read_bytes()

# path -> (page, the reason recorded on the article)
BAD = {
    "/a/404.html": (None, "HTTP 404"),
    "/a/410.html": (Page(b"gone", status=410), "HTTP 410"),
    "/a/500.html": (Page(b"oops", status=500), "HTTP 500"),
    "/a/loop.html": (redirect("/a/loop.html"), "redirect_loop"),
    "/a/report.pdf": (Page(b"%PDF-1.4 ...", "application/pdf"), "bad_content_type"),
    "/a/empty.html": (Page(b""), "empty_body"),
    "/a/huge.html": (Page(b"<p>" + b"x" * (10 * 1024 * 1024) + b"</p>"), "too_large"),
    "/a/slow.html": (Page(ENGLISH, delay=3.0), "timeout"),
    "/a/to-metadata.html": (redirect("http://169.254.169.254/latest/"), "blocked_address"),
}


def _settings(tmp_path: Path, db_url: str) -> Settings:
    return Settings(var_dir=tmp_path / "var", database_url=db_url, allow_private_hosts="127.0.0.1",
                    reference_dir=PROJECT_DIR / "reference_data", fetch_timeout=1.5,
                    user_agent=f"claimwatch-test-{uuid.uuid4().hex[:8]}/0.1")


def test_bad_articles_are_recorded_and_the_crawl_goes_on(tmp_path: Path, db_url: str) -> None:
    settings = _settings(tmp_path, db_url)
    items = [(path, path, "2025-07-30") for path in BAD]
    # the good ones come last: everything before them failed, and they are still done;
    # the GBK page is served with a wrong charset in its header
    items += [("/a/good.html", "good", "2025-07-30"), ("/a/gbk.html", "gbk", "2025-07-30")]
    pages = {path: page for path, (page, _reason) in BAD.items() if page is not None}
    pages["/sitemap.xml"] = Page(news_sitemap(items), XML)
    pages["/a/good.html"] = Page(ENGLISH)
    pages["/a/gbk.html"] = Page(GBK, "text/html; charset=utf-8")
    with serve(pages) as site:
        with session_scope(settings.db_url) as s:
            sources.upsert_source(s, name="bad", url=f"{site.base}/sitemap.xml", kind="sitemap")
        summary = crawl_once(settings, None, echo=lambda _line: None)
    assert summary["new"] == len(BAD) + 2
    assert summary["failed"] == len(BAD)
    with session_scope(settings.db_url) as s:
        by_path = {a.url.removeprefix(site.base): (a.status, a.error or "", a.text, a.language)
                   for a in s.query(Article).all()}
    for path, (_page, reason) in BAD.items():
        status, error, _text, _lang = by_path[path]
        assert status == "failed" and reason in error, (path, status, error)
    assert by_path["/a/good.html"][0] in ("processed", "irrelevant")
    status, error, text, language = by_path["/a/gbk.html"]
    assert status != "failed" and "5G工厂" in text and language == "zh", error


def test_bad_feeds_are_recorded_on_the_source(tmp_path: Path, db_url: str) -> None:
    settings = _settings(tmp_path, db_url)
    pages = {"/malformed.xml": Page((FIXTURES / "malformed_feed.xml").read_bytes(), XML),
             "/not-a-feed.xml": Page((FIXTURES / "not_a_feed.html").read_bytes(), "text/html"),
             "/duplicates.xml": Page((FIXTURES / "duplicate_guids.xml").read_bytes(), XML)}
    with serve(pages) as site:
        with session_scope(settings.db_url) as s:
            ids = [sources.upsert_source(s, name=path, url=site.base + path, kind="feed").id
                   for path in pages]
        # polled only: the entries link to hosts that are not ours, and no test goes out
        ctx = pipeline.Context(settings)
        new = [pipeline.poll_source(ctx, source_id) for source_id in ids]
    assert [len(n) for n in new] == [0, 0, 2]
    with session_scope(settings.db_url) as s:
        errors = {src.name: src.last_error or "" for src in s.query(Source).all()}
        guids = sorted(a.guid or "" for a in s.query(Article).all())
    assert "malformed feed" in errors["/malformed.xml"]
    assert "feed" in errors["/not-a-feed.xml"]
    assert errors["/duplicates.xml"] == ""
    # two GUIDs, two articles: the repeated item is the first one again
    assert guids == ["https://wire.example.com/2024/03/nev-sales.html",
                     "https://wire.example.com/2024/03/robots.html"]
