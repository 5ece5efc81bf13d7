"""Import of realisasi TW I..IV from pengukuran.xlsx through HTTP, with real .xlsx files."""
import io
from decimal import Decimal as D

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from iku_web import measurement
from iku_web.extensions import db
from iku_web.models import ChangeLog, Indicator, Realisasi, Review, Year
from tests.conftest import csrf_token, htmx_post

FORM = "/barito-selatan/2023/laporan/impor-realisasi"
APPLY = "/barito-selatan/2023/laporan/impor-realisasi/terapkan"
EXPORT = "/barito-selatan/2023/laporan/pengukuran.xlsx"
# (indicator position, quarter, typed on the screen)
TYPED = [(1, 1, "50"), (1, 2, "93,75"), (3, 1, "BB"), (3, 2, "B"), (4, 1, "120"),
         (4, 2, "0"), (5, 1, "0"), (6, 2, "187/234"), (6, 3, "33,3333")]


def kinds(app):
    """A grade target, a count target and the demo percentages, so every shape is covered."""
    with app.app_context():
        inds = list(db.session.scalars(sa.select(Indicator).order_by(Indicator.position)))
        inds[2].target_kind, inds[2].target_grade, inds[2].target_value = "grade", "BB", None
        inds[3].target_kind, inds[3].target_value, inds[3].target_unit = "number", D(234), "KPPS"
        inds[3].aggregation = "kumulatif"
        db.session.commit()


def type_values(admin, typed=TYPED):
    for position, quarter, text in typed:
        response = htmx_post(admin, "/barito-selatan"
                                    f"/2023/realisasi/{position}/{quarter}", {"value": text})
        assert "Tersimpan" in response.text, (position, quarter, response.text[:300])


def values(app) -> dict:
    with app.app_context():
        return {(e.indicator_id, e.quarter): (e.value, e.grade) for e in db.session.scalars(
            sa.select(Realisasi)) if e.value is not None or e.grade is not None}


def view(app) -> list[tuple]:
    """What the realisasi screen and the reports show: quarter values and capaian texts."""
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        return [(tuple(c.value for c in row.quarters), row.realisasi_text, row.to_date_text,
                 row.full_year_text, row.category.label if row.category else None)
                for row in measurement.build(year).rows]


def clear(app):
    with app.app_context():
        db.session.execute(sa.update(Realisasi).values(value=None, grade=None, numerator=None,
                                                      denominator=None))
        db.session.commit()


def edited(data: bytes, **cells) -> bytes:
    """The workbook with cells changed: edited(data, D2=60, B3="x")."""
    wb = load_workbook(io.BytesIO(data))
    for ref, value in cells.items():
        wb.active[ref] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(client, data: bytes):
    return client.post(FORM, data={"file": (io.BytesIO(data), "pengukuran.xlsx"),
                                   "csrf_token": client.token},
                       content_type="multipart/form-data")


def apply(client):
    return client.post(APPLY, data={"csrf_token": client.token})


def import_file(admin, data: bytes) -> str:
    html = upload(admin, data).get_data(as_text=True)
    assert "Terapkan perubahan" in html, html[-3000:]
    assert apply(admin).status_code == 302
    return html


def audit(app) -> list[tuple]:
    with app.app_context():
        return [(e.indicator_id, e.quarter, e.old_value, e.new_value, e.user.username)
                for e in db.session.scalars(sa.select(ChangeLog).where(
                    ChangeLog.entity == "realisasi").order_by(ChangeLog.id))]


def test_export_clear_import_gives_the_same_values_and_capaian(admin, app):
    kinds(app)
    type_values(admin)
    before_values, before_view = values(app), view(app)
    data = admin.get(EXPORT).data
    clear(app)
    assert values(app) == {}
    html = import_file(admin, data)
    assert "9 nilai akan diubah" in html and "BB" in html and "93,75%" in html
    assert values(app) == before_values
    assert view(app) == before_view
    with app.app_context():  # the export has the percentage only, not its parts
        entry = db.session.scalar(sa.select(Realisasi).where(
            Realisasi.indicator_id == 6, Realisasi.quarter == 2))
        assert (entry.value, entry.numerator) == (D("79.9145"), None)


def test_importing_the_export_unchanged_changes_nothing(admin, app):
    kinds(app)
    type_values(admin)
    with app.app_context():
        versions = dict(db.session.execute(sa.select(Realisasi.id, Realisasi.version)).all())
    logged = audit(app)
    html = upload(admin, admin.get(EXPORT).data).get_data(as_text=True)
    assert "0 nilai akan diubah, 9 nilai tidak berubah" in html
    assert "Tidak ada nilai yang berubah" in html and "Terapkan perubahan" not in html
    assert apply(admin).status_code == 302  # nothing pending: nothing happens
    assert audit(app) == logged
    with app.app_context():  # 187/234 kept: the same percentage is no change
        assert dict(db.session.execute(
            sa.select(Realisasi.id, Realisasi.version)).all()) == versions
        entry = db.session.scalar(sa.select(Realisasi).where(
            Realisasi.indicator_id == 6, Realisasi.quarter == 2))
        assert (entry.numerator, entry.denominator) == (D(187), D(234))


def test_grades_round_trip_and_are_checked(admin, app):
    kinds(app)
    type_values(admin, [(3, 1, "BB")])
    data = admin.get(EXPORT).data
    html = upload(admin, edited(data, D4="z", E4="aa")).get_data(as_text=True)
    assert "Baris 4, TW I: Pilih nilai D, C, CC, B, BB, A atau AA." in html
    import_file(admin, edited(data, D4="a", E4=" b "))
    assert values(app)[(3, 1)] == (None, "A") and values(app)[(3, 2)] == (None, "B")


def test_preview_shows_old_and_new_values_and_applies_only_after_confirmation(admin, app):
    type_values(admin, [(1, 1, "50"), (1, 2, "93,75")])
    data = edited(admin.get(EXPORT).data, D2=0.6, F2="12,5", D3="187/234")
    html = upload(admin, data).get_data(as_text=True)
    table = html.split('id="import-preview"')[1].split("</table>")[0]
    assert "<td>TW I</td><td>50%</td><td>60%</td>" in table
    assert "<td>TW III</td><td>kosong</td><td>12,5%</td>" in table
    assert "<td>TW I</td><td>kosong</td><td>79,91% (187/234)</td>" in table
    assert "<td>TW II</td>" not in table  # unchanged: only counted
    assert "3 nilai akan diubah, 1 nilai tidak berubah" in html
    assert values(app)[(1, 1)] == (D(50), None)  # the preview saved nothing
    assert apply(admin).status_code == 302
    got = values(app)
    assert got[(1, 1)] == (D(60), None) and got[(1, 3)] == (D("12.5"), None)
    assert got[(2, 1)] == (D("79.9145"), None)
    with app.app_context():
        entry = db.session.scalar(sa.select(Realisasi).where(Realisasi.indicator_id == 2))
        assert (entry.numerator, entry.denominator) == (D(187), D(234))


def test_blank_cell_does_not_delete_and_zero_is_imported_as_zero(admin, app):
    type_values(admin, [(1, 1, "50"), (5, 1, "0")])
    data = edited(admin.get(EXPORT).data, D2=None, E2=0, D6=None)
    html = upload(admin, data).get_data(as_text=True)
    assert "sel kosong dibiarkan (realisasi yang sudah tersimpan tidak dihapus)" in html
    assert "<td>TW II</td><td>kosong</td><td>0%</td>" in html
    assert apply(admin).status_code == 302
    got = values(app)
    assert got[(1, 1)] == (D(50), None) and got[(5, 1)] == (D(0), None)
    assert got[(1, 2)] == (D(0), None)
    assert view(app)[0][0][:2] == (D(50), D(0))


@pytest.mark.parametrize("cell, value, message", [
    ("D2", "seratus", "Baris 2, TW I: Bukan angka yang valid."),
    ("E3", -5, "Baris 3, TW II: Nilai tidak boleh negatif."),
    ("F4", "12,34567", "Baris 4, TW III: Angka terlalu besar atau terlalu panjang."),
    ("G7", "5/0", "Baris 7, TW IV: Angka pembagi (dari ...) tidak boleh 0."),
    ("A5", 99, "Baris 5: Tidak ada indikator No 99 di TA 2023."),
    ("A6", 1, "Baris 6: No 1 sudah dipakai di baris 2."),
    ("B3", "Indikator tahun lain", "Baris 3: Nama indikator tidak sama dengan indikator No 2"),
])
def test_an_invalid_cell_is_reported_and_nothing_is_applied(admin, app, cell, value, message):
    type_values(admin, [(1, 1, "50")])
    before = values(app)
    data = edited(admin.get(EXPORT).data, D3=70, **{cell: value})
    html = upload(admin, data).get_data(as_text=True)
    assert message in html
    assert "Terapkan perubahan" not in html
    assert apply(admin).status_code == 302
    assert values(app) == before


def test_a_file_of_another_year_or_layout_is_refused(admin, app):
    data = admin.get(EXPORT).data
    wb = load_workbook(io.BytesIO(data))
    wb.active.title = "Pengukuran 2024"
    out = io.BytesIO()
    wb.save(out)
    assert "Berkas ini berisi pengukuran TA 2024, bukan TA 2023." in upload(
        admin, out.getvalue()).text
    iku = admin.get("/barito-selatan/2023/laporan/iku.xlsx").data
    assert "Kolom tidak ditemukan di baris 1: Indikator Kinerja" in upload(admin, iku).text
    assert "bukan berkas Excel .xlsx" in upload(admin, b"not a zip").text


def test_a_locked_quarter_is_a_row_error_unless_its_value_is_unchanged(admin, app):
    type_values(admin, [(1, 1, "50"), (1, 2, "60")])
    with app.app_context():
        db.session.add(Review(indicator_id=1, quarter=1, status="approved", comment=""))
        db.session.commit()
    data = admin.get(EXPORT).data
    html = upload(admin, edited(data, D2=0.55, E2=0.65)).get_data(as_text=True)
    assert "Baris 2, TW I: Triwulan ini sudah disetujui dan dikunci oleh verifikator." in html
    assert "Terapkan perubahan" not in html
    import_file(admin, edited(data, E2=0.65))  # TW I unchanged: the lock does not matter
    assert values(app)[(1, 1)] == (D(50), None) and values(app)[(1, 2)] == (D(65), None)


def test_a_quarter_locked_after_the_preview_is_refused_at_apply(admin, app):
    type_values(admin, [(1, 1, "50")])
    assert "Terapkan perubahan" in upload(admin, edited(admin.get(EXPORT).data, D2=0.7)).text
    with app.app_context():
        db.session.add(Review(indicator_id=1, quarter=1, status="approved", comment=""))
        db.session.commit()
    html = apply(admin).get_data(as_text=True)
    assert "tidak ada yang diterapkan" in html and "dikunci oleh verifikator" in html
    assert values(app)[(1, 1)] == (D(50), None)


def test_every_change_is_audited_and_open_pages_get_a_conflict(admin, app):
    type_values(admin, [(1, 1, "50")])
    logged = audit(app)
    import_file(admin, edited(admin.get(EXPORT).data, D2=0.6, E2="0"))
    assert audit(app)[len(logged):] == [(1, 1, "50", "60", "admin"),
                                        (1, 2, None, "0", "admin")]
    # A page opened before the import still holds version 1 and the text "50".
    response = htmx_post(admin, "/barito-selatan"
                                "/2023/realisasi/1/1", {"value": "55", "version": "1",
                                                        "base": "50"})
    assert 'data-state="conflict"' in response.text
    assert values(app)[(1, 1)] == (D(60), None)


@pytest.mark.parametrize("method, url", [("get", FORM), ("post", FORM), ("post", APPLY)])
def test_staff_and_anonymous_users_cannot_import(app, staff, method, url):
    assert getattr(staff, method)(url, data={"csrf_token": staff.token}).status_code == 403
    anonymous = app.test_client()
    response = getattr(anonymous, method)(url, data={"csrf_token": csrf_token(anonymous,
                                                                              "/masuk")})
    assert response.status_code == 302 and "/masuk" in response.headers["Location"]


def test_posting_without_csrf_token_is_refused(admin, app):
    type_values(admin, [(1, 1, "50")])
    response = admin.post(FORM, data={"file": (io.BytesIO(edited(
        admin.get(EXPORT).data, D2=0.6)), "p.xlsx")}, content_type="multipart/form-data")
    assert "Terapkan perubahan" not in response.text
    assert upload(admin, edited(admin.get(EXPORT).data, D2=0.6)).status_code == 200
    assert admin.post(APPLY).status_code in (302, 400)
    assert values(app)[(1, 1)] == (D(50), None)


class _Cell:
    def __init__(self, value, number_format="General"):
        self.value, self.number_format = value, number_format


@pytest.mark.parametrize("value, number_format, text", [
    (0.9375, "0.00%", "93,75"),
    (0.56999999999999995, "0%", "57"),  # how Excel may store a typed 57%
    (0.1234, "0.00%", "12,34"),
    (0.0, "0%", "0"),
    (1234.5, "#,##0.####", "1234,5"),  # never read as one thousand two hundred ...
    (1000, "General", "1000"),
    (-5, "General", "-5"),
    (1 / 3, "0%", "33,3333333333"),  # more places than typing allows: refused later
    (" 85,5 ", "General", "85,5"),
    ("187/234", "General", "187/234"),
    (None, "General", ""),
])
def test_cells_are_read_as_the_text_a_user_would_type(value, number_format, text):
    from iku_web.reports.imports.realisasi import cell_input

    assert cell_input(_Cell(value, number_format)) == text


def test_a_file_of_some_quarters_leaves_the_others_alone(admin, app):
    type_values(admin, [(1, 1, "50"), (1, 2, "60")])
    data = edited(admin.get(EXPORT + "?tw=1").data, D2=0.7)
    html = import_file(admin, data)
    assert "Berkas hanya berisi kolom TW I; triwulan lain dibiarkan." in html
    assert values(app)[(1, 1)] == (D(70), None) and values(app)[(1, 2)] == (D(60), None)
