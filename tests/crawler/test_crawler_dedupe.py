"""Exact and near-duplicate detection."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.dedupe import NearDuplicateIndex, content_hash, minhash_signature, shingles
from crawler.encodings import decode_html
from crawler.extract import extract_page
from tests.crawler.crawler_server import fixture_bytes


def _text(name: str) -> str:
    html, _ = decode_html(fixture_bytes(name), None)
    return extract_page(html, "https://example.com/").text


ENGLISH = _text("english_article.html")
CHINESE = _text("chinese_article.html")
GOVERNMENT = _text("gbk_article.html")


def _republished_english() -> str:
    # The same wire story on another site: new headline, a dateline, another footer.
    return (
        "Equipment makers drive faster factory growth in China\n"
        + ENGLISH.replace("BEIJING — ", "BEIJING, March 5 — ")
        + "\nReporting by the Asia desk; editing by the business team. Follow us for more."
    )


def _republished_chinese() -> str:
    return (
        "统计局：前两月工业增加值增长7%\n"
        + CHINESE.replace("本网北京3月5日电", "新华社北京3月5日电")
        + "\n（本文来源：某某日报 责任编辑：赵六）"
    )


def test_content_hash_ignores_whitespace_only() -> None:
    assert content_hash("工业 增加值\n增长") == content_hash("  工业 \t增加值 增长 ")
    assert content_hash("a b") != content_hash("ab")
    assert content_hash("Output") != content_hash("output")
    assert len(content_hash("")) == 64


@given(st.text(max_size=50), st.text(" \t\n\u3000", max_size=5))
def test_content_hash_is_stable_under_surrounding_whitespace(text: str, pad: str) -> None:
    assert content_hash(pad + text + pad) == content_hash(text)


def test_shingles() -> None:
    assert shingles("工业增加值增长") == {"工业增加值", "业增加值增", "增加值增长"}
    assert shingles("Ab C") == {"abc"}
    assert shingles("") == set()


@pytest.mark.parametrize(
    ("original", "republished"),
    [(ENGLISH, _republished_english()), (CHINESE, _republished_chinese())],
)
def test_the_same_story_with_another_headline_and_footer_is_found(
    original: str, republished: str
) -> None:
    index = NearDuplicateIndex()
    index.add("first", original)
    index.add("other", GOVERNMENT)
    assert index.find(republished) == "first"


def test_a_different_story_is_not_a_duplicate() -> None:
    index = NearDuplicateIndex()
    index.add("english", ENGLISH)
    index.add("chinese", CHINESE)
    assert index.find(GOVERNMENT) is None
    # Same subject, same figures, different wording: not a copy.
    assert (
        index.find(
            "Industrial value added rose 7.0 percent in January and February, "
            "the statistics bureau said, with manufacturing up 7.7 percent."
        )
        is None
    )


def test_the_earliest_duplicate_is_returned() -> None:
    index = NearDuplicateIndex()
    index.add("2024-03-05/original", CHINESE)
    index.add("2024-03-06/copy", _republished_chinese())
    index.add("2024-03-06/copy", ENGLISH)  # a key already present keeps its first text
    assert index.find(CHINESE + "\n（完）") == "2024-03-05/original"
    assert len(index) == 2
    assert "2024-03-06/copy" in index


def test_signatures_persist_and_rebuild_the_index() -> None:
    signatures = [("a", minhash_signature(ENGLISH)), ("b", minhash_signature(CHINESE))]
    assert all(isinstance(value, int) for value in signatures[0][1])
    assert len(signatures[0][1]) == 128
    assert minhash_signature(ENGLISH) == signatures[0][1]  # deterministic across calls
    rebuilt = NearDuplicateIndex.from_signatures(signatures)
    assert rebuilt.find(_republished_chinese()) == "b"
    assert rebuilt.find(GOVERNMENT) is None
    assert rebuilt.minhash_signature(ENGLISH) == signatures[0][1]
    with pytest.raises(ValueError):
        rebuilt.add_signature("c", [1, 2, 3])


def test_empty_index_and_empty_text() -> None:
    index = NearDuplicateIndex()
    assert index.find(ENGLISH) is None
    index.add("empty", "")
    assert index.find(ENGLISH) is None
