"""One real Celery worker process runs three Scrapy crawls in a row.

A Twisted reactor cannot be started twice in one process; the spiders run without
one (crawler/spiders.py), and this is the proof: the same worker process, on the
embedded SQLite broker, takes a sitemap, a listing and a sitemap index one after the
other. With the prefork pool the one child that ran them is checked to be the same
process at the end (a child that died and was replaced would have a new pid).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimwatch.settings import PROJECT_DIR, Settings
from store import sources
from store.db import session_scope
from store.models import Article, Source
from tests.crawler.site_server import XML, Page, SiteServer, news_sitemap, serve, sitemap_index
from tests.integration.test_worker import broker_prefix, start_worker, wait_for
from worker.app import create_app

pytestmark = pytest.mark.slow

PAGE = (b"<html><head><title>Factories</title></head><body><article><h1>Factories</h1>"
        b"<p>China had 6,430 national green factories by the end of 2024, the ministry said. "
        b"Industrial output rose 5.8% in 2024 from a year earlier.</p></article></body></html>")


@pytest.fixture
def site() -> Iterator[SiteServer]:
    pages = {
        "/a/sitemap.xml": Page(news_sitemap([("/a/1.html", "A one", "2025-07-30"),
                                             ("/a/2.html", "A two", "2025-07-29")]), XML),
        "/b/list.html": Page(b'<ul class="l"><li><a href="/b/1.html">B one</a></li></ul>'),
        "/c/index.xml": Page(sitemap_index(["/c/part-1.xml", "/c/part-2.xml"]), XML),
        "/c/part-1.xml": Page(news_sitemap([("/c/1.html", "C one", "2025-07-28")]), XML),
        "/c/part-2.xml": Page(news_sitemap([("/c/2.html", "C two", "2025-07-27")]), XML),
    }
    for path in ("/a/1.html", "/a/2.html", "/b/1.html", "/c/1.html", "/c/2.html"):
        pages[path] = Page(PAGE.replace(b"Factories", path.encode()))
    with serve(pages) as server:
        yield server


def _children(pid: int) -> set[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(p) for p in path.read_text().split()} if path.exists() else set()


@pytest.mark.parametrize("pool", ["prefork", "solo"])
def test_one_worker_process_runs_three_crawls_in_a_row(tmp_path: Path, sqlite_url: str,
                                                       site: SiteServer, pool: str) -> None:
    settings = Settings(var_dir=tmp_path / "var", database_url=sqlite_url,
                        broker_url=f"sqla+sqlite:///{tmp_path / 'broker.db'}",
                        broker_prefix=broker_prefix(), allow_private_hosts="127.0.0.1",
                        reference_dir=PROJECT_DIR / "reference_data")
    crawls = [("sitemap", "/a/sitemap.xml", 2, {}),
              ("listing", "/b/list.html", 1, {"links": "ul.l a::attr(href)"}),
              ("sitemap", "/c/index.xml", 2, {})]
    with session_scope(settings.db_url) as s:
        ids = [sources.upsert_source(s, name=f"{kind} {n}", url=site.base + path, kind=kind,
                                     selectors=selectors).id
               for n, (kind, path, _count, selectors) in enumerate(crawls)]
    proc = start_worker(settings, "--pool", pool,
                        env={"CLAIMWATCH_USER_AGENT": f"claimwatch-test-{uuid.uuid4().hex[:6]}"})
    try:
        app = create_app(settings)
        first_children: set[int] | None = None
        for source_id, (_kind, _path, count, _sel) in zip(ids, crawls, strict=True):
            app.send_task("worker.tasks.poll_source", args=[source_id], queue="crawl")

            def crawled(source_id: int = source_id, count: int = count) -> bool:
                with session_scope(settings.db_url) as s:
                    src = s.get(Source, source_id)
                    found = s.query(Article).filter(Article.source_id == source_id).count()
                    return src is not None and src.last_success_at is not None and found == count

            wait_for(crawled, 90, f"source {source_id} crawled")
            if first_children is None:
                first_children = _children(proc.pid)
            assert proc.poll() is None, "the worker died"
        with session_scope(settings.db_url) as s:
            errors = [src.last_error for src in s.query(Source).all()]
        assert errors == [None, None, None]
        if pool == "prefork":
            # the one pool process that ran the first crawl is the one still there after the third
            assert first_children and len(first_children) == 1
            assert _children(proc.pid) == first_children
        # the articles found were fetched by the same worker
        def fetched() -> bool:
            with session_scope(settings.db_url) as s:
                return all(a.status not in ("pending", "failed") for a in s.query(Article).all())
        wait_for(fetched, 90, "the articles fetched")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
