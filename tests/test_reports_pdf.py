"""The documents for signing, read back with pypdf: size, title, rows, pages, signature."""
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa

from iku_web import measurement
from iku_web.extensions import db
from iku_web.models import Signer, Year
from tests.reports_support import (
    A4,
    F4,
    assert_page_numbers,
    fill_realisasi,
    indicators,
    page_size,
    read_pdf,
    save_png,
    squash,
)

DOCS = {
    "iku": ("Indikator Kinerja Utama Tahun 2023", "INDIKATOR KINERJA UTAMA"),
    "pk": ("Perjanjian Kinerja Tahun 2023", "PERJANJIAN KINERJA TAHUN 2023"),
    "pengukuran": ("Laporan Pengukuran Kinerja Tahun 2023", "LAPORAN PENGUKURAN KINERJA"),
}
KETUA = "Ketua KPU Kabupaten Barito Selatan"
SEKRETARIS = "Sekretaris KPU Kabupaten Barito Selatan"


def get_pdf(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/pdf"
    return read_pdf(response.data)


@pytest.mark.parametrize("document", DOCS)
def test_demo_document_reads_back_complete(client, app, document):
    fill_realisasi(app)
    reader, pages = get_pdf(client, "/barito-selatan"
                                    f"/2023/laporan/{document}.pdf?bulan=1&tahun=2024")
    title, heading = DOCS[document]
    assert reader.metadata.title == title
    text = "\n".join(pages)
    assert heading in pages[0]
    for indicator in indicators(app):
        assert squash(indicator.name) in squash(text), indicator.name
    assert_page_numbers(pages)
    assert "Buntok, Januari 2024" in pages[-1]
    assert KETUA in pages[-1]
    save_png(client.get(f"/barito-selatan/2023/laporan/{document}.pdf?bulan=1&tahun=2024").data,
             f"demo-{document}")


@pytest.mark.parametrize("document, paper, orientation, size", [
    ("iku", "a4", "", (A4[1], A4[0])),
    ("iku", "f4", "", (F4[1], F4[0])),
    ("iku", "a4", "portrait", A4),
    ("pk", "a4", "", A4),
    ("pk", "f4", "", F4),
    ("pk", "f4", "landscape", (F4[1], F4[0])),
    ("pengukuran", "a4", "", (A4[1], A4[0])),
    ("pengukuran", "f4", "", (F4[1], F4[0])),
])
def test_paper_and_orientation_in_points(client, document, paper, orientation, size):
    reader, _pages = get_pdf(
        client, f"/barito-selatan/2023/laporan/{document}.pdf"
                f"?kertas={paper}&orientasi={orientation}")
    for index in range(len(reader.pages)):
        assert page_size(reader, index) == pytest.approx(size, abs=0.5)


def test_iku_follows_the_seed_layout(client):
    _reader, pages = get_pdf(client, "/barito-selatan/2023/laporan/iku.pdf?bulan=1&tahun=2024")
    flat = squash(pages[0])
    for part in ("NamaLembaga:KomisiPemilihanUmumKabupatenBaritoSelatan", "TahunAnggaran:2023",
                 "1.Penyusunanprogram", "5.Melaksanakantugas-tugaslainnya",
                 "Fungsi:MelaksanakanTahapanPemiludanPemilihan",
                 "NOINDIKATORKINERJAUTAMAPERHITUNGANTARGETSUMBERDATA12345",
                 "belumditetapkan", "100%"):
        assert part in flat, part


def test_closing_date_defaults_to_this_month_and_may_carry_a_day(client):
    from datetime import date

    from iku_web.formatting import format_month_year
    _r, pages = get_pdf(client, "/barito-selatan/2023/laporan/iku.pdf")
    assert f"Buntok, {format_month_year(date.today())}" in pages[-1]
    _r, pages = get_pdf(client, "/barito-selatan/2023/laporan/iku.pdf?hari=15&bulan=1&tahun=2024")
    assert "Buntok, 15 Januari 2024" in pages[-1]
    _r, pages = get_pdf(client, "/barito-selatan/2023/laporan/iku.pdf?hari=31&bulan=2&tahun=2024")
    assert "Buntok, Februari 2024" in pages[-1]  # no such day: month and year only


def test_signer_name_bold_capitals_nip_and_rank_when_set(client, app):
    with app.app_context():
        ketua = db.session.scalar(sa.select(Signer).where(Signer.title == KETUA))
        ketua.name, ketua.nip, ketua.rank = "Budi Santoso, S.H.", "198609262015051001", "Penata"
        db.session.commit()
    for document in ("iku", "pengukuran", "pk"):
        _r, pages = get_pdf(client, f"/barito-selatan/2023/laporan/{document}.pdf")
        assert "BUDI SANTOSO, S.H." in pages[-1]
        assert "NIP. 19860926 201505 1 001" in pages[-1]
        assert "Penata" in pages[-1]


def test_blank_name_leaves_a_line_and_no_nip(client):
    _r, pages = get_pdf(client, "/barito-selatan/2023/laporan/iku.pdf")
    assert "(......" in pages[-1]
    assert "NIP." not in pages[-1]


def test_pk_puts_pihak_kedua_left_and_pihak_pertama_right(client):
    reader, pages = get_pdf(client, "/barito-selatan/2023/laporan/pk.pdf")
    assert len(pages) >= 2
    assert "LAMPIRAN PERJANJIAN KINERJA TAHUN 2023" in pages[1]
    positions = {}

    def visitor(text, cm, tm, _font, _size):
        for key in ("PIHAK KEDUA,", "PIHAK PERTAMA,", KETUA, SEKRETARIS):
            if text.strip() == key:  # x on the page: text matrix x current matrix
                positions[key] = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]  # last one: signature

    reader.pages[0].extract_text(visitor_text=visitor)
    assert positions["PIHAK KEDUA,"] < positions["PIHAK PERTAMA,"]
    assert positions[KETUA] < positions[SEKRETARIS]  # the Ketua is Pihak Kedua, on the left
    flat = squash(pages[0])
    assert squash(f"Jabatan : {SEKRETARIS} selanjutnya disebut PIHAK PERTAMA") in flat


def test_pk_signers_can_be_chosen(client, app):
    with app.app_context():
        ids = {s.title: s.id for s in db.session.scalars(sa.select(Signer))}
    url = (f"/barito-selatan/2023/laporan/pk.pdf?pihak_pertama={ids[KETUA]}"
           f"&pihak_kedua={ids[SEKRETARIS]}")
    _r, pages = get_pdf(client, url)
    assert squash(f"Jabatan : {KETUA} selanjutnya disebut PIHAK PERTAMA") in squash(pages[0])


class RowCells(HTMLParser):
    """Text of every <td> per <tr> of the preview's tables."""

    def __init__(self):
        super().__init__()
        self.rows, self._cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


@pytest.mark.parametrize("quarter", [None, 2, 4])
def test_pengukuran_numbers_equal_view_model_and_preview(client, app, quarter):
    fill_realisasi(app)
    query = f"?tw={quarter}" if quarter else ""
    _r, pages = get_pdf(client, f"/barito-selatan/2023/laporan/pengukuran.pdf{query}")
    flat = squash("".join(pages))
    parser = RowCells()
    parser.feed(client.get(f"/barito-selatan/2023/laporan/pengukuran.html{query}").get_data(as_text=True))
    html_rows = [r for r in parser.rows if len(r) > 8]
    upto = quarter or 4
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        rows = measurement.build(year, upto=upto).rows
        assert len(html_rows) == len(rows)
        start = 0
        for row, cells in zip(rows, html_rows, strict=True):
            expected = [row.target_text, *(c.text or "-" for c in row.quarters[:upto]),
                        row.realisasi_text or "-", row.to_date_text, row.full_year_text]
            assert cells[3:7 + upto] == expected  # the preview shows the view-model's text
            assert cells[2] == row.indicator.satuan  # SATUAN sits before the target
            # ... and the PDF shows the same, in this order, after the indicator's name (each
            # seed indicator is its own sasaran: no heading, the row keeps the name).
            start = flat.index(squash(row.indicator.name), start)
            for text in expected:
                found = flat.index(squash(text), start)
                start = found + len(squash(text))
    assert "93,75%" in flat and "187/234" in flat


def test_last_page_never_holds_only_the_signature(client, app):
    from tests.reports_support import add_indicators

    for extra in (0, 3, 9, 14):
        add_indicators(app, extra)
        for document in DOCS:
            _r, pages = get_pdf(client, f"/barito-selatan/2023/laporan/{document}.pdf")
            last = indicators(app)[-1]
            assert squash(last.name) in squash(pages[-1]), (document, extra, len(pages))
            assert KETUA in pages[-1]
