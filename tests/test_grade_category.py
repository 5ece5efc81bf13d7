"""A grade below its minimum lands in the lowest category and stays out of the average, on
the screen, in the Pengukuran PDF and in Excel."""
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from iku_web import capaian
from iku_web.capaian import Result, Target
from iku_web.categories import DEFAULT_CATEGORIES, LKJIP_CATEGORIES, category_of
from iku_web.extensions import db
from iku_web.models import Indicator, Realisasi
from tests.reports_support import read_pdf, squash


@pytest.mark.parametrize("categories, label", [
    (DEFAULT_CATEGORIES, "Tidak tercapai"), (LKJIP_CATEGORIES, "Sangat Kurang"),
])
def test_grade_not_met_is_in_the_lowest_category_whatever_its_ratio(categories, label):
    for realisasi in ("B", "CC", "D"):
        result = capaian.achievement(Target("grade", grade="BB"), realisasi)
        assert result.status == "grade_not_met"
        assert category_of(result, categories).label == label
    met = capaian.achievement(Target("grade", grade="BB"), "A")
    assert category_of(met, categories) == categories[0]


def test_category_of_numbers_is_the_band_reached():
    assert category_of(Result("ok", Decimal(80), ""), DEFAULT_CATEGORIES).label == \
        "Perlu perhatian"
    assert category_of(Result("no_value", None, "Belum diisi"),
                               DEFAULT_CATEGORIES) is None


@pytest.fixture
def grade_below_minimum(app):
    """Indicator 5: target "minimal BB", realisasi B in TW I; indicator 1: 50% in TW I."""
    with app.app_context():
        grade = db.session.get(Indicator, 5)
        grade.target_kind, grade.target_value, grade.target_grade = "grade", None, "BB"
        db.session.add_all([Realisasi(indicator_id=5, quarter=1, grade="B"),
                            Realisasi(indicator_id=1, quarter=1, value=Decimal(50))])
        db.session.commit()


def test_screen_category_and_average(admin, grade_below_minimum):
    html = admin.get("/barito-selatan/2023/realisasi").text
    category = re.search(r'id="rl-cat-5"[^>]*>(.*?)</td>', html, re.S).group(1)
    assert "Tidak tercapai" in category
    # 50% alone: the grade's hidden ratio of ranks (B/BB = 80%) is not averaged in.
    assert re.search(r'id="rl-average">50%<', html)
    assert "Tidak tercapai: 2" in html
    footnote = " ".join(re.search(r'id="rl-average-note"[^>]*>(.*?)</', html, re.S)
                        .group(1).split())
    assert "nilai huruf" in footnote and "1 indikator" in footnote


def test_save_answer_uses_the_same_rule(admin, grade_below_minimum):
    from tests.conftest import htmx_post
    response = htmx_post(admin, "/barito-selatan"
                                "/2023/realisasi/5/2", {"value": "CC", "version": "0",
                                                         "base": ""})
    html = response.text
    assert "Tidak tercapai" in re.search(r'id="rl-cat-5"[^>]*>(.*?)</td>', html, re.S).group(1)
    assert re.search(r'id="rl-average">50%<', html)


def test_pdf_category_average_and_footnote(client, grade_below_minimum):
    _reader, pages = read_pdf(client.get("/barito-selatan/2023/laporan/pengukuran.pdf").data)
    text = squash("".join(pages))
    assert "Rata-ratacapaians.d.TriwulanIV:50%" in text
    assert "Tidaktercapai:2" in text
    assert "nilaihuruf" in text


def test_excel_category(client, grade_below_minimum):
    ws = load_workbook(io.BytesIO(client.get("/barito-selatan"
                                             "/2023/laporan/pengukuran.xlsx").data)).active
    header = [c.value for c in ws[1]]
    assert ws.cell(row=6, column=header.index("Kategori") + 1).value == "Tidak tercapai"
    assert ws.cell(row=6, column=header.index("Capaian s.d. TW IV") + 1).value == \
        "B, target minimal BB: Tidak tercapai"
