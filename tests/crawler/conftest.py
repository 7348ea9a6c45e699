"""Fixtures for the crawler tests: the loopback HTTP server and a config allowing it."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from crawler.fetch import FetchConfig
from tests.crawler.crawler_server import LoopbackServer, Server


@pytest.fixture(scope="session")
def http_server() -> Iterator[Server]:
    httpd = LoopbackServer()
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_port}", httpd)
    finally:
        httpd.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def local_config() -> FetchConfig:
    """The crawler's defaults, with the loopback test server allowed."""
    return FetchConfig(allow_hosts=frozenset({"127.0.0.1"}), timeout=5.0)
