"""Issuing from the reports page in real Chromium: the chosen options go with the request, the
confirmation is asked, and the cell shows the new version."""
import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from iku_web.extensions import db
from iku_web.models import IssuedDocument
from tests.browser.conftest import answer_confirm, browser_login

pytestmark = pytest.mark.browser


def test_admin_issues_the_pengukuran_of_a_quarter_and_scans_its_page(live_server, page):
    browser_login(page, live_server.url)
    page.goto(f"{live_server.url}/barito-selatan/2023/laporan")
    page.get_by_label("Ukuran kertas").select_option("f4")
    page.get_by_label("Periode").select_option("2")
    page.locator("#issued-pengukuran").get_by_role("button", name="Terbitkan").click()
    answer_confirm(page, "tidak dapat diubah")
    cell = page.locator("#issued-pengukuran")
    expect(cell).to_contain_text("Diterbitkan: versi 1")
    expect(cell).to_contain_text("Laporan Pengukuran Kinerja Triwulan II Tahun 2023 versi 1")
    with live_server.app.app_context():
        doc = db.session.scalar(sa.select(IssuedDocument))
        code, display = doc.code, doc.code_display
        assert (doc.quarter, doc.details.count('"F4"')) == (2, 1)
    expect(page.locator("#issued-iku")).to_contain_text("Belum diterbitkan")
    # What a phone opens after scanning: the public check, no login needed.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/cek/{code}")
    expect(page.locator("#check-result")).to_contain_text("asli dan berlaku")
    expect(page.get_by_text(display).first).to_be_visible()
