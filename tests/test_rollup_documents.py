"""The computation of a computed indicator printed by the Pengukuran (preview, PDF, Excel), the
dashboard (page, PDF) and the LKjIP (preview, PDF, DOCX): the same hand-counted words
everywhere (tests/rollup_views_support.py), verified figures first."""
import io

import pytest
from lxml import html as lxml_html
from openpyxl import load_workbook

from iku_web.extensions import db
from iku_web.models import Indicator
from iku_web.rollup import presenter, service
from tests.lkjip_support import docx_xml, xml_paragraphs
from tests.reports_support import read_pdf, squash
from tests.rollup_support import YEAR
from tests.rollup_views_support import (
    FIGURE_TW2,
    LINES,
    client_as,
    province_app,  # noqa: F401 (fixture)
)


@pytest.fixture
def reader(app):
    return client_as(app, "staff.prov")


def _pdf_text(data: bytes) -> str:
    return squash("".join(read_pdf(data)[1]))


def _screen_row(page: str) -> list[str]:
    """The cells of the computed indicator's row in the Pengukuran preview."""
    tree = lxml_html.fromstring(page)
    cells = tree.xpath("//tr[td[contains(., 'Persentase KPU Kabupaten/Kota tepat waktu')]]"
                       "[not(@class='rollup')]/td")
    return [" ".join(cell.text_content().split()) for cell in cells]


def _assert_lines_in_pdf(data: bytes) -> None:
    text = _pdf_text(data)
    for line in LINES:
        assert squash(line) in text, line


def test_the_presenter_counts_by_hand(app):
    with app.app_context():
        parent = db.session.get(Indicator, app.tree["parent"])
        computed = service.computation(parent)
        assert presenter.printed(computed).lines == LINES
        # By the end of TW I: 3 of 5 met (f's 90 is under its 100), nothing unverified yet.
        early = presenter.printed(computed, upto=1)
        assert early.lines == (
            "Dihitung dari unit di bawahnya (Persentase unit memenuhi target), data "
            "terverifikasi, TW I: 3 dari 5 KPU Kabupaten/Kota, 60% (1 tidak berlaku).",
            "Tidak memenuhi target: KPU Kab-F.",
            "Belum melapor (dihitung tidak memenuhi): KPU Kab-C.")


def test_pengukuran_preview_pdf_and_excel_agree(reader):
    base = f"/prov/{YEAR}/laporan/pengukuran"
    page = reader.get(base + ".html").get_data(as_text=True)
    for line in LINES:
        assert line in page
    _assert_lines_in_pdf(reader.get(base + ".pdf").data)
    answer = reader.get(base + ".xlsx")
    ws = load_workbook(io.BytesIO(answer.data)).active
    header = [cell.value for cell in ws[1]]
    column = header.index("Perhitungan dari Unit di Bawahnya") + 1
    assert ws.cell(row=2, column=2).value == "Persentase KPU Kabupaten/Kota tepat waktu"
    assert ws.cell(row=2, column=column).value == "\n".join(LINES)
    # The row's own numbers are the verified figures the line gives: TW I 60%, TW II 40%,
    # the year (nilai akhir) 40%, capaian 40 / 80 = 50%.
    assert [ws.cell(row=2, column=header.index(f"Realisasi TW {q}") + 1).value
            for q in ("I", "II", "III", "IV")] == [0.6, 0.4, None, None]
    assert ws.cell(row=2, column=header.index("Realisasi") + 1).value == 0.4
    assert ws.cell(row=2, column=header.index("Capaian s.d. TW IV") + 1).value == 0.5
    row = _screen_row(page)
    assert row[4:7] == ["60%", "40%", "-"] and row[8] == "40%" and row[9] == "50%"


def test_pengukuran_by_tw_one_prints_tw_one(reader):
    page = reader.get(f"/prov/{YEAR}/laporan/pengukuran.html?tw=1").get_data(as_text=True)
    assert "TW I: 3 dari 5 KPU Kabupaten/Kota, 60%" in page
    assert FIGURE_TW2 not in page


def test_dashboard_page_and_pdf(reader):
    page = reader.get(f"/prov/{YEAR}/dasbor?tw=2").get_data(as_text=True)
    for line in LINES:
        assert line in page
    _assert_lines_in_pdf(reader.get(f"/prov/{YEAR}/dasbor.pdf?tw=2").data)


def test_lkjip_preview_pdf_and_docx(reader):
    base = f"/prov/{YEAR}/laporan/lkjip"
    page = reader.get(base + ".html").get_data(as_text=True)
    for line in LINES:
        assert line in page
    _assert_lines_in_pdf(reader.get(base + ".pdf").data)
    paragraphs = xml_paragraphs(docx_xml(reader.get(base + ".docx").data))
    for line in LINES:
        assert line in paragraphs


def test_typed_indicators_print_no_computation(reader, app):
    """A child's own (typed, linked) indicator prints no roll-up line."""
    client = client_as(app, "admin.kab-a")
    page = client.get(f"/kab-a/{YEAR}/laporan/pengukuran.html").get_data(as_text=True)
    assert "Dihitung dari unit di bawahnya" not in page
    ws = load_workbook(io.BytesIO(client.get(f"/kab-a/{YEAR}/laporan/pengukuran.xlsx").data)
                       ).active
    header = [cell.value for cell in ws[1]]
    assert header[-1] == "Capaian thd Renstra"  # no empty roll-up column
