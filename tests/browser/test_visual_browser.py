"""Visual faults that only a browser shows: cut-off fields and columns, fields of other target
kinds, the contrast of "Kembalikan". (Headless Chromium asks for no favicon at all, so the
previews' inline icon is tested through HTTP in test_visual_faults.py.)"""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import browser_login

pytestmark = pytest.mark.browser


def cut_off(locator) -> bool:
    """True when the element's content is wider than the room it has."""
    return locator.evaluate("el => el.scrollWidth > el.clientWidth + 1")


def text_fits(locator, text: str, pseudo: str | None = None) -> bool:
    """Whether `text` in the element's font (or its pseudo-element's) fits its content box."""
    return locator.evaluate("""(el, [text, pseudo]) => {
        const style = getComputedStyle(el);
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = getComputedStyle(el, pseudo).font;
        const room = el.clientWidth - parseFloat(style.paddingLeft)
                     - parseFloat(style.paddingRight);
        return ctx.measureText(text).width <= room;
    }""", [text, pseudo])


def test_indicator_form_fields_fit_and_follow_the_target_kind(live_server, page):
    page.set_viewport_size({"width": 1366, "height": 800})
    browser_login(page, live_server.url)
    page.get_by_role("button", name="Ubah indikator 1").click()
    form = page.locator("#iku-rows tr").first
    polarity = form.get_by_label("Polaritas")
    expect(polarity).to_be_visible()
    chosen = polarity.evaluate("el => el.options[el.selectedIndex].text")
    assert text_fits(polarity, chosen + "    "), chosen  # room for the arrow too
    kind = form.get_by_label("Jenis target")
    expected = {"percent": ("Target", []), "number": ("Target", []),
                "range": ("Target", ["Batas atas"]), "grade": (None, ["Nilai minimal"])}
    for value, (target, extra) in expected.items():
        kind.select_option(value)
        for label in ("Batas atas", "Nilai minimal"):
            field = form.get_by_label(label, exact=True)
            if label in extra:
                expect(field).to_be_visible()
            else:
                expect(field).to_be_hidden()
        target_field = form.get_by_label("Target", exact=True)
        if target:
            expect(target_field).to_be_visible()
        else:
            expect(target_field).to_be_hidden()


def test_realisasi_table_fits_1366_and_placeholder_is_whole(live_server, page):
    page.set_viewport_size({"width": 1366, "height": 800})
    browser_login(page, live_server.url)
    page.goto(f"{live_server.url}/barito-selatan/2023/realisasi")
    wrapper = page.locator("#realisasi-table").locator("xpath=..")
    assert not cut_off(wrapper)
    pic = page.locator("#realisasi-table thead th", has_text="Penanggung jawab")
    box = pic.bounding_box()
    assert box["x"] + box["width"] <= 1366
    cell = page.get_by_label("Realisasi TW I indikator 1", exact=True)
    assert cell.get_attribute("placeholder") == "98,5 atau 230/234"
    assert text_fits(cell, "98,5 atau 230/234", "::placeholder")


def _contrast(page, locator) -> float:
    return locator.evaluate("""el => {
        const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
        const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255;
            return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
            .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
        let bg = getComputedStyle(el).backgroundColor, node = el;
        while (rgb(bg).length && bg.startsWith('rgba') && bg.endsWith(', 0)')) {
            node = node.parentElement; bg = getComputedStyle(node).backgroundColor; }
        const a = lum(rgb(getComputedStyle(el).color)), b = lum(rgb(bg));
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }""")


def test_return_button_has_enough_contrast(live_server, page):
    from decimal import Decimal

    from iku_web.extensions import db
    from iku_web.models import Realisasi, Review
    browser_login(page, live_server.url)  # first: a waiting review changes the landing page
    with live_server.app.app_context():
        db.session.add_all([Realisasi(indicator_id=1, quarter=1, value=Decimal("95")),
                            Review(indicator_id=1, quarter=1, status="submitted")])
        db.session.commit()
        db.session.remove()
    page.goto(f"{live_server.url}/barito-selatan/2023/verifikasi")
    button = page.get_by_role("button", name="Kembalikan").first
    expect(button).to_be_visible()
    assert _contrast(page, button) >= 4.5

