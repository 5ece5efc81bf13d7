"""The LKjIP draft opened in LibreOffice, as the office does to finish it: converted to PDF
(page fields filled in, tables laid out on the grid) and saved again as Word (headings kept)."""
import re
import shutil
import subprocess

import pytest

from tests.lkjip_support import open_docx, screen_rows, squash_spaces
from tests.reports_support import fill_realisasi, read_pdf
from tests.test_lkjip import CHAPTERS, get_docx

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def convert(source, target_format: str, tmp_path):
    """LibreOffice's own conversion, with a profile of this test's (parallel runs share none)."""
    out = tmp_path / "out"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", target_format, "--outdir", str(out), str(source)],
                   check=True, timeout=120, capture_output=True)
    return out / f"{source.stem}.{target_format.split(':')[0]}"


@pytest.fixture
def draft(app, admin, tmp_path):
    fill_realisasi(app)
    path = tmp_path / "lkjip.docx"
    path.write_bytes(get_docx(admin, "?belum_verifikasi=1"))
    return path


def test_libreoffice_prints_the_draft_with_page_numbers_and_the_screen_numbers(
        draft, admin, tmp_path):
    screen = screen_rows(admin.get("/barito-selatan/2023/realisasi").text)
    _reader, pages = read_pdf(convert(draft, "pdf", tmp_path).read_bytes())
    # LibreOffice filled in the PAGE / NUMPAGES fields the writer left as "1" (the cover
    # has no footer).
    for number, page in enumerate(pages[1:], start=2):
        assert f"Halaman {number} dari {len(pages)}" in page, (number, page[-200:])
    text = squash_spaces(" ".join(pages))
    positions = [text.find(chapter) for chapter in CHAPTERS]
    assert -1 not in positions and positions == sorted(positions)
    # Realisasi, capaian and category follow one another in the Pengukuran row; where a
    # narrow cell wraps is LibreOffice's business, so spaces are left out of the comparison.
    lampiran = re.sub(r"\s", "", text[text.rfind("Lampiran 2. Pengukuran Kinerja"):])
    for shown in screen.values():
        row = re.sub(r"\s", "", shown["realisasi"] + shown["capaian"] + shown["category"])
        assert row in lampiran, (row, lampiran)


def test_libreoffice_keeps_the_column_widths(draft, tmp_path):
    """Without the table grid LibreOffice gives every column the same width, and the narrow
    ones break words in two ("Targe t")."""
    _reader, pages = read_pdf(convert(draft, "pdf", tmp_path).read_bytes())
    text = " ".join(pages)
    for word in ("Target", "Realisasi", "Capaian", "Kategori", "Indikator Kinerja"):
        assert word in text
    assert not re.search(r"Targe\s+t|Indikato\s+r", text)


def test_libreoffice_saves_it_again_as_word_with_its_headings_and_tables(draft, tmp_path):
    original = open_docx(draft.read_bytes())
    resaved = open_docx(convert(draft, "docx:MS Word 2007 XML", tmp_path).read_bytes())
    assert [p.text for p in resaved.paragraphs if p.style.name == "Heading 1"] == CHAPTERS
    assert len(resaved.tables) == len(original.tables)
    assert [c.text for c in resaved.tables[-1].rows[1].cells] == \
        [c.text for c in original.tables[-1].rows[1].cells]
