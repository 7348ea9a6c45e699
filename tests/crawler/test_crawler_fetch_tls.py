"""HTTPS through the pinned address: SNI and the certificate check use the host name."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from crawler.fetch import FetchConfig, FetchError, fetch
from tests.crawler.crawler_server import LoopbackServer


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    httpd = LoopbackServer()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield httpd.server_port, cert
    finally:
        httpd.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_https_is_verified_against_the_host_name(tls_server: tuple[int, Path]) -> None:
    port, cert = tls_server
    config = FetchConfig(allow_hosts=frozenset({"localhost"}), timeout=5.0)
    context = ssl.create_default_context(cafile=str(cert))
    with httpx.Client(verify=context, trust_env=False) as client:
        result = fetch(f"https://localhost:{port}/english.html", config, client=client)
        assert result.status == 200
        assert b"industrial output" in result.body
        # The certificate names localhost, not 127.0.0.1: asking by IP must fail.
        ip_config = FetchConfig(allow_hosts=frozenset({"127.0.0.1"}), timeout=5.0)
        with pytest.raises(FetchError) as caught:
            fetch(f"https://127.0.0.1:{port}/english.html", ip_config, client=client)
        assert caught.value.reason == "connection_error"
