"""decode_html: BOM, HTTP charset, <meta>, then a guess; never an exception."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.encodings import decode_html, normalise_encoding
from tests.crawler.crawler_server import fixture_bytes

PAGE = (
    "<html><head>{meta}</head>"
    "<body><p>规模以上工业增加值同比增长7.0%，堃喆公司建成黑灯工厂。</p></body></html>"
)


def test_gbk_fixture_labelled_gb2312_decodes_as_gb18030() -> None:
    text, encoding = decode_html(fixture_bytes("gbk_article.html"), None)
    assert encoding == "gb18030"
    assert "工业和信息化部" in text
    assert "堃喆" in text  # GBK-only: a strict GB2312 decoder would fail here
    assert "\ufffd" not in text


def test_http_charset_gb2312_also_means_gb18030() -> None:
    body = PAGE.format(meta="").encode("gbk")
    assert decode_html(body, "gb2312") == (PAGE.format(meta=""), "gb18030")
    assert decode_html(body, "GBK")[1] == "gb18030"


def test_bom_wins_over_everything() -> None:
    html = PAGE.format(meta='<meta charset="gbk">')
    assert decode_html(codecs.BOM_UTF8 + html.encode(), "gb2312") == (html, "utf-8")
    assert decode_html(codecs.BOM_UTF16_LE + html.encode("utf-16-le"), None) == (html, "utf-16-le")


def test_http_charset_before_meta() -> None:
    html = PAGE.format(meta='<meta charset="gb2312">')
    assert decode_html(html.encode("utf-8"), "utf-8") == (html, "utf-8")


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="gb2312">',
        "<meta charset=GBK>",
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />',
        "<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=gbk'>",
    ],
)
def test_meta_charset(meta: str) -> None:
    html = PAGE.format(meta=meta)
    assert decode_html(html.encode("gbk"), None) == (html, "gb18030")


def test_a_wrong_http_charset_loses_to_the_meta_that_fits() -> None:
    # Common on Chinese sites: the server says UTF-8, the page is GBK and says so.
    html = PAGE.format(meta='<meta charset="gbk">')
    assert decode_html(html.encode("gbk"), "utf-8") == (html, "gb18030")


def test_no_label_at_all_is_guessed() -> None:
    html = PAGE.format(meta="") * 5
    text, encoding = decode_html(html.encode("gb18030"), None)
    assert text == html
    assert encoding == "gb18030"
    assert decode_html(html.encode("utf-8"), None) == (html, "utf-8")


def test_invalid_bytes_are_replaced() -> None:
    body = b'<meta charset="utf-8"><p>ok \xff\xfe\xfd ok</p>'
    text, _ = decode_html(body, "utf-8")
    assert "ok" in text


@pytest.mark.parametrize("label", ["base64", "rot13", "utf-7", "no-such-charset", "", "\x00"])
def test_unusable_labels_are_ignored(label: str) -> None:
    html = PAGE.format(meta="")
    assert decode_html(html.encode("utf-8"), label) == (html, "utf-8")


def test_normalise_encoding() -> None:
    assert normalise_encoding("GB2312") == "gb18030"
    assert normalise_encoding("x-gbk") == "gb18030"
    assert normalise_encoding("ISO-8859-1") == "cp1252"
    assert normalise_encoding("utf8") == "utf-8"
    assert normalise_encoding(None) is None
    assert normalise_encoding("hex") is None


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600), st.one_of(st.none(), st.text(max_size=12)))
def test_decode_html_never_raises(body: bytes, declared: str | None) -> None:
    text, encoding = decode_html(body, declared)
    assert isinstance(text, str)
    assert codecs.lookup(encoding)


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["utf-8", "gb18030", "gbk"]))
def test_declared_encoding_round_trips(text: str, encoding: str) -> None:
    try:
        body = text.encode(encoding)
    except UnicodeEncodeError:
        return
    if body.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return  # the bytes start like a BOM: a BOM then wins, as it should
    assert decode_html(body, encoding)[0] == text
