"""Claim extraction and verdicts: pure domain logic.

tools/build_native.py compiles the extraction modules with mypyc, beside their source, and
Python imports a module's compiled form before its .py. A compiled module older than its
source would silently run code that is no longer there, so importing the package refuses
that and says what to do. (This file itself is never compiled, so the check always runs.)
"""

from __future__ import annotations

import sysconfig
from pathlib import Path


def _stale_compiled() -> list[str]:
    """The sources changed since the compiled modules beside them were built."""
    here = Path(__file__).parent
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    try:
        built = (here / f"native__mypyc{suffix}").stat().st_mtime
    except FileNotFoundError:
        return []  # not compiled: every module is its source
    return sorted(source.name for source in here.glob("*.py")
                  if (here / f"{source.stem}{suffix}").exists() and source.stat().st_mtime > built)


if _stale := _stale_compiled():
    raise ImportError(
        f"verifier/{', verifier/'.join(_stale)} changed after verifier/ was compiled: run `make native` "
        "to compile it again, or `make clean-native` to run it as plain Python")
