"""Canonical URLs: one spelling per article, so the crawler stores it once.

The same story reaches us as ``https://m.xinhuanet.com/a.htm?from=timeline``,
``http://www.xinhuanet.com:80/a.htm#p2`` and ``...?utm_source=wechat``. Only
changes that never alter which page the server returns are made; the path is
left as it is (servers differ on case, trailing slashes and ``index.html``).
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit, urlunsplit

from crawler import words

_DEFAULT_PORTS = {"http": 80, "https": 443}


@cache
def _tracking() -> tuple[frozenset[str], tuple[str, ...]]:
    table = words.load("tracking_params")
    exact = frozenset(name.lower() for name in table["exact"])
    prefixes = tuple(prefix.lower() for prefix in table["prefixes"])
    return exact, prefixes


def is_tracking_param(name: str) -> bool:
    """True for a query parameter that only tracks a click or a share."""
    exact, prefixes = _tracking()
    lowered = name.lower()
    return lowered in exact or lowered.startswith(prefixes)


def desktop_host(host: str) -> str:
    """Map a mobile edition's host (m., wap., mobile., 3g.) to the desktop host."""
    table = words.load("mobile_hosts")
    explicit: dict[str, str] = table["explicit"]
    prefixes: list[str] = table["prefixes"]
    stripped = False
    while host not in explicit:
        label, _, rest = host.partition(".")
        if label not in prefixes or "." not in rest:
            break
        host, stripped = rest, True  # loop: m.wap.example.com is still mobile
    if host in explicit:
        return explicit[host]
    if not stripped:
        return host
    suffixes: list[str] = table["two_label_suffixes"]
    labels_needed = 3 if any(host.endswith("." + suffix) for suffix in suffixes) else 2
    if host.count(".") + 1 <= labels_needed:
        # m.example.com → www.example.com: the bare domain is not always served.
        return "www." + host
    # m.news.example.com → news.example.com: the rest already names the site.
    return host


def _canonical_query(query: str) -> str:
    # Work on the raw "name=value" pieces: decoding and re-encoding would
    # change how values are escaped, and some servers care.
    kept = []
    for piece in query.split("&"):
        if not piece:
            continue
        name = piece.split("=", 1)[0]
        if is_tracking_param(name):
            continue
        kept.append(piece)
    return "&".join(sorted(kept))


def _canonical_netloc(scheme: str, netloc: str) -> str:
    userinfo, at, hostport = netloc.rpartition("@")
    hostport = hostport.lower()
    if hostport.startswith("["):  # IPv6 literal: [::1]:8080
        host, _, after = hostport[1:].partition("]")
        port = after[1:] if after.startswith(":") else ""
        host_text = f"[{host}]"
    else:
        host, _, port = hostport.partition(":")
        host = desktop_host(host.rstrip("."))
        host_text = host
    if port and port.isdigit() and int(port) == _DEFAULT_PORTS.get(scheme):
        port = ""
    elif port == "" and ":" in hostport.rsplit("]", 1)[-1]:
        port = ""  # "example.com:" — an empty port means the default
    return f"{userinfo}{at}{host_text}{':' + port if port else ''}"


def canonical_url(url: str) -> str:
    """Return the canonical spelling of ``url``.

    Lower-cases scheme and host, drops the default port, the fragment and
    tracking parameters, sorts the remaining query, folds mobile hosts onto the
    desktop host and turns an empty path into ``/``. Idempotent.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    netloc = _canonical_netloc(scheme, parts.netloc) if parts.netloc else ""
    path = parts.path
    if not path and netloc:
        path = "/"
    rebuilt = urlunsplit((scheme, netloc, path, _canonical_query(parts.query), ""))
    return rebuilt.strip()  # dropping "#…" can expose whitespace that was inside
