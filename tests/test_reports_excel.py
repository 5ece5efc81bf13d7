"""Excel export (numbers as numbers) and the all-or-nothing import of indicators."""
import io
from decimal import Decimal as D

import sqlalchemy as sa
from openpyxl import load_workbook

from iku_web import measurement
from iku_web.extensions import db
from iku_web.models import Indicator, Year
from iku_web.presenters import target_label
from iku_web.reports.imports.indicators import APPLIED
from tests.reports_support import fill_realisasi


def workbook(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    return load_workbook(io.BytesIO(response.data))


def snapshot(app) -> list[dict]:
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        return [{"position": i.position, **{f: getattr(i, f) for f in APPLIED}}
                for i in year.indicators]


def upload(admin, data: bytes):
    return admin.post("/barito-selatan/2023/laporan/impor", data={
        "file": (io.BytesIO(data), "iku.xlsx"), "csrf_token": admin.token},
        content_type="multipart/form-data")


def apply(admin):
    return admin.post("/barito-selatan"
                      "/2023/laporan/impor/terapkan", data={"csrf_token": admin.token})


def vary_targets(app):
    """Every kind of target, quarter targets and fractions, so the round trip is tested."""
    with app.app_context():
        inds = list(db.session.scalars(sa.select(Indicator).order_by(Indicator.position)))
        inds[1].target_kind, inds[1].target_value, inds[1].target_upper = "range", D(80), D(90)
        inds[2].target_kind, inds[2].target_grade, inds[2].target_value = "grade", "BB", None
        inds[3].target_kind, inds[3].target_value, inds[3].target_unit = "number", D(234), "KPPS"
        inds[3].polarity, inds[3].aggregation = "lower", "kumulatif"
        inds[0].target_tw1, inds[0].target_tw2 = D("25"), D("93.75")
        inds[5].target_value, inds[5].pic_unit = D("33.3333"), "Subbagian Teknis"
        db.session.commit()


def test_iku_export_has_number_cells_percent_formats_frozen_header_and_widths(client, app):
    vary_targets(app)
    ws = workbook(client, "/barito-selatan/2023/laporan/iku.xlsx").active
    assert ws.freeze_panes == "A2"
    assert ws["A1"].value == "No" and ws["B1"].value == "Indikator Kinerja Utama"
    assert ws.column_dimensions["B"].width == 45
    assert ws["E2"].value == 1 and ws["E2"].number_format == "0%"  # 100%
    assert ws["J2"].value == D("0.9375") or abs(ws["J2"].value - 0.9375) < 1e-12
    assert ws["J2"].number_format == "0.00%"
    assert ws["E5"].value == 234 and "%" not in ws["E5"].number_format
    assert ws["G4"].value == "BB"
    with app.app_context():
        labels = [target_label(i) for i in db.session.scalars(
            sa.select(Indicator).order_by(Indicator.position))]
    assert [ws.cell(row=r, column=17).value for r in range(2, 8)] == labels


def test_pengukuran_export_shows_the_screen_numbers_as_numbers(client, app):
    fill_realisasi(app)
    ws = workbook(client, "/barito-selatan/2023/laporan/pengukuran.xlsx").active
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    col = {title: i + 1 for i, title in enumerate(header)}
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        rows = measurement.build(year).rows
    first = 2
    assert ws.cell(first, col["Realisasi TW II"]).value == D("0.9375") or \
        abs(ws.cell(first, col["Realisasi TW II"]).value - 0.9375) < 1e-12
    assert ws.cell(first, col["Realisasi TW II"]).number_format == "0.00%"
    assert ws.cell(first, col["Bukti Dukung"]).value == 1
    for r, row in enumerate(rows, start=2):
        cell = ws.cell(r, col["Capaian s.d. TW IV"])
        if row.to_date.status == "ok":
            assert isinstance(cell.value, int | float) and "%" in cell.number_format
            shown = f"{cell.value * 100:.2f}".rstrip("0").rstrip(".").replace(".", ",") + "%"
            assert shown == row.to_date_text
        else:
            assert cell.value == row.to_date_text
        assert ws.cell(r, col["Target"]).value == row.target_text
    assert ws.cell(2, col["Kendala"]).value == "TW I: Jadwal tahapan bergeser"
    quarter = workbook(client, "/barito-selatan/2023/laporan/pengukuran.xlsx?tw=1").active
    assert "Realisasi TW II" not in [c.value for c in quarter[1]]


def test_export_then_import_gives_the_same_data(admin, app):
    vary_targets(app)
    before = snapshot(app)
    data = admin.get("/barito-selatan/2023/laporan/iku.xlsx").data
    html = upload(admin, data).get_data(as_text=True)
    assert html.count("tidak berubah") == 6 and "Terapkan perubahan" in html
    assert apply(admin).status_code == 302
    assert snapshot(app) == before


def test_edited_file_previews_then_applies_changes(admin, app):
    wb = load_workbook(io.BytesIO(admin.get("/barito-selatan/2023/laporan/iku.xlsx").data))
    ws = wb.active
    ws["B2"] = "Terwujudnya Pemilu yang tepat waktu"
    ws.append([7, "Indikator baru", "Rumus baru", "Persentase", "85,5%", None, None, "%",
               None, None, None, None, "Semakin tinggi semakin baik", "Nilai akhir", "Laporan",
               "Subbagian Hukum"])
    out = io.BytesIO()
    wb.save(out)
    before = snapshot(app)
    html = upload(admin, out.getvalue()).get_data(as_text=True)
    assert "diubah" in html and "baru" in html
    assert snapshot(app) == before  # the preview changes nothing
    assert apply(admin).status_code == 302
    after = snapshot(app)
    assert after[0]["name"] == "Terwujudnya Pemilu yang tepat waktu"
    assert after[6]["name"] == "Indikator baru" and after[6]["target_value"] == D("85.5")
    assert after[6]["target_kind"] == "percent" and after[6]["pic_unit"] == "Subbagian Hukum"
    assert apply(admin).status_code == 302  # the pending file is used once only
    assert snapshot(app) == after


def test_invalid_rows_are_listed_in_indonesian_and_nothing_is_applied(admin, app):
    wb = load_workbook(io.BytesIO(admin.get("/barito-selatan/2023/laporan/iku.xlsx").data))
    ws = wb.active
    ws["B2"] = "Perubahan yang sah"
    ws["E3"] = "seratus"
    ws["D3"] = "Persentase"
    ws["D4"] = "Entah"
    ws["A5"] = 1
    ws["B6"] = None
    ws["E7"] = -5
    out = io.BytesIO()
    wb.save(out)
    before = snapshot(app)
    html = upload(admin, out.getvalue()).get_data(as_text=True)
    for message in ("Baris 3: Target: Bukan angka yang valid.",
                    "Baris 4: Jenis Target tidak dikenal",
                    "Baris 5: No 1 sudah dipakai di baris 2.",
                    "Baris 6: Indikator Kinerja Utama wajib diisi.",
                    "Baris 7: Target: Tidak boleh negatif."):
        assert message in html, message
    assert "Terapkan perubahan" not in html
    assert apply(admin).status_code == 302
    assert snapshot(app) == before


def test_a_file_that_is_not_xlsx_or_lacks_columns_is_refused(admin, app):
    html = upload(admin, b"PK\x03\x04 not really a zip").get_data(as_text=True)
    assert "Berkas bukan berkas Excel .xlsx yang dapat dibaca." in html
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["No", "Nama"])
    out = io.BytesIO()
    wb.save(out)
    html = upload(admin, out.getvalue()).get_data(as_text=True)
    assert "Kolom tidak ditemukan di baris 1: Indikator Kinerja Utama" in html
    assert snapshot(app)[0]["name"].startswith("Terwujudnya Penyelenggaraan")
