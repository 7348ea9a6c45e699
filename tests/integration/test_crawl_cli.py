"""`claimwatch crawl` as a user runs it, over a sitemap and a listing source on loopback:
each article ends in exactly one count of the summary."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimwatch.settings import PROJECT_DIR, Settings
from store import sources
from store.db import session_scope
from tests.crawler.site_server import XML, Page, SiteServer, news_sitemap, serve
from tests.integration.cli_helpers import cli_settings, run_cli

FIXTURES = PROJECT_DIR / "tests" / "fixtures" / "crawler"
ENGLISH = (FIXTURES / "english_article.html").read_bytes()
CHINESE = (FIXTURES / "chinese_article.html").read_bytes()
OFF_TOPIC = (b"<html><head><title>Soup</title></head><body><article><h1>A winter soup</h1>"
             + b"<p>Simmer the onions slowly in butter until soft and golden, then add stock, "
               b"thyme and a bay leaf and leave it for an hour.</p>" * 6
             + b"</article></body></html>")


@pytest.fixture
def site() -> Iterator[SiteServer]:
    pages = {
        "/robots.txt": Page(b"User-agent: *\nDisallow: /members/\n", "text/plain"),
        "/sitemap.xml": Page(news_sitemap([
            ("/en/scorecard.html", "Scorecard", "2025-01-23"),      # processed
            ("/en/scorecard-copy.html", "Copy", "2025-01-24"),      # duplicate of the first
            ("/life/soup.html", "Soup", "2025-01-25"),              # irrelevant
            ("/members/figures.html", "Members", "2025-01-26"),     # robots.txt
            ("/en/gone.html", "Gone", "2025-01-27"),                # failed: 404
        ]), XML),
        "/zh/list.html": Page('<ul class="news"><li><a href="/zh/1.html">工业</a></li></ul>'
                              .encode()),
        "/en/scorecard.html": Page(ENGLISH), "/en/scorecard-copy.html": Page(ENGLISH),
        "/life/soup.html": Page(OFF_TOPIC), "/members/figures.html": Page(ENGLISH),
        "/zh/1.html": Page(CHINESE),
    }
    with serve(pages) as server:
        yield server


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    return cli_settings(tmp_path, monkeypatch)


def _counts(line: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r"(\w+): (\d+)", line)}


def test_crawl_summary_counts_every_outcome(site: SiteServer, settings: Settings) -> None:
    assert run_cli("db", "upgrade")[0] == 0
    with session_scope(settings.db_url) as s:
        sources.upsert_source(s, name="Test Post sitemap", url=f"{site.base}/sitemap.xml",
                              kind="sitemap")
        sources.upsert_source(s, name="测试 listing", url=f"{site.base}/zh/list.html",
                              kind="listing", language="zh",
                              selectors={"links": "ul.news li a::attr(href)"})
        sources.upsert_source(s, name="Broken listing", url=f"{site.base}/nothing-here/",
                              kind="listing", selectors={"links": "a::attr(href)"})
    code, out = run_cli("crawl")
    assert code == 0, out
    assert "Test Post sitemap (sitemap): 5 new" in out
    assert "测试 listing (listing): 1 new" in out
    assert "Broken listing (listing): failed: http_error: HTTP 404" in out
    summary = _counts(out.strip().splitlines()[-1])
    assert summary == {"sources": 3, "failed": 1, "new": 6, "processed": 2, "duplicates": 1,
                       "irrelevant": 1, "robots": 1, "findings": summary["findings"],
                       "alerts": summary["alerts"]}, out
    assert "(1 failed)" in out
    assert site.asked("/members/figures.html") == 0
    # nothing new the second time, and one source only when asked
    code, out = run_cli("crawl", "--source", "2")
    assert code == 0 and "sources: 1 (0 failed), new: 0" in out


def test_crawl_an_unknown_source_exits_with_a_reason(settings: Settings) -> None:
    code, out = run_cli("crawl", "--source", "42")
    assert code != 0 and "no source '42'" in out


def test_sources_test_reads_a_sitemap_index(site: SiteServer, settings: Settings) -> None:
    code, out = run_cli("sources", "test", f"{site.base}/sitemap.xml")
    assert code == 0, out
    assert "a sitemap (1 file(s) read) with 5 links:" in out
    assert "2025-01-23" in out and f"{site.base}/en/scorecard.html" in out
