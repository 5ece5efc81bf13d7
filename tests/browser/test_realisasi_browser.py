"""The live realisasi table in real Chromium: typing saves, capaian follows, nothing is lost."""
import re
from decimal import Decimal

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from iku_web.extensions import db
from iku_web.models import Realisasi
from tests.browser.conftest import browser_login

pytestmark = pytest.mark.browser


def open_table(page, live_server):
    browser_login(page, live_server.url)
    page.goto(f"{live_server.url}/barito-selatan/2023/realisasi")
    # A marker that a full reload would wipe out.
    page.evaluate("window.__noReload = true")


def cell(page, number, quarter="I"):
    return page.get_by_label(f"Realisasi TW {quarter} indikator {number}", exact=True)


def stored_value(live_server, indicator=1, quarter=1):
    with live_server.app.app_context():
        value = db.session.scalar(sa.select(Realisasi.value).where(
            Realisasi.indicator_id == indicator, Realisasi.quarter == quarter))
        db.session.remove()
        return value


def test_typing_updates_capaian_and_summary_without_reload(live_server, page):
    open_table(page, live_server)
    expect(page.locator("#rl-average")).to_have_text("-")
    expect(page.locator("#ev-1-1")).not_to_contain_text("tanpa bukti")
    cell(page, 1).click()
    page.keyboard.type("75")
    expect(page.locator("#rl-todate-1")).to_contain_text("75%")
    # The quarter now has a realisasi and no evidence: flagged beside the input.
    expect(page.locator("#ev-1-1 .rl-no-evidence")).to_have_text("tanpa bukti")
    expect(page.locator("#rl-cat-1")).to_have_text("Perlu perhatian")
    expect(page.locator("#rl-average")).to_have_text("75%")
    expect(page.locator("#rl-summary")).to_contain_text("Perlu perhatian: 1")
    expect(page.locator("#state-1-1")).to_have_text("Tersimpan")
    assert page.evaluate("window.__noReload") is True
    expect(cell(page, 1)).to_be_focused()
    assert stored_value(live_server) == Decimal(75)


def test_fast_typing_saves_exactly_what_was_typed(live_server, page):
    open_table(page, live_server)
    cell(page, 1).click()
    page.keyboard.type("123,5", delay=0)
    expect(page.locator("#state-1-1")).to_have_text("Tersimpan")
    expect(cell(page, 1)).to_have_value("123,5")
    assert stored_value(live_server) == Decimal("123.5")
    page.reload()
    expect(cell(page, 1)).to_have_value("123,5")


def test_slow_typing_never_conflicts_with_own_saves(live_server, page):
    open_table(page, live_server)
    cell(page, 1).click()
    page.keyboard.type("98765", delay=350)  # each pause longer than the debounce
    expect(page.locator("#state-1-1")).to_have_text("Tersimpan")
    assert stored_value(live_server) == Decimal(98765)


def test_invalid_input_shows_message_and_keeps_saved_value(live_server, page):
    open_table(page, live_server)
    cell(page, 1).click()
    page.keyboard.type("75")
    expect(page.locator("#state-1-1")).to_have_text("Tersimpan")
    page.keyboard.press("Control+A")
    page.keyboard.type("abc")
    expect(page.locator("#state-1-1")).to_contain_text("Bukan angka yang valid")
    expect(cell(page, 1)).to_have_value("abc")  # what the user typed stays in front of them
    expect(cell(page, 1)).to_have_attribute("aria-invalid", "true")
    page.reload()
    expect(cell(page, 1)).to_have_value("75")
    assert stored_value(live_server) == Decimal(75)


def test_enter_moves_down_to_the_same_quarter(live_server, page):
    open_table(page, live_server)
    cell(page, 1, "II").click()
    page.keyboard.type("10")
    page.keyboard.press("Enter")
    expect(cell(page, 2, "II")).to_be_focused()
    page.keyboard.type("20")
    expect(page.locator("#state-2-2")).to_have_text("Tersimpan")
    expect(page.locator("#state-1-2")).to_have_text("Tersimpan")
    assert stored_value(live_server, 1, 2) == Decimal(10)


def test_typing_before_the_scripts_ran_is_still_saved(live_server, page):
    """On a slow link the table is on screen before htmx has wired it; what is typed then must
    be saved once it has, not silently dropped."""
    browser_login(page, live_server.url)
    held = []
    htmx = re.compile(r".*/vendor/htmx-[0-9.]+\.min\.js$")
    page.route(htmx, lambda route: held.append(route))
    with page.expect_request(htmx):
        page.goto(f"{live_server.url}/barito-selatan/2023/realisasi", wait_until="commit")
        cell(page, 1).fill("42")
    expect(page.locator("#state-1-1")).to_have_text("")
    assert held, "htmx was never held"
    held[0].continue_()
    expect(page.locator("#state-1-1")).to_have_text("Tersimpan")
    assert stored_value(live_server) == Decimal(42)


def test_lost_connection_is_visible_and_retried(live_server, page):
    open_table(page, live_server)
    page.route(re.compile(r".*/realisasi/1/1$"), lambda route: route.abort())
    cell(page, 1).click()
    page.keyboard.type("60")
    expect(page.locator("#state-1-1")).to_contain_text("Server tidak dapat dihubungi")
    expect(cell(page, 1)).to_have_value("60")
    page.unroute(re.compile(r".*/realisasi/1/1$"))
    # Retried automatically after a few seconds, without typing again.
    expect(page.locator("#state-1-1")).to_have_text("Tersimpan")
    assert stored_value(live_server) == Decimal(60)


def test_indicator_page_loads_evidence_and_saves_narrative(live_server, page):
    browser_login(page, live_server.url)
    page.goto(f"{live_server.url}/barito-selatan/2023/indikator/1")
    panel = page.locator("#evidence-panel")
    expect(panel).not_to_contain_text("Memuat")
    expect(panel.get_by_role("heading", name="Bukti dukung")).to_have_count(1)
    expect(panel.get_by_label("Unggah bukti Triwulan I", exact=True)).to_be_visible()
    expect(page.locator("#global-alert")).to_be_hidden()
    page.get_by_label("Kendala TW I", exact=True).fill("Hujan deras")
    page.get_by_role("button", name="Simpan catatan TW I", exact=True).click()
    expect(page.locator("#narrative-1")).to_contain_text("Tersimpan")
    page.reload()
    expect(page.get_by_label("Kendala TW I", exact=True)).to_have_value("Hujan deras")
    expect(page.locator("#history")).to_contain_text("Hujan deras")
