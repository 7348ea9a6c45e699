"""Main text, title, date, author and language of a news page.

trafilatura does the heavy lifting (it drops navigation, footers, sidebars and
most share widgets); this module adds what Chinese pages need: our own date
finder (trafilatura reads some Chinese layouts wrong), an author from
"作者：" lines, and a last pass that drops furniture lines sites put inside
the article container (分享到, 【责任编辑】, cookie notices).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

import trafilatura

from crawler import words
from crawler.dates import CHINA_TZ, find_published

MIN_TEXT_CHARS = 30
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
ZH_SHARE = 0.5  # share of CJK characters among CJK characters and Latin words


@dataclass(frozen=True)
class Page:
    url: str
    title: str
    text: str  # main text, one paragraph per line
    published: datetime | None
    author: str | None
    language: str  # "en" or "zh"


class ExtractError(Exception):
    """The page has no usable main text."""


@cache
def _noise() -> tuple[tuple[str, ...], int]:
    table = words.load("extract")
    return tuple(word.lower() for word in table["noise_lines"]), int(table["max_noise_line"])


@cache
def _author_pattern() -> re.Pattern[str]:
    labels = "|".join(re.escape(label) for label in words.load("extract")["author_labels"])
    # 作者：王晓明 — a Chinese name has two to four characters (more with "·").
    return re.compile(rf"(?:{labels})\s*([\u4e00-\u9fff·]{{2,4}})(?![\u4e00-\u9fff·])")


def language_of(text: str) -> str:
    """ "zh" when CJK characters make up a good share of the letters, else "en"."""
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    if cjk == 0:
        return "en"
    # A Chinese character carries about a word; compare with Latin words, not letters.
    return "zh" if cjk / (cjk + latin / 5) >= ZH_SHARE else "en"


def clean_text(text: str, title: str = "") -> str:
    """Normalise whitespace per line and drop furniture lines and a repeated title."""
    noise, max_len = _noise()
    kept: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())  # also folds the ideographic space (U+3000)
        if not line:
            continue
        lowered = line.lower()
        if len(line) <= max_len and any(word in lowered for word in noise):
            continue
        if not kept and title and line == title.strip():
            continue  # the headline repeated as the first paragraph
        kept.append(line)
    return "\n".join(kept)


def _fallback_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return datetime(day.year, day.month, day.day, tzinfo=CHINA_TZ)


def _author_from_text(html_text: str) -> str | None:
    match = _author_pattern().search(html_text)
    return match.group(1).strip() if match else None


def extract_page(html: str, url: str) -> Page:
    """Extract a Page from ``html``; raise ExtractError("no main text") if there is none."""
    document = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        favor_precision=True,  # a missed paragraph costs less than a menu read as claims
        include_tables=True,
        with_metadata=True,
    )
    if document is None or isinstance(document, dict):
        raise ExtractError("no main text")
    title = " ".join((document.title or "").split())
    text = clean_text(document.text or "", title)
    if len(text) < MIN_TEXT_CHARS:
        raise ExtractError("no main text")
    published = find_published(html) or _fallback_date(document.date)
    author = document.author or _author_from_text(trafilatura.html2txt(html) or "")
    return Page(
        url=url,
        title=title,
        text=text,
        published=published,
        author=author or None,
        language=language_of(text),
    )
