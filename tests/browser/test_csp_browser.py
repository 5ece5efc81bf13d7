"""Under the Content-Security-Policy, htmx, the live realisasi table, an upload and the print
preview work in real Chromium with no policy violation reported."""
import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from iku_web.extensions import db
from iku_web.models import Indicator
from tests import evidence_samples as samples
from tests.browser.conftest import browser_login

pytestmark = pytest.mark.browser

# Runs before any page script, outside the policy (Playwright injects it).
RECORD_VIOLATIONS = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});"""


@pytest.fixture
def watched(page):
    console = []
    page.on("console", lambda msg: console.append(msg.text))
    page.add_init_script(RECORD_VIOLATIONS)
    yield page, console
    policy_messages = [text for text in console if "Content Security Policy" in text]
    assert policy_messages == []


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def test_live_table_and_upload_work_under_the_policy(live_server, watched):
    page, _console = watched
    browser_login(page, live_server.url)
    page.goto(f"{live_server.url}/barito-selatan/2023/realisasi")
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    page.get_by_label("Realisasi TW I indikator 1", exact=True).click()
    page.keyboard.type("75")
    expect(page.locator("#state-1-1")).to_have_text("Tersimpan")
    expect(page.locator("#rl-todate-1")).to_contain_text("75%")
    assert violations(page) == []

    with live_server.app.app_context():
        indicator_id = db.session.scalar(sa.select(Indicator.id).where(Indicator.position == 1))
        db.session.remove()
    page.goto(f"{live_server.url}/barito-selatan/2023/indikator/{indicator_id}/bukti")
    card = page.locator("#bukti-tw-1")
    card.get_by_label("Unggah bukti Triwulan I").set_input_files([{
        "name": "bukti.pdf", "mimeType": "application/pdf", "buffer": samples.pdf("csp")}])
    card.get_by_role("button", name="Unggah", exact=True).click()
    expect(page.locator("#bukti-tw-1").get_by_role("status")).to_contain_text(
        "berhasil diunggah")
    assert violations(page) == []


def test_year_switch_and_print_preview_work_under_the_policy(live_server, watched):
    page, _console = watched
    page.goto(f"{live_server.url}/barito-selatan/2023/iku")
    # The switch submits its form (static JS) and the server sends the page back: wait for that
    # navigation to end, or the next goto races it and is aborted.
    with page.expect_navigation(url=f"{live_server.url}/barito-selatan/2023/iku"):
        page.locator("#year-select").select_option("2023")
    page.goto(f"{live_server.url}/barito-selatan/2023/laporan/iku.html")
    # The preview's own <style> applies (it carries the response's nonce).
    assert page.evaluate("getComputedStyle(document.documentElement).backgroundColor") \
        == "rgb(238, 238, 238)"
    assert violations(page) == []
