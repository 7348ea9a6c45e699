"""Fetching one URL: SSRF-checked on every hop, size-limited, conditional.

httpx follows no redirects by itself here: each hop is resolved, checked by
``ssrf.check_host`` and then connected to *that* address (so a DNS answer
cannot change between the check and the connection).
"""

from __future__ import annotations

import email.utils
import functools
import ssl
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin

import certifi
import httpx

from crawler import ssrf

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_AFTER_STATUSES = frozenset({429, 503})

FETCH_ERROR_REASONS = frozenset(
    {
        "timeout",
        "too_large",
        "blocked_address",
        "http_error",
        "redirect_loop",
        "too_many_redirects",
        "bad_content_type",
        "empty_body",
        "connection_error",
    }
)


@dataclass(frozen=True)
class FetchConfig:
    user_agent: str = "claimwatch/0.1 (+https://github.com/claimwatch/claimwatch)"
    timeout: float = 20.0  # seconds, for the whole fetch including redirects
    max_bytes: int = 5_000_000  # decoded body size; larger pages are refused
    allow_hosts: frozenset[str] = frozenset()  # hosts/IPs the SSRF guard lets through
    max_redirects: int = 5
    accept_types: tuple[str, ...] = (
        "text/html",
        "application/xhtml+xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/xml",
        "text/xml",
    )


@dataclass(frozen=True)
class FetchResult:
    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    body: bytes
    content_type: str  # media type only, lower case: "text/html"
    charset: str | None  # from the Content-Type header, if any
    etag: str | None
    last_modified: str | None
    not_modified: bool


class FetchError(Exception):
    """A fetch that gave no usable page; ``reason`` is one of FETCH_ERROR_REASONS."""

    def __init__(
        self,
        reason: str,
        detail: str = "",
        *,
        status: int | None = None,
        retry_after: float | None = None,
        url: str | None = None,
    ) -> None:
        if reason not in FETCH_ERROR_REASONS:
            raise ValueError(f"unknown fetch error reason {reason!r}")
        self.reason = reason
        self.detail = detail
        self.status = status
        self.retry_after = retry_after
        self.url = url
        super().__init__(reason, detail)

    def __str__(self) -> str:
        details = " ".join(
            part for part in (f"HTTP {self.status}" if self.status else "", self.detail) if part
        )
        text = f"{self.reason}: {details}" if details else self.reason
        if self.url:
            text += f" ({self.url})"
        return " ".join(text.split())  # one line, whatever the detail held


@dataclass
class _Deadline:
    """One time budget for the whole fetch: httpx's timeout is per read, and a
    server that drips a byte every few seconds would otherwise never time out."""

    seconds: float
    start: float = field(default_factory=time.monotonic)

    def remaining(self) -> float:
        return self.seconds - (time.monotonic() - self.start)

    def check(self, url: str) -> None:
        if self.remaining() <= 0:
            raise FetchError("timeout", f"no complete answer within {self.seconds:g} s", url=url)


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """httpx's own default (certifi's CA bundle), loaded once per process: loading it was
    most of the cost of a fetch (some 20 ms), and an SSLContext may be shared by threads."""
    return ssl.create_default_context(cafile=certifi.where())


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


def _media_type(header: str) -> tuple[str, str | None]:
    media, *params = header.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return media.strip().lower(), charset


def _request_headers(
    config: FetchConfig, etag: str | None, last_modified: str | None
) -> dict[str, str]:
    headers = {
        "User-Agent": config.user_agent,
        "Accept": ", ".join(config.accept_types) + ", */*;q=0.1",
        "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _send(
    client: httpx.Client,
    url: httpx.URL,
    headers: dict[str, str],
    config: FetchConfig,
    deadline: _Deadline,
) -> httpx.Response:
    """Check the hop's host and send the request, connected to a checked address."""
    if url.scheme not in ("http", "https"):
        raise FetchError("blocked_address", f"scheme {url.scheme!r} is not fetched", url=str(url))
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        addresses = ssrf.check_host(url.host, port, config.allow_hosts)
    except ssrf.BlockedAddress as exc:
        raise FetchError("blocked_address", str(exc), url=str(url)) from exc
    except (OSError, UnicodeError) as exc:
        raise FetchError(
            "connection_error", f"cannot resolve {url.host}: {exc}", url=str(url)
        ) from exc

    # Keep the name for Host and TLS (SNI and certificate check), connect to the IP.
    pinned_headers = {**headers, "Host": url.netloc.decode("ascii")}
    extensions = {"sni_hostname": url.host} if url.scheme == "https" else {}
    last_error: httpx.TransportError | None = None
    for address in addresses:
        remaining = deadline.remaining()
        if remaining <= 0:
            break
        request = client.build_request(
            "GET",
            url.copy_with(host=address),
            headers=pinned_headers,
            extensions=extensions,
            timeout=remaining,
        )
        try:
            return client.send(request, stream=True, follow_redirects=False)
        except httpx.TimeoutException as exc:
            raise FetchError("timeout", str(exc) or type(exc).__name__, url=str(url)) from exc
        except httpx.TransportError as exc:
            last_error = exc  # try the host's next address (IPv6 may be unroutable)
    deadline.check(str(url))
    raise FetchError("connection_error", str(last_error), url=str(url))


def _read_body(
    response: httpx.Response, url: str, config: FetchConfig, deadline: _Deadline
) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > config.max_bytes:
        raise FetchError(
            "too_large", f"Content-Length {declared} > {config.max_bytes} bytes", url=url
        )
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            # Counted after decompression, so a gzip bomb is stopped too.
            if size > config.max_bytes:
                raise FetchError("too_large", f"body over {config.max_bytes} bytes", url=url)
            chunks.append(chunk)
            deadline.check(url)
    except httpx.TimeoutException as exc:
        raise FetchError("timeout", f"body read timed out: {exc}", url=url) from exc
    except httpx.TransportError as exc:
        raise FetchError("connection_error", f"body read failed: {exc}", url=url) from exc
    return b"".join(chunks)


def _result_from(
    response: httpx.Response,
    url: str,
    final_url: str,
    config: FetchConfig,
    deadline: _Deadline,
    etag: str | None,
    last_modified: str | None,
) -> FetchResult:
    status = response.status_code
    media, charset = _media_type(response.headers.get("Content-Type", ""))
    new_etag = response.headers.get("ETag")
    new_last_modified = response.headers.get("Last-Modified")
    if status == 304:
        # A 304 may omit the validators; the ones we sent are still valid then.
        return FetchResult(
            url=url,
            final_url=final_url,
            status=status,
            body=b"",
            content_type=media,
            charset=charset,
            etag=new_etag or etag,
            last_modified=new_last_modified or last_modified,
            not_modified=True,
        )
    if not 200 <= status < 300:
        retry_after = None
        if status in _RETRY_AFTER_STATUSES:
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
        phrase = response.reason_phrase or ""
        raise FetchError(
            "http_error", phrase, status=status, retry_after=retry_after, url=final_url
        )
    if media not in config.accept_types:
        raise FetchError(
            "bad_content_type", f"{media or 'no Content-Type'} is not fetched", url=final_url
        )
    body = _read_body(response, final_url, config, deadline)
    if not body.strip():
        raise FetchError("empty_body", "the server sent no content", status=status, url=final_url)
    return FetchResult(
        url=url,
        final_url=final_url,
        status=status,
        body=body,
        content_type=media,
        charset=charset,
        etag=new_etag,
        last_modified=new_last_modified,
        not_modified=False,
    )


def fetch(
    url: str,
    config: FetchConfig,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    client: httpx.Client | None = None,
) -> FetchResult:
    """GET ``url`` and return its body, or raise FetchError with a reason.

    Redirects are followed by hand (at most ``config.max_redirects``), each hop
    through the SSRF guard; ``etag``/``last_modified`` make the request
    conditional, and a 304 comes back as ``not_modified=True`` with no body.
    """
    own_client = client is None
    if client is None:
        # trust_env=False: a proxy from the environment would connect on our
        # behalf and bypass the address we checked.
        client = httpx.Client(timeout=config.timeout, follow_redirects=False, trust_env=False,
                              verify=_tls_context())
    deadline = _Deadline(config.timeout)
    headers = _request_headers(config, etag, last_modified)
    try:
        current = url
        seen: set[str] = set()
        for _hop in range(config.max_redirects + 1):
            try:
                parsed = httpx.URL(current)
            except (httpx.InvalidURL, TypeError, ValueError) as exc:
                raise FetchError("connection_error", f"invalid URL: {exc}", url=current) from exc
            seen.add(str(parsed.copy_with(fragment=None)))
            response = _send(client, parsed, headers, config, deadline)
            try:
                if response.status_code in _REDIRECTS:
                    location = response.headers.get("Location")
                    if not location:
                        raise FetchError(
                            "http_error",
                            "redirect without Location",
                            status=response.status_code,
                            url=current,
                        )
                    target = urljoin(current, location.strip())
                    try:
                        target_key = str(httpx.URL(target).copy_with(fragment=None))
                    except (httpx.InvalidURL, TypeError, ValueError) as exc:
                        raise FetchError(
                            "connection_error", f"invalid redirect target {target!r}", url=current
                        ) from exc
                    if target_key in seen:
                        raise FetchError(
                            "redirect_loop", f"{current} redirects back to {target}", url=url
                        )
                    current = target
                    continue
                return _result_from(response, url, current, config, deadline, etag, last_modified)
            finally:
                response.close()
        raise FetchError(
            "too_many_redirects", f"more than {config.max_redirects} redirects", url=url
        )
    finally:
        if own_client:
            client.close()
