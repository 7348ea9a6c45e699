"""robots.txt: may we fetch this URL, and how long should we wait between requests?

One robots.txt per scheme, host and port, read with protego (Scrapy's own parser) and
kept for a while, so a worker polling hundreds of feeds on one site asks for it once
a day, not once per article. The robots.txt itself is fetched through crawler.fetch,
so the SSRF guard and the size and time limits apply to it too.

What an answer means follows RFC 9309: 2xx are the rules; 4xx (no robots.txt) allows
everything; 5xx, timeouts and connection errors disallow everything for a short while,
since a site that is struggling is not one to crawl harder.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from protego import Protego

from crawler.fetch import FetchConfig, FetchError, fetch

RULES_TTL = 24 * 3600.0  # seconds a robots.txt that answered is trusted
UNREACHABLE_TTL = 15 * 60.0  # seconds before a robots.txt that failed is asked for again
ROBOTS_MAX_BYTES = 512_000  # RFC 9309 asks crawlers to read at least 500 KiB
ROBOTS_TYPES = ("text/plain", "text/html", "application/octet-stream", "")


@dataclass(frozen=True)
class RobotsAnswer:
    """What fetching a robots.txt gave: an HTTP status (0 when nothing answered) and a body."""

    status: int
    body: bytes = b""
    error: str = ""


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str  # why not, for the article's or source's record; "" when allowed
    crawl_delay: float | None  # seconds, from Crawl-delay or Request-rate


class Rules:
    """The rules of one robots.txt, or a blanket allow/disallow when there is none."""

    def __init__(self, parser: Protego | None, *, allow_all: bool, note: str = "") -> None:
        self._parser = parser
        self._allow_all = allow_all
        self.note = note

    @classmethod
    def from_answer(cls, answer: RobotsAnswer) -> Rules:
        if 200 <= answer.status < 300:
            text = answer.body.decode("utf-8", errors="replace")
            return cls(Protego.parse(text), allow_all=False)
        if 400 <= answer.status < 500:
            return cls(None, allow_all=True, note=f"no robots.txt (HTTP {answer.status})")
        why = f"HTTP {answer.status}" if answer.status else answer.error or "no answer"
        return cls(None, allow_all=False, note=f"robots.txt unreachable ({why})")

    @property
    def reachable(self) -> bool:
        return self._parser is not None or self._allow_all

    def allowed(self, url: str, user_agent: str) -> bool:
        if self._parser is None:
            return self._allow_all
        return bool(self._parser.can_fetch(url, user_agent))

    def crawl_delay(self, user_agent: str) -> float | None:
        if self._parser is None:
            return None
        delay = self._parser.crawl_delay(user_agent)
        if delay is not None:
            return float(delay)
        rate = self._parser.request_rate(user_agent)
        if rate is not None and rate.requests:
            return float(rate.seconds) / float(rate.requests)
        return None


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def fetch_robots(url: str, config: FetchConfig) -> RobotsAnswer:
    """GET a robots.txt with the crawler's own fetch (SSRF guard included)."""
    robots_config = replace(config, accept_types=ROBOTS_TYPES,
                            max_bytes=min(config.max_bytes, ROBOTS_MAX_BYTES))
    try:
        result = fetch(url, robots_config)
    except FetchError as exc:
        if exc.reason == "http_error" and exc.status:
            return RobotsAnswer(exc.status, error=str(exc))
        if exc.reason in ("empty_body", "bad_content_type", "too_large"):
            # an empty or odd robots.txt restricts nothing we can read
            return RobotsAnswer(404, error=str(exc))
        return RobotsAnswer(0, error=str(exc))
    return RobotsAnswer(result.status, result.body)


class RobotsCache:
    """robots.txt per origin, kept RULES_TTL seconds (UNREACHABLE_TTL when it failed).

    Thread-safe: the benchmark and Scrapy's handler call it from several threads.
    ``fetcher`` and ``clock`` are there so tests can count fetches and move time.
    """

    def __init__(self, config: FetchConfig, *,
                 fetcher: Callable[[str, FetchConfig], RobotsAnswer] = fetch_robots,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.config = config
        self._fetcher = fetcher
        self._clock = clock
        self._entries: dict[str, tuple[float, Rules]] = {}
        self._lock = threading.Lock()
        self._origin_locks: dict[str, threading.Lock] = {}

    def rules(self, url: str) -> Rules:
        key = robots_url(url)
        with self._lock:
            origin_lock = self._origin_locks.setdefault(key, threading.Lock())
        with origin_lock:  # one fetch per origin, however many threads ask at once
            now = self._clock()
            cached = self._entries.get(key)
            if cached is not None and cached[0] > now:
                return cached[1]
            rules = Rules.from_answer(self._fetcher(key, self.config))
            ttl = RULES_TTL if rules.reachable else UNREACHABLE_TTL
            self._entries[key] = (now + ttl, rules)
            return rules

    def check(self, url: str) -> Decision:
        if urlsplit(url).path == "/robots.txt":
            return Decision(True, "", None)
        rules = self.rules(url)
        agent = self.config.user_agent
        delay = rules.crawl_delay(agent)
        if rules.allowed(url, agent):
            return Decision(True, "", delay)
        why = rules.note or f"disallowed by {robots_url(url)}"
        return Decision(False, f"robots.txt: {why}", delay)

    def crawl_delay(self, url: str) -> float | None:
        """Seconds between requests the site asks of us, for a per-domain rate limiter."""
        return self.rules(url).crawl_delay(self.config.user_agent)


_shared: dict[FetchConfig, RobotsCache] = {}
_shared_lock = threading.Lock()


def shared_cache(config: FetchConfig) -> RobotsCache:
    """One cache per process and fetch configuration, so it lives across Celery tasks."""
    with _shared_lock:
        cache = _shared.get(config)
        if cache is None:
            cache = _shared[config] = RobotsCache(config)
        return cache
