"""The category preset buttons ask before replacing the table, without inline script."""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import answer_confirm, browser_login

pytestmark = pytest.mark.browser


def test_preset_asks_first_and_dismissing_keeps_the_table(live_server, page):
    browser_login(page, live_server.url)
    page.goto(f"{live_server.url}/pengaturan/capaian")
    assert "onclick=" not in page.content()
    page.get_by_role("button", name="Muat preset LKjIP (lima kategori)").click()
    answer_confirm(page, "Ganti tabel kategori dengan preset ini?", yes=False)
    expect(page.get_by_label("Label kategori 1")).to_have_value("Tercapai")
    page.get_by_role("button", name="Muat preset LKjIP (lima kategori)").click()
    answer_confirm(page, "Ganti tabel kategori dengan preset ini?")
    expect(page.get_by_label("Label kategori 1")).to_have_value("Sangat Baik")
