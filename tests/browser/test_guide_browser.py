"""A new admin follows /panduan in Chromium on the demo data: from the first login to an issued
IKU and a verified quarter, with the names the guide gives (every label clicked here is written
in the guide in bold), and the checklist of /<tahun>/alur following each step."""
import re

import pytest
from playwright.sync_api import expect

from iku_web.guide import content
from tests.browser.conftest import ADMIN_PASSWORD

pytestmark = pytest.mark.browser

# What the test clicks or types into, as the guide names it.
LABELS = ["Masuk", "Nama pengguna", "Kata sandi", "Nomor keputusan penetapan IKU",
          "Tanggal keputusan penetapan IKU", "Terbitkan", "Ajukan tanpa bukti", "Setujui",
          "Bantuan"]


def guide_text() -> str:
    text = " ".join(path.read_text(encoding="utf-8") for path in content.files())
    return re.sub(r"\s+", " ", text)  # a label may be wrapped across lines


def step_status(page, key: str):
    return page.locator(f"#langkah-{key}")


def test_the_guide_names_every_control_this_test_uses():
    text = guide_text()
    assert [label for label in LABELS if f"**{label}**" not in text] == []
    assert "**Ajukan verifikasi TW ...**" in text


def test_a_new_admin_follows_the_guide_to_an_issued_iku_and_a_verified_quarter(live_server,
                                                                               page):
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

    # "Menerbitkan dokumen": Laporan, Terbitkan, the confirmation.
    page.locator("#main-menu").get_by_role("link", name="Laporan").click()
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("#issued-iku").get_by_role("button", name="Terbitkan").click()
    expect(page.locator("#issued-iku")).to_contain_text("Diterbitkan: versi 1")

    # The dashboard's next step leads to the checklist, where the IKU step is now done.
    page.locator("#main-menu").get_by_role("link", name="Dasbor").click()
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
    page.locator("#main-menu").get_by_role("link", name="Verifikasi").click()
    page.wait_for_url(f"{url}/barito-selatan/2023/verifikasi")
    page.locator("#review-1-1").get_by_role("button", name="Setujui").click()
    expect(page.locator("#review-1-1 .review-outcome")).to_have_text("Disetujui dan dikunci.")

    page.goto(f"{url}/barito-selatan/2023/alur")
    expect(step_status(page, "realisasi")).to_have_attribute("data-status", "sebagian")
    expect(page.locator('tr[data-quarter="1"] td').nth(2)).to_have_text("1/6")
