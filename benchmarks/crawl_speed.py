"""How fast claimwatch crawls: discover, fetch, extract, deduplicate and store articles.

Usage: .venv/bin/python benchmarks/crawl_speed.py [ARTICLES] [PROCESSES] [THREADS]
       (defaults: 2000 articles, 2 processes, 4 threads each)

A news site is generated and served on 127.0.0.1 by a threaded HTTP server in this
process: ARTICLES pages (half English, half Chinese, every one different, with the
menus, share buttons and footers real pages carry) behind a news sitemap index of
several sitemaps, and a robots.txt. A SQLite file database is created in a temporary
directory and the site added as a sitemap source.

What runs is the real pipeline, unchanged:
1. `pipeline.poll_source` once: robots.txt, the Scrapy sitemap spider over the index
   and its sitemaps, every entry stored as a new article;
2. `pipeline.fetch_article` for every new article: robots.txt (cached), the SSRF-checked
   fetch, decoding, trafilatura main-text extraction, relevance, exact and near-duplicate
   detection, and the row written to the database.
Only the driving is the benchmark's own: step 2 is shared out over PROCESSES worker
processes (extraction is CPU-bound, and a Celery deployment runs one process per core
the same way), each with THREADS threads so that waiting for a page overlaps with
extracting another.

It prints the articles per second of step 2 and of the whole (1 + 2), what became of
the articles, and the peak resident memory of this process and of the worker processes
(resource.getrusage, the largest of them). The serving site runs in this process too,
so its share of the CPU is in the figures.
"""

from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from claimwatch import pipeline  # noqa: E402
from claimwatch.settings import Settings  # noqa: E402
from store import sources  # noqa: E402
from store.db import session_scope  # noqa: E402
from store.migrate import upgrade  # noqa: E402
from store.models import Article  # noqa: E402

PER_SITEMAP = 500

EN_SUBJECTS = ["industrial value added", "5G base stations", "new energy vehicle output",
               "the digital economy", "green factories", "industrial robot production",
               "high-tech manufacturing", "computing power", "gigabit broadband users"]
EN_VERBS = ["rose", "grew", "climbed", "increased", "expanded", "edged up"]
EN_PLACES = ["Guangdong", "Jiangsu", "Zhejiang", "Shandong", "Sichuan", "Hubei", "Anhui"]
ZH_SUBJECTS = ["规模以上工业增加值", "5G基站总数", "新能源汽车产量", "数字经济核心产业增加值",
               "国家级绿色工厂", "工业机器人产量", "高技术制造业增加值", "算力总规模"]
ZH_PLACES = ["广东", "江苏", "浙江", "山东", "四川", "湖北", "安徽"]

CHROME = ("<div class='nav'><a href='/'>Home</a> <a href='/economy/'>Economy</a> "
          "<a href='/tech/'>Tech</a> <a href='/opinion/'>Opinion</a></div>"
          "<div class='share'>Share on WeChat | Weibo | Email</div>")
FOOTER = ("<div class='footer'><p>Copyright 2025 Test Harbour Media. All rights reserved.</p>"
          "<p>Contact: newsroom@test.invalid | Advertising | Privacy</p></div>")


def _paragraphs(rng: random.Random, sentence: Callable[[], str], space: str) -> str:
    """Six to ten paragraphs of three to five sentences each, joined by `space`."""
    paras = []
    for _ in range(rng.randint(6, 10)):
        sentences = [sentence() for _ in range(rng.randint(3, 5))]
        paras.append("<p>" + space.join(sentences) + "</p>")
    return "".join(paras)


def english_page(n: int, rng: random.Random) -> str:
    def sentence() -> str:
        subject, place = rng.choice(EN_SUBJECTS), rng.choice(EN_PLACES)
        return (f"In {place}, {subject} {rng.choice(EN_VERBS)} {rng.uniform(0.5, 15):.1f} percent "
                f"in the first {rng.randint(2, 11)} months of {rng.randint(2019, 2025)}, "
                f"reaching {rng.uniform(1, 900):.1f} billion yuan according to figures "
                f"released by the provincial bureau (item {n}-{rng.randint(0, 10**6)}).")

    paras = _paragraphs(rng, sentence, " ")
    title = f"{rng.choice(EN_SUBJECTS).capitalize()} in {rng.choice(EN_PLACES)}: report {n}"
    return (f"<html><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='article:published_time' content='2025-07-{1 + n % 28:02d}T09:00:00+08:00'>"
            f"</head><body>{CHROME}<article><h1>{title}</h1>{paras}</article>"
            f"{FOOTER}</body></html>")


def chinese_page(n: int, rng: random.Random) -> str:
    def sentence() -> str:
        subject, place = rng.choice(ZH_SUBJECTS), rng.choice(ZH_PLACES)
        return (f"{rng.randint(2019, 2025)}年1至{rng.randint(2, 11)}月，{place}{subject}同比增长"
                f"{rng.uniform(0.5, 15):.1f}%，达到{rng.uniform(1, 900):.1f}亿元，"
                f"省统计局发布的数据显示（编号{n}-{rng.randint(0, 10**6)}）。")

    paras = _paragraphs(rng, sentence, "")
    title = f"{rng.choice(ZH_PLACES)}{rng.choice(ZH_SUBJECTS)}稳步增长（{n}）"
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{CHROME}"
            f"<article><h1>{title}</h1><div class='info'>发布时间：2025-07-{1 + n % 28:02d} 09:30"
            f"　来源：测试日报</div>{paras}</article>{FOOTER}</body></html>")


def build_site(count: int) -> dict[str, tuple[bytes, str]]:
    rng = random.Random(20251122)
    pages: dict[str, tuple[bytes, str]] = {}
    locs = []
    for n in range(count):
        if n % 2:
            path, html = f"/zh/{n}.html", chinese_page(n, rng)
        else:
            path, html = f"/en/{n}.html", english_page(n, rng)
        pages[path] = (html.encode("utf-8"), "text/html; charset=utf-8")
        locs.append(path)
    ns = ('xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
          'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"')
    children = []
    for i in range(0, count, PER_SITEMAP):
        urls = "".join(f"<url><loc>{loc}</loc><news:news><news:publication_date>2025-07-30"
                       f"</news:publication_date><news:title>Article {loc}</news:title>"
                       f"</news:news></url>" for loc in locs[i:i + PER_SITEMAP])
        child = f"/sitemap-{i // PER_SITEMAP}.xml"
        pages[child] = (f'<?xml version="1.0"?><urlset {ns}>{urls}</urlset>'.encode(),
                        "application/xml")
        children.append(child)
    index = "".join(f"<sitemap><loc>{c}</loc></sitemap>" for c in children)
    pages["/sitemap.xml"] = (
        f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{index}</sitemapindex>".encode(), "application/xml")
    pages["/robots.txt"] = (b"User-agent: *\nDisallow: /private/\n", "text/plain")
    return pages


def serve(pages: dict[str, tuple[bytes, str]]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            body, content_type = pages.get(self.path, (b"not found", "text/plain"))
            self.send_response(200 if self.path in pages else 404)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _settings(db_url: str, var_dir: Path) -> Settings:
    return Settings(var_dir=var_dir, database_url=db_url, allow_private_hosts="127.0.0.1",
                    reference_dir=REPO / "reference_data")


def fetch_share(db_url: str, var_dir: str, ids: list[int], threads: int) -> int:
    """One worker process: the real fetch_article for its share of the articles."""
    settings = _settings(db_url, Path(var_dir))
    local = threading.local()

    def fetch_one(article_id: int) -> int:
        # a Context per thread, as each Celery worker process has its own
        if not hasattr(local, "ctx"):
            local.ctx = pipeline.Context(settings)
        return int(pipeline.fetch_article(local.ctx, article_id))

    with ThreadPoolExecutor(threads) as pool:
        return sum(pool.map(fetch_one, ids))


def _cpu_seconds() -> float:
    """CPU time of this process (the site server, the driver) and its finished workers."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    processes = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    pages = build_site(count)
    site_mb = sum(len(b) for b, _ in pages.values()) / 1e6
    server = serve(pages)
    base = f"http://127.0.0.1:{server.server_port}"
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{tmp}/crawl.db"
        upgrade(db_url)
        settings = _settings(db_url, Path(tmp))
        with session_scope(db_url) as s:
            source_id = sources.upsert_source(s, name="benchmark", url=f"{base}/sitemap.xml",
                                              kind="sitemap").id
        print(f"site: {count} articles ({count // 2} English, {count - count // 2} Chinese), "
              f"{site_mb:.1f} MB, behind a sitemap index; {processes} processes x {threads} threads")
        start = time.perf_counter()
        ids = pipeline.poll_source(pipeline.Context(settings), source_id)
        discovered = time.perf_counter()
        shares = [ids[i::processes] for i in range(processes)]
        cpu_before = _cpu_seconds()
        with ProcessPoolExecutor(processes) as pool:
            kept = sum(pool.map(fetch_share, [db_url] * processes, [tmp] * processes, shares,
                                [threads] * processes))
        done = time.perf_counter()
        cpu_used = _cpu_seconds() - cpu_before
        with session_scope(db_url) as s:
            statuses: dict[str, int] = {}
            for (status,) in s.query(Article.status):
                statuses[status] = statuses.get(status, 0) + 1
            stored_chars = sum(len(t) for (t,) in s.query(Article.text))
    server.shutdown()
    fetch_rate = len(ids) / (done - discovered)
    print(f"discovered {len(ids)} articles in {discovered - start:.1f} s (sitemap spider)")
    print(f"fetched, extracted, deduplicated and stored {len(ids)} in {done - discovered:.1f} s: "
          f"{fetch_rate:.0f} articles/s")
    print(f"end to end: {len(ids) / (done - start):.0f} articles/s; "
          f"{stored_chars / 1e6:.1f} M characters of main text stored; kept {kept}")
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0]
    print(f"load average at the end: {load:.1f} on {cores} cores (above {cores}, other programs "
          f"were competing for the CPU and the rates are lower than on a quiet machine)")
    print(f"CPU busy while fetching: {cpu_used / (done - discovered) / cores:.0%} of {cores} cores "
          f"(workers and the site server; the rest was waiting, or other programs)")
    per_article = cpu_used / max(len(ids), 1)
    print(f"CPU time per article (site server included): {per_article * 1000:.1f} ms, so "
          f"{cores / per_article:.0f} articles/s with {cores} cores to ourselves")
    print("statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    print(f"peak memory (max RSS): driver {peak_mb(resource.RUSAGE_SELF):.0f} MB, "
          f"largest worker process {peak_mb(resource.RUSAGE_CHILDREN):.0f} MB")


if __name__ == "__main__":
    main()
