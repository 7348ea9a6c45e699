"""The command-line contract of DESIGN.md: outputs, help, and one-line errors on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimwatch.cli import main
from claimwatch.settings import PROJECT_DIR

SEED = PROJECT_DIR.parent / "shared" / "seeds" / "000_e4b4d4936a5bdd4f.txt"
COMMANDS = ["run", "demo", "serve", "worker", "beat", "db", "crawl", "sources", "extract", "check",
            "eval", "reference", "users", "alerts", "status", "failures"]


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMWATCH_VAR_DIR", str(tmp_path / "var"))


def _run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    code, out = _run(command, "--help")
    assert code == 0 and "Usage:" in out


def test_check_on_the_first_seed_follows_the_contract() -> None:
    if not SEED.exists():
        pytest.skip("../shared/seeds is not beside the project")
    code, out = _run("check", str(SEED), "--published", "2025-07-30", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"claims", "findings"}
    by_text = {c["text"]: c for c in data["claims"]}
    base = by_text["nearly 4.6 million"]
    assert base["value"] == 4_600_000.0 and base["unit"] == "count"
    assert base["qualifier"] == "at_most" and base["indicator"] == "5g_base_stations"
    assert base["verdict"] == "consistent" and base["reference"]["source_url"].startswith("http")
    iva = by_text["40.5 trillion yuan"]
    assert iva["value"] == pytest.approx(4.05e13) and iva["unit"] == "CNY" and iva["period"] == "2024"
    assert iva["indicator"] == "industrial_value_added"
    for claim in data["claims"]:
        assert SEED.read_text()[claim["start"]:claim["end"]] == claim["text"]
        assert {"lower", "upper", "geography", "kind", "sentence", "explanation", "deviation"} <= set(claim)


def test_extract_reads_standard_input_and_prints_text() -> None:
    code, out = _run("extract", "-", "--published", "2025-01-20", "--format", "text",
                     stdin="2024年，我国5G基站总数达425.1万个。")
    assert code == 0
    assert "425.1万个" in out and "5g_base_stations" in out and "2024-12" in out


def test_extract_takes_html_through_main_text_extraction(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text(
        "<html><head><title>Output</title></head><body><nav>Home | 1 2 3 | Login</nav>"
        "<article><h1>Robots</h1><p>China produced 556,000 industrial robots in 2024, "
        "up 14.2 percent from a year earlier, the statistics bureau said on Friday. The figure "
        "shows how quickly factories are automating across the country's industrial base.</p>"
        "</article><footer>Tel 010-68208114 © 2025</footer></body></html>", encoding="utf-8")
    code, out = _run("extract", str(page), "--format", "json")
    assert code == 0
    texts = [c["text"] for c in json.loads(out)["claims"]]
    assert texts == ["556,000", "14.2 percent"]


@pytest.mark.parametrize("args, reason", [
    (["check", "no-such-file.txt"], "no such file"),
    (["check", str(SEED), "--published", "30/07/2025"], "--published must be YYYY-MM-DD"),
    (["reference", "show", "no_such_indicator"], "no indicator"),
    (["sources", "add", "ftp://example.com/feed"], "must start with http"),
])
def test_bad_input_exits_non_zero_with_one_line(args: list[str], reason: str) -> None:
    code, out = _run(*args)
    assert code != 0
    assert reason in out
    assert len([line for line in out.splitlines() if line.strip()]) == 1


def test_empty_input_is_a_clear_error() -> None:
    code, out = _run("extract", "-", stdin="   \n")
    assert code != 0 and "empty" in out


def test_reference_validate_passes_and_show_prints_the_series() -> None:
    code, out = _run("reference", "validate")
    assert code == 0 and "reference data ok" in out
    code, out = _run("reference", "show", "5g_base_stations")
    assert code == 0 and "2024-12" in out and "http" in out


def test_the_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "claimwatch"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for command in COMMANDS:
        assert command in result.stdout


def test_numbers_prints_every_number_with_its_offsets(tmp_path: Path) -> None:
    page = tmp_path / "note.txt"
    page.write_text("The index stood at 49.7, and sales rose 4.6 percent.", encoding="utf-8")
    result = CliRunner().invoke(main, ["numbers", str(page)])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        ("19", "23", "49.7", "count"), ("40", "51", "4.6 percent", "percent")]
    assert float(rows[1][6]) == pytest.approx(4.55) and float(rows[1][7]) == pytest.approx(4.65)
