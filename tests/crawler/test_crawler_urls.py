"""canonical_url: one spelling per article."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.urls import canonical_url, desktop_host, is_tracking_param


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://WWW.Example.COM/Path/Page.html", "http://www.example.com/Path/Page.html"),
        ("http://www.example.com:80/a", "http://www.example.com/a"),
        ("https://www.example.com:443/a", "https://www.example.com/a"),
        ("https://www.example.com:8443/a", "https://www.example.com:8443/a"),
        ("http://www.example.com", "http://www.example.com/"),
        ("http://www.example.com?b=1", "http://www.example.com/?b=1"),
        ("http://www.example.com/a#comments", "http://www.example.com/a"),
        ("http://www.example.com/a?b=2&a=1&c=3", "http://www.example.com/a?a=1&b=2&c=3"),
        (
            "https://www.example.com/a?utm_source=wechat&utm_medium=social&id=42&UTM_Campaign=x",
            "https://www.example.com/a?id=42",
        ),
        (
            "https://mp.example.cn/s?__biz=MzA&mid=1&from=timeline&isappinstalled=0",
            "https://mp.example.cn/s?__biz=MzA&mid=1",
        ),
        ("https://item.example.com/x?spm=a2141.1&id=7", "https://item.example.com/x?id=7"),
        ("https://www.example.com/a?fbclid=IwAR0&gclid=Cj0", "https://www.example.com/a"),
        ("https://www.example.com/a?share_token=abc&p=2", "https://www.example.com/a?p=2"),
        ("https://www.example.com/a/index.html", "https://www.example.com/a/index.html"),
        ("https://www.example.com/A/", "https://www.example.com/A/"),
        (
            "https://www.example.com/a?q=%E5%B7%A5%E4%B8%9A",
            "https://www.example.com/a?q=%E5%B7%A5%E4%B8%9A",
        ),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "http://m.xinhuanet.com/politics/2024-03/05/c_1130087.htm",
            "http://www.xinhuanet.com/politics/2024-03/05/c_1130087.htm",
        ),
        ("https://wap.example.com/a", "https://www.example.com/a"),
        ("https://mobile.example.com/a", "https://www.example.com/a"),
        ("https://3g.example.com/a", "https://www.example.com/a"),
        ("https://m.example.com.cn/a", "https://www.example.com.cn/a"),
        ("https://m.news.example.com/a", "https://news.example.com/a"),
        (
            "https://m.people.cn/n4/2024/0305/c1.html",
            "https://www.people.com.cn/n4/2024/0305/c1.html",
        ),
        # Not mobile prefixes: left alone.
        ("https://mail.example.com/a", "https://mail.example.com/a"),
        ("https://m.com/a", "https://m.com/a"),
        ("https://www.m.example.com/a", "https://www.m.example.com/a"),
    ],
)
def test_mobile_hosts_fold_onto_the_desktop_host(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_the_same_story_shared_three_ways_is_one_url() -> None:
    spellings = [
        "https://www.xinhuanet.com/tech/20240305/abc/c.html",
        "HTTPS://m.xinhuanet.com:443/tech/20240305/abc/c.html?from=singlemessage#p2",
        "https://www.xinhuanet.com/tech/20240305/abc/c.html?utm_source=newsletter&utm_medium=email",
    ]
    assert len({canonical_url(url) for url in spellings}) == 1


def test_ipv6_host_keeps_brackets() -> None:
    assert canonical_url("http://[2001:DB8::1]:80/x") == "http://[2001:db8::1]/x"


def test_tracking_and_desktop_helpers() -> None:
    assert is_tracking_param("utm_content")
    assert is_tracking_param("FROM")
    assert not is_tracking_param("id")
    assert desktop_host("m.xinhuanet.com") == "www.xinhuanet.com"
    assert desktop_host("news.example.com") == "news.example.com"


_label = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
_host = st.builds(
    lambda prefix, labels: ".".join([*prefix, *labels]),
    st.lists(st.sampled_from(["m", "wap", "WWW", "mobile", "3g", "news"]), max_size=2),
    st.lists(_label, min_size=1, max_size=3).map(lambda labels: [*labels, "com"]),
)
_param = st.one_of(
    st.sampled_from(["utm_source", "spm", "from", "fbclid", "id", "page", "q", "UTM_X"]),
    st.text("abcxyz_", min_size=1, max_size=5),
)
_query = st.lists(
    st.builds(lambda k, v: f"{k}={v}" if v else k, _param, st.text("ab1%2F", max_size=4)),
    max_size=5,
).map("&".join)
_url = st.builds(
    lambda scheme, host, port, path, query, fragment: (
        f"{scheme}://{host}{port}{path}"
        + (f"?{query}" if query else "")
        + (f"#{fragment}" if fragment else "")
    ),
    st.sampled_from(["http", "https", "HTTP", "Https"]),
    _host,
    st.sampled_from(["", ":80", ":443", ":8080"]),
    st.sampled_from(["", "/", "/a", "/A/b.html", "/index.html", "/a//b", "/%E5%B7%A5"]),
    _query,
    st.text("abc", max_size=3),
)


@given(_url)
def test_canonical_url_is_idempotent(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert "#" not in once
    assert "utm_" not in once.lower()


@given(st.text(max_size=60))
def test_canonical_url_never_raises_and_is_idempotent_on_any_text(text: str) -> None:
    once = canonical_url(text)
    assert canonical_url(once) == once
