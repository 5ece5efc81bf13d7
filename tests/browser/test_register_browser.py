"""The IKU register in real Chromium: log in and edit an indicator in place."""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import browser_login

pytestmark = pytest.mark.browser


def test_admin_edits_indicator_in_place(live_server, page):
    browser_login(page, live_server.url)
    row = page.locator("#iku-rows tr").nth(1)
    row.get_by_role("button", name="Ubah indikator 2").click()
    form_row = page.locator("#iku-rows tr").nth(1)
    form_row.get_by_label("Jenis target").select_option("percent")
    form_row.get_by_label("Target", exact=True).fill("95,5")
    form_row.get_by_role("button", name="Simpan").click()
    saved = page.locator("#iku-rows tr").nth(1)
    expect(saved.locator("td").nth(3)).to_have_text("95,5%")
    expect(saved.get_by_role("button", name="Ubah indikator 2")).to_be_visible()
    page.reload()
    expect(page.locator("#iku-rows tr").nth(1).locator("td").nth(3)).to_have_text("95,5%")


def test_invalid_target_shows_message_and_keeps_value(live_server, page):
    browser_login(page, live_server.url)
    page.get_by_role("button", name="Ubah indikator 1").click()
    form_row = page.locator("#iku-rows tr").first
    form_row.get_by_label("Target", exact=True).fill("abc")
    form_row.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Bukan angka yang valid")).to_be_visible()
    page.reload()
    expect(page.locator("#iku-rows tr").first.locator("td").nth(3)).to_have_text("100%")


def test_expired_form_token_shows_a_visible_message(live_server, page):
    browser_login(page, live_server.url)
    # What an expired token looks like to the server: one it cannot verify.
    page.evaluate("""document.body.setAttribute('hx-headers',
                     JSON.stringify({'X-CSRFToken': 'kedaluwarsa'}))""")
    page.get_by_role("button", name="Turunkan indikator 1").click()
    expect(page.locator("#global-alert")).to_be_visible()
    expect(page.locator("#global-alert")).to_contain_text("Sesi formulir telah kedaluwarsa")
    page.reload()
    expect(page.locator("#iku-rows tr").first).to_contain_text("Terwujudnya Penyelenggaraan")
