"""The top menu in Chromium for each role, on a desktop (1280 px) and a phone (390 px): at
most six top-level entries, what each role may use and nothing else, the groups opening and
closing by mouse and keyboard, the phone's menu button, the current page marked, and a navbar
no wider than the phone."""
import re

import pytest
from playwright.sync_api import expect

from iku_web.extensions import db
from iku_web.models import User
from tests.browser.conftest import ADMIN_PASSWORD, menu_go

pytestmark = pytest.mark.browser

PASSWORD = "peran-rahasia-123"
WIDTHS = {"desktop": 1280, "phone": 390}
# username -> (role, top-level entries, entries it sees in the Realisasi group, entries never)
ROLES = {
    "admin": ("admin", ["Beranda", "Tugas saya", "Realisasi", "Perencanaan", "Laporan",
                        "Pengaturan"], ["Tabel realisasi", "Verifikasi", "Pantauan"], []),
    "staf": ("staff", ["Beranda", "Tugas saya", "Realisasi", "Perencanaan", "Laporan"],
             ["Tabel realisasi", "Pantauan"], ["Verifikasi", "Sasaran", "Pengguna"]),
    "verif": ("verifier", ["Beranda", "Tugas saya", "Realisasi", "Perencanaan", "Laporan"],
              ["Tabel realisasi", "Verifikasi", "Pantauan"], ["Sasaran", "Pengguna"]),
    "ketua": ("viewer", ["Beranda", "Realisasi", "Perencanaan", "Laporan"],
              ["Tabel realisasi", "Pantauan"], ["Tugas saya", "Verifikasi", "Sasaran",
                                                "Pengguna"]),
}
PAGE = "/barito-selatan/2023/realisasi"


@pytest.fixture
def people(live_server):
    with live_server.app.app_context():
        for username, (role, *_rest) in ROLES.items():
            if username != "admin":
                user = User(username=username, role=role, full_name=username.title())
                user.set_password(PASSWORD)
                db.session.add(user)
        db.session.commit()
        db.session.remove()
    return live_server.url


def sign_in(page, url: str, username: str):
    page.goto(f"{url}/masuk")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(ADMIN_PASSWORD if username == "admin" else PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(lambda address: "/masuk" not in address)


def top_level(page):
    return page.locator("#menu-entries > li > a, #menu-entries > li > details > summary")


def navbar_overflow(page) -> int:
    return page.locator("nav.navbar").evaluate("el => el.scrollWidth - el.clientWidth")


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("username", list(ROLES))
def test_the_menu_of_each_role(browser, people, username, width):
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 844})
    page = context.new_page()
    sign_in(page, people, username)
    page.goto(f"{people}{PAGE}")
    _role, top, realisasi, never = ROLES[username]
    button = page.get_by_role("button", name="Buka/tutup menu")
    menu = page.locator("#main-menu")
    if width == "phone":
        expect(menu).to_be_hidden()
        expect(button).to_have_attribute("aria-expanded", "false")
        button.click()
        expect(menu).to_be_visible()
        expect(button).to_have_attribute("aria-expanded", "true")
    else:
        expect(button).to_be_hidden()
    labels = [re.sub(r"\s*\d+ (belum lengkap|menunggu verifikasi)$", "", text.strip())
              for text in top_level(page).all_inner_texts()]
    assert labels == top and len(labels) <= 6

    # The current page and its group: marked for assistive technology and visibly.
    group = menu.locator("details.nav-group").filter(
        has=page.locator("summary", has_text="Realisasi"))
    summary = group.locator("summary")
    expect(summary).to_have_attribute("aria-current", "true")
    expect(summary).to_have_attribute("aria-expanded", "false")
    assert summary.evaluate("el => getComputedStyle(el).fontWeight") == "600"
    summary.click()
    expect(summary).to_have_attribute("aria-expanded", "true")
    items = group.locator(".dropdown-item")
    expect(items).to_have_text(realisasi)
    current = group.get_by_role("link", name="Tabel realisasi")
    expect(current).to_have_attribute("aria-current", "page")
    expect(current).to_be_visible()
    assert "underline" in current.evaluate("el => getComputedStyle(el).textDecorationLine") \
        or current.evaluate("el => getComputedStyle(el).fontWeight") == "600"
    assert navbar_overflow(page) <= 0, "the navbar is wider than the window"
    for label in never:
        expect(menu.get_by_role("link", name=label, exact=True)).to_have_count(0)

    # Escape closes the group and gives the focus back to its label.
    current.focus()
    page.keyboard.press("Escape")
    expect(items.first).to_be_hidden()
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("aria-expanded", "false")
    # The keyboard opens a group; a click elsewhere closes it.
    page.keyboard.press("Enter")
    expect(items.first).to_be_visible()
    page.locator("main").click(position={"x": 2, "y": 2})  # beside the open group
    expect(items.first).to_be_hidden()

    # Another page through the menu: Laporan > LKjIP becomes the current one.
    menu_go(page, "Laporan", "LKjIP")
    page.wait_for_url(f"{people}/barito-selatan/2023/lkjip")
    laporan = page.locator("details.nav-group").filter(
        has=page.locator("summary", has_text="Laporan"))
    expect(laporan.locator("summary")).to_have_attribute("aria-current", "true")
    # (in the closed group: hidden, so found by its text rather than its role)
    expect(laporan.locator("a", has_text="LKjIP")).to_have_attribute("aria-current", "page")
    if width == "phone":
        button.click()
        expect(menu).to_be_visible()
        assert navbar_overflow(page) <= 0
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        button.click()
        expect(menu).to_be_hidden()
        expect(button).to_have_attribute("aria-expanded", "false")
    context.close()


def test_a_menu_group_opens_and_closes_without_javascript(browser, people):
    """<details> needs no script: the menu works while nav.js is not (yet) loaded."""
    context = browser.new_context(viewport={"width": 1280, "height": 800},
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{people}{PAGE}")
    group = page.locator("details.nav-group").filter(
        has=page.locator("summary", has_text="Perencanaan"))
    group.locator("summary").click()
    expect(group.get_by_role("link", name="Anggaran")).to_be_visible()
    group.get_by_role("link", name="Anggaran").click()
    page.wait_for_url(f"{people}/barito-selatan/2023/anggaran")
    context.close()
