"""`claimwatch eval --errors` lists what extraction got wrong, field by field, so the biggest
classes of error can be worked down."""

from __future__ import annotations

from click.testing import CliRunner

from claimwatch.cli import main

# Gold with a wrong period (2023-12 for "the end of 2024"), a span that is no number at all (so
# it is missed) and no gold for "200 million" (so that one is extra).
ARTICLE = """\
id: t-001
lang: en
published: 2025-01-22
publisher: Test Wire
text: |
  China had 4.251 million 5G base stations at the end of 2024.

  Gigabit broadband users numbered 200 million, and a handful of firms led the market.
claims:
  - text: "4.251 million"
    value: 4251000
    unit: count
    qualifier: exact
    indicator: 5g_base_stations
    geography: CN
    period: "2023-12"
    kind: actual
  - text: "a handful"
    value: 5
    unit: count
    qualifier: about
    indicator: null
    geography: CN
    period: "2024-12"
    kind: actual
"""


def test_errors_lists_wrong_fields_misses_and_extras(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "t-001.yaml").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "--corpus", str(tmp_path), "--errors"])
    assert result.exit_code == 0, result.output
    rows = {(parts[1], parts[2]): parts[3:5] for parts in
            (line.split("\t") for line in result.stderr.splitlines())}
    assert rows == {
        ("period", "'4.251 million'"): ["gold='2023-12'", "got='2024-12'"],
        ("missed", "'a handful'"): ["gold=5", "got=None"],
        ("extra", "'200 million'"): ["gold=None", "got=200000000.0"],
    }
    # the scores still go to standard output, and without the flag nothing else is listed
    assert "all_fields_f1" in result.stdout
    quiet = CliRunner().invoke(main, ["eval", "--corpus", str(tmp_path)])
    assert quiet.stderr == ""
