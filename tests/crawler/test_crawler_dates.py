"""Dates: Chinese and English forms, and the misreadings of general parsers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.dates import CHINA_TZ, find_published, parse_date

MARCH_5 = datetime(2024, 3, 5, tzinfo=CHINA_TZ)
MARCH_5_1020 = datetime(2024, 3, 5, 10, 20, tzinfo=CHINA_TZ)
NOW = datetime(2024, 3, 10, 12, 0, tzinfo=CHINA_TZ)


def test_china_tz_is_utc_plus_8() -> None:
    assert CHINA_TZ.utcoffset(None) == timedelta(hours=8)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发布时间：2024年03月05日 10:20", MARCH_5_1020),
        ("2024年3月5日", MARCH_5),
        ("2024 年 3 月 5 日 10时20分", MARCH_5_1020),
        ("2024-03-05 10:20:00", MARCH_5_1020),
        ("2024-03-05", MARCH_5),
        ("2024/03/05", MARCH_5),
        ("2024/3/5 10:20", MARCH_5_1020),
        ("2024.03.05", MARCH_5),
        ("2024-03-05T10:20:00+08:00", MARCH_5_1020),
        ("2024-03-05T02:20:00Z", MARCH_5_1020),
        ("2024-03-05T02:20:00.123+00:00", MARCH_5_1020),
        ("2024-03-04T21:20:00-0500", MARCH_5_1020),
        ("2024-03-05-10:20:00", MARCH_5_1020),  # 中国政府网 firstpublishedtime
        ("Tue, 05 Mar 2024 10:20:00 +0800", MARCH_5_1020),
        ("Tue, 05 Mar 2024 10:20:00 CST", MARCH_5_1020),  # China Standard Time
        ("Tue, 05 Mar 2024 02:20:00 GMT", MARCH_5_1020),
        ("March 5, 2024", MARCH_5),
        ("5 March 2024", MARCH_5),
        ("Mar 5, 2024", MARCH_5),
        ("Mar. 5, 2024", MARCH_5),
        ("Updated: March 5th, 2024 at 10:20 am", MARCH_5_1020),
        ("Published 5 Mar 2024, 2:20 am GMT", MARCH_5_1020),
    ],
)
def test_parse_date(text: str, expected: datetime) -> None:
    parsed = parse_date(text)
    assert parsed == expected
    assert parsed is not None and parsed.tzinfo is not None


@pytest.mark.parametrize(
    "text",
    [
        # feedparser reads these as 2024-11-01 (it takes "2024" then a
        # day-of-year); htmldate-style guessers fall back to 2024-01-01.
        "2024年03月05日 10:20",
        "2024/03/05",
        "2024/03/05 10:20",
    ],
)
def test_chinese_forms_that_general_parsers_misread(text: str) -> None:
    parsed = parse_date(text)
    assert parsed is not None
    assert (parsed.year, parsed.month, parsed.day) == (2024, 3, 5)


def test_cst_is_china_not_us_central() -> None:
    # email.utils and feedparser read CST as UTC-6: 14 hours off.
    parsed = parse_date("Tue, 05 Mar 2024 10:20:00 CST")
    assert parsed is not None
    assert parsed.utcoffset() == timedelta(hours=8)


def test_a_date_without_zone_is_in_the_default_zone() -> None:
    assert parse_date("2024-03-05 10:20") == MARCH_5_1020
    assert parse_date("2024-03-05 10:20", default_tz=UTC) == datetime(
        2024, 3, 5, 10, 20, tzinfo=UTC
    )
    assert parse_date("2024-03-05T10:20+05:30") == datetime(
        2024, 3, 5, 10, 20, tzinfo=timezone(timedelta(hours=5, minutes=30))
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Copyright © 2024",
        "2024年",
        "2024-13-01",
        "2024-02-30",
        "版本 1.2.3",
        "0800-12-01",
        "tomorrow",
    ],
)
def test_not_a_date(text: str) -> None:
    assert parse_date(text) is None


def test_first_date_in_the_text_wins() -> None:
    assert parse_date("更新于2024-03-06，首发于2024年3月5日") == datetime(
        2024, 3, 6, tzinfo=CHINA_TZ
    )


@given(st.text(max_size=80))
def test_parse_date_never_raises(text: str) -> None:
    parsed = parse_date(text)
    assert parsed is None or parsed.tzinfo is not None


def _page(head: str = "", body: str = "") -> str:
    return f"<html><head><title>t</title>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="article:published_time" content="2024-03-05T10:20:00+08:00">',
        '<meta property="og:published_time" content="2024-03-05T02:20:00Z">',
        '<meta name="pubdate" content="2024-03-05 10:20:00">',
        '<meta name="publishdate" content="2024-03-05 10:20">',
        '<meta name="PubDate" content="2024/03/05 10:20">',
        '<meta name="dc.date" content="2024-03-05T10:20:00+08:00">',
        '<meta itemprop="datePublished" content="2024-03-05T10:20:00+08:00">',
        '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
        '"headline":"x","datePublished":"2024-03-05T10:20:00+08:00","dateModified":"2024-03-09"}</script>',
        '<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},'
        '{"@type":"NewsArticle","datePublished":"2024-03-05T10:20:00+08:00"}]}</script>',
        '<script type="application/ld+json">'
        '{"datePublished": "2024-03-05T10:20:00+08:00", broken</script>',
    ],
)
def test_find_published_from_metadata(head: str) -> None:
    html = _page(head, "<p>第一段。</p><footer>© 2023 某网站</footer>")
    assert find_published(html, now=NOW) == MARCH_5_1020


def test_meta_before_time_before_text() -> None:
    html = _page(
        '<meta name="pubdate" content="2024-03-05 10:20">',
        '<time datetime="2024-03-01">1 March</time><p>发布时间：2024年02月01日</p>',
    )
    assert find_published(html, now=NOW) == MARCH_5_1020
    html = _page(
        "", '<time datetime="2024-03-05T10:20:00+08:00">March 5</time><p>时间：2024-02-01</p>'
    )
    assert find_published(html, now=NOW) == MARCH_5_1020


def test_time_marked_as_published_wins_over_other_times() -> None:
    html = _page(
        "",
        '<time datetime="2024-03-09">updated</time>'
        '<time itemprop="datePublished" datetime="2024-03-05T10:20:00+08:00">March 5</time>',
    )
    assert find_published(html, now=NOW) == MARCH_5_1020


@pytest.mark.parametrize(
    "body",
    [
        '<div class="info"><span>发布时间：2024年03月05日 10:20</span>'
        "<span>来源：新华网</span></div>",
        '<div class="info">发布日期：2024-03-05 10:20</div>',
        "<div>2024-03-05 10:20:00　来源：人民网</div>",
        "<div>时间：2024/03/05 10:20　浏览次数：1024</div>",
    ],
)
def test_find_published_from_chinese_labels(body: str) -> None:
    html = _page(
        "", f"<div>首页 | 要闻</div>{body}<p>正文在此。</p><p>Copyright © 2025 版权所有</p>"
    )
    assert find_published(html, now=NOW) == MARCH_5_1020


def test_a_bare_meta_day_takes_the_hour_from_the_page() -> None:
    html = _page(
        '<meta name="publishdate" content="2024-03-05">', "<p>发布时间：2024年03月05日 10:20</p>"
    )
    assert find_published(html, now=NOW) == MARCH_5_1020


def test_never_the_copyright_year() -> None:
    html = _page(
        "",
        "<p>正文没有日期。</p><div>Copyright © 2024-01-01 某网站 版权所有</div>"
        "<div>© 2024 Example News. Updated 2024-01-01</div>",
    )
    assert find_published(html, now=NOW) is None


def test_a_date_far_in_the_future_is_refused() -> None:
    html = _page('<meta name="pubdate" content="2024-03-20 10:20">')
    assert find_published(html, now=NOW) is None
    html = _page('<meta name="pubdate" content="2024-03-11 10:20">')  # a day ahead: clock skew
    assert find_published(html, now=NOW) == datetime(2024, 3, 11, 10, 20, tzinfo=CHINA_TZ)


def test_no_date_at_all() -> None:
    assert find_published(_page("", "<p>No date here.</p>"), now=NOW) is None
    assert find_published("", now=NOW) is None
    assert find_published("<html><body><p>unclosed <b", now=NOW) is None
