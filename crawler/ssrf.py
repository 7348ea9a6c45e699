"""SSRF guard: refuse to connect to addresses inside our own network.

Source lists and feed links come from outside; a link (or a redirect) to
``http://169.254.169.254/`` or ``http://10.0.0.5:6379/`` must not make the
crawler talk to the cloud metadata service or to our Redis. Every hop of a
fetch is checked here, on the resolved addresses, not on the host name alone.
"""

from __future__ import annotations

import ipaddress
import socket

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class BlockedAddress(Exception):
    """The host resolves to an address the crawler must not connect to."""


def blocked_reason(ip: IPAddress) -> str | None:
    """Why ``ip`` is off limits ("loopback", "private", …), or None if it is public."""
    if isinstance(ip, ipaddress.IPv6Address):
        # ::ffff:127.0.0.1 reaches 127.0.0.1; judge the IPv4 address inside.
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            inner = blocked_reason(mapped)
            return f"{inner} (IPv4 inside IPv6)" if inner else None
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),  # before "private": Python counts 240/4 as both
        ("private", ip.is_private),
        # Shared address space (100.64.0.0/10, carrier NAT) and the like are
        # neither private nor global; no public news site lives there.
        ("not globally routable", not ip.is_global),
    )
    for name, hit in checks:
        if hit:
            return name
    return None


def _strip_brackets(host: str) -> str:
    return host[1:-1] if host.startswith("[") and host.endswith("]") else host


def check_host(host: str, port: int, allow_hosts: frozenset[str]) -> list[str]:
    """Resolve ``host`` and return its addresses, or raise BlockedAddress.

    Raises BlockedAddress if any resolved address is private, loopback,
    link-local, multicast, reserved or unspecified, unless the host name or that
    address is in ``allow_hosts`` (the demo and the tests allow ``127.0.0.1``).
    A host that does not resolve raises ``OSError`` (``socket.gaierror``).
    """
    name = _strip_brackets(host).rstrip(".").lower()
    if not name:
        raise BlockedAddress("empty host name")
    allowed = {entry.lower() for entry in allow_hosts}
    infos = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for info in infos:
        text = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone id (fe80::1%eth0)
        if text not in addresses:
            addresses.append(text)
    if name in allowed:
        return addresses
    for text in addresses:
        if text in allowed:
            continue
        reason = blocked_reason(ipaddress.ip_address(text))
        if reason:
            shown = name if name == text else f"{name} ({text})"
            raise BlockedAddress(
                f"{shown} is blocked: {reason} address (add it to allow_hosts to fetch it)"
            )
    if not addresses:
        raise BlockedAddress(f"{name} resolved to no address")
    return addresses
