"""relevance_score: industrial statistics above the threshold, sport and celebrities below."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.encodings import decode_html
from crawler.extract import extract_page
from crawler.relevance import RELEVANCE_THRESHOLD, relevance_score
from tests.crawler.crawler_server import fixture_bytes

RELEVANT = [
    ("1—2月份，全国规模以上工业增加值同比增长7.0%。", ""),
    ("Industrial output rose 5.6 percent in April, the statistics bureau said.", ""),
    ("The NBS said value-added industrial output grew 6.7% year on year.", ""),
    ("截至2024年底，我国5G基站总数达425.1万个。", ""),
    ("China's MIIT said the country had built more than 4,000 5G factories.", ""),
    ("我国数字经济核心产业增加值占GDP比重达到10%左右。", ""),
    ("New energy vehicles production topped 12 million units last year.", ""),
    ("全国算力总规模位居全球第二。", ""),
    ("The plan sets goals for robots per 10,000 manufacturing workers.", "Robot density plan"),
    ("", "工信部：前两月规模以上工业增加值增长7%"),
]
IRRELEVANT = [
    (
        "Shanghai Port beat Beijing Guoan 3-1 in front of 60,000 fans on Saturday. The coach "
        "praised the team after the match, and the league leaders now sit five points clear.",
        "Shanghai Port win the derby",
    ),
    (
        "The match was sponsored by a Chinese electric vehicles maker; 70,000 fans saw the "
        "home side score the winning goal in the 89th minute of the league decider.",
        "Late goal settles league title",
    ),
    (
        "国足在世界杯预选赛中以2比0战胜对手，主教练赛后表示，球队在比赛中表现出色，数万名球迷到场助威。",
        "国足2比0取胜",
    ),
    ("某明星新剧定档，粉丝热情高涨，该电影票房预计突破10亿元。", "明星新剧定档"),
    (
        "The actress walked the red carpet with her new partner, and fans flooded social media "
        "with congratulations on the engagement.",
        "Celebrity couple confirm romance",
    ),
    ("Ten things to do in Shanghai this weekend: markets, museums and a night cruise.", ""),
    ("", ""),
]


@pytest.mark.parametrize(("text", "title"), RELEVANT)
def test_industrial_statistics_stories_pass(text: str, title: str) -> None:
    assert relevance_score(text, title) > RELEVANCE_THRESHOLD


@pytest.mark.parametrize(("text", "title"), IRRELEVANT)
def test_sport_and_celebrity_stories_do_not(text: str, title: str) -> None:
    assert relevance_score(text, title) < RELEVANCE_THRESHOLD


@pytest.mark.parametrize(
    "name", ["english_article.html", "chinese_article.html", "gbk_article.html"]
)
def test_fixture_articles_are_relevant(name: str) -> None:
    html, _ = decode_html(fixture_bytes(name), None)
    page = extract_page(html, "https://example.com/")
    assert relevance_score(page.text, page.title) > 0.9


def test_english_terms_match_whole_words_only() -> None:
    assert relevance_score("We never met the nevus specialist.") == 0.0
    assert relevance_score("NEV makers") > 0


def test_singular_and_plural_both_match() -> None:
    assert relevance_score("one 5G factory") == relevance_score("many 5G factories") > 0
    assert relevance_score("an industrial robot") == relevance_score("industrial robots") > 0


def test_more_evidence_scores_higher() -> None:
    one = relevance_score("工业增加值")
    more = relevance_score("工业增加值 制造业 工信部 国家统计局")
    assert 0 < one < more < 1


@given(st.text(max_size=200), st.text(max_size=40))
def test_score_is_in_range(text: str, title: str) -> None:
    assert 0.0 <= relevance_score(text, title) <= 1.0
