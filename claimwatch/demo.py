"""The bundled offline news source: claimwatch/demo_site served on 127.0.0.1.

Feeds carry the placeholder {base}, replaced with the server's own address, so
the same files work on any port.
"""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SITE = Path(__file__).parent / "demo_site"
DEMO_SOURCES = (
    ("Harbour Post", "harbour-post/feed.xml", "en"),
    ("Eastern Ledger", "eastern-ledger/feed.xml", "zh"),
)


class _Handler(SimpleHTTPRequestHandler):
    base = ""

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        path = (SITE / self.path.lstrip("/").split("?")[0]).resolve()
        if path.suffix == ".xml" and path.is_file() and SITE in path.parents:
            body = path.read_text(encoding="utf-8").replace("{base}", self.base).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if path.name.startswith("gbk-"):
            body = path.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=gb2312")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


def start_demo_site(port: int = 0, host: str = "127.0.0.1") -> tuple[ThreadingHTTPServer, str]:
    """Serve the demo site in a daemon thread; returns the server and its base URL."""
    # a subclass per server, so two demo sites (tests) keep their own base URL
    handler: type[_Handler] = type("DemoHandler", (_Handler,), {})
    server = ThreadingHTTPServer((host, port), partial(handler, directory=str(SITE)))
    base = f"http://{host}:{server.server_address[1]}"
    handler.base = base
    threading.Thread(target=server.serve_forever, name="demo-site", daemon=True).start()
    return server, base
