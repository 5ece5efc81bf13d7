"""Deleting an empty sasaran asks first (the app's data-confirm pattern, no inline script):
dismissing keeps it, accepting deletes it."""
import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from iku_web.extensions import db
from iku_web.models import Sasaran, Year
from tests.browser.conftest import answer_confirm, browser_login

pytestmark = pytest.mark.browser


def test_deleting_an_empty_sasaran_asks_first(live_server, page):
    with live_server.app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        db.session.add(Sasaran(year_ref=year, position=7, name="Sasaran kosong"))
        db.session.commit()
        db.session.remove()
    browser_login(page, live_server.url)
    page.goto(f"{live_server.url}/barito-selatan/2023/sasaran")
    page.get_by_role("button", name="Hapus sasaran 7").click()
    answer_confirm(page, "Hapus sasaran 7 (Sasaran kosong)?", yes=False)
    expect(page.get_by_role("button", name="Hapus sasaran 7")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Hapus sasaran 7").click()
        answer_confirm(page, "Hapus sasaran 7 (Sasaran kosong)?")
    expect(page.get_by_role("button", name="Hapus sasaran 7")).to_have_count(0)
