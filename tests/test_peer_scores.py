"""benchmarks/peer_scores.py's comparison, on a small peer-format case list of our own."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from verifier.quantities import Quantity

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


ps = _module("peer_scores")


def _result(text: str, value: str, unit: str, iso: str | None = None) -> dict[str, Any]:
    resolution = {"value": value, "unit": unit} | ({"isoCurrency": iso} if iso else {})
    return {"Text": text, "TypeName": "currency", "Resolution": resolution, "Start": 0, "End": 0}


CASES = [
    {"Input": "Exports reached 12.5 billion dollars.",
     "Results": [_result("12.5 billion dollars", "12500000000", "United States dollar", "USD")]},
    {"Input": "全年营收3亿元。", "Results": [_result("3亿元", "300000000", "Chinese yuan", "CNY")]},
    {"Input": "The club paid 40 million euros.",
     "Results": [_result("40 million euros", "40000000", "Euro", "EUR")]},
    {"Input": "No figures were given.", "Results": []},
]


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    path = tmp_path_factory.mktemp("peer") / "CurrencyModel.json"
    path.write_text(json.dumps(CASES, ensure_ascii=False), encoding="utf-8")
    return ps.load(path, "currency")


def ms(text: str, value: str | None, unit: str | None, iso: str | None = None) -> dict[str, Any]:
    """One result in peer_microsoft.py's cache format."""
    return {"text": text, "type_name": "currency", "value": value, "unit": unit, "isoCurrency": iso,
            "start": 0, "end": len(text) - 1}


def passes(case: Any, raw: Any) -> bool:
    return bool(ps.microsoft_passes(case, raw, "currency"))


def test_right_text_value_and_unit_pass(cases: list[Any]) -> None:
    assert passes(cases[0], [ms("12.5 billion dollars", "12500000000", "United States dollar", "USD")])
    assert passes(cases[1], [ms("3亿元", "300000000", "Chinese yuan", "CNY")])
    # Recognizers' unnamed Dollar is read as USD; text compared ignoring case and full width
    assert passes(cases[0], [ms("１２.５ Billion Dollars", "12500000000", "Dollar")])


def test_a_unit_claimwatch_does_not_model_is_compared_by_its_peer_name(cases: list[Any]) -> None:
    assert passes(cases[2], [ms("40 million euros", "40000000", "Euro", "EUR")])
    assert not passes(cases[2], [ms("40 million euros", "40000000", "British pound", "GBP")])


def test_wrong_value_unit_or_text_fails(cases: list[Any]) -> None:
    assert not passes(cases[0], [ms("12.5 billion dollars", "12500000", "United States dollar", "USD")])
    assert not passes(cases[1], [ms("3亿元", "300000000", "United States dollar", "USD")])
    assert not passes(cases[1], [ms("3亿", "300000000", "Chinese yuan", "CNY")])


def test_an_extra_or_missing_result_fails(cases: list[Any]) -> None:
    right = ms("3亿元", "300000000", "Chinese yuan", "CNY")
    assert not passes(cases[1], [right, ms("2亿元", "200000000", "Chinese yuan", "CNY")])
    assert not passes(cases[1], [])
    assert passes(cases[3], [])
    assert not passes(cases[3], [ms("5 dollars", "5", "Dollar")])


def test_a_model_that_raised_fails(cases: list[Any]) -> None:
    assert not passes(cases[3], {"error": "IndexError: list index out of range"})


def test_claimwatch_quantity_goes_through_the_same_comparison(cases: list[Any]) -> None:
    # our span may carry a leading qualifier the peer leaves out (约 is in claimwatch's table)
    ours = Quantity(start=4, end=8, text="约3亿元", value=3e8, lower=None, upper=None, unit="CNY",
                    qualifier="approx")
    assert ps.passes(cases[1], [ours], "currency")
    wrong = Quantity(start=4, end=8, text="约3亿元", value=3e7, lower=None, upper=None, unit="CNY",
                     qualifier="approx")
    assert not ps.passes(cases[1], [wrong], "currency")


def test_microsoft_runner_covers_the_scored_files() -> None:
    # peer_microsoft.py runs in another venv and cannot import peer_scores: its labels and
    # paths must stay those of peer_scores.FILES, which the cache is looked up by
    pm = _module("peer_microsoft")
    ours = {(label, rel, kind) for label, rel, kind, _lang, _fig in ps.FILES if kind != "quantulum"}
    assert {(label, rel, kind) for label, rel, kind, _culture, _model in pm.specs()} == ours
