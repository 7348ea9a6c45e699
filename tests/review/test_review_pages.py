"""The server-rendered pages: login, the queue, decisions, roles, CSRF, escaping."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx

from claimwatch.settings import Settings
from review.auth import hash_password, token_hash, verify_password
from store import alert_config
from store.db import session_scope
from store.findings import events_for, get_finding
from store.users import by_name
from tests.review.review_helpers import PASSWORD, Seeder, TestClient, csrf_of, login


def _status(settings: Settings, finding_id: int) -> tuple[str, str | None]:
    with session_scope(settings.db_url) as session:
        finding = get_finding(session, finding_id)
        assert finding is not None
        return finding.status, finding.dismiss_reason


def _events(settings: Settings, finding_id: int) -> list[tuple[str, dict, dict, str | None]]:
    with session_scope(settings.db_url) as session:
        return [(e.action, e.before, e.after, e.comment) for e in events_for(session, finding_id)]


def _decide(client: TestClient, finding_id: int, **fields: str) -> httpx.Response:
    page = client.get(f"/findings/{finding_id}")
    return client.post(f"/findings/{finding_id}/decide", data={"csrf": csrf_of(page.text),
                                                               **fields})


def test_passwords_and_tokens() -> None:
    stored = hash_password("s3cret")
    assert stored.startswith("$argon2")
    assert verify_password(stored, "s3cret")
    assert not verify_password(stored, "wrong")
    assert not verify_password("not-a-hash", "s3cret")
    assert token_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_create_user_stores_hashes_not_secrets(settings: Settings, seed: Seeder) -> None:
    token = seed.user("bo", "admin")
    with session_scope(settings.db_url) as session:
        user = by_name(session, "bo")
        assert user is not None
        assert user.role == "admin"
        assert user.api_token_hash == token_hash(token)
        assert PASSWORD not in user.password_hash and verify_password(user.password_hash, PASSWORD)


def test_queue_requires_login(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 303
    assert response.headers["location"] == "/login"
    detail = client.get("/findings/1")
    assert detail.status_code == 303
    assert detail.headers["location"].startswith("/login?next=")


def test_login_success_and_logout(client: TestClient, seed: Seeder) -> None:
    seed.user("ana")
    seed.simple()
    response = login(client, "ana")
    assert response.status_code == 303 and response.headers["location"] == "/"
    queue = client.get("/")
    assert queue.status_code == 200
    assert "5G base stations overstated" in queue.text
    out = client.post("/logout", data={"csrf": csrf_of(queue.text)})
    assert out.status_code == 303
    assert client.get("/").status_code == 303


def test_login_failure(client: TestClient, seed: Seeder) -> None:
    seed.user("ana")
    wrong = login(client, "ana", "not the password")
    assert wrong.status_code == 401
    assert "Wrong name or password" in wrong.text
    unknown = login(client, "nobody", "whatever")
    assert unknown.status_code == 401
    assert client.get("/").status_code == 303


def test_login_rate_limited(client: TestClient, seed: Seeder) -> None:
    seed.user("ana")
    for _ in range(5):
        assert login(client, "ana", "guess").status_code == 401
    blocked = login(client, "ana", PASSWORD)  # even the right password waits now
    assert blocked.status_code == 429
    assert "Retry-After" in blocked.headers
    assert client.get("/").status_code == 303


def test_login_next_is_never_offsite(client: TestClient, seed: Seeder) -> None:
    seed.user("ana")
    page = client.get("/login")
    response = client.post("/login", data={"name": "ana", "password": PASSWORD,
                                           "csrf": csrf_of(page.text),
                                           "next": "//evil.example/"})
    assert response.headers["location"] == "/"


def test_csrf_missing_or_wrong_is_403(reviewer: TestClient, seed: Seeder,
                                      settings: Settings) -> None:
    finding_id = seed.simple()
    missing = reviewer.post(f"/findings/{finding_id}/decide", data={"action": "confirm"})
    assert missing.status_code == 403
    wrong = reviewer.post(f"/findings/{finding_id}/decide",
                          data={"action": "confirm", "csrf": "forged"})
    assert wrong.status_code == 403
    assert _status(settings, finding_id) == ("open", None)
    assert _events(settings, finding_id) == []
    # the login form is protected too
    assert reviewer.post("/login", data={"name": "ana", "password": PASSWORD}).status_code == 403


def test_reviewer_cannot_see_users_page(reviewer: TestClient) -> None:
    assert reviewer.get("/admin/users").status_code == 403


def test_admin_sees_users_page(client: TestClient, seed: Seeder) -> None:
    seed.user("ana", "reviewer")
    seed.user("root", "admin")
    assert login(client, "root").status_code == 303
    page = client.get("/admin/users")
    assert page.status_code == 200
    assert "ana" in page.text and "reviewer" in page.text and "root" in page.text


def test_confirm_dismiss_reopen_write_the_audit_trail(reviewer: TestClient, seed: Seeder,
                                                      settings: Settings) -> None:
    finding_id = seed.simple()
    response = _decide(reviewer, finding_id, action="confirm", comment="checked against MIIT")
    assert response.status_code == 303
    assert response.headers["location"] == f"/findings/{finding_id}"
    assert _status(settings, finding_id) == ("confirmed", None)

    assert _decide(reviewer, finding_id, action="reopen").status_code == 303
    assert _decide(reviewer, finding_id, action="dismiss",
                   reason="reference_out_of_date").status_code == 303
    assert _status(settings, finding_id) == ("dismissed", "reference_out_of_date")
    assert _decide(reviewer, finding_id, action="assign").status_code == 303
    assert _decide(reviewer, finding_id, action="comment", comment="noted").status_code == 303

    events = _events(settings, finding_id)
    assert [e[0] for e in events] == ["confirm", "reopen", "dismiss", "assign", "comment"]
    assert events[0][1]["status"] == "open" and events[0][2]["status"] == "confirmed"
    assert events[0][3] == "checked against MIIT"
    assert events[1][1]["status"] == "confirmed" and events[1][2]["status"] == "open"
    assert events[2][2] == {"status": "dismissed", "dismiss_reason": "reference_out_of_date",
                            "assignee": None}
    assert events[3][2]["assignee"] == "ana"

    page = reviewer.get(f"/findings/{finding_id}")
    trail = page.text.split("Audit trail", 1)[1]
    assert trail.count('class="event"') == 5
    assert "checked against MIIT" in trail and "reference_out_of_date" in trail


def test_decide_redirects_back_to_the_queue(reviewer: TestClient, seed: Seeder) -> None:
    finding_id = seed.simple()
    response = _decide(reviewer, finding_id, action="confirm", next="/?status=open&page=1")
    assert response.headers["location"] == "/?status=open&page=1"


def test_bad_action_or_missing_reason_is_400(reviewer: TestClient, seed: Seeder,
                                             settings: Settings) -> None:
    finding_id = seed.simple()
    bad = _decide(reviewer, finding_id, action="delete")
    assert bad.status_code == 400
    assert "unknown action" in bad.text
    no_reason = _decide(reviewer, finding_id, action="dismiss")
    assert no_reason.status_code == 400
    assert "needs a reason" in no_reason.text
    made_up = _decide(reviewer, finding_id, action="dismiss", reason="because")
    assert made_up.status_code == 400
    empty = _decide(reviewer, finding_id, action="comment", comment="  ")
    assert empty.status_code == 400
    assert _status(settings, finding_id) == ("open", None)
    assert _events(settings, finding_id) == []


def test_unknown_finding_is_404(reviewer: TestClient) -> None:
    assert reviewer.get("/findings/999").status_code == 404


def test_queue_orders_and_filters(reviewer: TestClient, seed: Seeder) -> None:
    low = seed.simple(summary="Low severity thing", severity=0.1)
    high = seed.simple(summary="High severity thing", severity=0.9)
    stale = seed.simple(summary="Stale robots figure", severity=0.5, verdict="stale",
                        indicator="industrial_robot_production")
    page = reviewer.get("/").text
    assert page.index(f'id="finding-{high}"') < page.index(f'id="finding-{stale}"') \
        < page.index(f'id="finding-{low}"')
    only_stale = reviewer.get("/", params={"verdict": "stale"}).text
    assert f'id="finding-{stale}"' in only_stale and f'id="finding-{high}"' not in only_stale
    by_indicator = reviewer.get("/", params={"indicator": "industrial_robot_production"}).text
    assert f'id="finding-{stale}"' in by_indicator and f'id="finding-{low}"' not in by_indicator
    searched = reviewer.get("/", params={"q": "Low sev"}).text
    assert f'id="finding-{low}"' in searched and f'id="finding-{high}"' not in searched
    _decide(reviewer, high, action="confirm")
    assert f'id="finding-{high}"' not in reviewer.get("/").text
    assert f'id="finding-{high}"' in reviewer.get("/", params={"status": "confirmed"}).text
    assert f'id="finding-{high}"' in reviewer.get("/", params={"status": "all"}).text
    assert reviewer.get("/", params={"status": "bogus"}).status_code == 400


def test_queue_pages(reviewer: TestClient, seed: Seeder) -> None:
    # 27 findings, two pairs with the same severity: the cursor must not skip or repeat ties
    ids = [seed.simple(summary=f"finding number {i}", severity=(i // 2) / 100) for i in range(27)]
    first = reviewer.get("/").text
    shown = [int(m) for m in re.findall(r'<li class="item" id="finding-(\d+)"', first)]
    assert len(shown) == 25 and shown[0] == ids[-1]
    next_link = re.search(r'href="([^"]+)" rel="next"', first)
    assert next_link is not None
    second = reviewer.get(next_link.group(1).replace("&amp;", "&")).text
    rest = [int(m) for m in re.findall(r'<li class="item" id="finding-(\d+)"', second)]
    assert sorted(shown + rest) == sorted(ids)
    assert 'rel="next"' not in second and 'rel="first"' in second
    damaged = reviewer.get("/", params={"after": "not-a-cursor"})
    assert damaged.status_code == 400 and "first page" in damaged.text


def test_article_data_is_escaped(reviewer: TestClient, seed: Seeder) -> None:
    evil = "<script>alert(1)</script>"
    sentence = f"{evil} China had 4.25 million 5G base stations."
    finding_id = seed.finding(text=f"Intro. {sentence}", sentence=sentence,
                              claim_text="4.25 million", title=f"Title {evil}",
                              publisher=f"Pub {evil}", summary=f"Summary {evil}",
                              url="javascript:alert(1)")
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    for path in ("/", f"/findings/{finding_id}"):
        html = reviewer.get(path).text
        assert evil not in html
        assert f"Title {escaped}" in html
        assert f"{escaped} China had" in html
        assert "javascript:alert" not in html  # an unsafe link is not made a link
    # our only script is the static file; the page forbids inline script
    headers = reviewer.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]


def test_chinese_sentence_highlight(reviewer: TestClient, seed: Seeder) -> None:
    sentence = "截至2024年底，全国5G基站总数达425.1万个，比上年末净增87.4万个。"
    text = "工业和信息化部发布数据。" + sentence + "分享到微信"
    finding_id = seed.finding(text=text, sentence=sentence, claim_text="425.1万个")
    html = reviewer.get(f"/findings/{finding_id}").text
    assert "截至2024年底，全国5G基站总数达<mark>425.1万个</mark>，比上年末净增87.4万个。" in html


def test_highlight_uses_the_offsets_not_the_first_match(reviewer: TestClient,
                                                        seed: Seeder) -> None:
    sentence = "去年新增100万个，今年总数达到100万个。"
    text = "导语。" + sentence
    second = text.rindex("100万个")
    finding_id = seed.finding(text=text, sentence=sentence, claim_text="100万个", start=second)
    html = reviewer.get(f"/findings/{finding_id}").text
    assert "去年新增100万个，今年总数达到<mark>100万个</mark>。" in html


def test_reference_is_shown(reviewer: TestClient, seed: Seeder) -> None:
    finding_id = seed.simple()
    html = reviewer.get(f"/findings/{finding_id}").text
    assert "MIIT" in html
    assert 'href="https://www.miit.gov.cn/example"' in html
    assert re.search(r"Reference: <strong>4 million</strong>", html)


def test_healthz(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_static_files_are_served(client: TestClient) -> None:
    assert "keydown" in client.get("/static/queue.js").text
    assert client.get("/static/review.css").status_code == 200


def test_errors_on_pages_are_html(reviewer: TestClient, seed: Seeder) -> None:
    finding_id = seed.simple()
    page = reviewer.get(f"/findings/{finding_id}")
    bad = reviewer.post(f"/findings/{finding_id}/decide",
                        data={"csrf": csrf_of(page.text), "action": "x"},
                        headers={"Accept": "text/html"})
    assert bad.status_code == 400
    assert bad.headers["content-type"].startswith("text/html")
    assert "unknown action" in bad.text
    forbidden = reviewer.get("/admin/users", headers={"Accept": "text/html"})
    assert forbidden.status_code == 403 and "administrators" in forbidden.text


def test_the_finding_page_shows_what_other_sources_said(reviewer: TestClient, seed: Seeder,
                                                        settings: Settings) -> None:
    """One outlet's figure next to everyone else's for the same indicator, place and period:
    each with its publisher, a link to the article's page and the findings it is part of."""
    mine = seed.simple(publisher="Harbour Post", title="Harbour story")
    other = seed.finding(text="导语。截至2024年底，全国5G基站总数达425.1万个。",
                         sentence="截至2024年底，全国5G基站总数达425.1万个。",
                         claim_text="425.1万个", publisher="Eastern Ledger",
                         title="东方账本报道", value=4_251_000.0)
    elsewhere = seed.simple(publisher="Wire", period="2023")  # another period: not listed
    with session_scope(settings.db_url) as session:
        found = get_finding(session, other)
        assert found is not None
        other_claim, other_article = found.claims[0].id, found.claims[0].article_id
    page = reviewer.get(f"/findings/{mine}").text
    section = page.split('id="others"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r'<tr class="other-claim" data-id="(\d+)">', section)
    assert rows == [str(other_claim)]
    assert "Eastern Ledger" in section and "425.1万个" in section
    assert f'href="/articles/{other_article}#claim-{other_claim}"' in section
    assert f'href="/findings/{other}"' in section
    assert "Wire" not in section and f'href="/findings/{elsewhere}"' not in section
    # each claim links to the article's own page, where all its claims are marked
    assert re.search(r'href="/articles/\d+#claim-\d+">all its claims</a>', page)
    lonely = reviewer.get(f"/findings/{elsewhere}").text
    assert "No other article gives a figure for it." in lonely


def test_silence_this_finding_links_to_a_prefilled_silence(client: TestClient, seed: Seeder,
                                                           settings: Settings) -> None:
    seed.user("root", "admin")
    seed.user("ana", "reviewer")
    finding_id = seed.simple(publisher="东方 & Co")
    with session_scope(settings.db_url) as session:
        found = get_finding(session, finding_id)
        assert found is not None
        fingerprint = found.fingerprint
    assert login(client, "root").status_code == 303
    page = client.get(f"/findings/{finding_id}").text
    link = re.search(r'<a class="silence-link" href="([^"]+)">', page)
    assert link is not None
    target = link.group(1).replace("&amp;", "&")
    assert target.startswith("/admin/alerts/silences?fingerprint=")
    silences = client.get(target).text
    assert f'name="fingerprint" maxlength="300" value="{fingerprint}"' in silences
    # the silence made from it holds that finding's alerts
    token = csrf_of(silences)
    made = client.post("/admin/alerts/silences", data={"csrf": token, "fingerprint": fingerprint,
                                                        "hours": "2", "comment": "known"})
    assert made.status_code == 303
    with session_scope(settings.db_url) as session:
        [silence] = alert_config.active_silences(session, datetime.now(UTC))
        assert silence.fingerprint == fingerprint
    # a reviewer cannot open the silences page, so is not offered the link
    client.post("/logout", data={"csrf": token})
    assert login(client, "ana").status_code == 303
    assert "silence-link" not in client.get(f"/findings/{finding_id}").text


def test_dashboard_counts_link_to_the_queue(reviewer: TestClient, seed: Seeder) -> None:
    seed.simple(verdict="stale")
    html = reviewer.get("/dashboard").text
    assert '<a href="/?verdict=stale">stale</a>' in html
    assert '<a href="/?status=open">open</a>' in html
