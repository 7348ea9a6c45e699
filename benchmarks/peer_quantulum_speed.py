"""quantulum3's speed on our own English articles, on this machine: the yardstick issue #3
names ("quantulum3 manages about 0.03 MB/s on this machine"), measured beside ours.

Usage: /tmp/q3venv/bin/python benchmarks/peer_quantulum_speed.py

The side virtualenv holds quantulum3 and PyYAML only; quantulum3 is a yardstick, not a
dependency of claimwatch, and this script never imports claimwatch. Create it with

    python3 -m venv /tmp/q3venv
    /tmp/q3venv/bin/pip install quantulum3==0.10.0 pyyaml

It feeds quantulum3 the English articles of tests/corpus/ (those with no Chinese
character) a paragraph at a time, as the peers' README measured it, and prints megabytes
and characters per CPU second. Run benchmarks/extraction_speed.py in the same minutes for
claimwatch's figure: the machine's speed drifts.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")


def english_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted((REPO / "tests" / "corpus").glob("*.yaml")):
        text = yaml.safe_load(path.read_text(encoding="utf-8"))["text"]
        if not CJK.search(text):
            paragraphs.extend(p for p in text.split("\n") if p.strip())
    return paragraphs


def main() -> int:
    from quantulum3 import parser

    paragraphs = english_paragraphs()
    parser.parse(paragraphs[0])  # warm-up: its unit tables load on the first call
    cpu = time.process_time()
    for paragraph in paragraphs:
        parser.parse(paragraph)
    cpu = time.process_time() - cpu
    size = sum(len(p.encode("utf-8")) for p in paragraphs)
    chars = sum(len(p) for p in paragraphs)
    print(f"quantulum3, our {len(paragraphs)} English paragraphs ({size / 1e6:.3f} MB), "
          f"a paragraph at a time: {size / 1e6 / cpu:.4f} MB/cpu-s, {chars / cpu:,.0f} chars/cpu-s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
