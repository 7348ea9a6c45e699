"""verifier/ compiled with mypyc (tools/build_native.py) does what its source says, and a
compiled module older than its source is refused rather than run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import verifier
import verifier.extract

REPO = Path(__file__).resolve().parents[2]
SUFFIX = sysconfig.get_config_var("EXT_SUFFIX")


def test_compiled_modules_give_the_claims_of_their_source() -> None:
    if not verifier.extract.__file__.endswith(SUFFIX):
        pytest.skip("verifier/ is not compiled here (`make native` compiles it)")
    run = subprocess.run([sys.executable, "benchmarks/extraction_equivalence.py", "--source"],
                         cwd=REPO, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert run.stdout.rstrip().endswith("identical")


def _package_in(tmp_path: Path) -> Path:
    """A package with verifier's __init__, one compiled module's files (empty: never loaded
    when the check refuses) and its source."""
    package = tmp_path / "verifier"
    package.mkdir()
    shutil.copy(Path(verifier.__file__), package / "__init__.py")
    (package / f"native__mypyc{SUFFIX}").write_bytes(b"")
    (package / f"extract{SUFFIX}").write_bytes(b"")
    (package / "extract.py").write_text("", encoding="utf-8")
    (package / "check.py").write_text("", encoding="utf-8")  # not compiled: never stale
    return package


def _import(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "import verifier"], cwd=tmp_path,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(tmp_path)})


def test_a_source_changed_after_compiling_is_refused_with_what_to_do(tmp_path: Path) -> None:
    package = _package_in(tmp_path)
    built = (package / f"native__mypyc{SUFFIX}").stat().st_mtime
    os.utime(package / "extract.py", (built + 10, built + 10))
    os.utime(package / "check.py", (built + 10, built + 10))
    run = _import(tmp_path)
    assert run.returncode == 1
    assert "ImportError: verifier/extract.py changed after verifier/ was compiled" in run.stderr
    assert "make native" in run.stderr and "check.py" not in run.stderr


def test_sources_older_than_the_build_import(tmp_path: Path) -> None:
    package = _package_in(tmp_path)
    built = (package / f"native__mypyc{SUFFIX}").stat().st_mtime
    os.utime(package / "extract.py", (built - 10, built - 10))
    assert _import(tmp_path).returncode == 0


def test_no_compiled_modules_no_check(tmp_path: Path) -> None:
    package = _package_in(tmp_path)
    (package / f"native__mypyc{SUFFIX}").unlink()
    assert _import(tmp_path).returncode == 0
