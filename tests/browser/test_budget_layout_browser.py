"""The budget page at phone and desktop width: cards on a phone (as the realisasi table), and
every quarter input shows "Rp1.234.567.000" whole, nothing clipped."""
import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from iku_web.extensions import db
from iku_web.models import BudgetRealisasi, Program, Year
from tests.browser.conftest import browser_login

pytestmark = pytest.mark.browser

AMOUNT = 1_234_567_000
TYPED = "Rp1.234.567.000"


def budget_year(live_server) -> tuple[int, int, int]:
    """A program with a kegiatan (every quarter filled with the widest amount) and a program
    without kegiatan."""
    with live_server.app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        program = Program(year_id=year.id, position=1, name="Program Penyelenggaraan Pemilu",
                          sasaran_id=year.sasaran[0].id)
        kegiatan = Program(year_id=year.id, position=1, name="Fasilitasi logistik",
                           pagu=9 * AMOUNT)
        program.kegiatan.append(kegiatan)
        support = Program(year_id=year.id, position=2, name="Program Dukungan Manajemen",
                          pagu=9 * AMOUNT)
        db.session.add_all([program, support])
        db.session.flush()
        db.session.add_all(BudgetRealisasi(program_id=kegiatan.id, quarter=q, amount=AMOUNT,
                                           version=1) for q in (1, 2, 3))
        db.session.commit()
        ids = program.id, kegiatan.id, support.id
        db.session.remove()
        return ids


CLIPPED = """() => [...document.querySelectorAll('#budget-table .bg-input')]
  .filter(i => i.scrollWidth > i.clientWidth || i.getBoundingClientRect().left < 0
               || i.getBoundingClientRect().right > window.innerWidth)
  .map(i => `${i.id}: ${i.scrollWidth} > ${i.clientWidth}`)"""


@pytest.mark.parametrize(("width", "cards"), [(390, True), (1280, False)])
def test_quarter_inputs_show_the_whole_amount(browser, live_server, width, cards):
    program, kegiatan, support = budget_year(live_server)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        browser_login(page, live_server.url)
        page.goto(f"{live_server.url}/barito-selatan/2023/anggaran")
        box = page.locator(f"#bg-input-{support}-4")
        box.scroll_into_view_if_needed()
        box.click()
        with page.expect_response(lambda r: r.url.endswith(f"/anggaran/{support}/4")):
            page.keyboard.type(TYPED)
        expect(page.locator(f"#bg-state-{support}-4")).to_have_text("Tersimpan")
        expect(box).to_have_value(TYPED)
        for selector in (f"#bg-input-{kegiatan}-1", f"#bg-input-{support}-4"):
            page.locator(selector).scroll_into_view_if_needed()
        # nothing clipped: every input as wide as its text and inside the window
        page.evaluate("window.scrollTo(0, 0)")
        assert page.evaluate(CLIPPED) == []
        # the page never scrolls sideways
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        row = page.locator(f"#bg-row-{support}")
        display = row.evaluate("tr => getComputedStyle(tr).display")
        label = page.locator(f"#bg-real-{support}").evaluate(
            "td => getComputedStyle(td, '::before').content")
        if cards:
            assert display == "grid" and label == '"Realisasi"'
            assert not page.locator("#budget-table thead").is_visible() or \
                page.locator("#budget-table thead").bounding_box()["width"] <= 1
            total = page.locator("#budget-table tfoot tr")
            assert total.evaluate("tr => getComputedStyle(tr).display") == "grid"
            expect(total).to_contain_text("JUMLAH")
        else:
            assert display == "table-row" and label in ("none", "normal")
            # the desktop table fits the window: no sideways scroll inside its box either
            assert page.locator(".table-responsive").evaluate(
                "el => el.scrollWidth - el.clientWidth") <= 0
        # a program with kegiatan shows sums as text (whole too); only the 8 typed cells are inputs
        assert page.locator("#budget-table .bg-input").count() == 8
        expect(page.locator(f"#bg-q-{program}-1")).to_have_text(TYPED)
    finally:
        context.close()
