"""How fast claimwatch extracts claims, and how much memory it needs as input grows.

Usage: .venv/bin/python benchmarks/extraction_speed.py [MEGABYTES]   (default: 5)

The corpus is the labelled articles of tests/corpus/*.yaml (English and Chinese, field
`text`, published date from `published`), repeated in order until it reaches MEGABYTES.
A megabyte (MB) is 1,000,000 bytes of UTF-8: a Chinese character counts 3 bytes, an
English one 1, so characters per second are printed too (the README's peer figures are in
characters per second).

Our labelled articles were written to exercise extraction: they hold about 7 claims per
kilobyte, where the real news articles in ../shared/seeds/ hold about 1. Time goes mostly
into claims, so the labelled corpus is the hard case; the seeds (read where they are, never
copied into the project) are the measure on real news text. The claims-per-KB column shows
each corpus's density.

What it measures, all in this one process on one thread (so the rates are per core):
1. throughput of `Checker.extract(text, published)` fed one article at a time over the
   whole corpus, after a warm-up pass (regexes compiled, word tables loaded);
2. throughput on one 1 MB text (the articles joined by blank lines) in a single call;
3. throughput on the seed articles repeated to the same size, an article at a time, when
   ../shared/seeds/ is there;
each run three times in turn and the median printed, because the machine's speed drifts;
4. peak memory traced by tracemalloc above what was allocated before the call (the input
   text itself is built first, so it is not counted), for 1 MB and for MEGABYTES: fed an
   article at a time (claims counted, then dropped, as the pipeline does) and as one text.
   Memory that stays flat as input grows shows nothing accumulates; a peak that grows with
   a single text is the cost of holding that text's claims and sentence copies.
tracemalloc slows Python down, so the memory runs are timed separately and not used
for the rates.
5. peak resident set size (the operating system's figure, VmHWM) of a fresh process fed an
   article at a time, the articles made one by one so that the input is never held whole, for
   MEGABYTES and four times as much: the same peak for both shows nothing grows with the input.

The rate per core is the CPU-time column (MB per CPU second): the machine this runs on is
shared, and wall-clock rates fall with other programs' load while the CPU time of this one
thread barely moves.
"""

from __future__ import annotations

import platform
import resource
import statistics
import subprocess
import sys
import sysconfig
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import yaml

from verifier.check import Checker
from verifier.reference import load_reference

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
MB = 1_000_000
RUNS = 3

# from /work/shared/peer/README.md, measured elsewhere (other machine, other text)
PEER_FIGURES = [
    ("quantulum3 0.10.0, a paragraph at a time", 33_000),
    ("quantulum3 0.10.0, 200 KB at once", 7_000),
    ("Recognizers-Text English number model", 256_000),
    ("Recognizers-Text English currency model", 11_600),
]

Article = tuple[str, date | None]


def load_articles() -> list[Article]:
    articles = []
    for path in sorted((REPO / "tests" / "corpus").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        articles.append((doc["text"], doc.get("published")))
    return articles


def load_seeds() -> list[Article]:
    return [(path.read_text(encoding="utf-8"), None)
            for path in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else []


def repeat_to(articles: list[Article], size: int) -> list[Article]:
    out: list[Article] = []
    total = 0
    while total < size:
        for article in articles:
            out.append(article)
            total += len(article[0].encode("utf-8"))
            if total >= size:
                break
    return out


def nbytes(articles: list[Article]) -> int:
    return sum(len(text.encode("utf-8")) for text, _ in articles)


def stream_to(articles: list[Article], size: int) -> Iterator[Article]:
    """repeat_to, one article at a time: the whole input never exists at once."""
    total = 0
    while total < size:
        for article in articles:
            yield article
            total += len(article[0].encode("utf-8"))
            if total >= size:
                return


def peak_rss_mb() -> float:
    """This process's peak resident set size. VmHWM where there is /proc: ru_maxrss keeps the
    peak of the process it was forked from, here the parent holding the whole corpus."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def rss_child(size: int) -> int:
    """In a fresh process: extract `size` bytes of articles, one at a time; print the peak RSS
    after the warm-up and after the run."""
    checker = Checker(load_reference(REPO / "reference_data"))
    articles = load_articles()
    for text, published in articles:  # warm-up: every table and regex made
        checker.extract(text, published)
    before = peak_rss_mb()
    claims = sum(len(checker.extract(text, published)) for text, published in stream_to(articles, size))
    print(f"{before:.1f} {peak_rss_mb():.1f} {claims}")
    return 0


def compiled_or_not() -> str:
    """Whether the extractor runs compiled (tools/build_native.py) or as plain Python."""
    import verifier.extract

    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    return "compiled with mypyc" if verifier.extract.__file__.endswith(suffix) else \
        "as plain Python (not compiled: `make native`)"


def one_text(articles: list[Article]) -> str:
    return "\n\n".join(text for text, _ in articles)


def timed(fn: Callable[[], int]) -> tuple[int, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    claims = fn()
    return claims, time.perf_counter() - wall, time.process_time() - cpu


def medians(fns: list[Callable[[], int]]) -> list[tuple[int, float, float]]:
    """Each function run RUNS times, taking turns, so that a slow minute of the machine falls
    on all of them; the median wall and CPU time of each."""
    times: list[list[tuple[int, float, float]]] = [[] for _ in fns]
    for _ in range(RUNS):
        for i, fn in enumerate(fns):
            times[i].append(timed(fn))
    return [(runs[0][0], statistics.median(r[1] for r in runs), statistics.median(r[2] for r in runs))
            for runs in times]


def peak_above_baseline(fn: Callable[[], int]) -> float:
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (peak - base) / MB


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--rss-child":
        return rss_child(int(sys.argv[2]))
    size = int(float(sys.argv[1]) * MB) if len(sys.argv) > 1 else 5 * MB
    checker = Checker(load_reference(REPO / "reference_data"))
    articles = load_articles()
    corpus = repeat_to(articles, size)
    chars = sum(len(text) for text, _ in corpus)
    one_mb = one_text(repeat_to(articles, MB))
    seeds = load_seeds()
    news = repeat_to(seeds, size) if seeds else []
    for text, published in articles + seeds:  # warm-up
        checker.extract(text, published)

    def per_article(items: list[Article]) -> Callable[[], int]:
        return lambda: sum(len(checker.extract(text, published)) for text, published in items)

    def whole(text: str) -> Callable[[], int]:
        return lambda: len(checker.extract(text, None))

    head = subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%h %s"],
                          capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "verifier"],
                           capture_output=True, text=True).stdout.strip()
    print(f"claimwatch extraction speed -- {head}{' + uncommitted verifier/ changes' if dirty else ''}")
    # the interpreter's build moves the figures by about a tenth (see the Makefile)
    print(f"python {platform.python_version()} ({sys.executable} -> {Path(sys.executable).resolve()}); "
          f"verifier/ {compiled_or_not()}")
    print(f"corpus: {len(articles)} labelled articles ({nbytes(articles) / MB:.3f} MB) repeated to "
          f"{len(corpus)} articles, {nbytes(corpus) / MB:.2f} MB, {chars:,} characters\n")

    print(f"{'Checker.extract throughput (1 thread)':44}{'MB':>7}{'claims':>9}{'/KB':>6}"
          f"{'wall s':>8}{'cpu s':>8}{'MB/s':>8}{'chars/s':>10}{'MB/cpu-s':>10}{'chars/cpu-s':>12}")
    runs = [("labelled, an article at a time", nbytes(corpus), chars, per_article(corpus)),
            ("labelled, one 1 MB text in one call", len(one_mb.encode("utf-8")), len(one_mb),
             whole(one_mb))]
    if news:
        runs.append(("real news (seeds), an article at a time", nbytes(news),
                     sum(len(text) for text, _ in news), per_article(news)))
    for (label, size_b, n_chars, _), (claims, wall, cpu) in zip(
            runs, medians([fn for *_, fn in runs]), strict=True):
        print(f"{label:44}{size_b / MB:7.2f}{claims:9,}{claims / (size_b / 1000):6.1f}{wall:8.2f}"
              f"{cpu:8.2f}{size_b / MB / wall:8.3f}{n_chars / wall:10,.0f}{size_b / MB / cpu:10.3f}"
              f"{n_chars / cpu:12,.0f}")
    if not news:
        print(f"(no {SEEDS}: the real-news row needs the seed articles beside the project)")

    print("\nfor comparison, from the peers' README (other machine, other text):")
    for label, cps in PEER_FIGURES:
        print(f"  {label:42}  ~{cps / MB:.3f} MB/s of ASCII   {cps:>9,} chars/s")

    print(f"\n{'peak memory, tracemalloc (above baseline)':44}{'input MB':>9}{'peak MB':>9}"
          f"{'peak/input':>11}")
    small = repeat_to(articles, MB)
    big_text = one_text(corpus)
    memory_runs = [
        ("an article at a time", small, None),
        ("an article at a time", corpus, None),
        ("one text in one call", None, one_mb),
        ("one text in one call", None, big_text),
    ]
    for label, items, text in memory_runs:
        fn = per_article(items) if items is not None else whole(text or "")
        size_b = nbytes(items) if items is not None else len((text or "").encode("utf-8"))
        peak = peak_above_baseline(fn)
        print(f"{label:44}{size_b / MB:9.2f}{peak:9.2f}{peak / (size_b / MB):11.2f}")

    print(f"\n{'peak RSS, a fresh process, an article at a time':50}{'input MB':>9}"
          f"{'after warm-up MB':>18}{'peak MB':>9}")
    for factor in (1, 4):
        out = subprocess.run([sys.executable, __file__, "--rss-child", str(size * factor)],
                             capture_output=True, text=True, check=True).stdout.split()
        print(f"{f'{factor}x':50}{size * factor / MB:9.2f}{float(out[0]):18.1f}{float(out[1]):9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
