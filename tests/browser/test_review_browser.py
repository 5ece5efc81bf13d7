"""A verifier approves a submitted quarter; the realisasi table then shows it read-only."""
from datetime import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from iku_web.extensions import db
from iku_web.models import Realisasi, Review, User
from tests.browser.conftest import browser_login

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
    browser_login(page, url, "verif", PASSWORD, landing="/2023/verifikasi")  # queue not empty
    page.get_by_role("link", name="Realisasi").click()
    expect(page.locator("#rl-input-1-1")).to_be_visible()  # editable before approval

    page.get_by_role("link", name="Verifikasi").click()
    # The approve button works without htmx too (a plain post), but this test checks the htmx
    # answer: wait until the page's scripts have run.
    page.wait_for_url(f"{url}/2023/verifikasi")
    card = page.locator("#review-1-1")
    expect(card).to_contain_text("95%")
    card.get_by_role("button", name="Setujui").click()
    expect(page.locator("#review-1-1 .review-outcome")).to_have_text("Disetujui dan dikunci.")
    expect(page.locator("#review-1-1 [data-status=approved]")).to_be_visible()

    page.get_by_role("link", name="Realisasi").click()
    row = page.locator("#rl-row-1")
    expect(row.locator(".rl-lock")).to_have_count(1)
    expect(page.locator("#rl-input-1-1")).to_have_count(0)
    expect(row.locator(".rl-value")).to_have_text("95%")
    expect(page.locator("#rl-input-1-2")).to_be_editable()
