"""Accounts managed in the browser by an admin."""
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import User
from tests.conftest import login

NEW = {"username": "sari", "full_name": "Sari", "unit": "Subbagian Teknis", "role": "staff",
       "active": "y", "password": "rahasia-sari"}


def account(app, username):
    with app.app_context():
        return db.session.scalar(sa.select(User).where(User.username == username))


def test_admin_creates_a_user_who_can_log_in(admin, app, client):
    response = admin.post("/barito-selatan/pengguna/baru", data={**NEW, "csrf_token": admin.token})
    assert response.status_code == 302
    assert "Sari" in admin.get("/barito-selatan/pengguna").text
    admin.post("/keluar", data={"csrf_token": admin.token})
    assert login(client, "sari", "rahasia-sari").status_code == 302


def test_new_user_needs_a_password_and_a_free_name(admin, app):
    response = admin.post("/barito-selatan/pengguna/baru", data={**NEW, "password": "",
                                                  "csrf_token": admin.token})
    assert "Kata sandi wajib diisi untuk akun baru." in response.text
    response = admin.post("/barito-selatan/pengguna/baru", data={**NEW, "username": "staf",
                                                  "csrf_token": admin.token})
    assert "Nama pengguna sudah dipakai." in response.text
    response = admin.post("/barito-selatan/pengguna/baru", data={**NEW, "username": "a b",
                                                  "csrf_token": admin.token})
    assert "Hanya huruf, angka" in response.text
    assert account(app, "sari") is None and account(app, "a b") is None


def test_deactivated_user_cannot_log_in_and_password_is_kept(admin, app, client):
    staff_id = account(app, "staf").id
    old_hash = account(app, "staf").password_hash
    admin.post("/barito-selatan"
               f"/pengguna/{staff_id}", data={**NEW, "username": "staf", "active": "",
                                              "password": "", "csrf_token": admin.token})
    changed = account(app, "staf")
    assert changed.active is False and changed.password_hash == old_hash


def test_admin_cannot_demote_themselves(admin, app):
    admin_id = account(app, "admin").id
    response = admin.post(f"/barito-selatan/pengguna/{admin_id}", data={
        **NEW, "username": "admin", "role": "viewer", "csrf_token": admin.token})
    assert "tidak dapat mencabut hak admin" in response.text
    assert account(app, "admin").role == "admin"


def test_staff_cannot_manage_users(staff):
    assert staff.get("/barito-selatan/pengguna").status_code == 403
