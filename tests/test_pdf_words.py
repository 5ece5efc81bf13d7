"""No word of a print table is broken inside, on A4 and F4, portrait and landscape; a very
long indicator name leaves no near-empty page; an over-long word wraps inside its cell."""
import re

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Indicator
from tests.conftest import login
from tests.reports_support import fill_realisasi, read_pdf, squash
from tests.sakip_support import build_chain

# Every header word of the tables of the IKU, PK, Pengukuran, LKjIP and dashboard PDFs, and
# the long words their cells hold; "SATU AN", "KATEGOR I" and "ditetapk an" were printed.
WORDS = """
INDIKATOR KINERJA UTAMA PERHITUNGAN SATUAN TARGET SUMBER DATA SASARAN STRATEGIS TRIWULAN
PROGRAM KEGIATAN ANGGARAN KETERANGAN REALISASI CAPAIAN KATEGORI TAHUNAN TAHUN LALU RENSTRA
AKHIR KENDALA SOLUSI BUKTI PAGU SERAPAN EFISIENSI JUMLAH Grafik Terisi Disetujui Jumlah
ditetapkan Tercapai belum diisi Indikator
""".split()
PAPERS = [("a4", "portrait"), ("a4", "landscape"), ("f4", "portrait"), ("f4", "landscape")]
DOCUMENTS = ["iku", "pk", "pengukuran", "pengukuran?tw=2", "lkjip"]


def broken_words(text: str, words=WORDS) -> set[str]:
    """Words of `words` printed with a line break inside them ("SATU|AN")."""
    found = set()
    for word in words:
        for cut in range(1, len(word)):
            pattern = (r"(?<!\w)" + re.escape(word[:cut]) + r"[ \t]*\n[ \t]*"
                       + re.escape(word[cut:]) + r"(?!\w)")
            if re.search(pattern, text, re.IGNORECASE):
                found.add(f"{word[:cut]}|{word[cut:]}")
    return found


def pdf_text(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return read_pdf(response.data)[1]


@pytest.mark.parametrize(("paper", "orientation"), PAPERS)
def test_no_table_word_is_broken_inside_on_any_paper(client, app, paper, orientation):
    build_chain(app)  # TA 2024: sasaran, programs with kegiatan, Renstra, realisasi
    login(client)
    for document in DOCUMENTS:
        name, _, query = document.partition("?")
        url = (f"/barito-selatan/2024/laporan/{name}.pdf"
               f"?kertas={paper}&orientasi={orientation}&{query}")
        text = "\n".join(pdf_text(client, url))
        assert "TARGET" in text.upper(), url  # the tables are there to be read
        # The known words, and every word of five letters or more printed whole elsewhere.
        words = set(WORDS) | set(re.findall(r"[A-Za-z]{5,}", text))
        assert broken_words(text, words) == set(), url


def test_dashboard_pdf_breaks_no_word(client, app):
    fill_realisasi(app)
    build_chain(app)  # 2024 has earlier years: more, narrower columns ("diteta pkan")
    text = "\n".join(pdf_text(client, "/barito-selatan/2024/dasbor.pdf"))
    assert "Kategori" in text
    assert broken_words(text) == set()


def long_name() -> str:
    words = ("Persentase pelaksanaan tahapan pemilihan umum yang diselenggarakan sesuai jadwal "
             "dan peraturan perundang-undangan").split()
    text, i = "", 0
    while len(text) < 1631:
        text += words[i % len(words)] + " "
        i += 1
    return text[:1631].strip()


@pytest.mark.parametrize("url", [
    "/barito-selatan/2023/laporan/iku.pdf?kertas=a4&orientasi=portrait",
    "/barito-selatan/2023/laporan/iku.pdf?kertas=f4&orientasi=landscape",
    "/barito-selatan/2023/laporan/pk.pdf?kertas=a4&orientasi=portrait",
    "/barito-selatan/2023/laporan/pengukuran.pdf?kertas=a4&orientasi=landscape",
])
def test_very_long_indicator_name_leaves_no_near_empty_page(client, app, url):
    name = long_name()
    assert len(name) == 1631
    with app.app_context():
        indicator = db.session.scalar(sa.select(Indicator).order_by(Indicator.position))
        indicator.name = name
        db.session.commit()
    pages = pdf_text(client, url)
    # All of it printed (cut across pages, so with page footers and headers in between).
    assert squash("".join(pages)).count("tahapanpemilihan") == name.count("tahapan pemilihan")
    # The row starts where the table starts and is cut where a page ends: every page but the
    # last is well filled (a page with the header and a line or two was about 550 characters
    # against 1,800 on the others).
    sizes = [len(squash(page)) for page in pages]
    assert min(sizes[:-1]) >= 0.5 * max(sizes), sizes


def test_unbroken_125_character_word_wraps_inside_its_cell(client, app):
    word = ("Pelaksanaan" * 12)[:125]
    with app.app_context():
        indicator = db.session.scalar(sa.select(Indicator).order_by(Indicator.position))
        indicator.formula = word
        db.session.commit()
    for paper in ("a4", "f4"):
        pages = pdf_text(client, "/barito-selatan"
                                 f"/2023/laporan/iku.pdf?kertas={paper}&orientasi=portrait")
        text = "\n".join(pages)
        assert word in squash(text)
        assert word not in text  # wrapped over several lines of its cell ...
        assert broken_words(text) == set()  # ... without squeezing the other columns

