"""The queue's "Pilih semua" checkbox, under the Content-Security-Policy: it ticks every item,
follows the items ticked by hand, and a bulk approval of all of them locks them all."""
from datetime import datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from iku_web.extensions import db
from iku_web.models import Realisasi, Review
from tests.browser.conftest import browser_login
from tests.browser.test_csp_browser import violations, watched  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


@pytest.fixture
def three_submitted(live_server):
    with live_server.app.app_context():
        for iid in (1, 2, 6):
            db.session.add(Realisasi(indicator_id=iid, quarter=1, value=Decimal(100), version=1,
                                     obstacles="", solutions="", follow_up=""))
            db.session.add(Review(indicator_id=iid, quarter=1, status="submitted", comment="",
                                  submitted_at=datetime.now()))
        db.session.commit()
        db.session.remove()
    return live_server


def test_select_all_ticks_every_item_and_approves_them(three_submitted, watched):  # noqa: F811
    page, _console = watched
    url = three_submitted.url
    browser_login(page, url, landing="/barito-selatan/2023/verifikasi")  # the queue is not empty
    items = page.locator('input[name="item"]')
    expect(items).to_have_count(3)
    master = page.get_by_label("Pilih semua")
    master.check()
    for i in range(3):
        expect(items.nth(i)).to_be_checked()
    items.nth(1).uncheck()  # one by hand: "all" is no longer true
    expect(master).not_to_be_checked()
    assert page.evaluate("document.getElementById('pilih-semua').indeterminate") is True
    items.nth(1).check()
    expect(master).to_be_checked()
    page.get_by_role("button", name="Setujui yang dipilih").click()
    expect(page.get_by_text("3 isian disetujui dan dikunci.")).to_be_visible()
    with three_submitted.app.app_context():
        statuses = set(db.session.scalars(sa.select(Review.status)))
        db.session.remove()
    assert statuses == {"approved"}
    assert violations(page) == []
