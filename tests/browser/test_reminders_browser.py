"""The verifier returns a quarter; the person in charge sees it on top of Tugas saya with the
comment and the bell count, fixes it and submits again."""
from datetime import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from iku_web.extensions import db
from iku_web.models import Indicator, Realisasi, Review, User
from tests.browser.conftest import browser_login, menu_go
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.browser

VERIFIER_PASSWORD = "verif-rahasia-123"


@pytest.fixture
def submitted(live_server):
    """Indicator 1, TW I: 95% typed by the person in charge and submitted; the clock is fixed
    three days before the TW I deadline."""
    live_server.app.config["CLOCK"] = lambda: datetime(2023, 4, 7, 8)
    with live_server.app.app_context():
        staff = User(username="staf", role="staff", full_name="Siti Staf")
        verifier = User(username="verif", role="verifier", full_name="Vera Verifikator")
        staff.set_password(STAFF_PASSWORD)
        verifier.set_password(VERIFIER_PASSWORD)
        db.session.add_all([staff, verifier])
        db.session.flush()
        db.session.get(Indicator, 1).pic_user_id = staff.id
        db.session.add(Realisasi(indicator_id=1, quarter=1, value=Decimal(95), version=1,
                                 obstacles="", solutions="", follow_up=""))
        db.session.add(Review(indicator_id=1, quarter=1, status="submitted", comment="",
                              submitted_by_id=staff.id, submitted_at=datetime(2023, 4, 6)))
        db.session.commit()
        db.session.remove()
    return live_server


def test_return_fix_resubmit_with_the_bell(submitted, page):
    url = submitted.url
    browser_login(page, url, "verif", VERIFIER_PASSWORD, landing="/barito-selatan/2023/verifikasi")
    expect(page.locator("#review-count")).to_contain_text("1")
    card = page.locator("#review-1-1")
    expect(card).to_contain_text("3 hari lagi")
    card.get_by_label("Komentar (wajib bila dikembalikan)").fill("Nilai harus 100%, cek SK.")
    card.get_by_role("button", name="Kembalikan").click()
    expect(page.locator("#review-1-1 .review-outcome")).to_have_text(
        "Dikembalikan ke penanggung jawab.")
    page.get_by_role("button", name="Keluar").click()
    # The logout's own answer, before the next page load could cut it short.
    expect(page.get_by_text("Anda telah keluar.")).to_be_visible()

    browser_login(page, url, "staf", STAFF_PASSWORD, landing="/barito-selatan/saya")
    returned = page.locator("#returned-tasks li").first
    expect(returned).to_contain_text("Nilai harus 100%, cek SK.")
    expect(returned).to_contain_text("Triwulan I")
    # the return (a returned quarter gets no separate deadline notice)
    expect(page.locator("#bell-count")).to_have_text("1 belum dibaca")

    menu_go(page, "Realisasi", "Tabel realisasi")
    field = page.get_by_label("Realisasi TW I indikator 1", exact=True)
    expect(page.locator('#rl-row-1 .rl-review[data-status="returned"]')).to_have_count(1)
    field.fill("100")
    expect(page.locator("#state-1-1")).to_have_text("Tersimpan")

    page.goto(f"{url}/saya")
    page.locator("#returned-tasks").get_by_role("link", name="Perbaiki dan ajukan lagi").click()
    page.wait_for_url(f"{url}/barito-selatan/2023/indikator/1#review-tw-1")
    page.get_by_role("button", name="Ajukan verifikasi TW I").click()
    # No evidence: the server asks in place of the button (as a swapped panel, or as the page
    # of the question when the click came before htmx was wired); the answer is a form.
    question = page.locator("#review-tw-1 .review-confirm")
    expect(question).to_contain_text("Belum ada bukti dukung untuk Triwulan I.")
    question.get_by_role("button", name="Ajukan tanpa bukti").click()
    expect(page.locator("#review-tw-1 [data-status=submitted]")).to_be_visible()

    page.goto(f"{url}/saya")
    expect(page.locator("#returned-tasks")).to_have_count(0)
    page.locator("#bell").click()
    # newest first: TW I still lacks evidence 3 days before the deadline, then the return
    items = page.locator("#notifications li")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("(3 hari lagi)")
    expect(items.nth(0)).to_contain_text("bukti dukung belum diunggah")
    expect(items.nth(1)).to_contain_text("Nilai harus 100%, cek SK.")
