"""Do two versions of the verifier give the same claims and verdicts? For speed work.

Usage: .venv/bin/python benchmarks/extraction_equivalence.py [REV | --source]   (default: main)

REV's verifier/ and reference_data/ are taken out of git into a temporary folder and run in
a child process beside the working tree's. With --source the other side is the working
tree's own source, copied without its compiled modules: do the modules tools/build_native.py
compiled do what their source says? Each side runs `Checker.check` (extraction, then
verdicts and findings) over the same inputs, a fresh Checker per version, one per process as
the pipeline has it:
- every labelled article of tests/corpus/ with its published date, and with none;
- the seed articles in ../shared/seeds/ and the demo site's pages (HTML through the crawler's
  main-text extraction), with no date and with 2025-07-01;
- the string literals of tests/verifier/*.py that hold a digit (the rules' own test
  sentences), with no date and with 2025-06-30;
- the benchmark's corpus as one text in one call (tests/corpus joined by blank lines).
Every field of every claim (asdict: offsets, sentence, value, interval, unit, indicator,
candidates, period and whether the text dated it, kind, verdict, reference, explanation)
and every finding are compared. Prints the differences and exits 1 when there are any.
The CPU seconds each side spent are printed too (one run each: a rough figure, the machine
is shared; benchmarks/extraction_speed.py is the measure).
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import asdict
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


def build_inputs() -> list[dict[str, Any]]:
    import yaml

    inputs: list[dict[str, Any]] = []

    def add(name: str, text: str, dates: list[str | None]) -> None:
        for d in dates:
            inputs.append({"name": f"{name} @ {d}", "text": text, "published": d})

    corpus = []
    for path in sorted((REPO / "tests" / "corpus").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        published = doc.get("published")
        corpus.append(doc["text"])
        add(f"corpus/{path.name}", doc["text"], [str(published) if published else None, None])
    for path in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []:
        add(f"seeds/{path.name}", path.read_text(encoding="utf-8"), [None, "2025-07-01"])
    from crawler.encodings import decode_html
    from crawler.extract import extract_page

    for path in sorted((REPO / "claimwatch" / "demo_site").rglob("*.html")):
        html, _ = decode_html(path.read_bytes(), None)
        text = extract_page(html, "file://" + str(path)).text
        add(f"demo_site/{path.relative_to(REPO / 'claimwatch' / 'demo_site')}", text,
            [None, "2025-07-01"])
    for path in sorted((REPO / "tests" / "verifier").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        seen: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and any(ch.isdigit() for ch in node.value) and node.value not in seen:
                seen.add(node.value)
                add(f"tests/verifier/{path.name}:{node.lineno}", node.value, [None, "2025-06-30"])
    add("benchmark corpus as one text", "\n\n".join(corpus), [None])
    return inputs


def dump(tree: Path, inputs_file: Path, out_file: Path) -> None:
    """Runs in the child, with the tree under test first on sys.path."""
    from verifier.check import Checker
    from verifier.reference import load_reference

    inputs = json.loads(inputs_file.read_text(encoding="utf-8"))
    checker = Checker(load_reference(tree / "reference_data"))
    results = []
    cpu = time.process_time()
    for item in inputs:
        published = date.fromisoformat(item["published"]) if item["published"] else None
        result = checker.check(item["text"], published)
        results.append({"claims": [asdict(c) for c in result.claims],
                        "findings": [asdict(f) for f in result.findings]})
    cpu = time.process_time() - cpu
    import verifier

    out_file.write_text(json.dumps({"verifier": verifier.__file__, "cpu": cpu,
                                    "results": results}, ensure_ascii=False), encoding="utf-8")


def run_tree(tree: Path, inputs_file: Path, out_file: Path) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    subprocess.run([sys.executable, __file__, "--dump", str(tree), str(inputs_file), str(out_file)],
                   check=True, env=env, cwd=tree)
    data: dict[str, Any] = json.loads(out_file.read_text(encoding="utf-8"))
    if not data["verifier"].startswith(str(tree)):
        raise SystemExit(f"the child imported {data['verifier']}, not the verifier of {tree}")
    return data


def differences(name: str, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    if old == new:
        return []
    out = []
    if len(old["claims"]) != len(new["claims"]):
        out.append(f"{name}: {len(old['claims'])} claims before, {len(new['claims'])} now: "
                   f"{[c['text'] for c in old['claims']]} -> {[c['text'] for c in new['claims']]}")
    for n, (a, b) in enumerate(zip(old["claims"], new["claims"], strict=False)):
        changed = {k: (a[k], b.get(k)) for k in a if a[k] != b.get(k)}
        if changed:
            out.append(f"{name}: claim {n} {a['text']!r}: {changed}")
    if old["findings"] != new["findings"]:
        out.append(f"{name}: findings {old['findings']} -> {new['findings']}")
    return out


def extract_rev(rev: str, base: Path) -> None:
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", rev,
                              "verifier", "reference_data"], capture_output=True, check=True)
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(base, filter="data")
        else:  # Python before 3.11.4 (Debian's 3.11.2) has no filters; this is git's own tar
            tar.extractall(base)


def copy_source(base: Path) -> None:
    shutil.copytree(REPO / "verifier", base / "verifier",
                    ignore=shutil.ignore_patterns("*.so", "*.pyd", "__pycache__"))
    shutil.copytree(REPO / "reference_data", base / "reference_data")


def main() -> int:
    rev = sys.argv[1] if len(sys.argv) > 1 else "main"
    inputs = build_inputs()
    with tempfile.TemporaryDirectory(prefix="claimwatch-equivalence-") as tmp:
        base = Path(tmp) / "baseline"
        base.mkdir()
        if rev == "--source":
            copy_source(base)
        else:
            extract_rev(rev, base)
        inputs_file = Path(tmp) / "inputs.json"
        inputs_file.write_text(json.dumps(inputs, ensure_ascii=False), encoding="utf-8")
        before = run_tree(base, inputs_file, Path(tmp) / "before.json")
        after = run_tree(REPO, inputs_file, Path(tmp) / "after.json")
    problems: list[str] = []
    n_claims = 0
    for item, old, new in zip(inputs, before["results"], after["results"], strict=True):
        n_claims += len(old["claims"])
        problems.extend(differences(item["name"], old, new))
    chars = sum(len(i["text"]) for i in inputs)
    print(f"{len(inputs)} inputs, {chars:,} characters, {n_claims:,} claims with "
          f"{'the source' if rev == '--source' else rev} "
          f"({before['cpu']:.2f} s CPU) and the working tree ({after['cpu']:.2f} s CPU)")
    for line in problems[:50]:
        print(line)
    if problems:
        print(f"{len(problems)} differences")
        return 1
    print("identical")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--dump":
        dump(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
        sys.exit(0)
    sys.exit(main())
