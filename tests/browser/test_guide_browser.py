"""A new admin follows /panduan in Chromium on the demo data: from the first login to an issued
IKU, a verified quarter and an issued LKjIP in the register of issued documents, with the names
the guide gives (every label clicked here is written in the guide in bold, every menu entry as
"**Group** > [Entry]"), and the checklist of /<tahun>/alur following each step."""
import re

import pytest
from playwright.sync_api import expect

from iku_web.guide import content
from tests.browser.conftest import ADMIN_PASSWORD, answer_confirm, menu_go
from tests.browser.test_lkjip_browser import save_of

pytestmark = pytest.mark.browser

# What the test clicks or types into, as the guide names it.
LABELS = ["Masuk", "Nama pengguna", "Kata sandi", "Nomor keputusan penetapan IKU",
          "Tanggal keputusan penetapan IKU", "Terbitkan", "Ajukan tanpa bukti", "Setujui",
          "Bantuan", "Terbitkan LKjIP", "Penerbitan"]
# The menu's places the test goes through, as the guide writes them.
MENU = [("Laporan", "Cetak dan terbitkan"), ("Beranda", "Dasbor"), ("Realisasi", "Verifikasi"),
        ("Laporan", "LKjIP"), ("Laporan", "Dokumen terbit")]


def guide_text() -> str:
    text = " ".join(path.read_text(encoding="utf-8") for path in content.files())
    return re.sub(r"\s+", " ", text)  # a label may be wrapped across lines


def step_status(page, key: str):
    return page.locator(f"#langkah-{key}")


def test_the_guide_names_every_control_this_test_uses():
    text = guide_text()
    assert [label for label in LABELS if f"**{label}**" not in text] == []
    assert "**Ajukan verifikasi TW ...**" in text
    assert [place for place in MENU if f"**{place[0]}** > [{place[1]}]" not in text] == []


def test_a_new_admin_follows_the_guide_to_an_issued_lkjip(live_server, page):
    url = live_server.url
    # "Masuk pertama kali": the guide, then Masuk at the top right.
    page.goto(f"{url}/panduan")
    expect(page.locator("#masuk")).to_have_text("Masuk pertama kali")
    page.get_by_role("link", name="Masuk", exact=True).click()
    page.get_by_label("Nama pengguna").fill("admin")
    page.get_by_label("Kata sandi").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/panduan$"))  # back where the visitor was

    # "Bantuan" on a page opens its section of the guide.
    page.goto(f"{url}/barito-selatan/2023/iku")
    page.get_by_role("link", name="Bantuan").click()
    page.wait_for_url(f"{url}/panduan#iku")
    expect(page.locator("#iku")).to_have_text("Indikator dan target")

    # "Profil lembaga": the decree's number and date, linked from the guide.
    page.locator('.guide-text a[href="/barito-selatan/2023/profil"]').first.click()
    page.wait_for_url(f"{url}/barito-selatan/2023/profil")
    page.get_by_label("Nomor keputusan penetapan IKU").fill("12/PL.01-Kpt/6204/2023")
    page.get_by_label("Tanggal keputusan penetapan IKU").fill("2023-01-16")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(f"{url}/barito-selatan/2023/iku")  # saved: back to the register

    # "Menerbitkan dokumen": Laporan > Cetak dan terbitkan, Terbitkan, the confirmation.
    menu_go(page, *MENU[0])
    page.locator("#issued-iku").get_by_role("button", name="Terbitkan").click()
    answer_confirm(page, "Terbitkan dokumen ini")
    expect(page.locator("#issued-iku")).to_contain_text("Diterbitkan: versi 1")

    # The dashboard's next step leads to the checklist, where the IKU step is now done.
    menu_go(page, *MENU[1])
    expect(page.locator("#next-step")).to_contain_text("Langkah berikutnya (1/8)")
    page.get_by_role("link", name="Alur kerja lengkap").click()
    expect(step_status(page, "iku")).to_have_attribute("data-status", "selesai")
    expect(step_status(page, "realisasi")).to_have_attribute("data-status", "belum")

    # "Mengisi realisasi" and "Mengajukan verifikasi", then the verifier's "Setujui".
    page.locator("#langkah-realisasi").get_by_role("link", name="Realisasi").click()
    page.get_by_label("Realisasi TW I indikator 1", exact=True).click()
    page.keyboard.type("95")
    expect(page.locator("#state-1-1")).to_have_text("Tersimpan")
    page.goto(f"{url}/barito-selatan/2023/indikator/1")
    page.get_by_role("button", name="Ajukan verifikasi TW I").click()
    page.locator("#review-tw-1 .review-confirm").get_by_role(
        "button", name="Ajukan tanpa bukti").click()
    expect(page.locator("#review-tw-1 [data-status=submitted]")).to_be_visible()
    menu_go(page, *MENU[2])
    page.wait_for_url(f"{url}/barito-selatan/2023/verifikasi")
    page.locator("#review-1-1").get_by_role("button", name="Setujui").click()
    expect(page.locator("#review-1-1 .review-outcome")).to_have_text("Disetujui dan dikunci.")

    page.goto(f"{url}/barito-selatan/2023/alur")
    expect(step_status(page, "realisasi")).to_have_attribute("data-status", "sebagian")
    expect(page.locator('tr[data-quarter="1"] td').nth(2)).to_have_text("1/6")
    expect(step_status(page, "lkjip")).to_have_attribute("data-status", "belum")

    # "LKjIP": Laporan > LKjIP, the text saved as it is typed, then Terbitkan LKjIP under
    # Penerbitan: the confirmation, and the register of issued documents lists it.
    menu_go(page, *MENU[3])
    page.wait_for_url(f"{url}/barito-selatan/2023/lkjip")
    closing = "Demikian Laporan Kinerja ini disusun sebagai pertanggungjawaban kinerja."
    with page.expect_response(save_of(closing)):
        page.get_by_label("Penutup").press_sequentially(closing, delay=5)
    expect(page.locator("#slot-state-penutup")).to_have_text("Tersimpan")
    issue = page.locator("#lkjip-issue")
    expect(issue).to_contain_text("Belum diterbitkan.")
    issue.get_by_role("button", name="Terbitkan LKjIP").click()
    answer_confirm(page, "Terbitkan LKjIP TA 2023")
    page.wait_for_url(f"{url}/barito-selatan/dokumen?tahun=2023")
    title = "Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun 2023"
    expect(page.get_by_role("status").filter(has_text=title)).to_contain_text(
        "versi 1 diterbitkan, kode")
    expect(page.locator("table tr", has_text=title)).to_contain_text("berlaku")
    # The same register through the menu, and the checklist's last writing step done.
    menu_go(page, *MENU[4])
    page.wait_for_url(f"{url}/barito-selatan/dokumen")
    expect(page.locator("table tr", has_text=title)).to_have_count(1)
    page.goto(f"{url}/barito-selatan/2023/alur")
    expect(step_status(page, "lkjip")).to_have_attribute("data-status", "selesai")
