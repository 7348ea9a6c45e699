"""The queue in a real browser: log in, confirm with the keyboard, dismiss with a reason,
undo, and read all three in the audit trail."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from claimwatch.settings import PROJECT_DIR, Settings
from review.app import create_app
from store.db import session_scope
from store.findings import events_for, get_finding
from tests.review.review_helpers import PASSWORD, Seeder

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = PROJECT_DIR / "var" / "screenshots"


def _need_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = f"{CHROMIUM} is missing (apt-get install -y chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def live_url(settings: Settings) -> Iterator[str]:
    """The real app under uvicorn on a loopback port, in a thread."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def _state(settings: Settings, finding_id: int) -> tuple[str, str | None, list[str]]:
    with session_scope(settings.db_url) as session:
        finding = get_finding(session, finding_id)
        assert finding is not None
        return (finding.status, finding.dismiss_reason,
                [e.action for e in events_for(session, finding_id)])


def test_review_in_the_browser(live_url: str, seed: Seeder, settings: Settings) -> None:
    _need_chromium()
    from playwright.sync_api import expect, sync_playwright

    seed.user("ana", "reviewer")
    first = seed.simple(summary="5G base stations overstated", severity=0.9)
    second = seed.finding(text="导语。截至2024年底，全国5G基站总数达425.1万个。",
                          sentence="截至2024年底，全国5G基站总数达425.1万个。",
                          claim_text="425.1万个", summary="5G基站数字与工信部不符", severity=0.5)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.set_default_timeout(10_000)

            page.goto(live_url + "/")
            expect(page).to_have_url(live_url + "/login")
            page.fill("input[name=name]", "ana")
            page.fill("input[name=password]", PASSWORD)
            page.screenshot(path=str(SCREENSHOTS / "login.png"))
            with page.expect_navigation():
                page.click("button[type=submit]")
            expect(page).to_have_url(live_url + "/")
            expect(page.locator("#queue .item")).to_have_count(2)
            expect(page.locator(f"#finding-{second} mark")).to_have_text("425.1万个")

            page.keyboard.press("?")
            expect(page.locator("#help-dialog")).to_be_visible()
            page.screenshot(path=str(SCREENSHOTS / "shortcuts.png"))
            page.keyboard.press("Escape")
            expect(page.locator("#help-dialog")).to_be_hidden()

            # j selects the first (most severe) finding, c confirms it
            page.keyboard.press("j")
            expect(page.locator(f"#finding-{first}")).to_have_class("item selected")
            page.screenshot(path=str(SCREENSHOTS / "queue.png"), full_page=True)
            with page.expect_navigation():
                page.keyboard.press("c")
            expect(page.locator(f"#finding-{first}")).to_have_count(0)
            assert _state(settings, first) == ("confirmed", None, ["confirm"])

            # d asks for the reason, then dismisses
            page.keyboard.press("j")
            expect(page.locator(f"#finding-{second}")).to_have_class("item selected")
            page.keyboard.press("d")
            expect(page.locator("#dismiss-dialog")).to_be_visible()
            page.select_option("#dismiss-reason", "duplicate")
            page.screenshot(path=str(SCREENSHOTS / "dismiss-dialog.png"))
            with page.expect_navigation():
                page.click("#dismiss-ok")
            expect(page.locator("#queue .item")).to_have_count(0)
            assert _state(settings, second) == ("dismissed", "duplicate", ["dismiss"])

            # u takes the dismissal back: the finding is in the queue again
            expect(page.locator("#undo-form")).to_contain_text("dismiss")
            with page.expect_navigation():
                page.keyboard.press("u")
            expect(page.locator(".flash")).to_contain_text("Undone: your dismiss")
            expect(page.locator(f"#finding-{second}")).to_have_count(1)
            page.screenshot(path=str(SCREENSHOTS / "undone.png"), full_page=True)
            assert _state(settings, second) == ("open", None, ["dismiss", "undo"])
            assert _state(settings, first) == ("confirmed", None, ["confirm"])

            # the audit trail on the detail pages: confirm; dismiss, then its undo
            page.goto(f"{live_url}/findings/{first}")
            row = page.locator("tr.event")
            expect(row).to_have_count(1)
            expect(row).to_contain_text("ana")
            expect(row).to_contain_text("confirm")
            expect(row.locator("td").nth(3)).to_have_text("open")
            expect(row.locator("td").nth(4)).to_have_text("confirmed")
            expect(page.locator("figure.chart svg g.claim")).to_have_count(1)
            page.screenshot(path=str(SCREENSHOTS / "finding-confirmed.png"), full_page=True)

            page.goto(f"{live_url}/findings/{second}")
            rows = page.locator("tr.event")
            expect(rows).to_have_count(2)
            expect(rows.nth(0).locator("td").nth(2)).to_have_text("dismiss")
            expect(rows.nth(0).locator("td").nth(4)).to_have_text("dismissed (duplicate)")
            expect(rows.nth(1).locator("td").nth(1)).to_have_text("ana")
            expect(rows.nth(1).locator("td").nth(2)).to_have_text("undo")
            expect(rows.nth(1).locator("td").nth(3)).to_have_text("dismissed (duplicate)")
            expect(rows.nth(1).locator("td").nth(4)).to_have_text("open")
            expect(page.locator(".sentence mark")).to_have_text("425.1万个")
            page.screenshot(path=str(SCREENSHOTS / "finding-undone.png"), full_page=True)

            # the dashboard draws without a script of its own
            page.goto(f"{live_url}/dashboard")
            expect(page.locator("svg.bar-chart rect.bar")).to_have_count(30)
            page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)
        finally:
            browser.close()


def test_a_finding_reviewed_end_to_end_in_the_browser(live_url: str, seed: Seeder,
                                                      settings: Settings) -> None:
    """What the queue test above leaves out, as an admin would do it: land on a finding from
    a link (login in between), weigh it against what other outlets said and read the article,
    silence its alerts, correct its extraction, add a reference figure (a wrong one first),
    bulk-dismiss two findings and undo that as one, and download an export."""
    _need_chromium()
    from playwright.sync_api import expect, sync_playwright

    seed.user("root", "admin")
    first = seed.simple(summary="Harbour Post overstates 5G", severity=0.9,
                        publisher="Harbour Post")
    ledger = seed.finding(text="导语。截至2024年底，全国5G基站总数达425.1万个。",
                          sentence="截至2024年底，全国5G基站总数达425.1万个。",
                          claim_text="425.1万个", summary="东方账本的5G数字", severity=0.6,
                          publisher="Eastern Ledger", title="东方账本：5G基站")
    bulk = [seed.simple(summary=f"wire copy {n}", severity=0.2 - n / 10, publisher="Wire")
            for n in range(2)]
    with session_scope(settings.db_url) as session:
        finding = get_finding(session, first)
        assert finding is not None
        fingerprint, claim_id = finding.fingerprint, finding.claims[0].id
    shots = SCREENSHOTS / "walkthrough"
    shots.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900}, accept_downloads=True)
            page.set_default_timeout(10_000)

            # a link to a finding, followed while signed out, comes back to it after login
            page.goto(f"{live_url}/findings/{first}")
            expect(page).to_have_url(f"{live_url}/login?next=/findings/{first}")
            page.fill("input[name=name]", "root")
            page.fill("input[name=password]", PASSWORD)
            with page.expect_navigation():
                page.click("button[type=submit]")
            expect(page).to_have_url(f"{live_url}/findings/{first}")

            # what the other outlets said, and the Chinese article with its claim marked
            other = page.locator("#others tr.other-claim", has_text="Eastern Ledger")
            expect(other).to_contain_text("425.1万个")
            expect(other.locator(f'a[href="/findings/{ledger}"]')).to_have_count(1)
            page.screenshot(path=str(shots / "finding.png"), full_page=True)
            with page.expect_navigation():
                other.locator("a").first.click()
            expect(page.locator("#article-text mark")).to_have_text("425.1万个")
            page.screenshot(path=str(shots / "article.png"), full_page=True)

            # silence this finding's alerts: the silences page comes prefilled
            page.goto(f"{live_url}/findings/{first}")
            with page.expect_navigation():
                page.click("a.silence-link")
            expect(page.locator("input[name=fingerprint]")).to_have_value(fingerprint)
            page.fill("input[name=comment]", "known, asked the outlet")
            with page.expect_navigation():
                page.click("form.alert-form button[type=submit]")
            expect(page.locator("table.alert-silences")).to_contain_text(fingerprint)

            # the extractor misread the period: put it right, the claim checks out, closed
            page.goto(f"{live_url}/findings/{first}")
            form = page.locator(f"#correct-{claim_id}")
            form.locator("input[name=period]").fill("2023-09")
            form.locator("input[name=value]").fill("3,189,000")
            with page.expect_navigation():
                form.locator("button[type=submit]").click()
            expect(page.locator(".flash")).to_contain_text("closed as an extraction mistake")
            expect(page.locator(".badges")).to_contain_text("dismissed: extraction_mistake")
            expect(page.locator("tr.event").last).to_contain_text("correct")
            page.screenshot(path=str(shots / "corrected.png"), full_page=True)

            # a reference figure: a typo is refused with what was typed kept, then added
            page.goto(f"{live_url}/findings/{ledger}")
            add = page.locator("#observation-form")
            add.locator("input[name=period]").fill("2025-06")
            add.locator("input[name=value]").fill("4.9 million")
            add.locator("input[name=publisher]").fill("Test Statistics Office")
            add.locator("input[name=source_url]").fill("https://stats.example.org/5g")
            add.locator("input[name=published]").fill("2025-07-20")
            with page.expect_navigation():
                add.locator("button[type=submit]").click()
            expect(page.locator("#observation-form ul.error")).to_contain_text("not a number")
            expect(add.locator("input[name=publisher]")).to_have_value("Test Statistics Office")
            add.locator("input[name=value]").fill("4,900,000")
            with page.expect_navigation():
                add.locator("button[type=submit]").click()
            expect(page.locator(".flash")).to_contain_text("Observation added: 5g_base_stations")

            # the queue: tick two findings and dismiss both at once
            page.goto(f"{live_url}/")
            for finding_id in bulk:
                page.check(f"#finding-{finding_id} input[name=ids]")
            page.select_option("#bulk-action", "dismiss")
            page.select_option("#bulk-reason", "duplicate")
            with page.expect_navigation():
                page.click("#bulk-form button[type=submit]")
            expect(page.locator(".flash")).to_have_text("dismiss: 2 findings.")
            for finding_id in bulk:
                expect(page.locator(f"#finding-{finding_id}")).to_have_count(0)
                assert _state(settings, finding_id) == ("dismissed", "duplicate", ["dismiss"])
            page.screenshot(path=str(shots / "queue-after-bulk.png"), full_page=True)

            # the two were one decision: u takes both back
            expect(page.locator("#last-decision")).to_contain_text("2 findings at once")
            with page.expect_navigation():
                page.keyboard.press("u")
            expect(page.locator(".flash")).to_contain_text("Undone: your dismiss of 2 findings")
            for finding_id in bulk:
                expect(page.locator(f"#finding-{finding_id}")).to_have_count(1)
                assert _state(settings, finding_id) == ("open", None, ["dismiss", "undo"])
            page.screenshot(path=str(shots / "queue-after-bulk-undo.png"), full_page=True)

            # an export is a file a spreadsheet program opens
            with page.expect_download() as download:
                page.click("text=findings CSV")
            name = download.value.suggested_filename
            assert name.startswith("claimwatch-findings-") and name.endswith(".csv")
            saved = download.value.path()
            assert saved.read_text(encoding="utf-8-sig").startswith("id,type,verdict")
        finally:
            browser.close()
