"""extract_page on realistic pages with menus, share buttons, sidebars and footers."""

from __future__ import annotations

from datetime import datetime

import pytest

from crawler.dates import CHINA_TZ
from crawler.encodings import decode_html
from crawler.extract import ExtractError, Page, clean_text, extract_page, language_of
from tests.crawler.crawler_server import fixture_bytes


def _page(name: str, url: str = "https://news.example.com/a.html") -> Page:
    html, _ = decode_html(fixture_bytes(name), None)
    return extract_page(html, url)


def test_english_page() -> None:
    page = _page("english_article.html")
    assert page.title == "China's industrial output climbs as equipment makers lead"
    assert page.author == "Lin Wei"
    assert page.published == datetime(2024, 3, 5, 10, 20, tzinfo=CHINA_TZ)
    assert page.language == "en"
    assert page.url == "https://news.example.com/a.html"
    assert "rose 7.0 percent year on year in January and February" in page.text
    assert page.text.startswith("BEIJING")  # the headline is not repeated in the text
    assert page.text.rstrip().endswith("momentum in heavy industry.")


@pytest.mark.parametrize(
    "noise",
    [
        "We use cookies",
        "Accept all cookies",
        "Home",
        "Subscribe",
        "Share on Facebook",
        "Share this article",
        "WhatsApp",
        "Related articles",
        "Electric car exports hit a record",
        "Most read",
        "Football club",
        "Celebrity couple",
        "Newsletter",
        "Advertisement",
        "Privacy policy",
        "All rights reserved",
        "Tags:",
    ],
)
def test_english_page_noise_is_gone(noise: str) -> None:
    assert noise not in _page("english_article.html").text


def test_chinese_page() -> None:
    page = _page("chinese_article.html")
    assert page.title == "前两个月规模以上工业增加值同比增长7.0% 装备制造业支撑作用明显"
    assert page.author == "王晓明"
    assert page.published == datetime(2024, 3, 5, 10, 20, tzinfo=CHINA_TZ)
    assert page.language == "zh"
    assert "全国规模以上工业增加值同比增长7.0%" in page.text
    assert "战略性新兴产业的支持力度。" in page.text


@pytest.mark.parametrize(
    "noise",
    [
        "首页",
        "登录",
        "当前位置",
        "分享到",
        "微博",
        "责任编辑",
        "打印本页",
        "相关新闻",
        "热点排行",
        "国足",
        "明星",
        "下载客户端",
        "版权所有",
        "ICP",
        "举报电话",
        "字号",
    ],
)
def test_chinese_page_noise_is_gone(noise: str) -> None:
    assert noise not in _page("chinese_article.html").text


def test_gbk_government_page() -> None:
    page = _page("gbk_article.html", "http://gxt.example.gov.cn/zwgk/gzdt/202403/t20240308_5g.html")
    assert page.title.startswith("工业和信息化部：全国已建成5G工厂逾四千家")
    assert page.published == datetime(2024, 3, 8, 9, 30, tzinfo=CHINA_TZ)
    assert page.language == "zh"
    assert "全国已建成5G工厂超过4000家" in page.text
    assert "堃喆智能装备公司" in page.text
    # Furniture inside the article container (where trafilatura keeps it).
    for noise in ("分享到", "QQ空间", "责任编辑", "打印本页", "关闭窗口", "网站首页", "备案号"):
        assert noise not in page.text
    # Paragraph indents of ideographic spaces are gone.
    assert not any(line.startswith("\u3000") for line in page.text.splitlines())


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html><body></body></html>",
        "<html><body><nav><a href='/'>首页</a> <a href='/news'>要闻</a></nav></body></html>",
        "not html at all",
    ],
)
def test_no_main_text(html: str) -> None:
    with pytest.raises(ExtractError, match="no main text"):
        extract_page(html, "https://example.com/")


def test_trafilatura_date_is_the_fallback() -> None:
    html = (
        "<html><head><title>Output</title></head><body><article><h1>Output</h1>"
        "<p>" + "Industrial output rose in the first quarter, officials said. " * 5 + "</p>"
        "<p>Posted on the site in early March.</p></article></body></html>"
    )
    page = extract_page(html, "https://example.com/2024/03/05/output.html")
    # Nothing on the page; trafilatura reads the URL's date, as a last resort.
    assert page.published is None or page.published.date().isoformat() == "2024-03-05"


def test_language_of() -> None:
    assert language_of("Industrial output rose 7.0 percent.") == "en"
    assert language_of("规模以上工业增加值同比增长7.0%") == "zh"
    assert language_of("工信部（MIIT）表示，5G工厂已超过4000家，覆盖41个工业大类。") == "zh"
    assert (
        language_of("The slogan 新型工业化 means new industrialization in the official English.")
        == "en"
    )
    assert language_of("") == "en"


def test_clean_text_keeps_long_paragraphs_that_mention_sharing() -> None:
    paragraph = (
        "Analysts said the share of manufacturing in GDP fell; "
        "related articles in the press disagreed about why."
    )
    text = f"Headline\n{paragraph}\nShare this\n"
    assert clean_text(text, "Headline") == paragraph
