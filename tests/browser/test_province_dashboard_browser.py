"""The province dashboard's children table on a phone (390 px) in real Chromium: the page does
not scroll sideways, and a column heading swaps in the table sorted by it (htmx)."""
import threading

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from iku_web.extensions import db
from tests.browser.conftest import STATIC_MAX_AGE
from tests.conftest import STAFF_PASSWORD
from tests.reports_support import ARTIFACTS
from tests.rollup_support import YEAR, new_app
from tests.rollup_views_support import build_province

pytestmark = pytest.mark.browser

SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def province_server(tmp_path, migrated_db):
    app = new_app(tmp_path, migrated_db)
    with app.app_context():
        app.tree = build_province()
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = STATIC_MAX_AGE  # as conftest.live_server
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.app = app
    server.url = f"http://127.0.0.1:{server.server_port}"
    yield server
    server.shutdown()
    thread.join()
    with app.app_context():
        db.engine.dispose()


def _sign_in(page, base: str) -> None:
    page.goto(f"{base}/masuk")
    page.get_by_label("Nama pengguna").fill("admin.prov")
    page.get_by_label("Kata sandi").fill(STAFF_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Masuk").click()


def test_children_table_fits_a_phone_and_sorts(page, province_server):
    base, parent = province_server.url, province_server.app.tree["parent"]
    page.set_viewport_size({"width": 390, "height": 844})
    _sign_in(page, base)
    page.goto(f"{base}/prov/{YEAR}/dasbor?tw=2")
    box = page.locator(f"#unit-bawah-{parent}")
    rows = box.locator("tbody tr[data-unit]")
    expect(rows).to_have_count(6)
    expect(rows.first).to_have_attribute("data-unit", "kab-c")  # worst first
    expect(box.get_by_role("button", name="Kirim pengingat ke 1 unit")).to_be_visible()
    assert page.evaluate(SIDEWAYS) == 0
    table = box.locator("table").bounding_box()
    assert table["x"] >= 0 and table["x"] + table["width"] <= 390

    with page.expect_response(lambda r: f"/dasbor/unit-bawah/{parent}" in r.url
                              and "urut=unit" in r.url):
        box.locator("th a[data-sort='unit']").click()
    box = page.locator(f"#unit-bawah-{parent}")
    expect(box.locator("th[aria-sort] a")).to_have_attribute("data-sort", "unit")
    expect(box.locator("tbody tr[data-unit]").first).to_have_attribute("data-unit", "kab-a")
    assert page.evaluate(SIDEWAYS) == 0
    ARTIFACTS.mkdir(exist_ok=True)
    box.screenshot(path=str(ARTIFACTS / "province-children-phone.png"))


OUTSIDE = """() => [...document.querySelectorAll('#rollup-children-form input')]
  .filter(i => i.getBoundingClientRect().left < 0
               || i.getBoundingClientRect().right > document.documentElement.clientWidth)
  .map(i => i.id)"""
# The table and the box around it (which scrolls sideways when the table is wider).
OVERFLOW = """() => ['#rollup-children-form .table-responsive', '#rollup-targets-table']
  .map(s => document.querySelector(s)).map(e => e.scrollWidth - e.clientWidth)"""


@pytest.mark.parametrize(("width", "cards"), [(375, True), (1280, False)])
def test_per_child_targets_read_on_a_phone(page, province_server, width, cards):
    """The page where the province types each office's targets: on a 375 px phone one card per
    office (its name, each cell labelled), nothing scrolls sideways, neither the page nor the
    table's box, every input inside the window; a quarterly target typed in a card is saved.
    At 1280 px it stays a table."""
    base, parent = province_server.url, province_server.app.tree["parent"]
    office = province_server.app.tree["units"]["kab-a"]
    page.set_viewport_size({"width": width, "height": 844})
    _sign_in(page, base)
    page.goto(f"{base}/prov/{YEAR}/iku/{parent}/unit-bawah")
    rows = page.locator("#rollup-targets-table tbody tr")
    expect(rows).to_have_count(6)
    assert page.evaluate(SIDEWAYS) == 0
    assert all(extra <= 0 for extra in page.evaluate(OVERFLOW)), page.evaluate(OVERFLOW)
    assert page.evaluate(OUTSIDE) == []
    card = page.locator("#rollup-targets-table tr[data-unit='kab-a']")
    display = card.evaluate("tr => getComputedStyle(tr).display")
    label = card.locator("td.rc-quarter").nth(1).evaluate(
        "td => getComputedStyle(td, '::before').content")
    if not cards:
        assert display == "table-row" and label in ("none", "normal")
        return
    assert display == "grid" and label == '"TW II"'
    # The unit's name heads its card, above its target.
    name, target = (card.locator(s).bounding_box() for s in ("th", "td.rc-target"))
    assert name["y"] + name["height"] <= target["y"]
    ARTIFACTS.mkdir(exist_ok=True)
    card.screenshot(path=str(ARTIFACTS / "rollup-children-phone.png"))
    page.locator(f"#tw1-{office}").fill("25")
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan").click()
    expect(page.locator(f"#tw1-{office}")).to_have_value("25")
    assert page.evaluate(SIDEWAYS) == 0
