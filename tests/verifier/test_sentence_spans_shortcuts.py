"""sentences() makes its spans as the caller reads them (claim extraction stops after the
sentence of the text's last figure): the same spans, in the same order, as a list made at once."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import sentences as s


def _all_at_once(text: str) -> list[s.Span]:
    """The spans as sentences() made them when it returned a list."""
    spans: list[s.Span] = []
    start = 0
    ends = [m.end() for m in s._BOUNDARY.finditer(text)] + [len(text)]
    for end in ends:
        if text[start:end].strip():
            if end - start > s.MAX_SENTENCE:
                spans.extend(s._cut(text, start, end))
            else:
                spans.append(s._trim(text, start, end))
        start = end
    return spans


_TEXTS = ["", " ", "\n\n", "One. Two.", "  One.  Two.  ", "U.S. growth. It rose 5%.\nNext",
          "增长3.6%。下降2%！", "a" * 2500, "x " * 1500 + ". End.", "，" * 1200 + "。",
          "Tail without a stop", ".", "?!", "A." + " " * 1100 + "B."]


def test_tricky_texts() -> None:
    for text in _TEXTS:
        assert list(s.sentences(text)) == _all_at_once(text), text


_PIECES = st.sampled_from([". ", ".", "A", "a", "U.S.", "。", "\n", " ", "，", "x" * 400,
                           "5", "\"", "?", "；"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_random_texts(text: str) -> None:
    assert list(s.sentences(text)) == _all_at_once(text)
