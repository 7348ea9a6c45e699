"""Exports: CSV and JSON of findings and decisions, the Atom feed, the learning export."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import feedparser
import yaml

from claimwatch.evaluation import load_corpus
from claimwatch.settings import Settings
from store.db import session_scope
from store.findings import get_finding
from tests.review.review_helpers import Seeder, TestClient, csrf_of, login

EVIL = "<script>alert(1)</script>"


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _decide(client: TestClient, finding_id: int, **fields: str) -> None:
    page = client.get("/")
    response = client.post(f"/findings/{finding_id}/decide",
                           data={"csrf": csrf_of(page.text), **fields})
    assert response.status_code == 303


def _csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_findings_csv_and_json_follow_the_filters(reviewer: TestClient, seed: Seeder) -> None:
    a = seed.simple(summary="=HYPERLINK(\"http://evil.example\")", severity=0.9)
    b = seed.simple(summary="second", severity=0.5, verdict="stale")
    c = seed.simple(summary="third", severity=0.1)
    _decide(reviewer, c, action="confirm")

    everything = reviewer.get("/export/findings.csv", params={"status": "all"})
    assert everything.status_code == 200
    assert everything.headers["content-type"].startswith("text/csv")
    assert "attachment" in everything.headers["content-disposition"]
    # the stamp goes before the extension, so the saved file opens as a spreadsheet
    assert re.fullmatch(r'attachment; filename="claimwatch-findings-\d{8}-\d{4}\.csv"',
                        everything.headers["content-disposition"])
    for path, name in (("/export/findings.json", "findings"), ("/export/decisions.csv",
                                                                "decisions"),
                       ("/export/decisions.json", "decisions")):
        extension = path.rsplit(".", 1)[1]
        disposition = reviewer.get(path).headers["content-disposition"]
        assert disposition.endswith(f'.{extension}"') and f"claimwatch-{name}-" in disposition
    rows = _csv(everything.text)
    assert [int(r["id"]) for r in rows] == [a, b, c]  # the queue's order
    assert rows[0]["summary"] == "'=HYPERLINK(\"http://evil.example\")"  # never a formula
    assert rows[0]["claims"] == "4.25 million" and float(rows[0]["claimed_values"]) == 4251000
    assert rows[0]["reference_sources"] == "https://www.miit.gov.cn/example"
    assert [r["id"] for r in _csv(reviewer.get("/export/findings.csv").text)] == [str(a), str(b)]
    stale = _csv(reviewer.get("/export/findings.csv", params={"verdict": "stale"}).text)
    assert [int(r["id"]) for r in stale] == [b]

    body = reviewer.get("/export/findings.json", params={"status": "confirmed"}).json()
    assert [f["id"] for f in body["findings"]] == [c]
    assert body["findings"][0]["claims"][0]["reference"]["publisher"] == "MIIT"
    assert reviewer.get("/export/findings.json", params={"status": "nope"}).status_code == 400


def test_decisions_csv_and_json(reviewer: TestClient, seed: Seeder) -> None:
    a, b = seed.simple(summary="first"), seed.simple(summary="second")
    _decide(reviewer, a, action="confirm", comment=f"+1 {EVIL}")
    _decide(reviewer, b, action="dismiss", reason="duplicate")
    _decide(reviewer, a, action="comment", comment="looked again")
    rows = _csv(reviewer.get("/export/decisions.csv", params={"status": "all"}).text)
    assert [(int(r["finding_id"]), r["action"]) for r in rows] == [
        (a, "confirm"), (b, "dismiss"), (a, "comment")]
    assert rows[0]["user"] == "ana" and rows[0]["status_before"] == "open"
    assert rows[0]["status_after"] == "confirmed" and rows[0]["comment"] == f"'+1 {EVIL}"
    assert rows[1]["dismiss_reason_after"] == "duplicate"
    assert json.loads(rows[1]["after"])["status"] == "dismissed"
    only_confirmed = reviewer.get("/export/decisions.json", params={"status": "confirmed"}).json()
    assert [(d["finding_id"], d["action"]) for d in only_confirmed["decisions"]] == [
        (a, "confirm"), (a, "comment")]
    assert only_confirmed["decisions"][0]["comment"] == f"+1 {EVIL}"  # JSON is data, not markup


def test_exports_need_a_login_or_a_token(client: TestClient, seed: Seeder) -> None:
    token = seed.user("ana")
    seed.simple()
    for name in ("findings.csv", "findings.json", "decisions.csv", "decisions.json",
                 "learning.zip"):
        page = client.get(f"/export/{name}")
        assert page.status_code == 303 and page.headers["location"].startswith("/login")
        assert client.get(f"/api/export/{name}").status_code == 401
        assert client.get(f"/api/export/{name}", headers=_auth(token)).status_code == 200
    assert client.get("/api/export/findings.csv", headers=_auth(token),
                      params={"type": "bogus"}).status_code == 400
    body = client.get("/api/export/findings.json", headers=_auth(token)).json()
    assert len(body["findings"]) == 1


def test_atom_feed_of_confirmed_findings(client: TestClient, seed: Seeder,
                                         settings: Settings) -> None:
    token = seed.user("ana")
    evil = f"Summary {EVIL} & \x07bell"
    confirmed = seed.finding(text=f"Intro. {EVIL} China had 4.25 million.",
                             sentence=f"{EVIL} China had 4.25 million.", claim_text="4.25 million",
                             title=f"Title {EVIL}", summary=evil, url="javascript:alert(1)")
    seed.simple(summary="still open")
    client.post(f"/api/findings/{confirmed}/decide", headers=_auth(token),
                json={"action": "confirm"})

    assert client.get("/feeds/confirmed.atom").status_code == 401
    basic = base64.b64encode(f"anyone:{token}".encode()).decode()
    response = client.get("/feeds/confirmed.atom", headers={"Authorization": f"Basic {basic}"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    assert b"<script" not in response.content and b"javascript:" not in response.content
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert len(parsed.entries) == 1
    entry = parsed.entries[0]
    assert entry.id.endswith(f"/findings/{confirmed}")
    assert entry.link.endswith(f"/findings/{confirmed}")
    assert "Summary" in entry.title and "bell" in entry.title and "\x07" not in entry.title
    assert "script" in entry.title  # the text is kept, as text
    assert "MIIT" in entry.content[0].value and "4.25 million" in entry.content[0].value
    with session_scope(settings.db_url) as session:
        finding = get_finding(session, confirmed)
        assert finding is not None
    assert client.get("/feeds/confirmed.atom", headers=_auth(token)).status_code == 200
    assert client.get("/feeds/confirmed.atom", headers=_auth("wrong")).status_code == 401
    login(client, "ana")
    assert client.get("/feeds/confirmed.atom").status_code == 200


def _learning(client: TestClient, tmp_path: Path) -> list[Any]:
    response = client.get("/export/learning.zip")
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    folder = tmp_path / "learned"
    folder.mkdir()
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        archive.extractall(folder)
    return load_corpus(folder)


def test_learning_export_loads_as_a_corpus(reviewer: TestClient, seed: Seeder,
                                           settings: Settings, tmp_path: Path) -> None:
    corrected = seed.simple(summary="read as a year")
    sentence = "截至2024年底，全国5G基站总数达425.1万个，425.1万个。"
    mistaken = seed.finding(text="导语。" + sentence, sentence=sentence, claim_text="425.1万个",
                            start=len("导语。") + sentence.rindex("425.1万个"),
                            summary="second mention")
    untouched = seed.simple(summary="left alone")
    with session_scope(settings.db_url) as session:
        finding = get_finding(session, corrected)
        assert finding is not None
        claim_id = finding.claims[0].id
    page = reviewer.get("/")
    assert reviewer.post(f"/findings/{corrected}/claims/{claim_id}/correct", data={
        "csrf": csrf_of(page.text), "indicator": "5g_base_stations", "period": "2024-12",
        "value": "4251000", "kind": "actual", "comment": "a stock"}).status_code == 303
    _decide(reviewer, mistaken, action="dismiss", reason="extraction_mistake",
            comment="second mention is the same figure")
    _decide(reviewer, untouched, action="dismiss", reason="duplicate")

    articles = {a.id: a for a in _learning(reviewer, tmp_path)}
    assert len(articles) == 2
    fixed = next(a for a in articles.values() if a.text.startswith("Menu."))
    [gold] = fixed.claims
    assert fixed.text[gold.start:gold.end] == "4.25 million"
    assert gold.fields["period"] == "2024-12" and gold.fields["verdict"] == "consistent"
    assert gold.fields["indicator"] == "5g_base_stations" and gold.fields["value"] == 4251000
    chinese = next(a for a in articles.values() if a.text.startswith("导语"))
    [mention] = chinese.claims
    assert chinese.text[mention.start:mention.end] == "425.1万个"
    assert mention.start == chinese.text.rindex("425.1万个")  # occurrence 2, as stored

    raw = {p.name: yaml.safe_load(p.read_text(encoding="utf-8"))
           for p in (tmp_path / "learned").glob("*.yaml")}
    reviews = {c["review"] for r in raw.values() for c in r["claims"]}
    assert reviews == {"corrected", "extraction_mistake"}
    assert any(c.get("review_comment") == "a stock" for r in raw.values() for c in r["claims"])
    assert all(r["findings"] == [] and r["syndicated_from"] is None for r in raw.values())
    text = (tmp_path / "learned" / f"review-{next(iter(raw))[7:-5]}.yaml").read_text()
    assert text.startswith("# Exported from claimwatch review")
