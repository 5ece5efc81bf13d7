"""Programs, pagu and realisasi anggaran through HTTP; serapan and efficiency."""
from decimal import Decimal

import pytest
import sqlalchemy as sa

from iku_web import budget
from iku_web.extensions import db
from iku_web.formatting import ParseError, format_rupiah, parse_rupiah
from iku_web.models import BudgetRealisasi, Program, Realisasi, Year
from tests.conftest import htmx_post


def year_of(number: int) -> Year:
    return db.session.scalar(sa.select(Year).where(Year.year == number))


@pytest.mark.parametrize(("value", "text"), [
    (1_234_567_000, "Rp1.234.567.000"), (0, "Rp0"), (999, "Rp999"), (None, "")])
def test_rupiah_is_printed_without_decimals(value, text):
    assert format_rupiah(value) == text


@pytest.mark.parametrize(("text", "value"), [
    ("Rp1.234.567.000", 1_234_567_000), ("1.234.567.000", 1_234_567_000), ("250000", 250000),
    ("Rp 5.000", 5000), ("0", 0)])
def test_rupiah_is_read_as_whole_numbers(text, value):
    assert parse_rupiah(text) == value


@pytest.mark.parametrize("text", ["12,5", "1.5", "-5", "abc", "", "1.23.4",
                                  "9" * 16])
def test_rupiah_refuses_fractions_and_garbage(text):
    with pytest.raises(ParseError):
        parse_rupiah(text)


def add_program(admin, **data):
    fields = {"parent_id": "0", "code": "", "name": "Program Penyelenggaraan Pemilu",
              "pagu": "1.000.000.000", "sasaran_id": "0", "note": "", "csrf_token": admin.token}
    fields.update(data)
    return admin.post("/barito-selatan/2023/anggaran/program", data=fields)


def test_add_programs_and_kegiatan_with_pagu(admin, app):
    with app.app_context():
        s1 = year_of(2023).sasaran[0].id
    bad = add_program(admin, pagu="1,5")
    assert bad.status_code == 200 and "Tulis rupiah utuh" in bad.text
    assert add_program(admin, sasaran_id=str(s1)).status_code == 302
    with app.app_context():
        program_id = db.session.scalar(sa.select(Program.id))
    assert add_program(admin, parent_id=str(program_id), name="Kegiatan logistik",
                       pagu="200.000.000").status_code == 302
    assert add_program(admin, name="Dukungan manajemen", pagu="0").status_code == 302
    page = admin.get("/barito-selatan/2023/anggaran").text
    # a program with kegiatan is their sum; the total adds programs, nothing twice
    assert f'id="bg-pagu-{program_id}" class="text-end text-nowrap" data-label="Pagu">' \
        "Rp200.000.000" in page
    assert "(pagu Rp1.000.000.000) tetap tersimpan tetapi tidak dihitung" in page
    assert 'id="bg-total-pagu" class="text-end fw-bold text-nowrap" data-label="Pagu">' \
        "Rp200.000.000" in page
    with app.app_context():
        b = budget.build(year_of(2023))
        assert [r.number for r in b.rows] == ["1", "1.1", "2"]
        assert b.pagu == 200_000_000 and b.sasaran[0].pagu == 200_000_000


def test_live_realisasi_anggaran_swaps_only_neighbouring_cells(admin, app):
    with app.app_context():
        s1 = year_of(2023).sasaran[0]
        db.session.add(Realisasi(indicator_id=s1.indicators[0].id, quarter=1,
                                 value=Decimal(90)))
        db.session.commit()
        s1_id = s1.id
    add_program(admin, sasaran_id=str(s1_id), pagu="1.000.000.000")
    with app.app_context():
        pid = db.session.scalar(sa.select(Program.id))
    response = htmx_post(admin, f"/barito-selatan/2023/anggaran/{pid}/1",
                         {"value": "250.000.000", "version": "0"})
    html = response.text
    assert response.status_code == 200
    assert f'id="bg-input-{pid}-1"' not in html  # the input is never sent back
    assert f'id="bg-meta-{pid}-1" class="bg-meta" hx-swap-oob="true"' in html
    assert 'name="version" value="1"' in html and "Tersimpan" in html
    assert f'<td id="bg-real-{pid}" class="text-end text-nowrap" data-label="Realisasi" ' \
        'hx-swap-oob="true">Rp250.000.000' in html
    assert f'<td id="bg-serapan-{pid}" class="text-end" data-label="Serapan" ' \
        'hx-swap-oob="true">25%' in html
    assert 'id="bg-total-serapan" class="text-end fw-bold" data-label="Serapan" ' \
        'hx-swap-oob="true">25%' in html
    # efficiency with the default rule: capaian 90% / serapan 25% = 360%
    assert '<div id="bg-sasaran" hx-swap-oob="true">' in html and "360%" in html
    # not a whole rupiah amount: refused, the saved value stays
    response = htmx_post(admin, "/barito-selatan"
                                f"/2023/anggaran/{pid}/1", {"value": "12,5", "version": "1"})
    assert "Tulis rupiah utuh" in response.text
    assert "Nilai tersimpan: Rp250.000.000" in response.text
    assert 'data-state="invalid"' in response.text
    # a stale version is a conflict, nothing overwritten
    response = htmx_post(admin, "/barito-selatan"
                                f"/2023/anggaran/{pid}/1", {"value": "1", "version": "0"})
    assert 'data-state="conflict"' in response.text
    # blank empties the quarter (not filled, never 0)
    htmx_post(admin, "/barito-selatan"
                     f"/2023/anggaran/{pid}/2", {"value": "50.000.000", "version": "0"})
    htmx_post(admin, f"/barito-selatan/2023/anggaran/{pid}/1", {"value": "", "version": "1"})
    with app.app_context():
        rows = db.session.execute(sa.select(BudgetRealisasi.quarter, BudgetRealisasi.amount)
                                  .order_by(BudgetRealisasi.quarter)).all()
        assert rows == [(1, None), (2, 50_000_000)]
        b = budget.build(year_of(2023))
        assert b.realisasi == 50_000_000 and b.serapan == Decimal(5)


def test_efficiency_rule_is_a_setting_shown_on_the_page(admin, app):
    page = admin.get("/barito-selatan/2023/anggaran").text
    assert "capaian kinerja (%) / serapan anggaran (%) x 100%" in page
    admin.post("/barito-selatan"
               "/2023/anggaran/aturan", data={"rule": "selisih", "csrf_token": admin.token})
    assert "dalam poin persen" in admin.get("/barito-selatan/2023/anggaran").text


@pytest.mark.parametrize(("rule", "cap", "spent", "value", "text"), [
    ("rasio", Decimal(90), Decimal(60), Decimal(150), "150%"),
    ("rasio", Decimal(50), Decimal(100), Decimal(50), "50%"),
    ("rasio", Decimal(90), Decimal(0), None, "serapan 0%"),
    ("rasio", None, Decimal(50), None, "capaian belum ada"),
    ("rasio", Decimal(90), None, None, "serapan belum ada"),
    ("selisih", Decimal(90), Decimal(60), Decimal(30), "30 poin"),
    ("selisih", Decimal(50), Decimal("62.5"), Decimal("-12.5"), "-12,5 poin"),
    ("tidak", Decimal(90), Decimal(60), None, "-"),
])
def test_efficiency_formulas(rule, cap, spent, value, text):
    assert budget.efficiency(cap, spent, rule) == (value, text)


def test_serapan_never_divides_by_zero():
    assert budget.serapan(100, 0) is None and budget.serapan(None, 10) is None
    assert budget.serapan(1, 3) == Decimal(100) / Decimal(3)


def test_staff_and_anonymous_cannot_change_the_budget(staff, app):
    assert staff.post("/barito-selatan/2023/anggaran/program", data={"name": "x", "pagu": "1",
                                                      "csrf_token": staff.token}
                      ).status_code == 403
    assert "Belum ada program." in staff.get("/barito-selatan/2023/anggaran").text
