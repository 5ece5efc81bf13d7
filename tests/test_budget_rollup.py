"""A program with kegiatan is the sum of its kegiatan (pagu and every quarter); a kegiatan's own
sasaran gets its amounts; JUMLAH and serapan follow on the screen, in Excel and in the LKjIP."""
import io
from decimal import Decimal

import openpyxl
import sqlalchemy as sa

from iku_web import budget
from iku_web.extensions import db
from iku_web.lkjip import chain as lkjip_chain
from iku_web.measurement import build as measure
from iku_web.models import BudgetRealisasi, Program, Realisasi, Year
from tests.conftest import htmx_post


def year_2023() -> Year:
    return db.session.scalar(sa.select(Year).where(Year.year == 2023))


def make_program(app) -> tuple[int, int, int, int]:
    """Program (sasaran 1, 1 billion typed before it had kegiatan) with kegiatan K1 (follows
    the program, 600 million) and K2 (its own sasaran 6, 400 million); indicator 6 at 80%."""
    with app.app_context():
        year = year_2023()
        s1, s6 = year.sasaran[0], year.sasaran[5]
        db.session.add(Realisasi(indicator_id=s6.indicators[0].id, quarter=1, value=Decimal(80)))
        program = Program(year_id=year.id, position=1, name="Program Penyelenggaraan Pemilu",
                          pagu=1_000_000_000, sasaran_id=s1.id)
        k1 = Program(year_id=year.id, position=1, name="Fasilitasi logistik", pagu=600_000_000)
        k2 = Program(year_id=year.id, position=2, name="Pembentukan badan adhoc",
                     pagu=400_000_000, sasaran_id=s6.id)
        program.kegiatan.extend([k1, k2])
        db.session.add(program)
        db.session.commit()
        return program.id, k1.id, k2.id, s6.id


def save(admin, pid, quarter, value, version="0"):
    return htmx_post(admin, f"/barito-selatan/2023/anggaran/{pid}/{quarter}",
                     {"value": value, "version": version})


def test_program_with_kegiatan_is_the_sum_of_its_kegiatan(admin, app):
    pid, k1, k2, s6 = make_program(app)
    assert 'data-state="saved"' in save(admin, k1, 1, "150.000.000").text
    html = save(admin, k2, 1, "100.000.000").text
    # the program's cells follow out of band: quarter, realisasi, serapan, JUMLAH per quarter
    assert f'id="bg-q-{pid}-1"' in html and "Rp250.000.000" in html
    assert f'id="bg-real-{pid}"' in html and 'id="bg-total-q1"' in html
    save(admin, k2, 2, "100.000.000")
    # typing on the program itself is refused: its amounts are its kegiatan's
    refused = save(admin, pid, 3, "5.000.000")
    assert 'data-state="invalid"' in refused.text and "memiliki kegiatan" in refused.text
    page = admin.get("/barito-selatan/2023/anggaran").text
    assert f'id="bg-input-{pid}-1"' not in page and f'id="bg-input-{k1}-1"' in page
    row = page[page.index(f'id="bg-row-{pid}"'):page.index(f'id="bg-row-{k1}"')]
    for text in ("Rp1.000.000.000", "Rp250.000.000", "Rp100.000.000", "Rp350.000.000", "35%"):
        assert text in row, text
    total = page[page.index("<tfoot>"):page.index("</tfoot>")]
    assert "JUMLAH" in total
    for text in ("Rp1.000.000.000", "Rp250.000.000", "Rp100.000.000", "Rp350.000.000", "35%"):
        assert text in total, text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(BudgetRealisasi.id)).where(
            BudgetRealisasi.program_id == pid)) == 0
        year = year_2023()
        b = budget.build(year)
        assert (b.pagu, b.realisasi, b.serapan) == (1_000_000_000, 350_000_000, Decimal(35))
        assert b.quarters == (250_000_000, 100_000_000, None, None)
        # each rupiah under the sasaran its row supports: K1 follows the program, K2 its own
        by_id = {s.sasaran.id: s for s in b.sasaran}
        first = by_id[year.sasaran[0].id]
        assert (first.pagu, first.realisasi, first.serapan) == (600_000_000, 150_000_000,
                                                               Decimal(25))
        sixth = by_id[s6]
        assert (sixth.pagu, sixth.realisasi, sixth.serapan) == (400_000_000, 200_000_000,
                                                               Decimal(50))
        assert sixth.efficiency_text == "160%"  # capaian 80% / serapan 50%
        # the LKjIP: the kegiatan supports sasaran 6 (analysis 7) and its efficiency (6)
        chain = lkjip_chain.load(year, measure(year))
        assert chain.sasaran_programs[f"sasaran-{s6}"] == ("Pembentukan badan adhoc",)
        assert "pagu Rp400.000.000 dengan realisasi Rp200.000.000 (serapan 50%)" in \
            chain.efficiency[f"sasaran-{s6}"]
        assert chain.programs[1] == ("1", "Program Penyelenggaraan Pemilu", "Rp1.000.000.000",
                                     "Rp350.000.000", "35%")
        assert chain.programs[-1] == ("", "Jumlah", "Rp1.000.000.000", "Rp350.000.000", "35%")


def test_budget_excel_rolls_up_and_ends_with_jumlah_and_serapan(admin, app):
    pid, k1, k2, _s6 = make_program(app)
    save(admin, k1, 1, "150.000.000")
    save(admin, k2, 2, "100.000.000")
    ws = openpyxl.load_workbook(io.BytesIO(admin.get("/barito-selatan"
                                                     "/2023/anggaran.xlsx").data))["Anggaran"]
    col = {c.value: i + 1 for i, c in enumerate(ws[1])}
    values = {ws.cell(r, col["No"]).value or ws.cell(r, col["Program / Kegiatan"]).value:
              {name: ws.cell(r, i).value for name, i in col.items()}
              for r in range(2, ws.max_row + 1)}
    assert values["1"]["Pagu"] == 1_000_000_000
    assert values["1"]["Realisasi TW I"] == 150_000_000
    assert values["1"]["Realisasi TW II"] == 100_000_000
    assert values["1"]["Realisasi"] == 250_000_000
    assert abs(values["1"]["Serapan"] - 0.25) < 1e-12
    total = values["JUMLAH"]
    assert (total["Pagu"], total["Realisasi TW I"], total["Realisasi TW II"],
            total["Realisasi"]) == (1_000_000_000, 150_000_000, 100_000_000, 250_000_000)
    assert abs(total["Serapan"] - 0.25) < 1e-12
    # the file imports back unchanged: the program's sums are not typed values
    response = admin.post("/barito-selatan/2023/anggaran/impor", data={
        "file": (io.BytesIO(admin.get("/barito-selatan/2023/anggaran.xlsx").data), "anggaran.xlsx"),
        "csrf_token": admin.token}, content_type="multipart/form-data")
    assert response.status_code == 200 and "Baris 2" not in response.text
