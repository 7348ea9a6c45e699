"""Compile the extractor's modules to C with mypyc, in place, beside their source.

Usage: .venv/bin/python tools/build_native.py [--clean]
(`make` runs it whenever a file of verifier/ changes; `--clean` removes what it made.)

mypyc, part of mypy, turns type-annotated Python into a C extension, the way mypy and black
ship themselves. The source stays the one truth: the compiled modules do what it says with
a quarter fewer instructions (benchmarks/extraction_instructions.py: 539M to 405M a pass when
this was added), and Python imports a module's compiled form before its .py.

Only the extraction path is compiled (MODULES): that is where the time goes. verifier/__init__
stays plain Python, so that it can refuse a compiled module older than its source (see there).
When no C compiler or no mypyc is at hand, or mypyc rejects the code, this says so, removes
any half-made output and exits 0: claimwatch then runs the same code as plain Python.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "verifier"
GROUP = "verifier.native"  # the shared library every compiled module's stub loads
MODULES = [
    "extract", "quantities", "periods", "indicators", "lexicon", "sentences", "scope",
    "numbers", "english_numbers", "chinese_numbers", "multiples", "claims",
]
BUILD = REPO / "build" / "native"


def built_files() -> list[Path]:
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    return [PACKAGE / f"{name}{suffix}" for name in [*MODULES, "native__mypyc"]]


def clean() -> None:
    for path in built_files():
        path.unlink(missing_ok=True)
    shutil.rmtree(BUILD, ignore_errors=True)


def build() -> None:
    from mypyc.build import mypycify
    from setuptools import Distribution

    extensions = mypycify([f"verifier/{name}.py" for name in MODULES], opt_level="3",
                          group_name=GROUP, target_dir=str(BUILD / "c"))
    # build_ext run by itself: setup() would read the project's pyproject.toml as this build's
    dist = Distribution({"name": "claimwatch-native", "ext_modules": extensions})
    command = dist.get_command_obj("build_ext")
    command.inplace = True
    command.build_temp = str(BUILD / "temp")
    command.parallel = os.cpu_count() or 1
    dist.run_command("build_ext")


def main() -> int:
    os.chdir(REPO)  # mypyc names modules by their paths from here
    clean()
    if "--clean" in sys.argv[1:]:
        return 0
    try:
        build()
    except (Exception, SystemExit):
        traceback.print_exc()
        clean()
        print("claimwatch: verifier/ could not be compiled with mypyc (above); it runs as plain "
              "Python, the same claims about 1.3 times slower", file=sys.stderr)
        return 0
    missing = [path.name for path in built_files() if not path.exists()]
    if missing:
        clean()
        print(f"claimwatch: mypyc did not make {', '.join(missing)}; verifier/ runs as plain Python",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
