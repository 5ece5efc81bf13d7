"""Every page on a phone (390x844) and a tablet (768x1024) in real Chromium: nothing scrolls
sideways, the menu folds behind a button, words are not broken, the register and the realisasi
table become cards and a realisasi typed there is saved. Screenshots go to test-artifacts/."""
import re
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect
from werkzeug.routing import AnyConverter, IntegerConverter

from iku_web.extensions import db
from iku_web.models import Realisasi
from tests.browser.conftest import browser_login
from tests.reports_support import fill_realisasi

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"
SIZES = {"phone": (390, 844), "tablet": (768, 1024)}
# GET routes that are not pages of the app: files (any rule ending in an extension is one too),
# and the print previews of the paper documents. Fragments swapped into a page by htmx are
# recognised by having no top bar and skipped.
NOT_PAGES = {
    "static", "evidence.preview", "evidence.download", "reports.logo",
    "reports.document_preview",  # an A4/F4 sheet drawn at paper size, not a screen
    # A parent unit's targets and exemptions per office: the one-unit demo has no office below
    # it, so the page answers 403 here (tests/test_rollup_pages.py).
    "rollup.children",
}
FILE = re.compile(r"\.[a-z]+$")
SCREENSHOTS = {"/barito-selatan/2023/dasbor": "dasbor", "/barito-selatan/2023/iku": "iku",
               "/barito-selatan/2023/realisasi": "realisasi",
               "/barito-selatan/2023/pantauan": "pantauan"}

# Words whose letters sit on more than one line although the word would fit on one.
BROKEN_WORDS = """() => {
  const broken = [];
  const hidden = (el) => {  // a visually hidden (1px, clipped) ancestor, or not rendered
    for (; el; el = el.parentElement) {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) return true;
    }
    return false;
  };
  const main = document.querySelector("main");
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const box = node.parentElement.getBoundingClientRect();
    if (hidden(node.parentElement)) continue;
    const re = /[^\\s\\/\\-]+/g;
    let m;
    while ((m = re.exec(node.data)) !== null) {
      if (m[0].length < 2) continue;
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rects = Array.from(range.getClientRects()).filter(r => r.width > 0);
      const tops = new Set(rects.map(r => Math.round(r.top)));
      const width = range.getBoundingClientRect().width;
      if (tops.size > 1 && width < box.width) broken.push(m[0]);
    }
  }
  return broken;
}"""


def app_pages(app) -> list[str]:
    """One URL per GET page of the URL map (2023 for a year, 1 for any other number)."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in NOT_PAGES or FILE.search(rule.rule) \
                or rule.redirect_to is not None:  # the old addresses, moved under a unit
            continue
        values = {}
        for name, converter in rule._converters.items():
            if isinstance(converter, IntegerConverter):
                values[name] = 2023 if name in ("year", "tahun") else 1
            elif name == "kode":
                values[name] = "barito-selatan"
            elif isinstance(converter, AnyConverter):
                values[name] = sorted(converter.items)[0]
            else:
                values[name] = "x"
        urls.append(rule.build(values, append_unknown=False)[1])
    return sorted(set(urls))


@pytest.fixture
def device(browser, live_server, request):
    """A logged-in admin page at the size named by the test's parameter."""
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.size_name = request.param
    browser_login(page, live_server.url)
    yield page
    context.close()


def overflow(page) -> int:
    """How many pixels the document is wider than the window."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("device", list(SIZES), indirect=True)
def test_no_page_scrolls_sideways_and_no_word_breaks(device, live_server):
    ARTIFACTS.mkdir(exist_ok=True)
    fill_realisasi(live_server.app)  # bars and numbers on the dashboard's screenshot
    pages = app_pages(live_server.app)
    assert "/barito-selatan/2023/dasbor" in pages
    assert "/barito-selatan/2023/realisasi" in pages
    assert len(pages) > 20
    problems, checked = [], 0
    for path in pages:
        response = device.goto(f"{live_server.url}{path}")
        if response.status == 404:  # an id the demo data does not have (e.g. /renstra/1)
            continue
        assert response.status == 200, path
        if not device.locator("nav.navbar").count():  # an htmx fragment, not a page
            continue
        # A panel the page loads after itself (hx-trigger="load") is part of what is measured:
        # wait for its answer rather than measure whichever state the page is in.
        for lazy in device.locator(".rl-lazy").all():
            expect(lazy).not_to_contain_text("Memuat")
        checked += 1
        if (wide := overflow(device)) > 0:
            problems.append(f"{path}: {wide}px wider than the window")
        if broken := device.evaluate(BROKEN_WORDS):
            problems.append(f"{path}: words broken in the middle: {broken[:5]}")
        if path in SCREENSHOTS:
            device.screenshot(path=str(ARTIFACTS / f"{device.size_name}-{SCREENSHOTS[path]}.png"),
                              full_page=True)
    assert not problems, "\n".join(problems)
    assert checked >= 20


@pytest.mark.parametrize("device", list(SIZES), indirect=True)
def test_menu_opens_and_closes_behind_a_button_and_shows_the_year(device, live_server):
    device.goto(f"{live_server.url}/barito-selatan/2023/dasbor")
    menu = device.locator("#main-menu")
    button = device.get_by_role("button", name="Buka/tutup menu")
    expect(menu).to_be_hidden()
    button.click()
    expect(menu).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    year = device.locator("#year-select")
    expect(year).to_be_visible()
    # The selected year is readable: the box is at least as wide as its text.
    fits = year.evaluate("""el => {
      const c = document.createElement("canvas").getContext("2d");
      c.font = getComputedStyle(el).font;
      return c.measureText(el.options[el.selectedIndex].text).width <= el.clientWidth;
    }""")
    assert fits
    expect(year.locator("option:checked")).to_have_text("TA 2023")
    device.screenshot(path=str(ARTIFACTS / f"{device.size_name}-menu-open.png"))
    assert overflow(device) <= 0
    button.click()
    expect(menu).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize("device", list(SIZES), indirect=True)
def test_register_is_one_card_per_indicator_on_small_screens(device, live_server):
    device.goto(f"{live_server.url}/barito-selatan/2023/iku")
    rows = device.locator("#iku-rows tr")
    first, second = rows.nth(0).bounding_box(), rows.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"]  # stacked cards
    assert first["width"] <= SIZES[device.size_name][0]
    expect(rows.nth(0).get_by_role("button", name="Ubah indikator 1")).to_be_visible()
    expect(rows.nth(0)).to_contain_text("Terwujudnya Penyelenggaraan Pemilu sesuai jadwal")


@pytest.mark.parametrize("device", list(SIZES), indirect=True)
def test_realisasi_card_saves_what_is_typed_and_shows_its_capaian(device, live_server):
    device.goto(f"{live_server.url}/barito-selatan/2023/realisasi")
    device.evaluate("window.__noReload = true")
    field = device.get_by_label("Realisasi TW I indikator 1", exact=True)
    card = device.locator("#rl-row-1")
    assert card.bounding_box()["width"] <= SIZES[device.size_name][0]
    field.click()
    device.keyboard.type("75")
    expect(device.locator("#state-1-1")).to_have_text("Tersimpan")
    expect(device.locator("#rl-todate-1")).to_contain_text("75%")
    expect(device.locator("#rl-cat-1")).to_have_text("Perlu perhatian")
    expect(field).to_be_focused()
    expect(field).to_have_value("75")
    # The input, its capaian and its category are in the same card, visible together.
    for locator in (field, device.locator("#rl-todate-1"), device.locator("#rl-cat-1")):
        expect(locator).to_be_in_viewport()
    assert device.evaluate("window.__noReload") is True
    with live_server.app.app_context():
        stored = db.session.scalar(sa.select(Realisasi.value).where(
            Realisasi.indicator_id == 1, Realisasi.quarter == 1))
        db.session.remove()
    assert stored == Decimal(75)
    device.screenshot(path=str(ARTIFACTS / f"{device.size_name}-realisasi-typed.png"))


@pytest.mark.parametrize("device", ["phone"], indirect=True)
def test_dashboard_quarter_switch_without_reload(device, live_server):
    device.goto(f"{live_server.url}/barito-selatan/2023/dasbor")
    device.evaluate("window.__noReload = true")
    device.get_by_role("link", name="TW II", exact=True).click()
    expect(device.locator("#dash-upto")).to_have_text("Capaian s.d. Triwulan II")
    assert device.url.endswith("/barito-selatan/2023/dasbor?tw=2")
    assert device.evaluate("window.__noReload") is True
    device.locator("#dash-table-view summary").click()
    expect(device.locator("#dash-table")).to_be_visible()
    device.locator(".dash-bar-link").first.click()
    device.wait_for_url(f"{live_server.url}/barito-selatan/2023/indikator/*")
