"""The queue's filters by source, language and creation date: in store (SQL on both
databases), on the JSON API, on the page, in the exports, and across keyset pages."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from claimwatch.settings import Settings
from review import pages
from store.db import session_scope
from store.findings import (
    STATUSES,
    count_matching,
    get_finding,
    iter_findings,
    list_findings,
    upsert_finding,
)
from store.findings import decide as store_decide
from store.models import Finding
from store.sources import upsert_source
from tests.helpers import app_settings
from tests.review.review_helpers import Seeder, TestClient, login


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    """The review app on each database (overrides the SQLite-only fixture of conftest)."""
    return app_settings(tmp_path, db_url)


@dataclass
class World:
    """Findings from two sources (and one article with no source) in two languages on
    different days; `ids` by letter, `sources` by name."""

    ids: dict[str, int]
    sources: dict[str, int]

    def of(self, letters: str) -> set[int]:
        return {self.ids[x] for x in letters}


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def build(seed: Seeder) -> World:
    with session_scope(seed.db_url) as session:
        harbour = upsert_source(session, name="Harbour Daily", url="https://harbour.example/feed",
                                publisher="Harbour Daily Group").id
        north = upsert_source(session, name="北方日报", url="https://north.example/rss",
                              language="zh", publisher="北方日报社").id
    plan = {  # letter: (source id, article publisher, language, created, severity)
        "A": (harbour, "Harbour Daily Group", "en", "2025-03-01T10:00:00", 0.9),
        "B": (harbour, "Harbour Daily Group", "zh", "2025-03-10T00:00:00", 0.8),
        "C": (north, "北方日报社", "en", "2025-03-20T12:00:00", 0.7),
        "D": (north, "北方日报社", "zh", "2025-03-31T23:59:59", 0.6),
        "E": (None, "Independent Wire", "en", "2025-04-01T00:00:00", 0.5),
    }
    ids: dict[str, int] = {}
    for letter, (source_id, publisher, language, created, severity) in plan.items():
        ids[letter] = seed.simple(summary=f"finding {letter}", severity=severity,
                                  source_id=source_id, publisher=publisher)
        with session_scope(seed.db_url) as session:
            finding = get_finding(session, ids[letter])
            assert finding is not None
            finding.created_at = _when(created)
            finding.claims[0].article.language = language
    with session_scope(seed.db_url) as session:
        # a conflict between A's article (Harbour, en) and D's (North, zh)
        a, d = (get_finding(session, ids[x]) for x in "AD")
        assert a is not None and d is not None
        claims = [c.id for c in (*a.claims, *d.claims)]
        ids["F"], _ = upsert_finding(session, fingerprint="test:conflict", type="conflict",
                                     summary="finding F: two sources disagree", claim_ids=claims,
                                     severity=0.4, reference_version="test",
                                     indicator="5g_base_stations", geography="CN", period="2024")
        conflict = session.get(Finding, ids["F"])
        assert conflict is not None
        conflict.created_at = _when("2025-03-15T08:00:00")
    return World(ids, {"harbour": harbour, "north": north})


def cases(world: World) -> list[tuple[dict[str, Any], str]]:
    """(store filters, the letters they must give)."""
    harbour, north = str(world.sources["harbour"]), str(world.sources["north"])
    return [
        ({}, "ABCDEF"),
        ({"source": harbour}, "ABF"),
        ({"source": north}, "CDF"),
        ({"source": "harbour daily"}, "ABF"),  # the source's name, any case
        ({"source": "HARBOUR DAILY GROUP"}, "ABF"),  # the publisher
        ({"source": "北方日报社"}, "CDF"),
        ({"source": "Independent Wire"}, "E"),  # an article with no source: its publisher
        ({"source": "Harbour"}, ""),  # a whole name, not a part of one
        ({"source": "99999"}, ""),
        ({"language": "zh"}, "BDF"),
        ({"language": "en"}, "ACEF"),
        # one article must be both: F's Harbour article is English, its Chinese one North's
        ({"source": harbour, "language": "zh"}, "B"),
        ({"source": north, "language": "zh"}, "DF"),
        ({"created_from": date(2025, 3, 10), "created_to": date(2025, 3, 31)}, "BCDF"),
        ({"created_from": date(2025, 3, 31), "created_to": date(2025, 3, 31)}, "D"),
        ({"created_from": date(2025, 4, 1)}, "E"),
        ({"created_to": date(2025, 3, 1)}, "A"),
        ({"language": "en", "created_from": date(2025, 3, 15)}, "CEF"),
        ({"language": "en", "search": "finding C"}, "C"),
    ]


def test_store_filters_narrow(db_url: str) -> None:
    world = build(Seeder(db_url))
    with session_scope(db_url) as session:
        for filters, letters in cases(world):
            listed = [f.id for f in list_findings(session, **filters)]
            assert len(listed) == len(set(listed)), filters  # F has two articles: listed once
            assert set(listed) == world.of(letters), filters
            assert count_matching(session, **filters) == len(letters), filters


def test_store_batches_with_filters_give_each_finding_once(db_url: str) -> None:
    world = build(Seeder(db_url))
    with session_scope(db_url) as session:
        for filters, letters in cases(world):
            ids = [f.id for f in iter_findings(session, batch=1, **filters)]
            assert sorted(ids) == sorted(world.of(letters)), filters


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _api_params(filters: dict[str, Any]) -> dict[str, str]:
    names = {"created_from": "from", "created_to": "to", "search": "q"}
    return {names.get(k, k): str(v) for k, v in filters.items()}


def test_api_and_exports_apply_the_filters(client: TestClient, seed: Seeder) -> None:
    world = build(seed)
    token = seed.user("ana")
    for filters, letters in cases(world):
        params = _api_params(filters)
        body = client.get("/api/findings", headers=_auth(token), params=params).json()
        assert {f["id"] for f in body["findings"]} == world.of(letters), params
        assert body["count"] == len(letters), params
        rows = list(csv.DictReader(io.StringIO(client.get(
            "/api/export/findings.csv", headers=_auth(token), params=params).text[1:])))
        assert {int(r["id"]) for r in rows} == world.of(letters), params
        exported = client.get("/api/export/findings.json", headers=_auth(token), params=params)
        assert {f["id"] for f in exported.json()["findings"]} == world.of(letters), params


def test_decision_export_follows_the_filters(client: TestClient, seed: Seeder) -> None:
    world = build(seed)
    token = seed.user("ana")
    with session_scope(seed.db_url) as session:
        for letter in "AD":
            finding = session.get(Finding, world.ids[letter])
            assert finding is not None
            store_decide(session, finding, user="ana", action="comment", comment=letter)
    rows = client.get("/api/export/decisions.json", headers=_auth(token),
                      params={"language": "zh", "status": "all"}).json()["decisions"]
    assert [r["finding_id"] for r in rows] == [world.ids["D"]]


@pytest.mark.parametrize(("params", "said"), [
    ({"from": "2025-13-01"}, "from '2025-13-01' is not a date"),
    ({"to": "2025-02-30"}, "to '2025-02-30' is not a date"),
    ({"from": "20250301"}, "from '20250301' is not a date"),  # ISO basic form: not YYYY-MM-DD
    ({"to": "last week"}, "to 'last week' is not a date"),
    ({"from": "2025-04-01", "to": "2025-03-01"}, "from 2025-04-01 is after to 2025-03-01"),
    ({"language": "fr"}, "language must be one of: en, zh"),
])
def test_api_refuses_a_bad_filter(client: TestClient, seed: Seeder, params: dict[str, str],
                                  said: str) -> None:
    token = seed.user("ana")
    seed.simple()
    for path in ("/api/findings", "/api/export/findings.csv", "/api/export/decisions.json"):
        response = client.get(path, headers=_auth(token), params=params)
        assert response.status_code == 400, path
        assert said in response.json()["detail"], path


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}">(.*?)</select>', html, re.S)
    assert select, f"no {name} menu"
    return re.findall(r'<option value="([^"]*)"', select.group(1))


def _selected(html: str, name: str) -> str | None:
    select = re.search(rf'<select name="{name}">(.*?)</select>', html, re.S)
    assert select
    chosen = re.search(r'<option value="([^"]*)" selected', select.group(1))
    return chosen.group(1) if chosen else None


def _listed(html: str) -> set[int]:
    return {int(i) for i in re.findall(r'<li class="item" id="finding-(\d+)"', html)}


def test_page_filters_and_a_bad_date_is_shown_with_the_others_kept(
        client: TestClient, seed: Seeder) -> None:
    world = build(seed)
    seed.user("ana")
    assert login(client, "ana").status_code == 303
    page = client.get("/", params={"language": "zh", "source": str(world.sources["north"])})
    assert page.status_code == 200 and _listed(page.text) == world.of("DF")
    assert _options(page.text, "language") == ["", "en", "zh"]
    assert 'list="source-choices"' in page.text and ">北方日报</option>" in page.text

    page = client.get("/", params={"language": "zh", "from": "2025-02-30", "to": "2025-03-20"})
    assert page.status_code == 400
    assert re.search(r'id="filter-errors".*from &#39;2025-02-30&#39; is not a date', page.text,
                     re.S)
    # the language and the good date still apply; the page keeps what was typed
    assert _listed(page.text) == world.of("BF")
    assert _selected(page.text, "language") == "zh"
    assert 'name="from" value="2025-02-30"' in page.text
    assert 'name="to" value="2025-03-20"' in page.text
    # the export links carry the filters that were applied, not the wrong date
    export = re.search(r'href="/export/findings.csv\?([^"]*)"', page.text)
    assert export and "from=" not in export.group(1)
    assert "language=zh" in export.group(1) and "to=2025-03-20" in export.group(1)

    page = client.get("/", params={"from": "2025-04-01", "to": "2025-03-01"})
    assert page.status_code == 400 and "is after to" in page.text
    assert _listed(page.text) == world.of("ABCDEF")


def test_pages_with_filters_give_each_finding_once(client: TestClient, seed: Seeder,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    world = build(seed)
    for i in range(4):  # more English findings from Harbour, all on one day: ties on created_at
        extra = seed.simple(summary=f"extra {i}", severity=0.5, source_id=world.sources["harbour"],
                            publisher="Harbour Daily Group")
        with session_scope(seed.db_url) as session:
            finding = get_finding(session, extra)
            assert finding is not None
            finding.created_at = _when("2025-03-05T00:00:00")
            finding.claims[0].article.language = "en"
        world.ids[f"x{i}"] = extra
    expected = world.of("AF") | {world.ids[f"x{i}"] for i in range(4)}
    filters = {"source": str(world.sources["harbour"]), "language": "en",
               "from": "2025-03-01", "to": "2025-03-31"}
    token = seed.user("ana")

    seen: list[int] = []
    params: dict[str, Any] = {**filters, "limit": 2}
    while True:
        body = client.get("/api/findings", headers=_auth(token), params=params).json()
        assert body["count"] == len(expected)
        seen += [f["id"] for f in body["findings"]]
        if body["next_cursor"] is None:
            break
        params["after"] = body["next_cursor"]
    assert len(seen) == len(set(seen)) and set(seen) == expected

    # a cursor is only good with the filters it was made under
    first = client.get("/api/findings", headers=_auth(token), params={**filters, "limit": 2})
    cursor = first.json()["next_cursor"]
    dropped = client.get("/api/findings", headers=_auth(token),
                         params={"limit": 2, "after": cursor})
    assert dropped.status_code == 400 and "other filters" in dropped.json()["detail"]

    # the page's "next page" links keep the filters
    monkeypatch.setattr(pages, "PAGE_SIZE", 2)
    assert login(client, "ana").status_code == 303
    url: str | None = "/?" + "&".join(f"{k}={v}" for k, v in filters.items())
    shown: list[int] = []
    while url:
        page = client.get(url.replace("&amp;", "&"))
        assert page.status_code == 200
        shown += sorted(_listed(page.text))
        link = re.search(r'<a href="([^"]+)" rel="next">', page.text)
        url = link.group(1) if link else None
    assert len(shown) == len(set(shown)) and set(shown) == expected


def test_status_menu_offers_every_status(client: TestClient, seed: Seeder) -> None:
    seed.user("ana")
    open_id = seed.simple(summary="still open")
    resolved_id = seed.simple(summary="cleared by new data")
    with session_scope(seed.db_url) as session:
        resolved = session.get(Finding, resolved_id)
        assert resolved is not None
        resolved.status = "resolved"
    assert login(client, "ana").status_code == 303
    page = client.get("/")
    assert _options(page.text, "status") == [*STATUSES, "all"]
    assert "resolved" in STATUSES and _selected(page.text, "status") == "open"
    page = client.get("/", params={"status": "resolved"})
    assert _selected(page.text, "status") == "resolved"
    assert _listed(page.text) == {resolved_id}
    assert _listed(client.get("/", params={"status": "all"}).text) == {open_id, resolved_id}


def test_filters_are_documented_on_the_api(client: TestClient) -> None:
    spec = json.loads(client.get("/openapi.json").text)
    names = {p["name"] for p in spec["paths"]["/api/findings"]["get"]["parameters"]}
    assert {"source", "language", "from", "to"} <= names


def test_search_finds_what_the_card_shows(reviewer: TestClient, seed: Seeder) -> None:
    """The search box looks at the summary, the claim as written, its sentence and the
    article's title; % and _ are searched for as themselves."""
    zh = seed.finding(text="导语。截至2024年底，我国累计培育国家级绿色工厂5000家。",
                      sentence="截至2024年底，我国累计培育国家级绿色工厂5000家。",
                      claim_text="5000家", summary="Green factories understated",
                      title="绿色制造体系加快构建", indicator="green_factories", value=5000.0)
    en = seed.simple(summary="5G base stations overstated", title="Ministry counts 100% rise")

    def found(q: str) -> set[int]:
        return _listed(reviewer.get("/", params={"q": q}).text)

    assert found("绿色工厂") == {zh}  # in the sentence only
    assert found("5000家") == {zh}  # the claim as written
    assert found("加快构建") == {zh}  # the title
    assert found("understated") == {zh}  # the summary, as before
    assert found("base stations") == {en}
    assert found("100%") == {en}
    assert found("%") == {en} and found("_") == set()  # not wildcards
    api = reviewer.get("/api/findings", params={"q": "绿色工厂"},
                       headers=_auth(seed.tokens["ana"])).json()
    assert [f["id"] for f in api["findings"]] == [zh]


def test_store_search_on_both_databases(db_url: str) -> None:
    seed = Seeder(db_url)
    zh = seed.finding(text="导语。全国5G基站总数达425.1万个。", sentence="全国5G基站总数达425.1万个。",
                      claim_text="425.1万个", summary="5G stations", title="Ledger: 100% up")
    en = seed.simple(summary="5G_stations overstated", title="Harbour story")
    with session_scope(db_url) as session:
        def ids(q: str) -> set[int]:
            assert count_matching(session, search=q) == len(list_findings(session, search=q))
            return {f.id for f in list_findings(session, search=q)}

        assert ids("基站总数") == {zh} and ids("425.1万个") == {zh}
        assert ids("HARBOUR") == {en}  # any case
        assert ids("100%") == {zh} and ids("5G_") == {en} and ids("%") == {zh}
        assert ids("5G") == {zh, en} and ids("nothing like it") == set()
