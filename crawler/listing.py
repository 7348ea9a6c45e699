"""Links from a listing page (a section front, a list of press releases), picked with
the source's own selectors.

A source's ``selectors`` (sources.yaml) hold:

- ``links``: the links to articles, CSS (``ul.list li a::attr(href)``) or XPath
  (``//ul[@class="list"]/li/a/@href``); a selector for the <a> itself works too;
- ``next`` (optional): the link to the next page of the listing, CSS or XPath likewise;
- ``date`` (optional): the date near each link, relative to the link's parent
  element (``span.date::text``); the page's own date is used when it has none.

A selector starting with ``/``, ``./`` or ``(`` is XPath, anything else CSS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from parsel import Selector, SelectorList
from parsel.csstranslator import HTMLTranslator

from crawler.dates import parse_date
from crawler.feeds import FeedEntry

_ATTR_CSS = re.compile(r"::attr\(\s*href\s*\)\s*$")
_ATTR_XPATH = re.compile(r"/@href\s*$")
_SKIPPED_SCHEMES = ("javascript:", "mailto:", "tel:", "#")


class SelectorError(ValueError):
    """A selector in the source's configuration is not valid CSS or XPath."""


@dataclass(frozen=True)
class ListingPage:
    entries: list[FeedEntry]
    next_url: str | None


def _is_xpath(selector: str) -> bool:
    return selector.lstrip().startswith(("/", "./", "("))


def _select(root: Selector, selector: str) -> SelectorList[Selector]:
    try:
        if _is_xpath(selector):
            return root.xpath(selector)
        return root.css(selector)
    except Exception as exc:  # parsel raises cssselect's and lxml's own errors
        raise SelectorError(f"bad selector {selector!r}: {exc}") from exc


def _link_elements(root: Selector, selector: str) -> SelectorList[Selector]:
    """The <a> elements: an attribute selector is turned back into its element so the
    link's text can serve as the title."""
    if _is_xpath(selector):
        return _select(root, _ATTR_XPATH.sub("", selector))
    return _select(root, _ATTR_CSS.sub("", selector))


def validate(selectors: dict[str, str]) -> None:
    """Raise SelectorError unless ``links`` is there and every selector compiles."""
    if not selectors.get("links"):
        raise SelectorError("a listing source needs selectors.links")
    empty = Selector(text="<html></html>")
    for key in ("links", "next", "date"):
        value = selectors.get(key)
        if value:
            _select(empty, value)
            if not _is_xpath(value):
                HTMLTranslator().css_to_xpath(_ATTR_CSS.sub("", value))


def _href(element: Selector) -> str | None:
    root = element.root
    if isinstance(root, str):  # the selector picked the attribute's text
        return root
    href = element.attrib.get("href")
    if href is None:
        inner = element.css("a[href]")
        href = inner[0].attrib.get("href") if inner else None
    return href


def parse_listing(html: str, base_url: str, selectors: dict[str, str]) -> ListingPage:
    """The article links on one listing page, in page order, each once."""
    validate(selectors)
    root = Selector(text=html or "<html></html>", base_url=base_url)
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for element in _link_elements(root, selectors["links"]):
        href = _href(element)
        if not href or href.strip().lower().startswith(_SKIPPED_SCHEMES):
            continue
        url = urljoin(base_url, href.strip())
        if urlsplit(url).scheme not in ("http", "https") or url in seen:
            continue
        seen.add(url)
        title = "" if isinstance(element.root, str) else " ".join(
            " ".join(element.css("::text").getall()).split())
        published = None
        if selectors.get("date") and not isinstance(element.root, str):
            parent = element.xpath("..")
            if parent:
                published = parse_date(" ".join(_select(parent[0], selectors["date"]).getall()))
        entries.append(FeedEntry(guid=url, url=url, title=title, published=published, summary=""))
    next_url = None
    if selectors.get("next"):
        found = [_href(e) for e in _link_elements(root, selectors["next"])]
        href = next((h for h in found if h), None)
        if href:
            next_url = urljoin(base_url, href.strip())
    return ListingPage(entries, next_url)
