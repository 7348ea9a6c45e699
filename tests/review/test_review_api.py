"""The JSON API: bearer tokens, list/detail/decide, the OpenAPI schema, health."""

from __future__ import annotations

from claimwatch.settings import Settings
from store.db import session_scope
from store.findings import events_for, get_finding
from tests.review.review_helpers import Seeder, TestClient


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_api_needs_a_token(client: TestClient, seed: Seeder) -> None:
    seed.user("ana")
    response = client.get("/api/findings")
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    wrong = client.get("/api/findings", headers=_auth("not-a-real-token"))
    assert wrong.status_code == 401
    assert "invalid_token" in wrong.headers["www-authenticate"]
    basic = client.get("/api/findings", headers={"Authorization": "Basic YTpi"})
    assert basic.status_code == 401
    assert client.post("/api/findings/1/decide", json={"action": "confirm"}).status_code == 401


def test_api_does_not_accept_the_session_cookie(reviewer: TestClient) -> None:
    assert reviewer.get("/api/findings").status_code == 401


def test_api_list(client: TestClient, seed: Seeder) -> None:
    token = seed.user("ana")
    low = seed.simple(summary="low", severity=0.2)
    high = seed.simple(summary="high", severity=0.8)
    stale = seed.simple(summary="stale one", severity=0.5, verdict="stale")
    body = client.get("/api/findings", headers=_auth(token)).json()
    assert body["count"] == 3
    assert [f["id"] for f in body["findings"]] == [high, stale, low]
    first = body["findings"][0]
    assert {"id", "type", "verdict", "status", "severity", "indicator", "geography", "period",
            "summary", "created_at", "claims"} <= set(first)
    claim = first["claims"][0]
    assert claim["text"] == "4.25 million"
    assert claim["sentence"][claim["span_start"]:claim["span_end"]] == "4.25 million"
    assert claim["unit"] == "count" and claim["kind"] == "actual"
    assert claim["reference"]["publisher"] == "MIIT"
    assert claim["reference"]["source_url"] == "https://www.miit.gov.cn/example"
    assert claim["article"]["publisher"] == "Example News"
    assert claim["article"]["url"].startswith("https://news.example/")

    page = client.get("/api/findings", headers=_auth(token), params={"limit": 1, "offset": 1})
    assert page.json()["count"] == 3
    assert [f["id"] for f in page.json()["findings"]] == [stale]
    stale_only = client.get("/api/findings", headers=_auth(token), params={"verdict": "stale"})
    assert [f["id"] for f in stale_only.json()["findings"]] == [stale]
    searched = client.get("/api/findings", headers=_auth(token), params={"q": "HIGH"})
    assert [f["id"] for f in searched.json()["findings"]] == [high]
    assert client.get("/api/findings", headers=_auth(token),
                      params={"status": "nope"}).status_code == 400
    assert client.get("/api/findings", headers=_auth(token),
                      params={"limit": 0}).status_code == 422


def test_api_detail(client: TestClient, seed: Seeder) -> None:
    token = seed.user("ana")
    finding_id = seed.simple()
    body = client.get(f"/api/findings/{finding_id}", headers=_auth(token)).json()
    assert body["id"] == finding_id and body["status"] == "open" and body["events"] == []
    assert client.get("/api/findings/999", headers=_auth(token)).status_code == 404


def test_api_decide(client: TestClient, seed: Seeder, settings: Settings) -> None:
    token = seed.user("ana")
    finding_id = seed.simple()
    url = f"/api/findings/{finding_id}/decide"
    response = client.post(url, headers=_auth(token),
                           json={"action": "dismiss", "reason": "not_a_claim", "comment": "menu"})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "dismissed" and body["dismiss_reason"] == "not_a_claim"
    assert body["events"][0]["user"] == "ana"
    assert body["events"][0]["before"]["status"] == "open"
    assert body["events"][0]["after"]["status"] == "dismissed"

    bad = client.post(url, headers=_auth(token), json={"action": "explode"})
    assert bad.status_code == 400 and "unknown action" in bad.json()["detail"]
    no_reason = client.post(url, headers=_auth(token), json={"action": "dismiss"})
    assert no_reason.status_code == 400
    with session_scope(settings.db_url) as session:
        finding = get_finding(session, finding_id)
        assert finding is not None and finding.status == "dismissed"
        assert len(events_for(session, finding_id)) == 1

    reopened = client.post(url, headers=_auth(token), json={"action": "reopen"}).json()
    assert reopened["status"] == "open" and len(reopened["events"]) == 2
    assert client.post("/api/findings/999/decide", headers=_auth(token),
                       json={"action": "confirm"}).status_code == 404


def test_openapi_documents_the_models(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"FindingList", "FindingOut", "FindingDetail", "ClaimOut", "DecideIn"} <= set(
        schema["components"]["schemas"])
    assert "/api/findings" in schema["paths"]
    assert "/api/findings/{finding_id}/decide" in schema["paths"]
    assert "/login" not in schema["paths"]  # pages are not part of the API
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


def test_api_output_is_json_not_html(client: TestClient, seed: Seeder) -> None:
    token = seed.user("ana")
    evil = "<script>alert(1)</script>"
    finding_id = seed.finding(text=f"{evil} 4.25 million", sentence=f"{evil} 4.25 million",
                              claim_text="4.25 million", title=evil)
    response = client.get(f"/api/findings/{finding_id}", headers=_auth(token))
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["claims"][0]["article"]["title"] == evil
