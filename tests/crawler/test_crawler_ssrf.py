"""The SSRF guard refuses addresses inside our own network."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import pytest

from crawler.ssrf import BlockedAddress, blocked_reason, check_host

BLOCKED = [
    ("127.0.0.1", "loopback"),
    ("10.0.0.1", "private"),
    ("192.168.1.10", "private"),
    ("172.16.0.5", "private"),
    ("169.254.169.254", "link-local"),
    ("::1", "loopback"),
    ("224.0.0.1", "multicast"),
    ("0.0.0.0", "unspecified"),
    ("240.0.0.1", "reserved"),
    ("fe80::1", "link-local"),
    ("fc00::1", "private"),
    ("::ffff:127.0.0.1", "loopback"),
    ("::ffff:10.0.0.1", "private"),
    ("100.64.0.1", "not globally routable"),
]


@pytest.mark.parametrize(("address", "reason"), BLOCKED)
def test_blocked_addresses(address: str, reason: str) -> None:
    with pytest.raises(BlockedAddress) as caught:
        check_host(address, 80, frozenset())
    assert reason in str(caught.value)
    assert address.split(":")[-1] in str(caught.value) or address in str(caught.value)


@pytest.mark.parametrize(
    "address", ["127.0.0.1", "10.0.0.1", "169.254.169.254", "::1", "224.0.0.1"]
)
def test_allowlisted_addresses_pass(address: str) -> None:
    assert check_host(address, 80, frozenset({address})) == [address]


def test_ipv6_literal_in_brackets() -> None:
    with pytest.raises(BlockedAddress):
        check_host("[::1]", 443, frozenset())
    assert check_host("[::1]", 443, frozenset({"::1"})) == ["::1"]


@pytest.mark.parametrize("address", ["8.8.8.8", "2001:4860:4860::8888", "223.5.5.5"])
def test_public_addresses_pass(address: str) -> None:
    assert blocked_reason(ipaddress.ip_address(address)) is None
    assert check_host(address, 443, frozenset()) == [address]


def _resolving_to(*addresses: str) -> Any:
    def fake_getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list[Any]:
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in addresses
        ]

    return fake_getaddrinfo


def test_a_name_resolving_to_a_private_address_is_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", _resolving_to("93.184.216.34", "10.1.2.3"))
    with pytest.raises(BlockedAddress) as caught:
        check_host("rebind.example.com", 80, frozenset())
    assert "rebind.example.com (10.1.2.3)" in str(caught.value)


def test_a_name_is_allowed_by_name_or_by_its_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", _resolving_to("10.1.2.3"))
    assert check_host("intranet.example", 80, frozenset({"intranet.example"})) == ["10.1.2.3"]
    assert check_host("INTRANET.example.", 80, frozenset({"10.1.2.3"})) == ["10.1.2.3"]


def test_public_name_returns_its_addresses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", _resolving_to("93.184.216.34", "93.184.216.34"))
    assert check_host("www.example.com", 443, frozenset()) == ["93.184.216.34"]


def test_localhost_is_blocked() -> None:
    with pytest.raises(BlockedAddress):
        check_host("localhost", 80, frozenset())
