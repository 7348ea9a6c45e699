"""The accuracy gate: `claimwatch eval` on the labelled corpus must not fall below the floors
pinned in tests/eval_floors.json. Raise a floor when a change lifts its score."""

from __future__ import annotations

import json

from click.testing import CliRunner

from claimwatch.cli import main
from claimwatch.settings import PROJECT_DIR

FLOORS = PROJECT_DIR / "tests" / "eval_floors.json"


def test_eval_stays_above_its_floors() -> None:
    result = CliRunner().invoke(main, ["eval", "--format", "json", "--floors", str(FLOORS)])
    assert result.exit_code == 0, result.output[-500:]
    scores = json.loads(result.output[: result.output.rindex("}") + 1])
    assert scores["articles"] >= 60
    assert set(json.loads(FLOORS.read_text())) <= set(scores)


def test_the_gate_fails_when_a_score_drops(tmp_path) -> None:  # type: ignore[no-untyped-def]
    impossible = tmp_path / "floors.json"
    impossible.write_text(json.dumps({"detection_f1": 1.01}))
    result = CliRunner().invoke(main, ["eval", "--floors", str(impossible)])
    assert result.exit_code == 1
    assert "below the floor: detection_f1" in result.output
