"""The live budget table in real Chromium: typing saves, totals follow, the input stays."""
import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from iku_web.extensions import db
from iku_web.models import BudgetRealisasi, Program, Realisasi, Year
from tests.browser.conftest import browser_login

pytestmark = pytest.mark.browser


def add_program(live_server) -> int:
    with live_server.app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        first = year.sasaran[0]
        db.session.add(Realisasi(indicator_id=first.indicators[0].id, quarter=1, value=90))
        program = Program(year_id=year.id, position=1, name="Program Penyelenggaraan Pemilu",
                          pagu=1_000_000_000, sasaran_id=first.id)
        db.session.add(program)
        db.session.commit()
        program_id = program.id
        db.session.remove()
        return program_id


def test_typing_realisasi_anggaran_updates_serapan_without_replacing_the_input(live_server,
                                                                                page):
    pid = add_program(live_server)
    browser_login(page, live_server.url)
    page.goto(f"{live_server.url}/barito-selatan/2023/anggaran")
    page.evaluate("window.__noReload = true")
    box = page.get_by_label("Realisasi anggaran TW I 1", exact=True)
    box.click()
    page.keyboard.type("250.000.000")
    expect(page.locator(f"#bg-serapan-{pid}")).to_have_text("25%")
    expect(page.locator(f"#bg-real-{pid}")).to_have_text("Rp250.000.000")
    expect(page.locator("#bg-total-serapan")).to_have_text("25%")
    expect(page.locator("#bg-sasaran")).to_contain_text("360%")
    expect(page.locator(f"#bg-state-{pid}-1")).to_have_text("Tersimpan")
    expect(box).to_be_focused()
    expect(box).to_have_value("250.000.000")
    # A second edit of the same cell goes with the new version: no conflict.
    page.keyboard.press("Control+A")
    page.keyboard.type("2.500.000.000")  # 250% of the pagu
    expect(page.locator(f"#bg-serapan-{pid}")).to_have_text("250%")
    expect(page.locator(f"#bg-state-{pid}-1")).to_have_text("Tersimpan")
    # Not whole rupiah: the input keeps the typed text, says why, the saved value stays.
    page.keyboard.type(",5")
    expect(page.locator(f"#bg-state-{pid}-1")).to_contain_text("Tulis rupiah utuh")
    expect(box).to_have_value("2.500.000.000,5")
    expect(box).to_have_attribute("aria-invalid", "true")
    assert page.evaluate("window.__noReload") is True
    with live_server.app.app_context():
        assert db.session.scalar(sa.select(BudgetRealisasi.amount)) == 2_500_000_000
        db.session.remove()
