"""`claimwatch sources add --type … --selectors …` as a user runs it: a listing source added
from the command line is crawled with its selectors on loopback; every bad option is one
clear line and saves nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from claimwatch.settings import PROJECT_DIR, Settings
from store import sources
from store.db import session_scope
from tests.crawler.site_server import Page, SiteServer, serve
from tests.integration.cli_helpers import cli_settings, run_cli

CHINESE = (PROJECT_DIR / "tests" / "fixtures" / "crawler" / "chinese_article.html").read_bytes()


@pytest.fixture
def site() -> Iterator[SiteServer]:
    pages = {
        "/zh/list.html": Page('<ul class="news"><li><a href="/zh/1.html">工业</a></li></ul>'
                              '<a class="more" href="/zh/list2.html">下一页</a>'.encode()),
        "/zh/list2.html": Page(b'<ul class="news"></ul>'),
        "/zh/1.html": Page(CHINESE),
    }
    with serve(pages) as server:
        yield server


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    settings = cli_settings(tmp_path, monkeypatch)
    assert run_cli("db", "upgrade")[0] == 0
    return settings


def _saved(settings: Settings) -> list[tuple[str, str, str, int, dict[str, str], str]]:
    with session_scope(settings.db_url) as s:
        return [(src.kind, src.url, src.language, src.interval_minutes, dict(src.selectors),
                 src.publisher) for src in sources.list_sources(s)]


def test_a_listing_source_added_with_selectors_is_crawled_with_them(site: SiteServer,
                                                                     settings: Settings) -> None:
    url = f"{site.base}/zh/list.html"
    code, out = run_cli("sources", "add", url, "--name", "测试 listing", "--type", "listing",
                        "--selectors", "links=ul.news li a::attr(href)",
                        "--selectors", "next=//a[@class='more']/@href",
                        "--language", "zh", "--interval", "240", "--publisher", "Test Daily")
    assert code == 0, out
    assert out.strip() == f"source 1 added: listing {url}"
    assert _saved(settings) == [("listing", url, "zh", 240,
                                 {"links": "ul.news li a::attr(href)",
                                  "next": "//a[@class='more']/@href"}, "Test Daily")]
    code, out = run_cli("crawl")
    assert code == 0 and "测试 listing (listing): 1 new" in out, out
    assert site.asked("/zh/list2.html") == 1  # the next= selector was followed
    code, out = run_cli("sources", "list")
    assert " listing zh " in out
    # the same URL again changes that source rather than adding one
    code, out = run_cli("sources", "add", url, "--type", "listing", "--selectors", "links=a")
    assert code == 0 and out.strip() == f"source 1 updated: listing {url}"
    assert _saved(settings)[0][4] == {"links": "a"}


def test_sitemap_type_is_saved(settings: Settings) -> None:
    code, out = run_cli("sources", "add", "https://example.com/news-sitemap.xml", "--type", "sitemap")
    assert code == 0, out
    assert _saved(settings)[0][0] == "sitemap"


@pytest.mark.parametrize(("args", "message"), [
    (["--type", "listing"], "a listing source needs selectors.links (--selectors links=CSS or XPath)"),
    (["--type", "listing", "--selectors", "next=a.more"], "needs selectors.links"),
    (["--type", "listing", "--selectors", "links=ul..news a"], "bad selector 'ul..news a'"),
    (["--type", "listing", "--selectors", "links=//ul[@class='news'"],
     "bad selector \"//ul[@class='news'\""),
    (["--type", "listing", "--selectors", "links=a", "--selectors", "date=span[[x"],
     "bad selector 'span[[x'"),
    (["--type", "listing", "--selectors", "links"], "--selectors takes KEY=SELECTOR"),
    (["--type", "listing", "--selectors", "links="], "--selectors takes KEY=SELECTOR"),
    (["--type", "listing", "--selectors", "link=a"], "unknown selector 'link': one of links, next, date"),
    (["--type", "listing", "--selectors", "links=a", "--selectors", "links=b"], "links= given twice"),
    (["--selectors", "links=a"], "--selectors are for a listing source (--type listing), not a feed"),
    (["--type", "sitemap", "--selectors", "links=a"], "not a sitemap"),
    (["--type", "rss"], "Invalid value for '--type'"),
    (["--language", "fr"], "Invalid value for '--language'"),
    (["--interval", "2"], "Invalid value for '--interval'"),
])
def test_bad_options_are_one_clear_line_and_save_nothing(settings: Settings, args: list[str],
                                                         message: str) -> None:
    code, out = run_cli("sources", "add", "https://example.com/list.html", *args)
    assert code != 0
    assert message in out, out
    assert "Traceback" not in out
    assert _saved(settings) == []
