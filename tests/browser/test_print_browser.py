"""Ctrl+P of the register, the realisasi table, Pantauan and the dashboard, printed to PDF by
Chromium: landscape, every indicator and the column headers on paper, the header repeated on
each page, no menu, buttons or placeholders."""
import shutil
import subprocess

import pytest

from tests.browser.conftest import browser_login
from tests.reports_support import ARTIFACTS, add_indicators, fill_realisasi, read_pdf, squash

pytestmark = pytest.mark.browser

DEMO_NAMES = [
    "Terwujudnya Penyelenggaraan Pemilu sesuai jadwal",
    "Terwujudnya Data Pemilih secara Berkelanjutan",
    "Meningkatnya Akuntabilitas Keuangan dan Kinerja KPU",
    "Persentase Pembentukan Badan Adhoc Seleksi KPPS",
]
EXTRA = 30  # enough rows for the tables to run over several pages
EXTRA_NAME = "Indikator cetak nomor {n}"
SCREENS = {
    # path: (column headers repeated on every page of the table, or None; other headers)
    "/barito-selatan/2023/iku": (["INDIKATORKINERJAUTAMA", "PERHITUNGAN",
                                  "SUMBERDATA"], ["TARGET"]),
    "/barito-selatan/2023/realisasi": (["Indikatorkinerja", "Realisasi(targettriwulan)"],
                        ["Capaian", "Kategori", "Bukti", "TWI", "TWIV"]),
    "/barito-selatan/2023/pantauan": (None, ["Penanggungjawab", "Indikatorkinerja", "Belumdiisi"]),
    "/barito-selatan/2023/dasbor": (None, ["Capaianperindikator", "Kemajuanpelaporan",
                                           "Rata-ratacapaian"]),
}


@pytest.mark.parametrize("path", list(SCREENS))
def test_printing_a_screen_gives_a_clean_landscape_page(live_server, page, path):
    add_indicators(live_server.app, EXTRA, EXTRA_NAME)
    fill_realisasi(live_server.app)
    browser_login(page, live_server.url)
    page.goto(f"{live_server.url}{path}")
    data = page.pdf(prefer_css_page_size=True)
    reader, pages = read_pdf(data)
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height), "landscape"
    text = squash(" ".join(pages))
    names = DEMO_NAMES + [EXTRA_NAME.format(n=n) for n in range(7, 7 + EXTRA)]
    missing = [name for name in names if squash(name) not in text]
    # (Pantauan lists the indicators with something missing: every one here, since even the
    # filled ones lack a later quarter.)
    assert not missing, missing
    repeated, headers = SCREENS[path]
    for header in headers + (repeated or []):
        assert header in text, header
    if repeated:
        assert len(pages) > 1
        for number, page_text in enumerate(pages, start=1):
            for header in repeated:
                assert header in squash(page_text), (number, header)
    # No menu, no buttons, no placeholders, no "saved" states on paper.
    for absent in ("IKUWeb", "Keluar", "Pengaturancapaian", "UnduhPDF", "98,5atau230/234",
                   "Tersimpan", "Lihatsebagaitabel", "Ubah", "Hapus"):
        assert absent not in text, absent
    save_pdf_png(data, "print" + path.replace("/", "-"))


def save_pdf_png(data: bytes, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    pdf.write_bytes(data)
    subprocess.run([shutil.which("pdftoppm") or "pdftoppm", "-png", "-r", "50", "-f", "1",
                    "-l", "1", str(pdf), str(ARTIFACTS / name)], check=True, timeout=60)
