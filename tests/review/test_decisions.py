"""Bulk decisions, undo, assigning to someone: pages and API, roles and CSRF."""

from __future__ import annotations

import csv
import io
from typing import Any

from claimwatch.settings import Settings
from store.db import session_scope
from store.findings import events_for, get_finding
from tests.review.review_helpers import Seeder, TestClient, csrf_of, login


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _state(settings: Settings, finding_id: int) -> tuple[str, str | None, str | None]:
    with session_scope(settings.db_url) as session:
        finding = get_finding(session, finding_id)
        assert finding is not None
        return finding.status, finding.dismiss_reason, finding.assignee


def _trail(settings: Settings, finding_id: int) -> list[tuple[str, dict[str, Any], dict[str, Any],
                                                             int | None]]:
    with session_scope(settings.db_url) as session:
        return [(e.action, e.before, e.after, e.undoes_id) for e in events_for(session, finding_id)]


def _bulk(client: TestClient, **fields: Any) -> Any:
    page = client.get("/")
    return client.post("/findings/bulk", data={"csrf": csrf_of(page.text), **fields})


def test_bulk_dismiss_from_the_queue(reviewer: TestClient, seed: Seeder,
                                     settings: Settings) -> None:
    a, b, c = seed.simple(summary="a"), seed.simple(summary="b"), seed.simple(summary="c")
    queue = reviewer.get("/").text
    assert 'form="bulk-form"' in queue and f'name="ids" value="{a}"' in queue
    response = _bulk(reviewer, ids=[str(a), str(c)], action="dismiss", reason="duplicate",
                     next="/")
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert _state(settings, a)[:2] == ("dismissed", "duplicate")
    assert _state(settings, c)[:2] == ("dismissed", "duplicate")
    assert _state(settings, b)[:2] == ("open", None)
    assert [e[0] for e in _trail(settings, a)] == ["dismiss"]
    assert "dismiss: 2 findings" in reviewer.get("/").text  # the message after the redirect


def test_bulk_is_all_or_nothing(reviewer: TestClient, seed: Seeder, settings: Settings) -> None:
    a = seed.simple()
    missing = _bulk(reviewer, ids=[str(a), "9999"], action="confirm")
    assert missing.status_code == 404 and "9999" in missing.text
    no_reason = _bulk(reviewer, ids=[str(a)], action="dismiss")
    assert no_reason.status_code == 400 and "needs a reason" in no_reason.text
    nothing = _bulk(reviewer, action="confirm")
    assert nothing.status_code == 400 and "tick at least one" in nothing.text
    garbage = _bulk(reviewer, ids=["1; drop"], action="confirm")
    assert garbage.status_code == 400
    reopen = _bulk(reviewer, ids=[str(a)], action="reopen")
    assert reopen.status_code == 400 and "unknown action" in reopen.text
    assert _state(settings, a) == ("open", None, None)
    assert _trail(settings, a) == []


def test_bulk_needs_csrf_and_login(client: TestClient, seed: Seeder, settings: Settings) -> None:
    a = seed.simple()
    assert client.post("/findings/bulk", data={"ids": str(a), "action": "confirm"}) \
        .status_code == 303  # not logged in: to the login page
    seed.user("ana")
    login(client, "ana")
    forged = client.post("/findings/bulk", data={"ids": str(a), "action": "confirm",
                                                 "csrf": "forged"})
    assert forged.status_code == 403
    assert _state(settings, a)[0] == "open"


def test_assign_to_someone_needs_an_admin(client: TestClient, seed: Seeder,
                                          settings: Settings) -> None:
    seed.user("ana", "reviewer")
    seed.user("bo", "reviewer")
    seed.user("root", "admin")
    finding = seed.simple()
    login(client, "ana")
    page = client.get(f"/findings/{finding}")
    assert 'id="assign-form"' not in page.text  # reviewers only "assign to me"
    other = client.post(f"/findings/{finding}/decide", data={
        "csrf": csrf_of(page.text), "action": "assign", "assignee": "bo"})
    assert other.status_code == 403
    assert _state(settings, finding)[2] is None
    bulk = _bulk(client, ids=[str(finding)], action="assign", assignee="bo")
    assert bulk.status_code == 403

    client.cookies.clear()
    login(client, "root")
    page = client.get(f"/findings/{finding}")
    assert 'id="assign-form"' in page.text and '<option value="bo"' in page.text
    done = client.post(f"/findings/{finding}/decide", data={
        "csrf": csrf_of(page.text), "action": "assign", "assignee": "bo"})
    assert done.status_code == 303
    assert _state(settings, finding)[2] == "bo"
    nobody = client.post(f"/findings/{finding}/decide", data={
        "csrf": csrf_of(page.text), "action": "assign", "assignee": "nobody"})
    assert nobody.status_code == 400 and "no user called" in nobody.text
    assert _bulk(client, ids=[str(finding)], action="assign", assignee="ana").status_code == 303
    assert _state(settings, finding)[2] == "ana"
    assert [e[2]["assignee"] for e in _trail(settings, finding)] == ["bo", "ana"]


def test_undo_restores_the_state_and_is_itself_recorded(reviewer: TestClient, seed: Seeder,
                                                        settings: Settings) -> None:
    a, b = seed.simple(summary="first"), seed.simple(summary="second")
    page = reviewer.get(f"/findings/{a}")
    reviewer.post(f"/findings/{a}/decide", data={"csrf": csrf_of(page.text), "action": "confirm"})
    reviewer.post(f"/findings/{b}/decide", data={"csrf": csrf_of(page.text), "action": "dismiss",
                                                 "reason": "not_a_claim"})
    queue = reviewer.get("/", params={"status": "all"}).text
    assert 'id="undo-form"' in queue and "dismiss on" in queue

    undo = reviewer.post("/undo", data={"csrf": csrf_of(queue), "next": "/?status=all"})
    assert undo.status_code == 303 and undo.headers["location"] == "/?status=all"
    assert _state(settings, b) == ("open", None, None)
    assert _state(settings, a)[0] == "confirmed"  # only the newest one
    trail = _trail(settings, b)
    assert [e[0] for e in trail] == ["dismiss", "undo"]
    dismiss_id = None
    with session_scope(settings.db_url) as session:
        dismiss_id = events_for(session, b)[0].id
    assert trail[1][1]["status"] == "dismissed" and trail[1][2]["status"] == "open"
    assert trail[1][3] == dismiss_id
    assert "Undone: your dismiss" in reviewer.get("/").text

    # a second undo takes back the decision before it
    reviewer.post("/undo", data={"csrf": csrf_of(queue)})
    assert _state(settings, a)[0] == "open"
    nothing = reviewer.post("/undo", data={"csrf": csrf_of(queue)})
    assert nothing.status_code == 400
    assert "no decision of yours left to undo" in nothing.text
    assert reviewer.post("/undo", data={}).status_code == 403  # CSRF


def test_undo_refuses_when_someone_decided_since(client: TestClient, seed: Seeder,
                                                 settings: Settings) -> None:
    ana, bo = seed.user("ana"), seed.user("bo")
    finding = seed.simple()
    client.post(f"/api/findings/{finding}/decide", headers=_auth(ana), json={"action": "confirm"})
    client.post(f"/api/findings/{finding}/decide", headers=_auth(bo),
                json={"action": "dismiss", "reason": "other"})
    refused = client.post("/api/undo", headers=_auth(ana))
    assert refused.status_code == 409 and "changed after your confirm" in refused.json()["detail"]
    assert _state(settings, finding)[:2] == ("dismissed", "other")
    assert [e[0] for e in _trail(settings, finding)] == ["confirm", "dismiss"]


def test_api_bulk_undo_and_permissions(client: TestClient, seed: Seeder,
                                       settings: Settings) -> None:
    ana = seed.user("ana", "reviewer")
    root = seed.user("root", "admin")
    seed.user("bo", "reviewer")
    a, b = seed.simple(), seed.simple()
    assert client.post("/api/findings/bulk", json={"ids": [a], "action": "confirm"}) \
        .status_code == 401
    assert client.post("/api/undo").status_code == 401
    done = client.post("/api/findings/bulk", headers=_auth(ana),
                       json={"ids": [a, b], "action": "confirm", "comment": "both checked"})
    assert done.status_code == 200 and done.json() == {"decided": 2}
    assert _state(settings, a)[0] == _state(settings, b)[0] == "confirmed"
    assert client.post("/api/findings/bulk", headers=_auth(ana),
                       json={"ids": [a], "action": "assign", "assignee": "bo"}).status_code == 403
    assert client.post("/api/findings/bulk", headers=_auth(root),
                       json={"ids": [a], "action": "assign", "assignee": "bo"}).status_code == 200
    assert client.post(f"/api/findings/{a}/decide", headers=_auth(ana),
                       json={"action": "assign", "assignee": "root"}).status_code == 403
    assert client.post("/api/findings/bulk", headers=_auth(ana),
                       json={"ids": [], "action": "confirm"}).status_code == 400
    # ana's bulk confirm is undone as one; a, which root assigned since, is left and named
    undone = client.post("/api/undo", headers=_auth(ana))
    assert undone.status_code == 200
    body = undone.json()
    assert body["finding_id"] == b and body["action"] == "confirm"
    assert body["after"]["status"] == "open" and body["finding_ids"] == [b]
    assert [n["finding_id"] for n in body["not_undone"]] == [a]
    assert "root assigned it since" in body["not_undone"][0]["reason"]
    assert _state(settings, b)[0] == "open" and _state(settings, a)[0] == "confirmed"


def test_undo_of_a_bulk_decision_on_the_pages(reviewer: TestClient, seed: Seeder,
                                              settings: Settings) -> None:
    a, b, other = seed.simple(summary="one"), seed.simple(summary="two"), seed.simple()
    assert _bulk(reviewer, ids=[str(a), str(b)], action="dismiss",
                 reason="duplicate").status_code == 303
    queue = reviewer.get("/").text
    assert "dismiss on 2 findings at once" in queue and "undo takes them all back" in queue
    assert f'href="/findings/{a}">{a}</a>, <a href="/findings/{b}">{b}</a>' in queue
    undo = reviewer.post("/undo", data={"csrf": csrf_of(queue), "next": "/"})
    assert undo.status_code == 303
    assert _state(settings, a) == _state(settings, b) == ("open", None, None)
    assert f"Undone: your dismiss of 2 findings ({a}, {b}); each is back as it was before." \
        in reviewer.get("/").text
    # the decisions export shows which events were one action
    rows = list(csv.DictReader(io.StringIO(
        reviewer.get("/export/decisions.csv", params={"status": "all"}).text.lstrip("\ufeff"))))
    assert [(r["action"], int(r["finding_id"])) for r in rows] == [
        ("dismiss", a), ("dismiss", b), ("undo", a), ("undo", b)]
    assert rows[0]["batch_id"] == rows[1]["batch_id"] != rows[2]["batch_id"] == rows[3]["batch_id"]
    assert rows[2]["undoes_id"] == rows[0]["id"] and rows[3]["undoes_id"] == rows[1]["id"]

    # someone decided on one since: the other comes back, the page says which stayed and why
    seed.user("bo")
    assert _bulk(reviewer, ids=[str(a), str(b)], action="confirm").status_code == 303
    bo = seed.tokens["bo"]
    reviewer.post(f"/api/findings/{b}/decide", headers=_auth(bo),
                  json={"action": "dismiss", "reason": "other"})
    queue = reviewer.get("/", params={"status": "all"}).text
    assert reviewer.post("/undo", data={"csrf": csrf_of(queue)}).status_code == 303
    page = reviewer.get("/").text
    assert f"Undone: your confirm of 1 of 2 findings ({a})." in page
    assert f"finding {b} changed after your confirm (bo dismissed it since; it is now " \
           f"dismissed)" in page
    assert _state(settings, a)[0] == "open" and _state(settings, b)[0] == "dismissed"
    assert _state(settings, other)[0] == "open"


def test_api_keyset_pages(client: TestClient, seed: Seeder) -> None:
    token = seed.user("ana")
    ids = [seed.simple(severity=0.5) for _ in range(7)]  # all ties: order falls to created/id
    seen: list[int] = []
    after = None
    for _ in range(5):
        params: dict[str, Any] = {"limit": 3}
        if after:
            params["after"] = after
        body = client.get("/api/findings", headers=_auth(token), params=params).json()
        seen += [f["id"] for f in body["findings"]]
        after = body["next_cursor"]
        if after is None:
            break
    assert sorted(seen) == sorted(ids) and len(seen) == len(set(seen))
    assert client.get("/api/findings", headers=_auth(token),
                      params={"after": "%%%"}).status_code == 400
