"""Sites on 127.0.0.1 for the worker tests: one that records when each page was asked for,
and one that accepts connections and never answers."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from store import articles
from store.db import session_scope

PAGE = """<html><head><title>Output report {n}</title></head><body><article>
<h1>Output report {n}</h1>
<p>China produced 556,000 industrial robots in 2024, up 14.2 percent from a year earlier,
the statistics bureau said in report number {n}. Industrial value added above designated size
grew 5.8 percent in 2024, and the country had 4.251 million 5G base stations by the end of
2024.</p></article></body></html>"""


def reply(handler: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def serve(handler: type[BaseHTTPRequestHandler]) -> tuple[ThreadingHTTPServer, str]:
    """A threaded server on a free port of 127.0.0.1, serving in the background; its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class RecordingSite:
    """Serves /a/N.html; keeps the monotonic time each page request arrived."""

    def __init__(self, robots: str = "") -> None:
        self.arrivals: list[tuple[float, str]] = []
        lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return

            def do_GET(self) -> None:
                with lock:
                    site.arrivals.append((time.monotonic(), self.path))
                if self.path == "/robots.txt":
                    body, ctype = robots.encode(), "text/plain"
                else:
                    n = self.path.rsplit("/", 1)[-1].split(".")[0]
                    body, ctype = PAGE.format(n=n).encode(), "text/html; charset=utf-8"
                reply(self, 200 if body else 404, body, ctype)

        self.server, self.base = serve(Handler)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class SilentSite:
    """Accepts every connection and never answers a page: a hung fetch. (robots.txt gets a
    404, so that it is the page fetch that hangs, not the robots.txt check before it.)"""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.base = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = conn.recv(4096)
            if not chunk:
                conn.close()
                return
            request += chunk
        if request.split(b" ", 2)[1] == b"/robots.txt":
            conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n"
                         b"Connection: close\r\n\r\n")
            conn.close()
            return
        self.held.append(conn)  # never answered, never closed until the test ends

    def close(self) -> None:
        self.sock.close()
        for conn in self.held:
            conn.close()


def add_articles(db_url: str, urls: list[str]) -> list[int]:
    ids = []
    with session_scope(db_url) as s:
        for url in urls:
            article_id = articles.add_entry(s, source_id=None, url=url, canonical_url=url,
                                            guid=None, title="", published_at=None,
                                            publisher="Fixture Wire")
            assert article_id is not None
            ids.append(article_id)
    return ids
