"""Correcting a claim's extraction (verified again at once) and adding a reference figure,
from the finding page and the API; the chart on the finding page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from claimwatch.settings import Settings
from store.db import session_scope
from store.findings import events_for, get_finding, save_claims
from store.reference import reviewer_observations
from tests.review.review_helpers import Seeder, TestClient, csrf_of
from verifier.claims import Claim as ClaimData

NS = {"s": "http://www.w3.org/2000/svg"}


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _claim_id(settings: Settings, finding_id: int) -> int:
    with session_scope(settings.db_url) as session:
        finding = get_finding(session, finding_id)
        assert finding is not None
        return finding.claims[0].id


def _finding(settings: Settings, finding_id: int) -> dict[str, Any]:
    with session_scope(settings.db_url) as session:
        finding = get_finding(session, finding_id)
        assert finding is not None
        claim = finding.claims[0]
        return {"status": finding.status, "reason": finding.dismiss_reason,
                "verdict": finding.verdict, "summary": finding.summary,
                "period": finding.period, "claim_period": claim.period, "value": claim.value,
                "claim_verdict": claim.verdict, "corrected": claim.corrected,
                "lower": claim.lower, "upper": claim.upper,
                "events": [(e.action, e.before, e.after, e.comment)
                           for e in events_for(session, finding_id)]}


def _correct(client: TestClient, finding_id: int, claim_id: int, **fields: str) -> Any:
    page = client.get("/")
    data = {"indicator": "5g_base_stations", "period": "2024-12", "value": "4251000",
            "kind": "actual", **fields}
    return client.post(f"/findings/{finding_id}/claims/{claim_id}/correct",
                       data={"csrf": csrf_of(page.text), **data})


def test_finding_page_has_the_chart_and_the_forms(reviewer: TestClient, seed: Seeder,
                                                  settings: Settings) -> None:
    finding_id = seed.simple(period="2024-12", value=4_600_000.0)
    html = reviewer.get(f"/findings/{finding_id}").text
    svg = re.search(r"<svg .*?</svg>", html, re.S)
    assert svg is not None
    root = ET.fromstring(svg.group(0))
    periods = {c.get("data-period") for c in root.findall(".//s:circle", NS)}
    assert {"2019-11", "2024-12", "2025-06"} <= periods  # the real series from reference_data
    claim = root.find(".//s:g[@class='claim']", NS)
    assert claim is not None and claim.get("data-period") == "2024-12"
    assert float(claim.get("data-value", "0")) == 4_600_000.0
    ref_2024 = [c for c in root.findall(".//s:circle", NS) if c.get("data-period") == "2024-12"]
    assert float(claim.get("data-cx", "nan")) == float(ref_2024[0].get("cx", "nan"))
    # 4.6 million is drawn above the official 4.25 million (smaller y is higher)
    assert float(claim.get("data-cy", "nan")) < float(ref_2024[0].get("cy", "nan"))
    claim_id = _claim_id(settings, finding_id)
    assert f'action="/findings/{finding_id}/claims/{claim_id}/correct"' in html
    assert 'id="observation-form"' in html


def test_correction_that_checks_out_closes_the_finding(reviewer: TestClient, seed: Seeder,
                                                       settings: Settings) -> None:
    finding_id = seed.simple()  # read as "2024", a stock needs its month end
    claim_id = _claim_id(settings, finding_id)
    response = _correct(reviewer, finding_id, claim_id, comment="a stock: end of 2024")
    assert response.status_code == 303
    after = _finding(settings, finding_id)
    assert after["claim_verdict"] == "consistent" and after["corrected"]
    assert after["claim_period"] == "2024-12" and after["period"] == "2024-12"
    assert (after["status"], after["reason"]) == ("dismissed", "extraction_mistake")
    [(action, before, event_after, comment)] = after["events"]
    assert action == "correct" and comment == "a stock: end of 2024"
    assert before["status"] == "open" and before["claim"]["period"] == "2024"
    assert before["claim"]["verdict"] == "inconsistent"
    assert event_after["claim"]["period"] == "2024-12"
    assert event_after["claim"]["verdict"] == "consistent"
    assert event_after["status"] == "dismissed"
    page = reviewer.get(f"/findings/{finding_id}").text
    assert "Corrected and verified again: consistent" in page
    assert "closed as an extraction mistake" in page


def test_correction_that_is_still_wrong_keeps_the_finding_open(reviewer: TestClient, seed: Seeder,
                                                               settings: Settings) -> None:
    finding_id = seed.simple()
    claim_id = _claim_id(settings, finding_id)
    assert _correct(reviewer, finding_id, claim_id, value="5,000,000").status_code == 303
    after = _finding(settings, finding_id)
    assert after["status"] == "open" and after["verdict"] == "inconsistent"
    assert after["value"] == 5_000_000.0
    assert after["lower"] == after["upper"] == 5_000_000.0  # an exact figure stays exact
    assert "5 million" in after["summary"] and "inconsistent" in after["summary"]
    assert [e[0] for e in after["events"]] == ["correct"]


def test_a_re_extraction_does_not_undo_a_correction(reviewer: TestClient, seed: Seeder,
                                                    settings: Settings) -> None:
    finding_id = seed.simple()
    claim_id = _claim_id(settings, finding_id)
    _correct(reviewer, finding_id, claim_id)
    with session_scope(settings.db_url) as session:
        finding = get_finding(session, finding_id)
        assert finding is not None
        row = finding.claims[0]
        again = ClaimData(text=row.text, start=row.start, end=row.end, sentence=row.sentence,
                          value=row.value, lower=row.lower, upper=row.upper, unit=row.unit,
                          qualifier=row.qualifier, indicator=row.indicator, geography="CN",
                          period="2024", kind="actual", verdict="inconsistent")
        save_claims(session, row.article_id, [again], "next")
    assert _finding(settings, finding_id)["claim_period"] == "2024-12"


def test_bad_correction_shows_every_error_and_keeps_the_input(reviewer: TestClient, seed: Seeder,
                                                              settings: Settings) -> None:
    finding_id = seed.simple()
    claim_id = _claim_id(settings, finding_id)
    before = _finding(settings, finding_id)
    response = _correct(reviewer, finding_id, claim_id, indicator="made_up_thing",
                        period="2024-13", value="lots", kind="guess")
    assert response.status_code == 400
    html = response.text
    assert "Unknown indicator &#39;made_up_thing&#39;" in html
    assert "Period &#39;2024-13&#39; is not a period" in html
    assert "Value &#39;lots&#39; is not a number" in html
    assert "Kind must be one of" in html
    assert 'value="made_up_thing"' in html and 'value="2024-13"' in html
    assert 'value="lots"' in html
    assert _finding(settings, finding_id) == before  # nothing written

    span = _correct(reviewer, finding_id, claim_id, period="2025/2021")
    assert span.status_code == 400 and "is not a period" in span.text
    other = seed.simple()
    wrong_claim = _correct(reviewer, finding_id, _claim_id(settings, other))
    assert wrong_claim.status_code == 400 and "is not part of finding" in wrong_claim.text
    assert _correct(reviewer, 999, claim_id).status_code == 404
    page = reviewer.get(f"/findings/{finding_id}")
    forged = reviewer.post(f"/findings/{finding_id}/claims/{claim_id}/correct",
                           data={"period": "2024-12", "value": "1", "kind": "actual"})
    assert forged.status_code == 403 and page.status_code == 200
    assert _finding(settings, finding_id) == before


def test_api_correct(client: TestClient, seed: Seeder, settings: Settings) -> None:
    token = seed.user("ana")
    finding_id = seed.simple()
    claim_id = _claim_id(settings, finding_id)
    url = f"/api/findings/{finding_id}/claims/{claim_id}/correct"
    body = {"indicator": "5g_base_stations", "period": "2024-12", "value": 4251000,
            "kind": "actual"}
    assert client.post(url, json=body).status_code == 401
    bad = client.post(url, headers=_auth(token), json={**body, "period": "soon"})
    assert bad.status_code == 400 and "is not a period" in bad.json()["detail"]
    done = client.post(url, headers=_auth(token), json=body)
    assert done.status_code == 200
    assert done.json()["verdict"] == "consistent" and done.json()["closed"] is True
    assert client.post(f"/api/findings/999/claims/{claim_id}/correct", headers=_auth(token),
                       json=body).status_code == 404


def _add(client: TestClient, finding_id: int, **fields: str) -> Any:
    page = client.get("/")
    data = {"indicator": "5g_base_stations", "geography": "CN", "period": "2024-10",
            "value": "4140000", "unit": "count", "qualifier": "exact",
            "publisher": "MIIT", "source_url": "https://www.miit.gov.cn/example-2024-10",
            "published": "2024-11-20", "note": "monthly report", **fields}
    return client.post(f"/findings/{finding_id}/observations",
                       data={"csrf": csrf_of(page.text), **data})


def test_add_an_observation(reviewer: TestClient, seed: Seeder, settings: Settings) -> None:
    finding_id = seed.simple(period="2024-12")
    response = _add(reviewer, finding_id)
    assert response.status_code == 303
    with session_scope(settings.db_url) as session:
        [row] = reviewer_observations(session)
        assert (row.indicator, row.period, row.value, row.publisher, row.added_by) == (
            "5g_base_stations", "2024-10", 4_140_000.0, "MIIT", "ana")
    page = reviewer.get(f"/findings/{finding_id}").text
    assert "Observation added" in page
    svg = re.search(r"<svg .*?</svg>", page, re.S)
    assert svg is not None
    added = [c for c in ET.fromstring(svg.group(0)).findall(".//s:circle", NS)
             if c.get("data-period") == "2024-10"]
    assert len(added) == 1 and float(added[0].get("data-value", "0")) == 4_140_000.0


def test_bad_observation_keeps_what_was_typed(reviewer: TestClient, seed: Seeder,
                                              settings: Settings) -> None:
    finding_id = seed.simple(period="2024-12")
    not_a_number = _add(reviewer, finding_id, value="four million", note="<b>mine</b>")
    assert not_a_number.status_code == 400
    assert "Value &#39;four million&#39; is not a number" in not_a_number.text
    assert 'value="four million"' in not_a_number.text
    assert 'value="&lt;b&gt;mine&lt;/b&gt;"' in not_a_number.text
    bad_period = _add(reviewer, finding_id, period="2024-13")
    assert bad_period.status_code == 400 and "2024-13" in bad_period.text
    assert 'value="2024-13"' in bad_period.text
    unknown = _add(reviewer, finding_id, indicator="made_up")
    assert unknown.status_code == 400 and "unknown indicator" in unknown.text
    bad_date = _add(reviewer, finding_id, published="yesterday")
    assert bad_date.status_code == 400 and "is not a date" in bad_date.text
    missing = _add(reviewer, finding_id, publisher="")
    assert missing.status_code == 400 and "Publisher is required" in missing.text
    with session_scope(settings.db_url) as session:
        assert reviewer_observations(session) == []
    assert _add(reviewer, 999).status_code == 404


def test_observation_form_needs_csrf(reviewer: TestClient, seed: Seeder,
                                     settings: Settings) -> None:
    finding_id = seed.simple(period="2024-12")
    forged = reviewer.post(f"/findings/{finding_id}/observations", data={
        "indicator": "5g_base_stations", "geography": "CN", "period": "2024-10",
        "value": "4140000", "unit": "count", "publisher": "MIIT",
        "source_url": "https://www.miit.gov.cn/x"})
    assert forged.status_code == 403
    with session_scope(settings.db_url) as session:
        assert reviewer_observations(session) == []


def test_claim_text_is_escaped_in_the_chart_and_the_forms(reviewer: TestClient,
                                                          seed: Seeder) -> None:
    evil = "<script>alert(1)</script>"
    claim_text = f"4.25 million{evil}"
    finding_id = seed.finding(text=f"China had {claim_text} stations.",
                              sentence=f"China had {claim_text} stations.",
                              claim_text=claim_text, period="2024-12")
    html = reviewer.get(f"/findings/{finding_id}").text
    assert evil not in html
    svg = re.search(r"<svg .*?</svg>", html, re.S)
    assert svg is not None
    root = ET.fromstring(svg.group(0))  # still well-formed XML
    claim = root.find(".//s:g[@class='claim']/s:title", NS)
    assert claim is not None and evil in (claim.text or "")  # as text, not as markup
    assert root.find(".//s:script", NS) is None
