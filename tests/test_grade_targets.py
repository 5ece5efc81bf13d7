"""One rule for grade targets (docs/capaian.md): a grade is its letter and verdict, never a
percentage, and never enters a mean; where a mean of grades would be needed the line says
"k dari n indikator tercapai". Checked on the dashboard, Anggaran, Pengukuran (screen, PDF,
Excel) and the LKjIP."""
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from iku_web.extensions import db
from iku_web.models import Indicator, Program, Realisasi
from tests.reports_support import read_pdf, squash

NOT_MET = "CC, target minimal B: Tidak tercapai"


@pytest.fixture
def one_sasaran(app):
    """Sasaran 1 holds indicator 1 (50% of 100%), indicator 2 ("minimal B", BB: met) and
    indicator 5 ("minimal B", CC: not met, a rank ratio of 3 / 4 = 75%). A program with a
    budget supports it, so the PDF prints its line."""
    with app.app_context():
        first = db.session.get(Indicator, 1)
        for iid, grade in ((2, "BB"), (5, "CC")):
            indicator = db.session.get(Indicator, iid)
            indicator.target_kind, indicator.target_value, indicator.target_grade = \
                "grade", None, "B"
            indicator.sasaran_id = first.sasaran_id
            db.session.add(Realisasi(indicator_id=iid, quarter=1, grade=grade))
        db.session.add(Realisasi(indicator_id=1, quarter=1, value=Decimal(50)))
        db.session.add(Program(year_id=first.year_id, position=1, name="Program A",
                               pagu=1_000_000, sasaran_id=first.sasaran_id))
        db.session.commit()


def test_dashboard_shows_a_grade_as_letter_and_verdict(client, one_sasaran):
    html = client.get("/barito-selatan/2023/dasbor").text
    assert NOT_MET in html
    assert "75%" not in html  # the rank ratio CC / B
    assert "1 dari 3 indikator tercapai" in re.search(r'id="dash-met"[^>]*>(.*?)<', html).group(1)
    assert re.search(r'id="dash-average">50%<', html)


def test_sasaran_line_leaves_grades_out_of_its_mean_and_counts_them(admin, one_sasaran):
    html = admin.get("/barito-selatan/2023/anggaran").text
    line = re.search(r"<tr><td>1\.</td>.*?</tr>", html, re.S).group(0)
    # (50 + 100 + 75) / 3 = 75% before: the met grade as 100%, the unmet one as its ratio.
    assert "50%; 1 dari 3 indikator tercapai" in line


def test_realisasi_screen_summary_counts_met_indicators(admin, one_sasaran):
    html = admin.get("/barito-selatan/2023/realisasi").text
    assert re.search(r'id="rl-met">1 dari 3 indikator tercapai<', html)
    capaian = re.search(r'id="rl-todate-5"[^>]*>(.*?)</td>', html, re.S).group(1)
    assert NOT_MET in capaian and "%" not in capaian


def test_pengukuran_pdf_and_excel_show_the_verdict_not_a_percentage(client, one_sasaran):
    _, pages = read_pdf(client.get("/barito-selatan/2023/laporan/pengukuran.pdf").data)
    text = squash(" ".join(pages))
    assert squash(NOT_MET) in text
    assert squash("1 dari 3 indikator tercapai") in text
    assert squash("50%; 1 dari 3 indikator tercapai") in text  # the budget line of sasaran 1
    ws = load_workbook(io.BytesIO(client.get("/barito-selatan"
                                             "/2023/laporan/pengukuran.xlsx").data)).active
    header = [c.value for c in ws[1]]
    column = header.index("Capaian s.d. TW IV") + 1
    assert NOT_MET in [ws.cell(row=r, column=column).value for r in range(2, ws.max_row + 1)]


def test_lkjip_leaves_grades_out_of_means(admin, one_sasaran):
    _, pages = read_pdf(admin.get("/barito-selatan/2023/laporan/lkjip.pdf?belum_verifikasi=1").data)
    text = squash(" ".join(pages))
    assert squash("Rata-rata capaian kinerja adalah 50%; 1 dari 3 indikator tercapai") in text
    assert squash("rata-rata capaian indikatornya 50%; 1 dari 3 indikator tercapai") in text
    assert squash(f"nilai {NOT_MET}") in text
