"""parse_feed on RSS, Atom, RDF, broken feeds and Chinese dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawler.dates import CHINA_TZ
from crawler.feeds import FeedEntry, FeedError, parse_feed
from crawler.fetch import FetchConfig, fetch
from tests.crawler.crawler_server import Server, fixture_bytes


def test_rss() -> None:
    entries = parse_feed(fixture_bytes("rss.xml"), "https://news.example.com/business/rss.xml")
    assert [entry.guid for entry in entries] == ["gid-2024-0305-001", "gid-2024-0220-004"]
    first, second = entries
    assert first.url.startswith("https://news.example.com/2024/03/05/industrial-output.html")
    assert first.title == "China's industrial output climbs as equipment makers lead"
    assert first.published == datetime(2024, 3, 5, 10, 20, tzinfo=CHINA_TZ)
    assert first.summary == "Industrial value added rose 7.0 percent in January and February."
    # A relative link is resolved against the feed's URL.
    assert second.url == "https://news.example.com/2024/02/20/chip-subsidies.html"
    assert second.published == datetime(2024, 2, 20, 8, 0, tzinfo=UTC)


def test_entries_without_a_link_are_dropped() -> None:
    entries = parse_feed(fixture_bytes("rss.xml"), "https://news.example.com/business/rss.xml")
    assert "gid-note-1" not in {entry.guid for entry in entries}


def test_atom() -> None:
    entries = parse_feed(fixture_bytes("atom.xml"), "https://www.example.cn/industry/atom.xml")
    assert len(entries) == 2
    first, second = entries
    assert first == FeedEntry(
        guid="tag:example.cn,2024:industry/5g-factories",
        url="https://www.example.cn/industry/2024/0308/5g-factories.html",
        title="工业和信息化部：全国已建成5G工厂逾四千家",
        published=datetime(2024, 3, 8, 9, 30, tzinfo=CHINA_TZ),
        summary="全国已建成5G工厂超过4000家。",
    )
    assert second.published == datetime(2024, 3, 5, 10, 20, tzinfo=CHINA_TZ)  # from <updated>


def test_rdf() -> None:
    body = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example.org/"><title>RDF</title><link>https://rdf.example.org/</link>
    <description>d</description></channel>
  <item rdf:about="https://rdf.example.org/robots.html">
    <title>Robot output up</title><link>https://rdf.example.org/robots.html</link>
    <dc:date>2024-03-05T10:20:00+08:00</dc:date>
  </item>
</rdf:RDF>"""
    (entry,) = parse_feed(body, "https://rdf.example.org/index.rdf")
    assert entry.url == "https://rdf.example.org/robots.html"
    assert entry.published == datetime(2024, 3, 5, 10, 20, tzinfo=CHINA_TZ)


def test_duplicate_guids_collapse_to_the_first() -> None:
    entries = parse_feed(fixture_bytes("duplicate_guids.xml"), "https://wire.example.com/rss")
    assert [entry.title for entry in entries] == [
        "NEV sales rise in February",
        "Robot production grows",
    ]


def test_chinese_dates_in_a_feed() -> None:
    entries = parse_feed(
        fixture_bytes("chinese_date_feed.xml"), "http://gxt.example.gov.cn/zwgk/gzdt/rss.xml"
    )
    assert [entry.published for entry in entries] == [
        # feedparser alone gives 2024-11-01 for the first two and 22:00 for the third.
        datetime(2024, 3, 8, 9, 30, tzinfo=CHINA_TZ),
        datetime(2024, 3, 5, tzinfo=CHINA_TZ),
        datetime(2024, 4, 18, 16, 0, tzinfo=CHINA_TZ),  # "CST" is China Standard Time
        datetime(2024, 4, 10, 15, 30, tzinfo=CHINA_TZ),  # no zone: Beijing time, not UTC
    ]
    assert entries[0].url == "http://gxt.example.gov.cn/zwgk/gzdt/202403/t20240308_5g.html"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (fixture_bytes("malformed_feed.xml"), "malformed"),
        (fixture_bytes("not_a_feed.html"), "not a feed"),
        (b"", "not a feed"),
        (b"\x00\x01binary junk", None),
        (b'{"items": []}', None),
    ],
)
def test_broken_feeds_raise(body: bytes, reason: str | None) -> None:
    with pytest.raises(FeedError, match=reason):
        parse_feed(body, "https://broken.example.com/rss")


def test_a_valid_feed_with_no_items_is_empty() -> None:
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
    assert parse_feed(body, "https://example.com/rss") == []


def test_fetched_feeds(http_server: Server, local_config: FetchConfig) -> None:
    for path, count in (("/rss.xml", 2), ("/atom.xml", 2), ("/chinese-dates.xml", 4)):
        result = fetch(http_server.url(path), local_config)
        assert len(parse_feed(result.body, result.final_url)) == count
    result = fetch(http_server.url("/malformed.xml"), local_config)
    with pytest.raises(FeedError):
        parse_feed(result.body, result.final_url)
