"""Riwayat perubahan: the whole change log with filters, pages and a CSV of the same rows;
login events there too; for admins and verifiers only."""
import csv
import io
from datetime import datetime, timedelta

import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import ChangeLog, User
from tests.conftest import STAFF_PASSWORD, login
from tests.test_realisasi import save


def csv_rows(response) -> list[list[str]]:
    assert response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_changes_are_listed_filtered_and_exported_with_the_same_filters(admin, app):
    save(admin, "75", indicator=1)
    save(admin, "=1+2", indicator=2)  # refused: not a number, so not logged
    save(admin, "50", indicator=2, quarter=2)
    page = admin.get("/barito-selatan/riwayat")
    assert page.status_code == 200
    assert "Riwayat perubahan" in page.text and "75" in page.text
    only_one = admin.get("/barito-selatan/riwayat?tahun=2023&indikator=1&jenis=realisasi")
    assert ">75<" in only_one.text and ">50<" not in only_one.text
    rows = csv_rows(admin.get("/barito-selatan/riwayat.csv?tahun=2023&indikator=1&jenis=realisasi"))
    assert rows[0][:3] == ["waktu", "pengguna", "tahun"]
    assert [(r[1], r[2], r[3], r[4], r[8]) for r in rows[1:]] == [("admin", "2023", "1", "1",
                                                                    "75")]
    assert len(csv_rows(admin.get("/barito-selatan/riwayat.csv?jenis=realisasi"))) == 3


def test_date_range_user_filter_and_pagination(admin, app):
    with app.app_context():
        staff_id = db.session.scalar(sa.select(User.id).where(User.username == "staf"))
        old = datetime(2023, 1, 15, 10, 0)
        for n in range(60):
            db.session.add(ChangeLog(at=old + timedelta(minutes=n), user_id=staff_id,
                                     entity="setting", field=f"f{n}", old_value="a",
                                     new_value="=HYPERLINK(1)"))
        db.session.commit()
    first = admin.get("/barito-selatan"
                      f"/riwayat?pengguna={staff_id}&dari=2023-01-15&sampai=2023-01-15")
    assert "60 catatan" in first.text and "Halaman 1 dari 2" in first.text
    second = admin.get("/barito-selatan"
                       f"/riwayat?pengguna={staff_id}&dari=2023-01-15&sampai=2023-01-15&page=2")
    assert "Halaman 2 dari 2" in second.text
    assert "0 catatan" in admin.get("/barito-selatan"
                                    "/riwayat?dari=2023-01-16&sampai=2023-01-20&jenis=setting").text
    rows = csv_rows(admin.get(f"/barito-selatan/riwayat.csv?pengguna={staff_id}"))
    assert len(rows) == 61
    assert rows[1][8] == "'=HYPERLINK(1)"  # a spreadsheet must not run it


def test_login_events_are_in_the_history(admin, app, client):
    page = admin.get("/barito-selatan/riwayat?jenis=masuk")
    assert "<td>Berhasil</td>" in page.text and "admin" in page.text
    rows = csv_rows(admin.get("/barito-selatan/riwayat.csv?jenis=masuk"))
    assert rows[0] == ["waktu", "nama_pengguna", "alamat", "hasil"]
    assert ["admin", "Berhasil"] == [rows[-1][1], rows[-1][3]]


def test_staff_may_not_read_the_history(app):
    staff = app.test_client()
    login(staff, "staf", STAFF_PASSWORD)
    assert staff.get("/barito-selatan/riwayat").status_code == 403
    assert staff.get("/barito-selatan/riwayat.csv").status_code == 403
