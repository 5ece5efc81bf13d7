"""Riwayat perubahan speaks Indonesian (one mapping for the page and the CSV) and filters by
action, person, indicator and date, the CSV honouring the same filters."""
import re
from datetime import datetime

import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import ChangeLog, User
from tests.conftest import htmx_post
from tests.review_support import DECIDE, NO_EVIDENCE_OK, SUBMIT
from tests.test_audit import csv_rows
from tests.test_realisasi import save

RAW = ("delete", "submit", "upload", "approve", "unlock", "value", "follow_up", "evidence",
       "review", "realisasi", "success")


def _history(app, admin):
    """Real actions on indicator 1 TW I (value, submit, approve, unlock) by admin, plus an
    evidence upload and deletion and a follow-up note by staf, on fixed days."""
    assert save(admin, "100").status_code == 200
    assert "Diajukan" in htmx_post(admin, SUBMIT, NO_EVIDENCE_OK).text
    assert "Disetujui" in htmx_post(admin, DECIDE.format("setujui")).text
    assert "Kunci dibuka" in htmx_post(admin, DECIDE.format("buka-kunci"),
                                       {"comment": "Salah ketik."}).text
    with app.app_context():
        staff_id = db.session.scalar(sa.select(User.id).where(User.username == "staf"))
        for day, entity, field, old, new in (
                (3, "evidence", "upload", None, "sk.pdf"),
                (4, "evidence", "delete", "sk.pdf", None),
                (5, "realisasi", "follow_up", None, "Rapat koordinasi")):
            db.session.add(ChangeLog(at=datetime(2023, 4, day, 9), user_id=staff_id,
                                     year_id=1, indicator_id=2, quarter=1, entity=entity,
                                     field=field, old_value=old, new_value=new))
        db.session.commit()
    return staff_id


def cells(html: str, column: int) -> list[str]:
    """The text of one column of the change table."""
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return [re.sub(r"<[^>]+>", "", row[column]).strip() for row in
            (re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S) for tr in body.split("</tr>")[:-1])]


def test_codes_are_shown_as_indonesian_labels_on_the_page_and_in_the_csv(app, admin):
    _history(app, admin)
    page = admin.get("/barito-selatan/riwayat").text
    parts = cells(page, 6)
    assert {"Realisasi", "Ajukan verifikasi", "Disetujui verifikator",
            "Kunci dibuka verifikator", "Bukti dukung diunggah", "Bukti dukung dihapus",
            "Tindak lanjut"} <= set(parts)
    assert {"Realisasi dan catatan", "Verifikasi", "Bukti dukung"} <= set(cells(page, 5))
    for code in RAW:
        assert f"<td>{code}</td>" not in page
    rows = csv_rows(admin.get("/barito-selatan/riwayat.csv"))
    assert sorted(r[6] for r in rows[1:]) == sorted(parts)  # the same mapping
    assert not {code for r in rows[1:] for code in (r[5], r[6])} & set(RAW)
    logins = csv_rows(admin.get("/barito-selatan/riwayat.csv?jenis=masuk"))
    assert {r[3] for r in logins[1:]} == {"Berhasil"}


def test_filters_by_action_person_indicator_and_date_and_the_csv_follows(app, admin):
    staff_id = _history(app, admin)
    page = admin.get("/barito-selatan/riwayat").text
    assert '<option value="approve" >Disetujui verifikator</option>' in page
    assert "TA 2023: 1. " in page  # indicators offered without choosing a year first
    only = admin.get("/barito-selatan/riwayat?aksi=approve").text
    assert "1 catatan" in only and cells(only, 6) == ["Disetujui verifikator"]
    assert [r[6] for r in csv_rows(admin.get("/barito-selatan/riwayat.csv?aksi=approve"))[1:]] == [
        "Disetujui verifikator"]
    assert 'href="/barito-selatan/riwayat.csv?aksi=approve"' in only
    by_staff = f"pengguna={staff_id}&indikator=2&dari=2023-04-04&sampai=2023-04-05"
    filtered = admin.get(f"/barito-selatan/riwayat?{by_staff}").text
    assert sorted(cells(filtered, 6)) == ["Bukti dukung dihapus", "Tindak lanjut"]
    exported = csv_rows(admin.get(f"/barito-selatan/riwayat.csv?{by_staff}"))
    assert sorted(r[6] for r in exported[1:]) == ["Bukti dukung dihapus", "Tindak lanjut"]
    assert f'href="/barito-selatan/riwayat.csv?indikator=2&amp;pengguna={staff_id}' \
           f'&amp;dari=2023-04-04' \
           f'&amp;sampai=2023-04-05"' in filtered
    assert "0 catatan" in admin.get(f"/barito-selatan/riwayat?{by_staff}&aksi=upload").text
    assert "0 catatan" not in admin.get("/barito-selatan"
                                        "/riwayat?aksi=nonsense").text  # unknown: ignored


def test_a_date_range_that_cannot_be_read_is_said_at_the_field(app, admin):
    _history(app, admin)
    backwards = admin.get("/barito-selatan/riwayat?dari=2023-04-05&sampai=2023-04-01").text
    field = re.search(r'<input[^>]*id="f-sampai"[^>]*>', backwards).group(0)
    assert "is-invalid" in field and 'aria-describedby="f-sampai-error"' in field
    assert "Tanggal akhir sebelum tanggal awal" in backwards
    garbled = admin.get("/barito-selatan/riwayat?dari=5-4-2023").text
    assert 'id="f-dari-error">Tanggal tidak dikenali' in garbled
