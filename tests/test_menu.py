"""The menu as each role gets it (iku_web/menu.py, templates/_menu.html), read from the page
through the test client: its top-level entries, the pages in each group, the current page."""
import re
import shutil

import pytest

from iku_web import menu
from iku_web.extensions import db
from iku_web.guide import content
from iku_web.models import User
from tests.conftest import ADMIN_PASSWORD, login, make_app

PASSWORD = "peran-rahasia-123"
PAGE = "/barito-selatan/2023/realisasi"
EVERY_PAGE = {
    "Dasbor", "Alur kerja", "Panduan", "Tugas saya", "Tabel realisasi", "Verifikasi", "Pantauan",
    "IKU", "Sasaran", "Renstra", "Anggaran", "Cetak dan terbitkan", "LKjIP", "LKE",
    "Dokumen terbit", "Semua pengaturan", "Pengguna", "Tahun anggaran", "Profil lembaga",
    "Tenggat pelaporan", "Penandatangan & logo", "Kategori capaian", "Bukti dukung",
    "Riwayat perubahan", "Log e-mail", "Unit"}
SETTINGS = {"Semua pengaturan", "Pengguna", "Tahun anggaran", "Profil lembaga",
            "Tenggat pelaporan", "Penandatangan & logo", "Kategori capaian", "Bukti dukung",
            "Riwayat perubahan", "Log e-mail", "Unit"}
# role -> (top-level entries, pages of the menu it must not offer)
EXPECTED = {
    "admin": (["Beranda", "Tugas saya", "Realisasi", "Perencanaan", "Laporan", "Pengaturan"],
              set()),
    "staff": (["Beranda", "Tugas saya", "Realisasi", "Perencanaan", "Laporan"],
              {"Verifikasi", "Sasaran", "Renstra"} | SETTINGS),
    "verifier": (["Beranda", "Tugas saya", "Realisasi", "Perencanaan", "Laporan"],
                 {"Sasaran", "Renstra"} | SETTINGS),
    "viewer": (["Beranda", "Realisasi", "Perencanaan", "Laporan"],
               {"Tugas saya", "Verifikasi", "Sasaran", "Renstra"} | SETTINGS),
}


def menu_html(html: str) -> str:
    start = html.index('id="menu-entries"')
    return html[start:html.index("\n</ul>", start)]  # the inner lists are indented


def top_level(html: str) -> list[str]:
    """The labels of the menu's top-level entries, in order."""
    return [label.strip() for label in re.findall(
        r'<(?:summary|a) class="nav-link[^"]*"[^>]*>([^<]+)', menu_html(html))]


def pages(html: str) -> dict[str, str]:
    """The menu's pages: label -> address (top-level links and the items of groups)."""
    found = re.findall(r'<a class="(?:nav-link|dropdown-item)[^"]*" href="([^"]+)"[^>]*>([^<]+)',
                       menu_html(html))
    return {label.strip().replace("&amp;", "&"): href for href, label in found}


def current(html: str) -> list[str]:
    return [label.strip() for label in re.findall(
        r'<(?:summary|a) class="[^"]*active"[^>]*aria-current="(?:page|true)">([^<]+)',
        menu_html(html))]


@pytest.fixture
def signed_in(app):
    """A signed-in client of the demo unit for a role."""
    with app.app_context():
        for role in ("verifier", "viewer"):
            user = User(username=role, role=role, full_name=role.title())
            user.set_password(PASSWORD)
            db.session.add(user)
        db.session.commit()

    def client_for(role: str):
        client = app.test_client()
        username, password = {"admin": ("admin", ADMIN_PASSWORD),
                              "staff": ("staf", "staf-rahasia-123")}.get(role, (role, PASSWORD))
        assert login(client, username, password).status_code == 302
        return client
    return client_for


def test_the_menu_has_at_most_six_top_level_entries():
    assert len(menu.MENU) <= menu.MAX_TOP_LEVEL
    labels = [entry.label for group in menu.MENU for entry in group.entries]
    assert set(labels) == EVERY_PAGE  # the list above is the whole menu


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_sees_what_it_can_use(signed_in, role):
    html = signed_in(role).get(PAGE).text
    top, absent = EXPECTED[role]
    assert top_level(html) == top
    shown = pages(html)
    assert set(shown) == EVERY_PAGE - absent
    client = signed_in(role)
    for label, href in shown.items():  # every page it offers opens for this role
        assert client.get(href).status_code == 200, (label, href)


def test_a_guest_gets_the_public_pages_as_plain_links(client):
    html = client.get(PAGE).text
    assert top_level(html) == ["Beranda", "Realisasi", "Perencanaan", "Laporan"]
    assert pages(html) == {"Dasbor": "/barito-selatan/2023/dasbor", "Panduan": "/panduan",
                           "Realisasi": PAGE, "IKU": "/barito-selatan/2023/iku",
                           "Anggaran": "/barito-selatan/2023/anggaran",
                           "Laporan": "/barito-selatan/2023/laporan"}


@pytest.mark.parametrize("path, marked", [
    (PAGE, ["Realisasi", "Tabel realisasi"]),
    ("/barito-selatan/2023/indikator/1", ["Realisasi", "Tabel realisasi"]),
    ("/barito-selatan/saya", ["Tugas saya"]),
    ("/barito-selatan/pengguna/baru", ["Pengaturan", "Pengguna"]),
    ("/barito-selatan/renstra", ["Perencanaan", "Renstra"]),
    ("/barito-selatan/2023/lkjip", ["Laporan", "LKjIP"]),
    ("/notifikasi", []),
])
def test_the_current_page_and_its_group_are_marked(admin, path, marked):
    assert current(admin.get(path).text) == marked


def test_pages_outside_a_year_link_the_latest_year(admin):
    shown = pages(admin.get("/barito-selatan/pengguna").text)
    assert shown["Tabel realisasi"] == PAGE
    assert shown["Semua pengaturan"] == "/barito-selatan/pengaturan?tahun=2023"


@pytest.fixture
def province(tmp_path, migrated_db, monkeypatch):
    shutil.copy(migrated_db, tmp_path / "iku.sqlite3")
    app = make_app(tmp_path)
    monkeypatch.setenv("IKU_DEMO_PASSWORD", "demo-rahasia-123")
    assert app.test_cli_runner().invoke(args=["seed-provinsi"]).exit_code == 0
    yield app
    with app.app_context():
        db.engine.dispose()


def test_province_readers_find_the_unit_tree_and_office_admins_their_settings(province):
    reader = province.test_client()
    assert login(reader, "verifikator.kalteng", "demo-rahasia-123").status_code == 302
    html = reader.get("/kapuas/2024/dasbor").text
    assert top_level(html) == ["Beranda", "Tugas saya", "Realisasi", "Perencanaan", "Laporan"]
    shown = pages(html)
    assert shown["Unit"] == "/unit" and "Verifikasi" not in shown  # read-only in an office
    office = province.test_client()
    assert login(office, "admin.kapuas", "demo-rahasia-123").status_code == 302
    shown = pages(office.get("/kapuas/2024/dasbor").text)
    assert {"Semua pengaturan", "Pengguna", "Verifikasi"} <= set(shown)
    # Install-wide settings and the units themselves belong to the province's admins.
    assert not {"Kategori capaian", "Bukti dukung", "Log e-mail", "Unit"} & set(shown)
    for label, href in shown.items():
        assert office.get(href).status_code == 200, (label, href)


def guide_files() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in content.files())


def test_the_guide_names_the_menu_as_it_is():
    """"**Group** > [Entry]" in docs/panduan/ is a real place in the menu, and the guide's menu
    table (01-mulai.md) names every entry of every group."""
    text = re.sub(r"\s+", " ", guide_files())  # a phrase may be wrapped across lines
    groups = {group.label: {entry.label for entry in group.entries} for group in menu.MENU}
    written = re.findall(r"\*\*([^*]+)\*\* > (?:\[([^\]]+)\]|\*\*([^*]+)\*\*)", text)
    places = {(group, link or bold) for group, link, bold in written if group in groups}
    assert len(places) >= 10
    assert {(g, e) for g, e in places if e not in groups[g]} == set()
    table = re.search(r"\| Menu \| Isinya \| Siapa \|(.*?)\n\n", guide_files(), re.S).group(1)
    for group, entries in groups.items():
        row = re.search(rf"^\| \*\*{re.escape(group)}\*\* \|(.*)$", table, re.M)
        assert row, group
        assert {e for e in entries if f"[{e}]" not in row.group(1)} == set(), group
