"""A value the screens and imports refuse (a negative realisasi) written straight into the
database: every screen and export still renders, showing it as not computable (docs/capaian.md,
"Invalid stored values")."""
import io
import re
from decimal import Decimal as D

import sqlalchemy as sa
from openpyxl import load_workbook

from iku_web.extensions import db
from iku_web.measurement import INVALID_NOTE
from iku_web.models import Realisasi
from iku_web.reports.excel import INVALID_VALUE_NOTE
from tests.reports_support import read_pdf, squash
from tests.test_realisasi import save

UNIT = "/barito-selatan/2023"


def _write_negative(app):
    with app.app_context():
        db.session.execute(sa.update(Realisasi).where(
            Realisasi.indicator_id == 1, Realisasi.quarter == 1).values(value=D("-5")))
        db.session.commit()


def test_a_negative_realisasi_in_the_database_is_shown_as_not_computable(app, admin):
    assert save(admin, "80").status_code == 200
    save(admin, "90", quarter=2)
    _write_negative(app)

    for path in ("/anggaran.xlsx", "/laporan/pengukuran.xlsx", "/laporan/iku.xlsx"):
        response = admin.get(UNIT + path)
        assert response.status_code == 200, path
        load_workbook(io.BytesIO(response.data))
    ws = load_workbook(io.BytesIO(admin.get(UNIT + "/laporan/pengukuran.xlsx").data)).active
    header = [c.value for c in ws[1]]
    row = [c.value for c in ws[2]]
    assert row[header.index("Capaian s.d. TW IV")] == "Nilai tidak valid"
    assert row[header.index("Realisasi")] == "-"
    assert ws.cell(row=2, column=header.index("Realisasi") + 1).comment.text == INVALID_VALUE_NOTE
    assert row[header.index("Realisasi TW I")] == "-"
    assert row[header.index("Realisasi TW II")] == 0.9

    for path in ("/realisasi", "/dasbor", "/pantauan", "/laporan/pengukuran.pdf", "/anggaran",
                 "/laporan/lkjip.pdf?belum_verifikasi=1", "/dasbor.pdf", "/indikator/1",
                 "/laporan/lkjip.docx", "/laporan/pengukuran.pdf?tw=1", "/verifikasi"):
        response = admin.get(UNIT + path)
        assert response.status_code == 200, path
        assert b"NaN" not in response.data, path
    page = admin.get(UNIT + "/realisasi").text
    capaian = re.search(r'id="rl-todate-1"[^>]*>(.*?)</td>', page, re.S).group(1)
    assert "Nilai tidak valid" in capaian and "NaN" not in capaian
    assert INVALID_NOTE in re.search(r'id="warn-1-1"[^>]*>(.*?)</span>', page).group(1)
    assert INVALID_NOTE in admin.get(UNIT + "/pantauan").text
    _, pages = read_pdf(admin.get(UNIT + "/laporan/pengukuran.pdf").data)
    assert squash("Nilai tidak valid") in squash(" ".join(pages))
