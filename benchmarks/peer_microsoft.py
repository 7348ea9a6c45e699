"""Microsoft Recognizers-Text's own results on its peer spec files, cached for peer_scores.py.

Usage: /tmp/msvenv/bin/python benchmarks/peer_microsoft.py [--peer PEER_FOLDER] [--out CACHE] [--repeat N]
       (defaults: ../shared/peer and var/peer_microsoft.json under the repo; var/ is not in git)

Runs Microsoft's Python package (recognizers-text-suite 1.0.2a2) on the Input of every case
of the Recognizers-Text spec files peer_scores.py scores (Number, Percent, NumberRange,
Currency, Dimension; English and Chinese), each with the model those files test and the
file's culture, and writes the raw results -- per file label, per case index, a list of
{text, type_name, value, unit, isoCurrency, start, end} -- to a JSON cache. peer_scores.py
scores that cache with the same comparison it uses for claimwatch, so the two can be set
side by side case by case. Microsoft's Python package has no number-range model
(recognizers-text 1.0.2a2 marks every NumberRange case NotSupported for python): those
files are recorded as having no model.

It also prints each model's speed, since the peers' README quotes Microsoft's: characters
of input per CPU second, the best of --repeat passes, fed one case at a time and fed the
whole file's inputs as one text (one per line). The two differ a lot for the currency
model, which spends tens of milliseconds on each call whatever its length.

Microsoft's package runs in a side virtualenv, not claimwatch's: it pins old dependencies
(emoji < 1.0, an old regex/datedelta stack) that claimwatch must not be held to, and it is
a yardstick, not a dependency of claimwatch. Create the side venv with

    python3 -m venv /tmp/msvenv
    /tmp/msvenv/bin/pip install recognizers-text-suite==1.0.2a2 "emoji<1.0"

(emoji must be < 1.0 or the import fails). This script imports only the standard library
and Microsoft's package -- never claimwatch or verifier -- so it runs in that venv; the
Microsoft imports sit inside the functions that need them, so peer_scores.py and the
tests can import the file table below from claimwatch's venv.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PEER = REPO.parent / "shared" / "peer"
DEFAULT_CACHE = REPO / "var" / "peer_microsoft.json"
RT = "recognizers-text"

LANGS = (("en", "English", "en-us"), ("zh", "Chinese", "zh-cn"))
# spec file -> (label suffix, folder, model kind as peer_scores.py names it, Microsoft model)
MODELS = (
    ("Number", "Number", "number", "number"),
    ("Percent", "Number", "percent", "percentage"),
    ("NumberRange", "Number", "range", None),  # not in the Python package
    ("Currency", "NumberWithUnit", "currency", "currency"),
    ("Dimension", "NumberWithUnit", "dimension", "dimension"),
)


def specs() -> Iterator[tuple[str, str, str, str, str | None]]:
    """(label, path under the peer folder, kind, culture, Microsoft model or None) per file.

    The labels and paths are those of peer_scores.FILES (a test holds the two together)."""
    for lang, folder_lang, culture in LANGS:
        for name, folder, kind, model in MODELS:
            yield (f"{lang} {name}", f"{RT}/{folder}/{folder_lang}/{name}Model.json", kind, culture, model)


def build_model(model: str, culture: str) -> Any:
    from recognizers_number import NumberRecognizer
    from recognizers_number_with_unit import NumberWithUnitRecognizer

    number, unit = NumberRecognizer(culture), NumberWithUnitRecognizer(culture)
    get = {"number": number.get_number_model, "percentage": number.get_percentage_model,
           "currency": unit.get_currency_model, "dimension": unit.get_dimension_model}[model]
    return get(culture)


def raw(result: Any) -> dict[str, Any]:
    res = result.resolution or {}
    return {"text": result.text, "type_name": result.type_name,
            "value": None if res.get("value") is None else str(res.get("value")),
            "unit": res.get("unit"), "isoCurrency": res.get("isoCurrency"),
            "start": result.start, "end": result.end}


def run(parse: Callable[[str], Any], inputs: list[str]) -> list[Any]:
    out: list[Any] = []
    for text in inputs:
        try:
            out.append([raw(r) for r in parse(text)])
        except Exception as exc:  # a crash on one case is that case's result, not the run's end
            out.append({"error": f"{type(exc).__name__}: {exc}"})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--peer", type=Path, default=DEFAULT_PEER)
    ap.add_argument("--out", type=Path, default=DEFAULT_CACHE)
    ap.add_argument("--repeat", type=int, default=3, help="timing passes (best is reported)")
    args = ap.parse_args(argv)
    try:
        from importlib.metadata import version

        ms_version = version("recognizers-text-suite")
        build_model("number", "en-us")
    except Exception as exc:
        print(f"Microsoft's package is not importable here ({type(exc).__name__}: {exc}).\n"
              "Run this with the side venv's python; see the docstring for how to make it.")
        return 2
    if not (args.peer / RT).is_dir():
        print(f"peer test data not found at {args.peer / RT}")
        return 2

    files: dict[str, Any] = {}
    print(f"recognizers-text-suite {ms_version}: characters per CPU second, best of {args.repeat}")
    print(f"  {'file':15}  {'model':10}  {'cases':>5}  {'chars':>7}  {'per case':>9}  {'one text':>9}")
    for label, rel, kind, culture, model in specs():
        path = args.peer / rel
        data = path.read_bytes()
        cases = json.loads(data)
        entry: dict[str, Any] = {"path": rel, "kind": kind, "culture": culture, "model": model,
                                 "sha256": hashlib.sha256(data).hexdigest(), "cases": len(cases)}
        if model is None:
            entry["results"] = None
            files[label] = entry
            print(f"  {label:15}  {'(none)':10}  {len(cases):5d}  no such model in the Python package")
            continue
        inputs = [c["Input"] for c in cases]
        parser = build_model(model, culture)
        parser.parse(inputs[0])  # the package compiles its patterns on first use
        results: list[Any] = []
        per_case = one_text = float("inf")
        whole = "\n".join(inputs)
        for _ in range(max(1, args.repeat)):
            t0 = time.process_time()
            results = run(parser.parse, inputs)
            t1 = time.process_time()
            parser.parse(whole)
            per_case, one_text = min(per_case, t1 - t0), min(one_text, time.process_time() - t1)
        chars = sum(len(s) for s in inputs)
        speeds = [round(n / t) if t else None for n, t in ((chars, per_case), (len(whole), one_text))]
        entry["results"] = results
        entry["chars_per_cpu_second"] = {"per_case": speeds[0], "one_text": speeds[1]}
        files[label] = entry
        errors = sum(isinstance(r, dict) for r in results)
        shown = "  ".join("        -" if v is None else f"{v:9,d}" for v in speeds)
        print(f"  {label:15}  {model:10}  {len(cases):5d}  {chars:7d}  {shown}"
              + (f"  ({errors} cases raised)" if errors else ""))

    args.out.parent.mkdir(parents=True, exist_ok=True)
    cache = {"package": f"recognizers-text-suite {ms_version}", "python": sys.version.split()[0],
             "files": files}
    args.out.write_text(json.dumps(cache, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwrote {args.out}; score it with: .venv/bin/python benchmarks/peer_scores.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
