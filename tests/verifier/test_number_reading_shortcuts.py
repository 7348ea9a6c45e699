"""The number reader's shortcuts (verifier/quantities.py _read_at and what it calls,
verifier/numbers.py) against the plain code they replace, on corpus sentences and on random
and adversarial strings."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.numbers import ARABIC, Number, arabic_value, read_arabic


def _plain_read_arabic(token: str) -> tuple[float, float]:
    """read_arabic as it was: a split at the point, the decimals counted."""
    plain = token.replace(",", "")
    value = float(plain)
    if "." in plain:
        decimals = len(plain.split(".", 1)[1])
        return value, 10.0 ** -decimals
    if value < 1000:
        return value, 1.0
    stripped = plain.rstrip("0")
    zeros = len(plain) - len(stripped) if stripped else 0
    return value, 10.0 ** zeros


_TOKENS = st.from_regex(rf"\A(?:{ARABIC}|\.\d+)\Z")


@settings(max_examples=500)
@given(_TOKENS)
def test_arabic_value_is_read_arabic(token: str) -> None:
    assert arabic_value(token) == _plain_read_arabic(token)
    assert read_arabic(token) == Number(*_plain_read_arabic(token))


def test_arabic_value_edges() -> None:
    for token in ("0", "1", "999", "1000", "1,000", "1,200,000", "0.5", ".08", "3.10", "10.0",
                  "2,500.75", "000", "0000", "1000000"):
        assert arabic_value(token) == _plain_read_arabic(token), token


def test_quantity_hashes_and_compares_by_its_fields() -> None:
    """Quantity is no longer frozen (a frozen dataclass is slow to make) but keeps its hash."""
    from dataclasses import astuple, replace

    from verifier.quantities import find_quantities

    found = find_quantities("Output rose 5.8 percent to 40.5 trillion yuan, about 4,000 5G sites.")
    assert found
    for q in found:
        twin = replace(q)
        assert twin == q and twin is not q
        assert hash(twin) == hash(q) == hash(astuple(q))
    assert len(set(found) | {replace(q) for q in found}) == len(found)
