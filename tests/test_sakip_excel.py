"""Excel with the chain: new columns in the exports, the IKU import reading them back, and
the budget import (preview, all or nothing)."""
import io
from decimal import Decimal as D

import sqlalchemy as sa
from openpyxl import load_workbook

from iku_web.extensions import db
from iku_web.models import BudgetRealisasi, Indicator, Program, Year
from tests.sakip_support import PAGU, build_chain


def workbook(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.data))


def to_bytes(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def columns(ws) -> dict[str, int]:
    return {c.value: i + 1 for i, c in enumerate(ws[1])}


def test_pengukuran_export_has_the_chain_columns_and_the_budget_sheet(client, app):
    build_chain(app)
    wb = workbook(client, "/barito-selatan/2024/laporan/pengukuran.xlsx?tw=2")
    ws = wb.worksheets[0]
    col = columns(ws)
    assert ws.cell(2, col["Sasaran Strategis"]).value.startswith("Terwujudnya Penyelenggaraan")
    assert ws.cell(2, col["Satuan"]).value == "%"
    assert ws.cell(2, col["Tahun Lalu"]).value == 2023
    assert ws.cell(2, col["Realisasi Tahun Lalu"]).value == D("0.875") or \
        abs(ws.cell(2, col["Realisasi Tahun Lalu"]).value - 0.875) < 1e-12
    assert ws.cell(2, col["Target Akhir Renstra"]).value == 1  # 100% as a percent cell
    assert abs(ws.cell(2, col["Capaian thd Renstra"]).value - 0.9) < 1e-12
    budget = wb["Anggaran"]
    bcol = columns(budget)
    assert budget.cell(2, bcol["Pagu"]).value == PAGU[0]
    assert budget.cell(2, bcol["Pagu"]).number_format == '"Rp"#,##0'
    assert budget.cell(2, bcol["Realisasi TW II"]).value == 317_283_500
    assert budget.cell(3, bcol["No"]).value == "1.1"
    assert budget.cell(6, bcol["Program / Kegiatan"]).value == "JUMLAH"
    assert budget.cell(6, bcol["Pagu"]).value == PAGU[0] + PAGU[1]


def test_iku_export_and_import_carry_sasaran_and_national_standard(admin, app):
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        year.indicators[0].national_standard = D(95)
        db.session.commit()
    wb = workbook(admin, "/barito-selatan/2023/laporan/iku.xlsx")
    ws = wb.active
    col = columns(ws)
    assert ws.cell(2, col["Sasaran Strategis"]).value == ws.cell(2, col[
        "Indikator Kinerja Utama"]).value
    assert ws.cell(2, col["Standar Nasional"]).value == D("0.95") or \
        abs(ws.cell(2, col["Standar Nasional"]).value - 0.95) < 1e-12
    # Indicator 3 joins sasaran 1 (named as in the file), indicator 4 gets a new sasaran.
    ws.cell(4, col["Sasaran Strategis"]).value = ws.cell(2, col["Sasaran Strategis"]).value
    ws.cell(5, col["Sasaran Strategis"]).value = "Meningkatnya kualitas SDM"
    ws.cell(5, col["Standar Nasional"]).value = "80"
    response = admin.post("/barito-selatan/2023/laporan/impor", data={
        "file": (io.BytesIO(to_bytes(wb)), "iku.xlsx"), "csrf_token": admin.token},
        content_type="multipart/form-data")
    html = response.text
    assert "Sasaran Strategis" in html and "Terapkan perubahan" in html
    admin.post("/barito-selatan/2023/laporan/impor/terapkan", data={"csrf_token": admin.token})
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        by_name = {i.name[:20]: i for i in year.indicators}
        third = by_name["Terwujudnya Data Pem"]
        assert third.sasaran_id == year.sasaran[0].id and third.position == 2
        fourth = by_name["Terlaksananya proses"]
        assert fourth.sasaran.name == "Meningkatnya kualitas SDM"
        assert fourth.national_standard == D(80)
        assert [i.position for i in year.indicators] == [1, 2, 3, 4, 5, 6]


def upload_budget(admin, data: bytes, year=2024):
    return admin.post(f"/barito-selatan/{year}/anggaran/impor", data={
        "file": (io.BytesIO(data), "anggaran.xlsx"), "csrf_token": admin.token},
        content_type="multipart/form-data")


def test_budget_import_previews_and_applies_all_or_nothing(admin, app):
    build_chain(app)
    wb = workbook(admin, "/barito-selatan/2024/anggaran.xlsx")
    ws = wb["Anggaran"]
    col = columns(ws)
    ws.cell(4, col["Realisasi TW III"]).value = 200_000_000
    ws.cell(5, col["Pagu"]).value = "Rp300.000.000"
    ws.cell(5, col["Realisasi TW I"]).value = None
    bad = to_bytes(wb)
    ws.cell(3, col["Realisasi TW II"]).value = "12,5"
    response = upload_budget(admin, to_bytes(wb))
    assert "Baris 3: TW II: Tulis rupiah utuh" in response.text
    assert "Terapkan" not in response.text
    response = upload_budget(admin, bad)
    html = response.text
    assert "TW III: kosong → Rp200.000.000" in html
    assert "Pagu: Rp250.000.000 → Rp300.000.000" in html
    assert "TW I: Rp50.000.000 → kosong" in html
    with app.app_context():  # nothing written by the preview
        assert db.session.scalar(sa.select(sa.func.count(BudgetRealisasi.id))) == 4
    admin.post("/barito-selatan/2024/anggaran/impor/terapkan", data={"csrf_token": admin.token})
    with app.app_context():
        support = db.session.scalar(sa.select(Program).where(Program.code == "076.01.WA.DM"))
        assert support.pagu == 300_000_000
        amounts = dict(db.session.execute(sa.select(BudgetRealisasi.quarter,
                                                    BudgetRealisasi.amount)
                                          .where(BudgetRealisasi.program_id == support.id)).all())
        assert amounts == {1: None}
        voting = db.session.scalar(sa.select(Program).where(Program.name.like("Pemungutan%")))
        assert {r.quarter: r.amount for r in voting.realisasi}[3] == 200_000_000
    # a row whose name does not match the program of that No is refused
    ws.cell(2, col["Program / Kegiatan"]).value = "Program lain"
    assert "Nama tidak sama dengan No 1" in upload_budget(admin, to_bytes(wb)).text


def test_budget_import_refuses_a_file_without_the_columns(admin, app):
    wb = workbook(admin, "/barito-selatan/2023/laporan/iku.xlsx")
    response = upload_budget(admin, to_bytes(wb), year=2023)
    assert "Kolom tidak ditemukan di baris 1: Program / Kegiatan, Pagu" in response.text
    assert "bukan berkas Excel" in upload_budget(admin, b"not a zip", year=2023).text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Indicator.id))) == 6
