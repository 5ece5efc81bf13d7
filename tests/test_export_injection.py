"""CSV and formula injection: whatever anyone typed (a bagian name, a failed-login username, an
indicator, a kendala, a program) reaches no export as a cell a spreadsheet would run; numbers
stay numbers. One case per export URL."""
import csv
import io
from decimal import Decimal

import pytest
import sqlalchemy as sa
from openpyxl import Workbook, load_workbook

from iku_web.cell_safety import FORMULA_STARTS, safe_workbook
from iku_web.extensions import db
from iku_web.models import ChangeLog, Indicator, Program, Realisasi, Sasaran, Year
from tests.conftest import login

HOSTILE = {
    "indicator": "=1+2 Indikator",
    "formula": "@SUM(A1:A9)",
    "source": "+cmd|' /C calc'!A0",
    "sasaran": "\t=sasaran",
    "kendala": '=HYPERLINK("http://contoh.invalid","klik")',
    "program": "=1+2 program",
    "note": "-2+3",
    "bagian": "=1+2 bagian",
    "new_value": "@sum(1)",
    "username": "@sum(1+1)*cmd",
}

# URL -> the hostile texts that must appear in it, neutralised.
EXPORTS = {
    "/barito-selatan/riwayat.csv": ("bagian", "new_value"),
    "/barito-selatan/riwayat.csv?jenis=masuk": ("username",),
    "/barito-selatan/2023/anggaran.xlsx": ("program", "note"),
    "/barito-selatan/2023/laporan/iku.xlsx": ("indicator", "formula", "source", "sasaran"),
    "/barito-selatan/2023/laporan/pengukuran.xlsx": ("indicator", "sasaran", "program"),
}


def _plant(app, client) -> None:
    login(client, HOSTILE["username"], "salah-sandi")  # a failed login, as typed
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        ind = year.indicators[0]
        ind.name, ind.formula, ind.data_source = (HOSTILE["indicator"], HOSTILE["formula"],
                                                  HOSTILE["source"])
        ind.sasaran = Sasaran(year_id=year.id, name=HOSTILE["sasaran"])
        db.session.add_all([
            Realisasi(indicator_id=ind.id, quarter=1, obstacles=HOSTILE["kendala"],
                      value=Decimal(40)),
            Program(year_id=year.id, name=HOSTILE["program"], note=HOSTILE["note"], pagu=1000),
            ChangeLog(year_id=year.id, entity="budget", field=HOSTILE["bagian"],
                      old_value="-5", new_value=HOSTILE["new_value"]),
        ])
        db.session.commit()


def _cells(response) -> list:
    if response.mimetype == "text/csv":
        rows = csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")))
        return [cell for row in rows for cell in row]
    wb = load_workbook(io.BytesIO(response.data))
    cells = [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a formula cell"
    return [cell.value for cell in cells]


@pytest.mark.parametrize("url", EXPORTS)
def test_no_export_holds_a_cell_a_spreadsheet_would_run(app, admin, url):
    _plant(app, app.test_client())
    response = admin.get(url)
    assert response.status_code == 200
    cells = _cells(response)
    texts = [c for c in cells if isinstance(c, str)]
    for name in EXPORTS[url]:
        assert "'" + HOSTILE[name] in texts, f"{name} missing or not neutralised"
    runnable = [t for t in texts if t.startswith(FORMULA_STARTS) and t not in ("-5", "-")]
    assert runnable == []
    if url == "/barito-selatan/riwayat.csv":
        assert "-5" in texts  # a number written as text is left alone
    if url.endswith("pengukuran.xlsx"):
        assert 0.4 in cells  # the realisasi 40% is still a number cell
        assert any(HOSTILE["kendala"] in t for t in texts)  # inside "TW I: ...", harmless


def test_negative_numbers_stay_number_cells_and_numeric_text_stays_as_typed():
    wb = Workbook()
    wb.active.append([-5, Decimal("-1.5"), "-5", "-1.234,5", "-", "=1+2", "-1+2"])
    safe_workbook(wb)
    assert [c.value for c in wb.active[1]] == [-5, Decimal("-1.5"), "-5", "-1.234,5", "-",
                                               "'=1+2", "'-1+2"]
    assert [c.data_type for c in wb.active[1]] == ["n", "n", "s", "s", "s", "s", "s"]


def test_an_exported_register_imports_back_with_its_formula_like_texts(app, admin):
    with app.app_context():
        ind = db.session.scalar(sa.select(Indicator).join(Year).where(Year.year == 2023)
                                .order_by(Indicator.position))
        ind.name, ind.formula = HOSTILE["indicator"], HOSTILE["formula"]
        db.session.commit()
    data = admin.get("/barito-selatan/2023/laporan/iku.xlsx").data
    html = admin.post("/barito-selatan/2023/laporan/impor", data={
        "file": (io.BytesIO(data), "iku.xlsx"), "csrf_token": admin.token},
        content_type="multipart/form-data").get_data(as_text=True)
    assert html.count("tidak berubah") == 6  # the quote the export added is not a change
