"""A verifier approves a submitted quarter; the realisasi table then shows it read-only."""
from datetime import datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from iku_web.extensions import db
from iku_web.models import Realisasi, Review, User
from tests.browser.conftest import browser_login, menu_go

pytestmark = pytest.mark.browser

PASSWORD = "verif-rahasia-123"


@pytest.fixture
def submitted(live_server):
    """Indicator 1, TW I: 95% filled and submitted; a verifier account."""
    with live_server.app.app_context():
        user = User(username="verif", role="verifier", full_name="Vera Verifikator")
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.add(Realisasi(indicator_id=1, quarter=1, value=Decimal(95), version=1,
                                 obstacles="", solutions="", follow_up=""))
        db.session.add(Review(indicator_id=1, quarter=1, status="submitted", comment="",
                              submitted_at=datetime.now()))
        db.session.commit()
        db.session.remove()
    return live_server


def test_verifier_approves_and_the_cell_becomes_read_only(submitted, page):
    url = submitted.url
    browser_login(page, url, "verif", PASSWORD, landing="/barito-selatan"
                                                        "/2023/verifikasi")  # queue not empty
    menu_go(page, "Realisasi", "Tabel realisasi")
    expect(page.locator("#rl-input-1-1")).to_be_visible()  # editable before approval

    menu_go(page, "Realisasi", "Verifikasi")
    # The approve button works without htmx too (a plain post), but this test checks the htmx
    # answer: wait until the page's scripts have run.
    page.wait_for_url(f"{url}/barito-selatan/2023/verifikasi")
    card = page.locator("#review-1-1")
    expect(card).to_contain_text("95%")
    card.get_by_role("button", name="Setujui").click()
    expect(page.locator("#review-1-1 .review-outcome")).to_have_text("Disetujui dan dikunci.")
    expect(page.locator("#review-1-1 [data-status=approved]")).to_be_visible()

    menu_go(page, "Realisasi", "Tabel realisasi")
    row = page.locator("#rl-row-1")
    expect(row.locator(".rl-lock")).to_have_count(1)
    expect(page.locator("#rl-input-1-1")).to_have_count(0)
    expect(row.locator(".rl-value")).to_have_text("95%")
    expect(page.locator("#rl-input-1-2")).to_be_editable()


@pytest.fixture
def filled(live_server):
    """Indicator 1, TW I: 95% filled, no evidence file, not submitted."""
    with live_server.app.app_context():
        db.session.add(Realisasi(indicator_id=1, quarter=1, value=Decimal(95), version=1,
                                 obstacles="", solutions="", follow_up=""))
        db.session.commit()
        db.session.remove()
    return live_server


def _review_status(server):
    with server.app.app_context():
        review = db.session.scalar(sa.select(Review).where(Review.indicator_id == 1,
                                                           Review.quarter == 1))
        status = review.status if review else None
        db.session.remove()
    return status


def test_submit_without_evidence_asks_in_the_panel(filled, page):
    """htmx: the question replaces the button, Batal brings it back, the answer submits."""
    url = filled.url
    browser_login(page, url)
    page.goto(f"{url}/barito-selatan/2023/indikator/1")  # waits for the load event: htmx is wired
    page.get_by_role("button", name="Ajukan verifikasi TW I").click()
    question = page.locator("#review-tw-1 .review-confirm")
    expect(question).to_contain_text("Belum ada bukti dukung untuk Triwulan I. Ajukan tanpa "
                                      "bukti?")
    expect(question.get_by_role("button", name="Ajukan tanpa bukti")).to_be_focused()
    assert page.url == f"{url}/barito-selatan/2023/indikator/1"  # swapped in place, no page load
    assert _review_status(filled) is None

    question.get_by_role("link", name="Batal").click()
    expect(page.get_by_role("button", name="Ajukan verifikasi TW I")).to_be_visible()
    expect(page.locator(".review-confirm")).to_have_count(0)
    assert _review_status(filled) is None

    page.get_by_role("button", name="Ajukan verifikasi TW I").click()
    question.get_by_role("button", name="Ajukan tanpa bukti").click()
    expect(page.locator("#review-tw-1 [data-status=submitted]")).to_be_visible()
    expect(page.locator("#review-panel .review-outcome")).to_have_text(
        "Triwulan I: Diajukan untuk verifikasi.")
    assert _review_status(filled) == "submitted"


def test_submit_without_evidence_asks_without_javascript(filled, browser):
    """A browser without JavaScript gets the same question as a page, and its answer is a
    plain form post."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        url = filled.url
        browser_login(page, url)
        page.goto(f"{url}/barito-selatan/2023/indikator/1")
        page.get_by_role("button", name="Ajukan verifikasi TW I").click()
        page.wait_for_url(f"{url}/barito-selatan/2023/indikator/1?ajukan=1#review-tw-1")
        question = page.locator("#review-tw-1 .review-confirm")
        expect(question).to_contain_text("Belum ada bukti dukung untuk Triwulan I.")
        assert _review_status(filled) is None
        question.get_by_role("button", name="Ajukan tanpa bukti").click()
        page.wait_for_url(f"{url}/barito-selatan/2023/indikator/1")
        expect(page.get_by_text("Diajukan untuk verifikasi.")).to_be_visible()
        expect(page.locator("#review-tw-1 [data-status=submitted]")).to_be_visible()
        assert _review_status(filled) == "submitted"
    finally:
        context.close()
