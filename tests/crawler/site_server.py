"""A small news site on 127.0.0.1 for the spider and crawl tests: each test gives the
pages it wants (path → Page), the server records what was asked for."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow server), at most a few


def redirect(location: str, status: int = 302) -> Page:
    return Page(b"", "", status, {"Location": location})


class _Handler(BaseHTTPRequestHandler):
    server: SiteServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        with self.server.lock:
            self.server.requests.append((path, self.headers.get("User-Agent", "")))
            page = self.server.pages.get(path)
        if page is None:
            page = Page(b"<h1>not found</h1>", status=404)
        if page.delay:
            time.sleep(min(page.delay, 5.0))
        try:
            self.send_response(page.status)
            if page.content_type:
                self.send_header("Content-Type", page.content_type)
            for name, value in page.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(page.body)))
            self.end_headers()
            self.wfile.write(page.body)
        except (BrokenPipeError, ConnectionResetError):
            pass


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, pages: dict[str, Page]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.pages = pages
        self.requests: list[tuple[str, str]] = []
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"

    def asked(self, path: str) -> int:
        with self.lock:
            return sum(1 for p, _ua in self.requests if p == path)


@contextmanager
def serve(pages: dict[str, Page]) -> Iterator[SiteServer]:
    server = SiteServer(pages)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


NEWS_NS = ('xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
           'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"')


def news_sitemap(items: list[tuple[str, str, str]]) -> bytes:
    """A news sitemap of (loc, title, publication date) items."""
    urls = "".join(
        f"<url><loc>{loc}</loc><news:news><news:publication><news:name>Test Post</news:name>"
        f"<news:language>en</news:language></news:publication>"
        f"<news:publication_date>{date}</news:publication_date><news:title>{title}</news:title>"
        f"</news:news></url>" for loc, title, date in items)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset {NEWS_NS}>{urls}</urlset>'.encode()


def sitemap_index(locs: list[str]) -> bytes:
    inner = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)
    return (f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{inner}</sitemapindex>').encode()


XML = "application/xml"
