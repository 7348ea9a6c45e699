"""The login limiter and the small helpers the pages rely on."""

from __future__ import annotations

import pytest

from review.auth import LoginLimiter, create_user
from review.deps import safe_next
from review.present import http_url


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_limiter_window_expires() -> None:
    clock = Clock()
    limiter = LoginLimiter(max_failures=5, window_seconds=300, clock=clock)
    for _ in range(5):
        assert not limiter.blocked("1.2.3.4", "ana")
        limiter.fail("1.2.3.4", "ana")
    assert limiter.blocked("1.2.3.4", "ANA")  # names compare case-insensitively
    assert not limiter.blocked("5.6.7.8", "ana")  # another client is not affected
    assert not limiter.blocked("1.2.3.4", "bo")
    clock.now += 301
    assert not limiter.blocked("1.2.3.4", "ana")


def test_limiter_per_ip_cap_and_success_reset() -> None:
    limiter = LoginLimiter(max_failures=5, max_per_ip=8, clock=Clock())
    for i in range(8):
        limiter.fail("1.2.3.4", f"user{i}")
    assert limiter.blocked("1.2.3.4", "someone-else")  # spraying many names
    other = LoginLimiter(max_failures=3, clock=Clock())
    other.fail("ip", "ana")
    other.fail("ip", "ana")
    other.succeed("ip", "ana")
    other.fail("ip", "ana")
    assert not other.blocked("ip", "ana")


def test_create_user_rejects_bad_input(sqlite_url: str) -> None:
    with pytest.raises(ValueError, match="role"):
        create_user(sqlite_url, "ana", "superuser", "pw")
    with pytest.raises(ValueError, match="empty"):
        create_user(sqlite_url, " ", "reviewer", "pw")
    with pytest.raises(ValueError, match="password"):
        create_user(sqlite_url, "ana", "reviewer", "")
    first = create_user(sqlite_url, "ana", "reviewer", "pw")
    second = create_user(sqlite_url, "ana", "admin", "pw2")  # update: a fresh token
    assert first != second and len(second) >= 40


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)",
                                 "java\tscript:alert(1)", "data:text/html,x", "//evil", ""])
def test_only_http_links(url: str) -> None:
    assert http_url(url) == ""


def test_http_links_pass() -> None:
    assert http_url("https://www.miit.gov.cn/a?b=1") == "https://www.miit.gov.cn/a?b=1"
    assert http_url("http://example.com") == "http://example.com"


@pytest.mark.parametrize("url", ["https://evil.example/", "//evil.example", "/\\evil", None, ""])
def test_safe_next_refuses_offsite(url: str | None) -> None:
    assert safe_next(url) == "/"


def test_safe_next_keeps_local_paths() -> None:
    assert safe_next("/findings/3?x=1") == "/findings/3?x=1"
