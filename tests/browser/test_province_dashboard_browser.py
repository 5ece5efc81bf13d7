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


def test_children_table_fits_a_phone_and_sorts(page, province_server):
    base, parent = province_server.url, province_server.app.tree["parent"]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/masuk")
    page.get_by_label("Nama pengguna").fill("admin.prov")
    page.get_by_label("Kata sandi").fill(STAFF_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Masuk").click()
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
