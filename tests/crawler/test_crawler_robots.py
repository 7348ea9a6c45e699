"""robots.txt: the rules, the cache per host with its expiry, crawl-delay, and the
answers that are not rules (404, 500, nothing)."""

from __future__ import annotations

import pytest

from crawler.fetch import FetchConfig
from crawler.robots import (
    RULES_TTL,
    UNREACHABLE_TTL,
    RobotsAnswer,
    RobotsCache,
    fetch_robots,
    robots_url,
)
from tests.crawler.site_server import Page, redirect, serve

AGENT = "claimwatch/0.1 (+https://example.invalid/contact)"
CONFIG = FetchConfig(allow_hosts=frozenset({"127.0.0.1"}), timeout=5.0, user_agent=AGENT)
RULES = (b"User-agent: claimwatch\nDisallow: /drafts/\nCrawl-delay: 7\n\n"
         b"User-agent: *\nDisallow: /\n")


class FakeRobots:
    """Counts fetches and answers what the test says; a clock the test moves."""

    def __init__(self, answer: RobotsAnswer) -> None:
        self.answer = answer
        self.fetched: list[str] = []
        self.now = 1000.0

    def fetch(self, url: str, _config: FetchConfig) -> RobotsAnswer:
        self.fetched.append(url)
        return self.answer

    def clock(self) -> float:
        return self.now


def _cache(fake: FakeRobots) -> RobotsCache:
    return RobotsCache(CONFIG, fetcher=fake.fetch, clock=fake.clock)


def test_rules_for_our_agent_and_crawl_delay() -> None:
    fake = FakeRobots(RobotsAnswer(200, RULES))
    cache = _cache(fake)
    assert cache.check("https://news.example/2025/a.html").allowed
    refused = cache.check("https://news.example/drafts/b.html")
    assert not refused.allowed and refused.reason.startswith("robots.txt")
    assert refused.crawl_delay == 7.0
    assert cache.crawl_delay("https://news.example/") == 7.0


def test_request_rate_counts_as_a_delay() -> None:
    fake = FakeRobots(RobotsAnswer(200, b"User-agent: *\nRequest-rate: 1/5\n"))
    assert _cache(fake).crawl_delay("https://news.example/") == 5.0


def test_cached_per_host_until_it_expires() -> None:
    fake = FakeRobots(RobotsAnswer(200, RULES))
    cache = _cache(fake)
    for path in ("/a", "/b", "/drafts/c"):
        cache.check("https://news.example" + path)
    cache.check("https://other.example/a")
    cache.check("http://news.example/a")  # another scheme is another origin
    assert fake.fetched == ["https://news.example/robots.txt", "https://other.example/robots.txt",
                            "http://news.example/robots.txt"]
    fake.now += RULES_TTL - 1
    cache.check("https://news.example/a")
    assert len(fake.fetched) == 3
    fake.now += 2
    cache.check("https://news.example/a")
    assert len(fake.fetched) == 4


@pytest.mark.parametrize("status", [401, 403, 404, 410])
def test_no_robots_txt_allows_everything(status: int) -> None:
    assert _cache(FakeRobots(RobotsAnswer(status))).check("https://news.example/x").allowed


@pytest.mark.parametrize("answer", [RobotsAnswer(500), RobotsAnswer(503),
                                    RobotsAnswer(0, error="timeout")])
def test_unreachable_robots_txt_disallows_for_a_short_while(answer: RobotsAnswer) -> None:
    fake = FakeRobots(answer)
    cache = _cache(fake)
    decision = cache.check("https://news.example/x")
    assert not decision.allowed and "unreachable" in decision.reason
    fake.answer = RobotsAnswer(404)
    fake.now += UNREACHABLE_TTL + 1
    assert cache.check("https://news.example/x").allowed
    assert len(fake.fetched) == 2


def test_robots_txt_itself_is_never_refused() -> None:
    fake = FakeRobots(RobotsAnswer(200, b"User-agent: *\nDisallow: /\n"))
    assert _cache(fake).check("https://news.example/robots.txt").allowed
    assert fake.fetched == []


def test_robots_url() -> None:
    assert robots_url("https://a.example:8443/x/y?z=1") == "https://a.example:8443/robots.txt"


def test_fetched_for_real_with_the_crawlers_fetch() -> None:
    pages = {"/robots.txt": Page(RULES, "text/plain; charset=utf-8")}
    with serve(pages) as site:
        cache = RobotsCache(CONFIG)
        assert not cache.check(f"{site.base}/drafts/x").allowed
        assert cache.check(f"{site.base}/ok").allowed
        assert site.requests == [("/robots.txt", AGENT)]


def test_real_answers_that_are_not_rules() -> None:
    pages = {"/robots.txt": Page(b"", "text/plain")}
    with serve(pages) as site:
        assert fetch_robots(f"{site.base}/robots.txt", CONFIG).status == 404  # empty: no rules
    with serve({"/robots.txt": Page(b"down", "text/plain", status=503)}) as site:
        assert fetch_robots(f"{site.base}/robots.txt", CONFIG).status == 503
    with serve({"/robots.txt": redirect("http://10.1.2.3/robots.txt")}) as site:
        answer = fetch_robots(f"{site.base}/robots.txt", CONFIG)
        assert answer.status == 0 and "blocked_address" in answer.error
