"""The dashboard, the sources pages and the article page; everything from pages escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from claimwatch.settings import Settings
from store import failures
from store.db import session_scope
from store.models import Article, Source, utcnow
from store.sources import upsert_source
from tests.review.review_helpers import Seeder, TestClient, csrf_of

EVIL = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
NS = {"s": "http://www.w3.org/2000/svg"}


def _source(settings: Settings, name: str, url: str, failures_in_a_row: int = 0,
            error: str | None = None) -> int:
    with session_scope(settings.db_url) as session:
        source = upsert_source(session, name=name, url=url, language="en")
        source.consecutive_failures = failures_in_a_row
        source.last_error = error
        source.last_polled_at = utcnow()
        if not failures_in_a_row:
            source.last_success_at = utcnow()
        return source.id


def test_dashboard(reviewer: TestClient, seed: Seeder, settings: Settings) -> None:
    broken = _source(settings, f"Broken {EVIL}", "https://broken.example/feed",
                     failures_in_a_row=3, error=f"HTTP 500 {EVIL}")
    fine = _source(settings, "Fine", "https://fine.example/feed")
    seed.simple(summary="one")
    seed.simple(summary="two", verdict="stale")
    confirmed = seed.simple(summary="three")
    page = reviewer.get("/")
    reviewer.post(f"/findings/{confirmed}/decide", data={"csrf": csrf_of(page.text),
                                                          "action": "confirm"})
    with session_scope(settings.db_url) as session:
        failures.record(session, "worker.tasks.fetch_article", [7], f"Boom {EVIL}")

    html = reviewer.get("/dashboard").text
    assert EVIL not in html and ESCAPED in html
    assert re.search(r'data-status="open">2<', html) and re.search(r'data-status="confirmed">1<',
                                                                   html)
    assert re.search(r'data-verdict="inconsistent">1<', html)
    assert re.search(r'data-verdict="stale">1<', html)
    svg = re.search(r'<svg [^>]*class="chart bar-chart".*?</svg>', html, re.S)
    assert svg is not None
    bars = ET.fromstring(svg.group(0)).findall(".//s:rect", NS)
    assert len(bars) == 30 and bars[-1].get("data-count") == "3"  # all three opened today
    assert sum(int(b.get("data-count", "0")) for b in bars) == 3
    health = {m.group(1): m.group(2) for m in re.finditer(
        r'<tr class="source" data-id="(\d+)">.*?class="health-(\w+)"', html, re.S)}
    assert health == {str(broken): "failing", str(fine): "ok"}
    assert "worker.tasks.fetch_article" in html and f"Boom {ESCAPED}" in html


def test_source_and_article_pages(reviewer: TestClient, seed: Seeder,
                                  settings: Settings) -> None:
    source_id = _source(settings, f"Wire {EVIL}", "https://wire.example/feed")
    text = f"Intro {EVIL}. China had 4.25 million 5G base stations by the end of 2024."
    finding = seed.finding(text=text, sentence="China had 4.25 million 5G base stations by the "
                           "end of 2024.", claim_text="4.25 million", title=f"Title {EVIL}",
                           source_id=source_id, url="javascript:alert(1)")
    with session_scope(settings.db_url) as session:
        article_id = session.query(Article.id).filter(Article.source_id == source_id).scalar()
        assert article_id is not None

    listing = reviewer.get("/sources").text
    assert f'href="/sources/{source_id}"' in listing and f"Wire {ESCAPED}" in listing
    assert EVIL not in listing
    assert 'href="https://wire.example/feed"' in listing

    page = reviewer.get(f"/sources/{source_id}").text
    assert EVIL not in page and f"Title {ESCAPED}" in page
    assert f'href="/articles/{article_id}"' in page
    assert re.search(r'id="health-status"[^>]*><strong>ok</strong>', page)

    article = reviewer.get(f"/articles/{article_id}").text
    assert EVIL not in article and 'href="javascript:' not in article
    body = article.split('id="article-text">', 1)[1].split("</div>", 1)[0]
    assert body.startswith(f"Intro {ESCAPED}. China had <mark class=\"verdict-inconsistent\"")
    assert ">4.25 million</mark>" in body
    assert f'<a class="finding-link" href="/findings/{finding}"><sup>#{finding}</sup></a>' in body
    assert 'class="claim-row"' in article

    assert reviewer.get("/sources/999").status_code == 404
    assert reviewer.get("/articles/999").status_code == 404


def test_article_highlights_every_claim_and_skips_overlaps(reviewer: TestClient, seed: Seeder,
                                                           settings: Settings) -> None:
    from review.overview import segments
    from store.models import Claim

    def claim(start: int, end: int) -> Claim:
        return Claim(id=start, start=start, end=end, text="", sentence="", value=0.0,
                     unit="count", qualifier="exact")

    parts = segments("abcdefghij", [claim(6, 8), claim(1, 3), claim(2, 4), claim(9, 30)])
    assert [(p.text, p.claim is not None) for p in parts] == [
        ("a", False), ("bc", True), ("def", False), ("gh", True), ("ij", False)]


def test_pages_need_a_login(client: TestClient) -> None:
    for path in ("/dashboard", "/sources", "/sources/1", "/articles/1"):
        response = client.get(path)
        assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_sources_without_health_history(reviewer: TestClient, settings: Settings) -> None:
    with session_scope(settings.db_url) as session:
        session.add(Source(name="New", url="https://new.example/feed"))
    html = reviewer.get("/sources").text
    assert 'class="health-never"' in html
