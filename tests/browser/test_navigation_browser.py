"""The top bar: the same menu on every page, Pengaturan and the settings page highlighted on
settings pages, and a year selector that keeps the page."""
import pytest
from playwright.sync_api import expect

from iku_web.extensions import db
from iku_web.indicators import service
from tests.browser.conftest import browser_login

pytestmark = pytest.mark.browser

MENU = ["Beranda", "Tugas saya", "Realisasi", "Perencanaan", "Laporan", "Pengaturan"]
# settings page -> its entry in the Pengaturan group
SETTINGS_PAGES = {"/barito-selatan/pengaturan": "Semua pengaturan",
                  "/barito-selatan/pengguna": "Pengguna",
                  "/barito-selatan/pengguna/baru": "Pengguna",
                  "/pengaturan/capaian": "Kategori capaian",
                  "/barito-selatan/pengaturan/penandatangan": "Penandatangan & logo",
                  "/pengaturan/bukti": "Bukti dukung", "/barito-selatan/tahun": "Tahun anggaran",
                  "/barito-selatan/2023/profil": "Profil lembaga"}


def menu(page):
    """The top-level entries: links and the labels of groups."""
    return page.locator("#menu-entries > li > a, #menu-entries > li > details > summary")


def test_settings_pages_keep_the_whole_menu_and_highlight_pengaturan(live_server, page):
    browser_login(page, live_server.url)
    expect(menu(page)).to_have_text(MENU)  # the register, for comparison
    for path, entry in SETTINGS_PAGES.items():
        page.goto(f"{live_server.url}{path}")
        expect(menu(page)).to_have_text(MENU)
        group = page.locator("nav .nav-link.active")
        expect(group).to_have_text("Pengaturan")
        expect(group).to_have_attribute("aria-current", "true")
        active = page.locator('nav .dropdown-item[aria-current="page"]')
        expect(active).to_have_text(entry)
        expect(page.locator("nav a", has_text="Tabel realisasi")).to_have_attribute(
            "href", "/barito-selatan/2023/realisasi")


@pytest.fixture
def two_years(live_server):
    """TA 2024 copied from 2023 (its indicators get new ids)."""
    with live_server.app.app_context():
        old = service.get_year(2023)
        service.copy_year(old, 2024)
        db.session.commit()
        new = service.get_year(2024)
        ids = {i.position: i.id for i in new.indicators}
        db.session.remove()
    return ids


@pytest.mark.parametrize("path, expected", [
    ("/barito-selatan/2023/realisasi", "/barito-selatan/2024/realisasi"),
    ("/barito-selatan/2023/laporan", "/barito-selatan/2024/laporan"),
    ("/barito-selatan/2023/pantauan", "/barito-selatan/2024/pantauan"),
    ("/barito-selatan/2023/verifikasi", "/barito-selatan/2024/verifikasi"),
    ("/barito-selatan/2023/iku", "/barito-selatan/2024/iku"),
    ("/barito-selatan/pengguna", "/barito-selatan/2024/iku"),
])
def test_year_selector_keeps_the_page(live_server, page, two_years, path, expected):
    browser_login(page, live_server.url, landing="/barito-selatan/2024/iku")
    page.goto(f"{live_server.url}{path}")
    page.get_by_label("Tahun anggaran").select_option("2024")
    page.wait_for_url(f"{live_server.url}{expected}")


def test_year_selector_on_an_indicator_page_finds_its_copy(live_server, page, two_years):
    browser_login(page, live_server.url, landing="/barito-selatan/2024/iku")
    page.goto(f"{live_server.url}/barito-selatan/2023/indikator/3")
    page.get_by_label("Tahun anggaran").select_option("2024")
    page.wait_for_url(f"{live_server.url}/barito-selatan/2024/indikator/{two_years[3]}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Data Pemilih")
