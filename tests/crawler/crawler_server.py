"""A real HTTP server on 127.0.0.1 serving fixture pages and misbehaving on purpose.

Imported by conftest.py and the tests (a plain module: conftest names clash
across packages).
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "crawler"

# path → (file, Content-Type)
FILES = {
    "/english.html": ("english_article.html", "text/html; charset=utf-8"),
    "/chinese.html": ("chinese_article.html", "text/html; charset=utf-8"),
    # GBK bytes, labelled gb2312 in <meta> only: the header says nothing.
    "/gbk.html": ("gbk_article.html", "text/html"),
    "/gbk-labelled.html": ("gbk_article.html", "text/html; charset=gb2312"),
    "/rss.xml": ("rss.xml", "application/rss+xml"),
    "/atom.xml": ("atom.xml", "application/atom+xml; charset=utf-8"),
    "/malformed.xml": ("malformed_feed.xml", "application/xml"),
    "/duplicates.xml": ("duplicate_guids.xml", "text/xml"),
    "/chinese-dates.xml": ("chinese_date_feed.xml", "application/rss+xml"),
}
ETAG = '"v1-5f3a"'
LAST_MODIFIED = "Tue, 05 Mar 2024 02:20:00 GMT"
HUGE_BYTES = 10 * 1024 * 1024


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


class Handler(BaseHTTPRequestHandler):
    server: LoopbackServer

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def _send(
        self,
        status: int,
        body: bytes = b"",
        content_type: str = "text/html",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str, status: int = 302) -> None:
        self._send(status, b"", headers={"Location": location})

    def do_GET(self) -> None:
        self.server.requests.append((self.path, dict(self.headers.items())))
        # The client gives up on purpose (size limit, timeout).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route()

    def _route(self) -> None:
        path = self.path.split("?", 1)[0]
        page = b"<html><body><p>A short page about factories.</p></body></html>"
        if path in FILES:
            name, content_type = FILES[path]
            self._send(200, fixture_bytes(name), content_type)
        elif path.startswith("/status/"):
            self._send(int(path.rsplit("/", 1)[1]), b"<h1>error</h1>")
        elif path == "/too-many-requests":
            self._send(429, b"slow down", headers={"Retry-After": "120"})
        elif path == "/unavailable":
            later = datetime.now(UTC) + timedelta(hours=1)
            self._send(
                503, b"maintenance", headers={"Retry-After": format_datetime(later, usegmt=True)}
            )
        elif path == "/loop/a":
            self._redirect("/loop/b")
        elif path == "/loop/b":
            self._redirect(f"http://127.0.0.1:{self.server.server_port}/loop/a", 301)
        elif path == "/self-redirect":
            self._redirect("/self-redirect#again")
        elif path.startswith("/chain/"):
            left = int(path.rsplit("/", 1)[1])
            self._redirect(f"/chain/{left - 1}" if left > 0 else "/english.html", 307)
        elif path == "/to-private":
            self._redirect("http://10.0.0.1/admin")
        elif path == "/to-metadata":
            self._redirect("http://169.254.169.254/latest/meta-data/", 301)
        elif path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif path == "/no-location":
            self._send(302, b"")
        elif path == "/slow":
            self.server.release.wait(5)  # until the test ends, at most 5 s
            self._send(200, page)
        elif path == "/slow-body":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<html><body>")
            self.wfile.flush()
            self.server.release.wait(5)
        elif path in ("/huge", "/huge-unannounced"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            if path == "/huge":
                self.send_header("Content-Length", str(HUGE_BYTES))
            self.end_headers()
            chunk = b"<p>" + b"x" * 65_526 + b"</p>\n"
            for _ in range(HUGE_BYTES // len(chunk)):
                self.wfile.write(chunk)
        elif path == "/empty":
            self._send(200, b"")
        elif path == "/blank":
            self._send(200, b"  \n\t ")
        elif path == "/pdf":
            self._send(200, b"%PDF-1.4 fake", "application/pdf")
        elif path == "/json":
            self._send(200, b'{"a": 1}', "application/json")
        elif path == "/no-content-type":
            self._send(200, page, "")
        elif path == "/etag":
            if self.headers.get("If-None-Match") == ETAG:
                self._send(304, b"", "", {"ETag": ETAG, "Last-Modified": LAST_MODIFIED})
            else:
                self._send(200, page, headers={"ETag": ETAG, "Last-Modified": LAST_MODIFIED})
        elif path == "/bare-304":
            if self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"):
                self._send(304, b"", "")
            else:
                self._send(200, page, headers={"ETag": ETAG})
        elif path == "/echo":
            lines = "".join(f"<li>{k}: {v}</li>" for k, v in self.headers.items())
            self._send(200, f"<html><body><ul>{lines}</ul></body></html>".encode())
        else:
            self._send(404, b"<h1>not found</h1>")


class LoopbackServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.release = threading.Event()
        self.requests: list[tuple[str, dict[str, str]]] = []


@dataclass
class Server:
    base: str
    httpd: LoopbackServer

    def url(self, path: str) -> str:
        return self.base + path
