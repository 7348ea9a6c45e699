"""fetch() against a real HTTP server on 127.0.0.1 that misbehaves on purpose."""

from __future__ import annotations

import socket
import time
from dataclasses import replace
from datetime import UTC, datetime
from typing import NoReturn

import httpx
import pytest

from crawler.encodings import decode_html
from crawler.fetch import FETCH_ERROR_REASONS, FetchConfig, FetchError, fetch, parse_retry_after
from tests.crawler.crawler_server import ETAG, LAST_MODIFIED, Server, fixture_bytes


def _error(url: str, config: FetchConfig, **kwargs: object) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(url, config, **kwargs)  # type: ignore[arg-type]
    error = caught.value
    assert error.reason in FETCH_ERROR_REASONS
    assert "\n" not in str(error)
    return error


def test_fetches_a_page(http_server: Server, local_config: FetchConfig) -> None:
    result = fetch(http_server.url("/english.html"), local_config)
    assert result.status == 200
    assert result.body == fixture_bytes("english_article.html")
    assert result.content_type == "text/html"
    assert result.charset == "utf-8"
    assert result.final_url == result.url == http_server.url("/english.html")
    assert not result.not_modified


def test_sends_user_agent_and_the_host_name_not_the_pinned_ip(
    http_server: Server, local_config: FetchConfig
) -> None:
    config = replace(local_config, allow_hosts=frozenset({"localhost"}))
    port = http_server.httpd.server_port
    # "localhost" may resolve to ::1 first, where nothing listens: the next address is tried.
    result = fetch(f"http://localhost:{port}/echo", config)
    text = result.body.decode()
    assert "claimwatch/0.1" in text
    assert f"Host: localhost:{port}" in text


def test_gbk_page_labelled_gb2312(http_server: Server, local_config: FetchConfig) -> None:
    for path in ("/gbk.html", "/gbk-labelled.html"):
        result = fetch(http_server.url(path), local_config)
        text, encoding = decode_html(result.body, result.charset)
        assert encoding == "gb18030"
        assert "堃喆智能装备公司" in text  # GBK-only characters, not in GB2312


def test_feeds_are_accepted(http_server: Server, local_config: FetchConfig) -> None:
    for path in ("/rss.xml", "/atom.xml", "/duplicates.xml"):
        assert fetch(http_server.url(path), local_config).body


def test_loopback_is_blocked_unless_allowed(http_server: Server) -> None:
    error = _error(http_server.url("/english.html"), FetchConfig())
    assert error.reason == "blocked_address"
    assert "127.0.0.1" in str(error)


@pytest.mark.parametrize("status", [404, 410, 500])
def test_http_errors(http_server: Server, local_config: FetchConfig, status: int) -> None:
    error = _error(http_server.url(f"/status/{status}"), local_config)
    assert (error.reason, error.status, error.retry_after) == ("http_error", status, None)
    assert str(status) in str(error)


def test_429_carries_retry_after_seconds(http_server: Server, local_config: FetchConfig) -> None:
    error = _error(http_server.url("/too-many-requests"), local_config)
    assert (error.reason, error.status, error.retry_after) == ("http_error", 429, 120.0)


def test_503_carries_retry_after_from_an_http_date(
    http_server: Server, local_config: FetchConfig
) -> None:
    error = _error(http_server.url("/unavailable"), local_config)
    assert error.status == 503
    assert error.retry_after is not None
    assert 3500 < error.retry_after <= 3600


def test_parse_retry_after() -> None:
    now = datetime(2024, 3, 5, 2, 0, tzinfo=UTC)
    assert parse_retry_after("30", now) == 30.0
    assert parse_retry_after("Tue, 05 Mar 2024 02:01:30 GMT", now) == 90.0
    assert parse_retry_after("Tue, 05 Mar 2024 01:00:00 GMT", now) == 0.0  # already past
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None


def test_redirect_loop(http_server: Server, local_config: FetchConfig) -> None:
    assert _error(http_server.url("/loop/a"), local_config).reason == "redirect_loop"
    assert _error(http_server.url("/self-redirect"), local_config).reason == "redirect_loop"


def test_redirect_chain_within_the_limit(http_server: Server, local_config: FetchConfig) -> None:
    result = fetch(http_server.url("/chain/4"), local_config)  # 5 redirects
    assert result.final_url == http_server.url("/english.html")
    assert result.url == http_server.url("/chain/4")


def test_too_many_redirects(http_server: Server, local_config: FetchConfig) -> None:
    error = _error(http_server.url("/chain/5"), local_config)  # 6 redirects
    assert error.reason == "too_many_redirects"
    assert _error(http_server.url("/chain/0"), replace(local_config, max_redirects=0)).reason == (
        "too_many_redirects"
    )


@pytest.mark.parametrize(
    ("path", "address"), [("/to-private", "10.0.0.1"), ("/to-metadata", "169.254.169.254")]
)
def test_redirect_to_a_private_address_is_blocked(
    http_server: Server, local_config: FetchConfig, path: str, address: str
) -> None:
    before = len(http_server.httpd.requests)
    error = _error(http_server.url(path), local_config)
    assert error.reason == "blocked_address"
    assert address in str(error)
    assert len(http_server.httpd.requests) == before + 1  # only the first hop was sent


def test_redirect_to_another_scheme_is_refused(
    http_server: Server, local_config: FetchConfig
) -> None:
    assert _error(http_server.url("/to-file"), local_config).reason == "blocked_address"
    assert _error("ftp://127.0.0.1/x", local_config).reason == "blocked_address"


def test_redirect_without_location(http_server: Server, local_config: FetchConfig) -> None:
    error = _error(http_server.url("/no-location"), local_config)
    assert (error.reason, error.status) == ("http_error", 302)


def test_slow_response_times_out(http_server: Server, local_config: FetchConfig) -> None:
    config = replace(local_config, timeout=0.3)
    started = time.monotonic()
    assert _error(http_server.url("/slow"), config).reason == "timeout"
    assert time.monotonic() - started < 2


def test_slow_body_times_out(http_server: Server, local_config: FetchConfig) -> None:
    config = replace(local_config, timeout=0.3)
    assert _error(http_server.url("/slow-body"), config).reason == "timeout"


def test_announced_huge_page_is_refused_up_front(
    http_server: Server, local_config: FetchConfig
) -> None:
    error = _error(http_server.url("/huge"), local_config)
    assert error.reason == "too_large"
    assert "Content-Length" in str(error)


def test_unannounced_huge_page_is_cut_off_while_streaming(
    http_server: Server, local_config: FetchConfig
) -> None:
    error = _error(http_server.url("/huge-unannounced"), local_config)
    assert error.reason == "too_large"
    assert "Content-Length" not in str(error)


@pytest.mark.parametrize("path", ["/empty", "/blank"])
def test_empty_body(http_server: Server, local_config: FetchConfig, path: str) -> None:
    assert _error(http_server.url(path), local_config).reason == "empty_body"


@pytest.mark.parametrize("path", ["/pdf", "/json", "/no-content-type"])
def test_content_type_outside_accept_types(
    http_server: Server, local_config: FetchConfig, path: str
) -> None:
    assert _error(http_server.url(path), local_config).reason == "bad_content_type"


def test_etag_and_304(http_server: Server, local_config: FetchConfig) -> None:
    first = fetch(http_server.url("/etag"), local_config)
    assert (first.etag, first.last_modified) == (ETAG, LAST_MODIFIED)
    second = fetch(http_server.url("/etag"), local_config, etag=first.etag)
    assert second.not_modified
    assert (second.status, second.body) == (304, b"")
    assert (second.etag, second.last_modified) == (ETAG, LAST_MODIFIED)
    _, headers = http_server.httpd.requests[-1]
    assert headers["If-None-Match"] == ETAG


def test_304_without_validators_keeps_the_old_ones(
    http_server: Server, local_config: FetchConfig
) -> None:
    result = fetch(
        http_server.url("/bare-304"), local_config, etag='"old"', last_modified=LAST_MODIFIED
    )
    assert result.not_modified
    assert (result.etag, result.last_modified) == ('"old"', LAST_MODIFIED)
    _, headers = http_server.httpd.requests[-1]
    assert headers["If-Modified-Since"] == LAST_MODIFIED


def test_connection_refused(local_config: FetchConfig) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert _error(f"http://127.0.0.1:{port}/", local_config).reason == "connection_error"


def test_unresolvable_host(local_config: FetchConfig, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_name(*args: object, **kwargs: object) -> NoReturn:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    error = _error("http://name.invalid/", local_config)
    assert error.reason == "connection_error"
    assert "name.invalid" in str(error)


def test_a_caller_supplied_client_is_used_and_left_open(
    http_server: Server, local_config: FetchConfig
) -> None:
    with httpx.Client(trust_env=False) as client:
        fetch(http_server.url("/english.html"), local_config, client=client)
        fetch(http_server.url("/chinese.html"), local_config, client=client)
        assert not client.is_closed


def test_fetch_error_str_is_one_line() -> None:
    error = FetchError("http_error", "Not\nFound", status=404, url="https://a.example/x")
    assert str(error) == "http_error: HTTP 404 Not Found (https://a.example/x)"
    with pytest.raises(ValueError):
        FetchError("weird")
