"""The category preset buttons ask before replacing the table, without inline script."""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import browser_login

pytestmark = pytest.mark.browser


def test_preset_asks_first_and_dismissing_keeps_the_table(live_server, page):
    browser_login(page, live_server.url)
    page.goto(f"{live_server.url}/pengaturan/capaian")
    assert "onclick=" not in page.content()
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Muat preset LKjIP (lima kategori)").click()
    expect(page.get_by_label("Label kategori 1")).to_have_value("Tercapai")
    assert asked == ["Ganti tabel kategori dengan preset ini?"]
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Muat preset LKjIP (lima kategori)").click()
    expect(page.get_by_label("Label kategori 1")).to_have_value("Sangat Baik")
