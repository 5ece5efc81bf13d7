"""Roles in the change log: a role given, changed or taken away in a unit is an entry of that
unit's Riwayat (and its CSV), naming the account, the roles and who did it; a sibling's log
never shows it (docs/units.md "Accounts across units")."""
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import User
from tests.test_audit import csv_rows
from tests.test_unit_accounts import grant, tree  # noqa: F401 (the fixture)
from tests.units_support import signed_in


def user_id(app, username: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(User.id).where(User.username == username))


def test_grant_change_and_revoke_are_logged_in_the_units_history(tree):  # noqa: F811
    admin = signed_in(tree, "admin.barito-selatan")
    uid = user_id(tree, "staff.kapuas")
    assert grant(admin, "barito-selatan", "staff.kapuas", "viewer").status_code == 302
    assert admin.post(f"/barito-selatan/pengguna/{uid}", data={
        "role": "staff", "csrf_token": admin.token}).status_code == 302
    assert admin.post(f"/barito-selatan/pengguna/{uid}/cabut",
                      data={"csrf_token": admin.token}).status_code == 302

    rows = csv_rows(admin.get("/barito-selatan/riwayat.csv?jenis=membership"))
    assert rows[0][-1] == "akun"
    # waktu, pengguna, tahun, indikator, triwulan, jenis, bagian, lama, baru, akun; newest first
    assert [r[1:] for r in rows[1:]] == [
        ["admin.barito-selatan", "", "", "", "Peran pengguna", "Peran dicabut",
         "Penanggung jawab indikator", "", "staff.kapuas"],
        ["admin.barito-selatan", "", "", "", "Peran pengguna", "Peran diubah",
         "Pimpinan (baca saja)", "Penanggung jawab indikator", "staff.kapuas"],
        ["admin.barito-selatan", "", "", "", "Peran pengguna", "Peran diberikan", "",
         "Pimpinan (baca saja)", "staff.kapuas"]]
    page = admin.get("/barito-selatan/riwayat").get_data(as_text=True)
    assert "Peran diberikan: staff.kapuas" in page and "Peran dicabut: staff.kapuas" in page
    only = admin.get("/barito-selatan/riwayat?aksi=revoke").get_data(as_text=True)
    assert "Peran dicabut: staff.kapuas" in only and "Peran diberikan" not in only.split(
        "</form>")[1]

    # Kapuas' own history does not show what Barito Selatan did with its account, nor the
    # province's for a sibling's entries.
    kapuas = csv_rows(signed_in(tree, "admin.kapuas").get("/kapuas/riwayat.csv"))
    assert not [r for r in kapuas[1:] if r[5] == "Peran pengguna"]
    province = csv_rows(signed_in(tree, "admin.kalteng").get("/kalteng/riwayat.csv"))
    assert not [r for r in province[1:] if r[5] == "Peran pengguna"]


def test_a_new_account_is_logged_as_granted_and_a_refused_change_not_at_all(tree):  # noqa: F811
    admin = signed_in(tree, "admin.kapuas")
    assert admin.post("/kapuas/pengguna/baru", data={
        "username": "baru.kapuas", "full_name": "Baru", "role": "staff", "active": "y",
        "password": "sandi-baru-123", "csrf_token": admin.token}).status_code == 302
    own = user_id(tree, "admin.kapuas")
    page = admin.post(f"/kapuas/pengguna/{own}/cabut", data={"csrf_token": admin.token})
    assert page.status_code == 302  # refused: one's own admin role stays
    rows = csv_rows(admin.get("/kapuas/riwayat.csv?jenis=membership"))
    assert [(r[1], r[6], r[8], r[9]) for r in rows[1:]] == [
        ("admin.kapuas", "Peran diberikan", "Penanggung jawab indikator", "baru.kapuas")]
