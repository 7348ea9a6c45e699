"""How many articles per second the whole pipeline carries with 1 and 2 real Celery workers.

Usage: .venv/bin/python benchmarks/pipeline_throughput.py [--articles 5000] [--workers 1,2]
                                                          [--paced 300] [--keep]

Articles: generated here (English and Chinese, a fixed seed), each with one figure that is
deliberately wrong against the reference data (so each article should open one finding of
its own: every article has its own publisher), a correct figure or two, provincial
figures and policy sentences, served by a threaded HTTP server on 127.0.0.1 (robots.txt
allows all). For each worker count, on a fresh PostgreSQL database (CREATE DATABASE on
127.0.0.1:5432) and real Redis (a private key prefix, deleted afterwards):

1. burst: every article is inserted as `pending` and a fetch_article task sent for it at
   once; articles/s = articles / (first send -> last article done and its keys checked for
   cross-source conflicts), each article going fetch -> extract -> verify -> findings through
   the queues, and the conflict check (sent by the workers, batched) following;
2. paced: --paced more articles sent at about half the burst rate, so that queueing does
   not dominate; the time from an article's arrival (its row's created_at) to its first
   finding (the finding's created_at) is read from the database: median and 95th pct.
   (The burst's own figure is printed too: there it is mostly the wait in the queue.)

Peak memory: the kernel's high-water mark of resident memory (VmHWM) of each worker's
processes (the Celery main process and its one pool child), read before they stop.
Workers run with --concurrency 1 each and CLAIMWATCH_DOMAIN_DELAY=0: every article is on
127.0.0.1, one host, which a real crawl would spread over many hosts.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import redis
from sqlalchemy import create_engine, func, select, text

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from claimwatch.settings import Settings  # noqa: E402
from store import articles  # noqa: E402
from store.db import engine_for, session_scope  # noqa: E402
from store.migrate import upgrade  # noqa: E402
from store.models import Article, Claim, ConflictMark, Finding, FindingClaim  # noqa: E402
from worker.app import create_app  # noqa: E402
from worker.launch import start_worker  # noqa: E402

PG_ADMIN = os.environ.get("CLAIMWATCH_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("CLAIMWATCH_BENCH_REDIS", "redis://127.0.0.1:6379/0")
DONE = ("processed", "irrelevant", "duplicate", "failed", "skipped")
TARGET = 30.0
PUBLISHED = datetime(2025, 3, 1, tzinfo=UTC)  # "by the end of 2024" is then plainly past

# official figures (reference_data/observations.csv): (value, English, Chinese) per year
TRUE = {
    "5g": {2021: 1_425_000, 2022: 2_312_000, 2023: 3_377_000, 2024: 4_251_000},
    "nev": {2021: 3_545_000, 2022: 7_058_000, 2023: 9_587_000, 2024: 12_888_000},
    "users": {2022: 561_000_000, 2023: 805_000_000, 2024: 1_014_000_000},
}
PROVINCES_EN = ["Guangdong", "Jiangsu", "Zhejiang", "Shandong", "Henan", "Sichuan", "Hubei",
                "Fujian", "Hunan", "Anhui", "Hebei", "Shaanxi", "Jiangxi", "Liaoning"]
PROVINCES_ZH = ["广东", "江苏", "浙江", "山东", "河南", "四川", "湖北", "福建", "湖南", "安徽",
                "河北", "陕西", "江西", "辽宁"]
CITIES = ["Shenzhen", "Suzhou", "Hefei", "Wuhan", "Chengdu", "Xi'an", "Ningbo", "Qingdao",
          "Changsha", "Dongguan", "Wuxi", "Foshan", "Xiamen", "Zhengzhou"]
TOPICS_EN = ["smart factories", "industrial internet platforms", "computing centres",
             "battery plants", "robot makers", "chip fabs", "logistics parks", "data centres"]
TOPICS_ZH = ["智能工厂", "工业互联网平台", "算力中心", "电池工厂", "机器人企业", "芯片工厂",
             "物流园区", "数据中心"]


def _figure_en(kind: str, year: int, value: float) -> str:
    if kind == "5g":
        return f"China had {value / 1e6:.2f} million 5G base stations by the end of {year}."
    if kind == "nev":
        return (f"The country produced {value / 1e6:.2f} million new energy vehicles in {year}, "
                "the industry association said.")
    return f"5G mobile phone users reached {value / 1e6:.0f} million by the end of {year}."


def _figure_zh(kind: str, year: int, value: float) -> str:
    if kind == "5g":
        return f"截至{year}年底，我国5G基站总数达{value / 1e4:.1f}万个。"
    if kind == "nev":
        return f"{year}年，我国新能源汽车产量达到{value / 1e4:.1f}万辆。"
    return f"截至{year}年底，5G移动电话用户达到{value / 1e8:.2f}亿户。"


def make_article(n: int, rng: random.Random) -> tuple[str, str]:
    """(title, html) of article n: one wrong national figure, one right, local colour."""
    zh = n % 3 == 2
    kinds = rng.sample(sorted(TRUE), 2)
    wrong_kind, right_kind = kinds
    wrong_year = rng.choice(sorted(TRUE[wrong_kind]))
    # below the official figure: also wrong against an "at least" reference
    wrong = TRUE[wrong_kind][wrong_year] * rng.choice([0.6, 0.65, 0.7, 0.75, 0.8])
    right_year = rng.choice(sorted(TRUE[right_kind]))
    right = TRUE[right_kind][right_year]
    if zh:
        province = rng.choice(PROVINCES_ZH)
        title = f"{province}推进新型工业化 第{n}期"
        figure, topics, space = _figure_zh, TOPICS_ZH, ""

        def colour(topic: str) -> list[str]:
            return [
                f"{province}今年新建{topic}{rng.randint(12, 480)}个，带动投资{rng.randint(20, 900)}亿元。",
                f"{province}规模以上工业增加值同比增长{rng.randint(30, 95) / 10:.1f}%，其中{topic}贡献明显。",
                f"该省已培育专精特新“小巨人”企业{rng.randint(40, 900)}家，{topic}数量居全国前列。",
                f"工业和信息化部门表示，将继续支持{topic}建设，推动制造业数字化转型。",
            ]
    else:
        province = rng.choice(PROVINCES_EN)
        city = rng.choice(CITIES)
        title = f"{province} pushes industrial upgrading, report {n}"
        figure, topics, space = _figure_en, TOPICS_EN, " "

        def colour(topic: str) -> list[str]:
            return [
                f"{province} added {rng.randint(12, 480)} {topic} this year, drawing "
                f"{rng.randint(20, 900)} billion yuan of investment.",
                f"Industrial output in {city} rose {rng.randint(30, 95) / 10:.1f} percent, led by "
                f"{topic}.",
                f"Officials in {city} said {rng.randint(40, 900)} little giant firms now work in "
                f"{topic}, more than in any other city of {province}.",
                f"The ministry of industry and information technology will keep supporting "
                f"{topic} as part of the digital transformation of manufacturing.",
                f"Analysts at {rng.choice(CITIES)} Securities expect {topic} in {province} to grow "
                f"further as export orders recover.",
            ]
    sentences = [figure(wrong_kind, wrong_year, wrong), figure(right_kind, right_year, right)]
    for _ in range(rng.randint(3, 6)):
        sentences.append(rng.choice(colour(rng.choice(topics))))
    body = space.join(sentences)
    html = (f"<html><head><title>{title}</title></head><body><nav>Home | Industry | Share</nav>"
            f"<article><h1>{title}</h1><p>{body}</p></article>"
            f"<footer>Contact us: sales desk</footer></body></html>")
    return title, html


class Site:
    """All pages made up front, served from memory by a threaded server on 127.0.0.1."""

    def __init__(self, total: int, seed: int = 20261122) -> None:
        rng = random.Random(seed)
        self.pages = {f"/a/{n}.html": make_article(n, rng)[1].encode() for n in range(total)}
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                return

            def do_GET(self) -> None:
                if self.path == "/robots.txt":
                    body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
                else:
                    page = site.pages.get(self.path)
                    if page is None:
                        self.send_error(404)
                        return
                    body, ctype = page, "text/html; charset=utf-8"
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def create_database() -> str:
    name = f"cw_bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    url = PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    upgrade(url)
    return url


def drop_database(url: str) -> None:
    engine_for(url).dispose()
    engine = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    engine.dispose()


def drop_prefix(prefix: str) -> None:
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{prefix}*", count=1000))
    for i in range(0, len(keys), 500):
        client.delete(*keys[i:i + 500])


def start_workers(settings: Settings, count: int, var_dir: str) -> list[subprocess.Popen[bytes]]:
    log = open(Path(var_dir) / "workers.log", "ab")  # noqa: SIM115  (kept open by the workers)
    return [start_worker(settings, "-n", f"bench{i}-{uuid.uuid4().hex[:6]}@%h",
                         env={"CLAIMWATCH_LOG_FORMAT": "text"}, loglevel="ERROR",
                         stdout=subprocess.DEVNULL, stderr=log)
            for i in range(count)]


def wait_ready(settings: Settings, count: int, timeout: float = 120) -> None:
    app = create_app(settings)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(app.control.ping(timeout=1.0) or []) >= count:
            return
    raise SystemExit(f"{count} worker(s) did not answer within {timeout:.0f} s")


def _tree(pid: int) -> list[int]:
    pids = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                pids += [int(p) for p in f.read().split()]
    except OSError:
        pass
    return pids


def cpu_seconds(pid: int) -> float:
    """User + system CPU a process has used so far (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def used_cpu(db_url: str, procs: list[subprocess.Popen[bytes]]) -> dict[str, float]:
    """CPU seconds so far, by process: the workers (main + pool child) and the PostgreSQL
    backends serving this benchmark's database (same machine), keyed so that two readings
    can be subtracted."""
    out = {f"w{p}": cpu_seconds(p) for proc in procs for p in _tree(proc.pid)}
    name = db_url.rsplit("/", 1)[1]
    with engine_for(PG_ADMIN).connect() as conn:
        backends = conn.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = :n"),
                                {"n": name}).scalars().all()
    out |= {f"pg{p}": cpu_seconds(int(p)) for p in backends}
    return out


def cpu_between(before: dict[str, float], after: dict[str, float]) -> tuple[float, float]:
    """(workers, PostgreSQL) CPU seconds used between two readings."""
    spent = {k: v - before.get(k, 0.0) for k, v in after.items()}
    return (sum(v for k, v in spent.items() if k.startswith("w")),
            sum(v for k, v in spent.items() if k.startswith("pg")))


def tree_hwm_mb(pid: int) -> float:
    """Peak resident memory of a process and its children (the pool), in MB."""
    total = 0
    for p in _tree(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def add_pending(db_url: str, base: str, numbers: range) -> list[int]:
    ids = []
    with session_scope(db_url) as s:
        for n in numbers:
            url = f"{base}/a/{n}.html"
            article_id = articles.add_entry(s, source_id=None, url=url, canonical_url=url,
                                            guid=None, title="", published_at=PUBLISHED,
                                            publisher=f"Outlet {n}")
            assert article_id is not None
            ids.append(article_id)
    return ids


def count_done(db_url: str, ids: list[int]) -> int:
    with session_scope(db_url) as s:
        return int(s.scalar(select(func.count()).select_from(Article).where(
            Article.id.between(min(ids), max(ids)), Article.status.in_(DONE))) or 0)


def wait_done(db_url: str, ids: list[int], timeout: float) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if count_done(db_url, ids) >= len(ids):
            return time.monotonic()
        time.sleep(0.25)
    raise SystemExit(f"only {count_done(db_url, ids)} of {len(ids)} articles done in {timeout:.0f} s")


def wait_checked(db_url: str, timeout: float) -> float:
    """Until no key waits for the cross-source conflict check."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with session_scope(db_url) as s:
            if not s.scalar(select(func.count()).select_from(ConflictMark)):
                return time.monotonic()
        time.sleep(0.1)
    raise SystemExit(f"keys still waiting for the conflict check after {timeout:.0f} s")


def latencies(db_url: str, ids: list[int]) -> tuple[list[float], dict[str, int]]:
    """Seconds from each article's arrival to its own finding: the verdict on its wrong figure
    (one per article, its publisher being in the fingerprint). Conflict findings are shared
    by every article on a key and opened by whichever came first, so they do not count."""
    with session_scope(db_url) as s:
        first = dict(s.execute(
            select(Claim.article_id, func.min(Finding.created_at))
            .join(FindingClaim, FindingClaim.claim_id == Claim.id)
            .join(Finding, Finding.id == FindingClaim.finding_id)
            .join(Article, Article.id == Claim.article_id)
            .where(Claim.article_id.between(min(ids), max(ids)), Finding.type == "verdict",
                   Finding.created_at >= Article.created_at)
            .group_by(Claim.article_id)).all())
        arrived = dict(s.execute(select(Article.id, Article.created_at)
                                 .where(Article.id.between(min(ids), max(ids)))).all())
        statuses = dict(s.execute(select(Article.status, func.count())
                                  .where(Article.id.between(min(ids), max(ids)))
                                  .group_by(Article.status)).all())
    out = []
    for article_id, found in first.items():
        start: datetime = arrived[article_id]
        out.append((found - start).total_seconds())
    return out, {str(k): int(v) for k, v in statuses.items()}


@dataclass
class Result:
    workers: int
    articles: int
    seconds: float
    rate: float
    burst_latency: tuple[float, float]
    paced_latency: tuple[float, float] | None
    with_finding: float
    statuses: dict[str, int]
    peak_mb: list[float]
    findings: int
    conflicts: int
    check_lag: float  # last article done -> its keys checked
    load: tuple[float, float]  # 1-minute load average before the workers start / after the burst
    cpu_ms: tuple[float, float]  # CPU per article in the burst: workers, PostgreSQL backends


def _pct(values: list[float]) -> tuple[float, float]:
    if not values:
        return (float("nan"), float("nan"))
    values = sorted(values)
    return statistics.median(values), values[min(len(values) - 1, int(0.95 * len(values)))]


def run(count: int, site: Site, total: int, paced: int) -> Result:
    load_before = os.getloadavg()[0]
    db_url = create_database()
    prefix = f"cwbench-{uuid.uuid4().hex[:10]}:"
    var_dir = tempfile.mkdtemp(prefix="cwbench-")
    settings = Settings(var_dir=Path(var_dir), database_url=db_url, broker_url=REDIS_URL,
                        broker_prefix=prefix)
    procs = start_workers(settings, count, var_dir)
    try:
        wait_ready(settings, count)
        app = create_app(settings)
        # warm-up, not timed: each worker loads the reference data and opens its connections
        warm = add_pending(db_url, site.base, range(total + paced, total + paced + 4 * count))
        for article_id in warm:
            app.send_task("worker.tasks.fetch_article", args=[article_id])
        wait_done(db_url, warm, timeout=300)
        ids = add_pending(db_url, site.base, range(total))
        cpu_before = used_cpu(db_url, procs)
        started = time.monotonic()
        for article_id in ids:
            app.send_task("worker.tasks.fetch_article", args=[article_id])
        processed = wait_done(db_url, ids, timeout=max(600.0, total))
        finished = wait_checked(db_url, timeout=300)
        load_after = os.getloadavg()[0]
        cpu = cpu_between(cpu_before, used_cpu(db_url, procs))
        seconds = finished - started
        rate = total / seconds
        burst, statuses = latencies(db_url, ids)
        paced_latency = None
        if paced:
            gap = 2.0 / rate  # about half the burst rate
            paced_ids = []
            for n in range(total, total + paced):
                paced_ids += add_pending(db_url, site.base, range(n, n + 1))
                app.send_task("worker.tasks.fetch_article", args=[paced_ids[-1]])
                time.sleep(gap)
            wait_done(db_url, paced_ids, timeout=600)
            wait_checked(db_url, timeout=300)
            paced_latency = _pct(latencies(db_url, paced_ids)[0])
        peak = [tree_hwm_mb(p.pid) for p in procs]
        with session_scope(db_url) as s:
            findings_total = int(s.scalar(select(func.count()).select_from(Finding)) or 0)
            conflicts = int(s.scalar(select(func.count()).select_from(Finding)
                                     .where(Finding.type == "conflict")) or 0)
        return Result(count, total, seconds, rate, _pct(burst), paced_latency,
                      len(burst) / total, statuses, peak, findings_total, conflicts,
                      finished - processed, (load_before, load_after),
                      (1000 * cpu[0] / total, 1000 * cpu[1] / total))
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                p.kill()
        drop_prefix(prefix)
        drop_database(db_url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--workers", default="1,2", help="worker counts to run, in order")
    parser.add_argument("--paced", type=int, default=300,
                        help="articles sent at half the burst rate for the latency figure")
    args = parser.parse_args()
    if args.articles < 10:
        raise SystemExit("--articles must be at least 10")
    counts = [int(c) for c in args.workers.split(",")]
    site = Site(args.articles + args.paced + 4 * max(counts))
    print(f"pipeline throughput: {args.articles} articles (+{args.paced} paced), "
          f"{os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.2f} at start")
    results = []
    try:
        for count in counts:
            r = run(count, site, args.articles, args.paced)
            results.append(r)
            paced = (f"{r.paced_latency[0]:.2f} / {r.paced_latency[1]:.2f} s"
                     if r.paced_latency else "-")
            print(f"\n{count} worker(s): {r.rate:.1f} articles/s ({r.articles} in {r.seconds:.1f} s; "
                  f"load average {r.load[0]:.2f} before, {r.load[1]:.2f} after)"
                  f"\n  arrival -> finding, paced: median / p95 {paced}"
                  f"\n  arrival -> finding, burst (mostly queue wait): median / p95 "
                  f"{r.burst_latency[0]:.1f} / {r.burst_latency[1]:.1f} s"
                  f"\n  articles with a finding: {r.with_finding:.1%}; findings: {r.findings} "
                  f"({r.conflicts} conflicts, checked {r.check_lag:.1f} s after the last "
                  f"article); statuses: {r.statuses}"
                  f"\n  CPU per article: workers {r.cpu_ms[0]:.1f} ms + PostgreSQL "
                  f"{r.cpu_ms[1]:.1f} ms, so about {2000 / sum(r.cpu_ms):.0f} articles/s "
                  f"if both cores were ours (Redis and the page server not counted)"
                  f"\n  peak memory (VmHWM, main + pool child) per worker: "
                  + ", ".join(f"{mb:.0f} MB" for mb in r.peak_mb), flush=True)
    finally:
        site.close()
    print("\n| workers | articles/s | vs 1 worker | arrival -> finding (paced) median / p95 | "
          "peak RSS per worker | load average before / after |")
    print("| --- | --- | --- | --- | --- | --- |")
    base = results[0].rate if results else 1.0
    for r in results:
        paced = (f"{r.paced_latency[0]:.2f} / {r.paced_latency[1]:.2f} s"
                 if r.paced_latency else "-")
        print(f"| {r.workers} | {r.rate:.1f} | x{r.rate / base:.2f} | {paced} | "
              f"{max(r.peak_mb):.0f} MB | {r.load[0]:.1f} / {r.load[1]:.1f} |")
    best = max((r.rate for r in results), default=0.0)
    print(f"\ntarget: >= {TARGET:.0f} articles/s with two workers: "
          f"{'met' if best >= TARGET else 'NOT met'} (best {best:.1f}); "
          f"load average now {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
