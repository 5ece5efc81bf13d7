"""A staff member with an unfilled indicator logs in, lands on Tugas saya, and goes to fill it."""
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from iku_web.extensions import db
from iku_web.models import Indicator, Realisasi, User
from iku_web.monitoring import service
from tests.browser.conftest import browser_login
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.browser

NAME = "Terwujudnya Penyelenggaraan Pemilu sesuai jadwal"


@pytest.fixture
def staff_with_work(live_server, monkeypatch):
    # The server runs in this process, so fixing the date here fixes it for the app too.
    monkeypatch.setattr(service, "today", lambda: date(2023, 7, 15))
    with live_server.app.app_context():
        user = User(username="staf", role="staff", full_name="Siti Staf", unit="Subbagian Teknis")
        user.set_password(STAFF_PASSWORD)
        db.session.add(user)
        db.session.flush()
        db.session.get(Indicator, 1).pic_user_id = user.id
        db.session.add(Realisasi(indicator_id=1, quarter=1, value=Decimal(0), version=1))
        db.session.commit()
        db.session.remove()
    return live_server


def test_staff_lands_on_tasks_and_clicks_through_to_realisasi(staff_with_work, page):
    url = staff_with_work.url
    browser_login(page, url, "staf", STAFF_PASSWORD, landing="/barito-selatan/saya")
    # TW I holds 0 (filled, no evidence), TW II is empty: two open items.
    expect(page.locator("#task-count")).to_contain_text("2")
    item = page.locator('[data-indicator="1"]')
    expect(item).to_contain_text(NAME)
    expect(item).to_contain_text("Belum diisi Triwulan II")
    expect(item).to_contain_text("Tanpa bukti dukung Triwulan I")
    item.get_by_role("link", name="Isi realisasi").click()
    page.wait_for_url(f"{url}/barito-selatan/2023/realisasi#rl-row-1")
    expect(page.get_by_label("Realisasi TW II indikator 1", exact=True)).to_be_editable()


def test_admin_navbar_fits_one_line_at_1280(live_server, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    browser_login(page, live_server.url)
    nav = page.locator("nav.navbar")
    expect(nav.locator("summary", has_text="Pengaturan")).to_be_visible()
    box = nav.bounding_box()
    assert box["height"] < 70, box  # one row of links; two rows would be about 95 px
