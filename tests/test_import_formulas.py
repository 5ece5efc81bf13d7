"""Formula cells in the three imports (indicators, realisasi, budget), with real .xlsx files.

A formula saved without its value (what openpyxl and some converters write) is refused with
the sheet and the cell named, and nothing is applied; a formula with the value a spreadsheet
program cached is read as that value and the preview says so."""
import io
import re
import zipfile
from decimal import Decimal

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from iku_web.extensions import db
from iku_web.models import Indicator, Program, Realisasi, Year

# export URL, import URL, apply URL, the cell to make a formula, its formula and cached value
IMPORTS = {
    "anggaran": ("/barito-selatan/2023/anggaran.xlsx", "/barito-selatan/2023/anggaran/impor",
                 "/barito-selatan/2023/anggaran/impor/terapkan",
                 "E2", "=1000+234", "1234"),
    "indikator": ("/barito-selatan/2023/laporan/iku.xlsx", "/barito-selatan/2023/laporan/impor",
                  "/barito-selatan/2023/laporan/impor/terapkan", "E2", "=0.5+0.25", "0.75"),
    "realisasi": ("/barito-selatan"
                  "/2023/laporan/pengukuran.xlsx", "/barito-selatan/2023/laporan/impor-realisasi",
                  "/barito-selatan/2023/laporan/impor-realisasi/terapkan", "D2", "=40+2", "42"),
}


def _with_formula(data: bytes, coordinate: str, formula: str, cached: str | None) -> bytes:
    """The workbook with `formula` in `coordinate` of its first sheet, saved by openpyxl (no
    cached value); with `cached`, the value a spreadsheet program would store beside it."""
    wb = load_workbook(io.BytesIO(data))
    wb.worksheets[0][coordinate] = formula
    out = io.BytesIO()
    wb.save(out)
    if cached is None:
        return out.getvalue()
    source, patched = zipfile.ZipFile(out), io.BytesIO()
    with zipfile.ZipFile(patched, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content, count = re.subn(
                    rf'(<c r="{coordinate}"[^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?'.encode(),
                    rb"\g<1><v>" + cached.encode() + b"</v>", content)
                assert count == 1
            target.writestr(item, content)
    return patched.getvalue()


def _state(app):
    """What the three imports could change."""
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        return ([(p.name, p.pagu) for p in db.session.scalars(
                    sa.select(Program).where(Program.year_id == year.id))],
                [(i.name, i.target_value) for i in year.indicators],
                [(r.indicator_id, r.quarter, r.value) for r in db.session.scalars(
                    sa.select(Realisasi).order_by(Realisasi.id))])


@pytest.fixture
def budget(app):
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        db.session.add(Program(year_id=year.id, code="01", name="Program Dukungan", pagu=500))
        db.session.commit()


def _upload(admin, url: str, data: bytes):
    return admin.post(url, data={"file": (io.BytesIO(data), "berkas.xlsx"),
                                 "csrf_token": admin.token}, content_type="multipart/form-data")


@pytest.mark.parametrize("kind", IMPORTS)
def test_a_formula_without_a_saved_value_is_refused_naming_sheet_and_cell(app, admin, budget,
                                                                         kind):
    export, preview, apply, coordinate, formula, _cached = IMPORTS[kind]
    exported = admin.get(export).data
    sheet = load_workbook(io.BytesIO(exported)).worksheets[0].title
    before = _state(app)
    html = _upload(admin, preview, _with_formula(exported, coordinate, formula, None)).text
    assert f"Lembar «{sheet}»: sel {coordinate} ({formula})" in html
    assert "rumus tanpa nilai tersimpan" in html and "Tidak ada yang diterapkan" in html
    assert "Terapkan" not in html
    admin.post(apply, data={"csrf_token": admin.token})
    assert _state(app) == before


@pytest.mark.parametrize("kind", IMPORTS)
def test_a_formula_with_a_saved_value_is_read_as_that_value_and_said_so(app, admin, budget,
                                                                       kind):
    export, preview, apply, coordinate, formula, cached = IMPORTS[kind]
    exported = admin.get(export).data
    html = _upload(admin, preview, _with_formula(exported, coordinate, formula, cached)).text
    assert f"Sel {coordinate} ({formula}) di lembar" in html
    assert f"dibaca sebagai nilai tersimpannya: {cached}." in html
    assert "Terapkan" in html
    assert admin.post(apply, data={"csrf_token": admin.token}).status_code == 302
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        first = db.session.scalar(sa.select(Indicator).where(Indicator.year_id == year.id)
                                  .order_by(Indicator.position))
        if kind == "anggaran":
            assert db.session.scalar(sa.select(Program.pagu)) == 1234
        elif kind == "indikator":
            assert first.target_value == Decimal(75)  # a percent cell holds the fraction
        else:
            assert db.session.scalar(sa.select(Realisasi.value).where(
                Realisasi.indicator_id == first.id, Realisasi.quarter == 1)) == Decimal(42)
