"""Machine instructions claimwatch spends extracting the labelled corpus: the steady figure
for speed work.

Usage: .venv/bin/python benchmarks/extraction_instructions.py   (needs valgrind; ~1 minute)

Wall and CPU time on a shared machine drift by a third from one minute to the next; the
count of instructions a pass executes does not. Two child processes run under valgrind's
cachegrind (no cache simulation): each loads the catalogue, makes one warm-up pass over
tests/corpus/*.yaml (an article at a time, with its published date) and then one or three
more; the difference of the two counts over two is one pass, without start-up and warm-up.
Both run with PYTHONHASHSEED=0: the order of sets of strings changes how much work some
loops do, and with a random seed the count wanders by about 1%.
A change that lowers it without changing any claim (benchmarks/extraction_equivalence.py)
is faster on every machine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from extraction_speed import compiled_or_not, load_articles, nbytes  # noqa: E402


def child(passes: int) -> int:
    from verifier.check import Checker
    from verifier.reference import load_reference

    checker = Checker(load_reference(REPO / "reference_data"))
    articles = load_articles()
    for _ in range(1 + passes):
        for text, published in articles:
            checker.extract(text, published)
    return 0


def instructions(passes: int) -> int:
    run = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, __file__, "--child", str(passes)],
        capture_output=True, text=True, check=True, cwd=REPO,
        env={**os.environ, "PYTHONHASHSEED": "0"})
    found = re.search(r"I\s+refs:\s+([\d,]+)", run.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count in valgrind's output:\n{run.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        return child(int(sys.argv[2]))
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    size = nbytes(load_articles())
    per_pass = (instructions(3) - instructions(1)) // 2
    print(f"{per_pass / 1e6:,.0f}M instructions per pass over the labelled corpus "
          f"({size / 1e6:.3f} MB): {per_pass / size:,.0f} per byte, "
          f"{per_pass / size / 1000:.2f}G per MB; verifier/ {compiled_or_not()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
