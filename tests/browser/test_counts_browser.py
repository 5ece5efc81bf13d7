"""Counts that follow what the user just did: the Bukti column of the indicator page after an
upload, and the Tugas saya badge while a realisasi is typed."""
from datetime import date, datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from iku_web.extensions import db
from iku_web.models import Evidence, Indicator, Realisasi, User
from iku_web.monitoring import service
from tests import evidence_samples as samples
from tests.browser.conftest import answer_confirm, browser_login
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.browser


def bukti_cell(page, quarter: int):
    return page.locator("#quarters tbody tr").nth(quarter - 1).locator("td").nth(2)


def test_bukti_column_follows_upload_and_delete(live_server, page):
    browser_login(page, live_server.url)
    page.goto(f"{live_server.url}/barito-selatan/2023/indikator/1")
    expect(bukti_cell(page, 3)).to_have_text("0")
    card = page.locator("#bukti-tw-3")
    card.get_by_label("Unggah bukti Triwulan III").set_input_files([{
        "name": "sk.pdf", "mimeType": "application/pdf", "buffer": samples.pdf("tw3")}])
    card.get_by_role("button", name="Unggah", exact=True).click()
    expect(card.get_by_role("status")).to_contain_text("berhasil diunggah")
    expect(bukti_cell(page, 3)).to_have_text("1")
    card.get_by_role("button", name="Hapus sk.pdf").click()
    answer_confirm(page, "Hapus berkas sk.pdf")
    expect(bukti_cell(page, 3)).to_have_text("0")


@pytest.fixture
def staff_with_one_task(live_server, monkeypatch):
    """Mid-July 2023: TW I of indicator 1 is done, TW II has evidence but no realisasi."""
    monkeypatch.setattr(service, "today", lambda: date(2023, 7, 15))
    with live_server.app.app_context():
        user = User(username="staf", role="staff", full_name="Siti Staf")
        user.set_password(STAFF_PASSWORD)
        db.session.add(user)
        db.session.flush()
        db.session.get(Indicator, 1).pic_user_id = user.id
        db.session.add(Realisasi(indicator_id=1, quarter=1, value=Decimal(90), version=1))
        for quarter in (1, 2):
            db.session.add(Evidence(indicator_id=1, quarter=quarter, original_name="a.pdf",
                                    stored_name=f"x{quarter}.pdf", content_type="application/pdf",
                                    size=1, sha256=str(quarter) * 64, uploaded_at=datetime.now()))
        db.session.commit()
        db.session.remove()
    return live_server


def test_task_badge_follows_typing(staff_with_one_task, page):
    url = staff_with_one_task.url
    browser_login(page, url, "staf", STAFF_PASSWORD, landing="/barito-selatan/saya")
    expect(page.locator("#task-count")).to_contain_text("1")
    page.goto(f"{url}/barito-selatan/2023/realisasi")
    cell = page.get_by_label("Realisasi TW II indikator 1", exact=True)
    cell.click()
    page.keyboard.type("95")
    expect(page.locator("#state-1-2")).to_have_text("Tersimpan")
    expect(page.locator("#task-count")).to_have_count(0)
    cell.fill("")
    expect(page.locator("#task-count")).to_contain_text("1")
