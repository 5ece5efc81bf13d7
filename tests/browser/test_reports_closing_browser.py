"""The closing line shown on /<tahun>/laporan follows the date chosen in the form."""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import browser_login

pytestmark = pytest.mark.browser


def test_closing_line_follows_the_chosen_date(live_server, page):
    browser_login(page, live_server.url)
    page.goto(f"{live_server.url}/barito-selatan/2023/laporan")
    page.get_by_label("Tanggal").select_option("15")
    page.get_by_label("Bulan").select_option(label="Januari")
    page.get_by_label("Tahun", exact=True).fill("2024")
    page.get_by_label("Tahun", exact=True).blur()
    expect(page.locator("#closing-preview")).to_have_text("Buntok, 15 Januari 2024")
    page.get_by_label("Tanggal").select_option("")
    expect(page.locator("#closing-preview")).to_have_text("Buntok, Januari 2024")
