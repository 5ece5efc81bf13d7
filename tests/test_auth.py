"""Logging in and out, the CSRF failure message, and the account commands."""
import time

import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import User
from tests.conftest import ADMIN_PASSWORD, csrf_token, htmx_post, login


def test_login_with_right_password_lands_on_the_register(client):
    response = login(client)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Keluar" in client.get("/barito-selatan/2023/iku").text


def test_wrong_password_is_refused_in_indonesian(client):
    response = login(client, "admin", "salah")
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah." in response.text
    assert "Keluar" not in client.get("/barito-selatan/2023/iku").text


def test_inactive_user_cannot_log_in(client, app):
    with app.app_context():
        db.session.scalar(sa.select(User).where(User.username == "admin")).active = False
        db.session.commit()
    assert login(client).status_code == 200


def test_login_returns_to_the_page_that_asked(client):
    response = client.get("/barito-selatan/2023/profil")
    assert response.status_code == 302
    assert "/masuk?next=%2Fbarito-selatan%2F2023%2Fprofil" in response.headers[
        "Location"]
    token = csrf_token(client, "/masuk")
    response = client.post("/masuk?next=/barito-selatan/2023/profil", data={
        "username": "admin", "password": ADMIN_PASSWORD, "csrf_token": token})
    assert response.headers["Location"] == "/barito-selatan/2023/profil"


def test_login_never_redirects_to_another_site(client):
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        token = csrf_token(client, "/masuk")  # a login starts a new session, with a new token
        response = client.post(f"/masuk?next={target}", data={
            "username": "admin", "password": ADMIN_PASSWORD, "csrf_token": token})
        assert response.headers["Location"] == "/"
        client.post("/keluar", data={"csrf_token": csrf_token(client)})


def test_logout_needs_post_and_ends_the_session(admin):
    assert admin.get("/keluar").status_code == 405
    admin.post("/keluar", data={"csrf_token": admin.token})
    assert "Keluar" not in admin.get("/barito-selatan/2023/iku").text


def test_expired_csrf_token_gives_a_visible_message(admin, monkeypatch, app):
    token = admin.token
    later = time.time() + app.config["WTF_CSRF_TIME_LIMIT"] + 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = admin.post("/barito-selatan"
                          "/2023/profil", data={"institution_name": "X", "closing_place": "Y",
                                                "csrf_token": token})
    assert response.status_code == 400
    assert "Sesi formulir telah kedaluwarsa" in response.text and "<html" in response.text
    # htmx gets plain text, which static/js/app.js shows in the page-wide alert.
    admin.token = token
    response = htmx_post(admin, "/barito-selatan/2023/iku/1/naik")
    assert response.status_code == 400 and response.mimetype == "text/plain"
    assert response.text.startswith("Sesi formulir telah kedaluwarsa")


def test_pages_vary_on_hx_request(client):
    assert "HX-Request" in client.get("/barito-selatan/2023/iku").headers["Vary"]


def test_seed_demo_uses_password_from_environment(app, monkeypatch):
    with app.app_context():
        db.session.execute(sa.delete(User))
        db.session.commit()
    monkeypatch.setenv("IKU_ADMIN_PASSWORD", "dari-lingkungan-1")
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0 and "dari-lingkungan-1" not in result.output
    with app.app_context():
        admin = db.session.scalar(sa.select(User).where(User.username == "admin"))
        assert admin.role == "admin" and admin.check_password("dari-lingkungan-1")


def test_seed_demo_prints_a_generated_password_once(app, monkeypatch):
    with app.app_context():
        db.session.execute(sa.delete(User))
        db.session.commit()
    monkeypatch.delenv("IKU_ADMIN_PASSWORD", raising=False)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    password = first.output.split("kata sandi:")[1].split()[0]
    with app.app_context():
        admin = db.session.scalar(sa.select(User).where(User.username == "admin"))
        assert admin.check_password(password) and len(password) >= 12
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0 and password not in second.output


def test_create_user_and_reset_password_commands(app, client):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-user", "budi", "--role", "staff", "--name", "Budi",
                                 "--password", "pertama-123"])
    assert result.exit_code == 0, result.output
    assert login(client, "budi", "pertama-123").status_code == 302
    duplicate = runner.invoke(args=["create-user", "budi", "--password", "x"])
    assert duplicate.exit_code != 0 and "sudah ada" in duplicate.output
    result = runner.invoke(args=["reset-password", "budi", "--password", "kedua-456"])
    assert result.exit_code == 0
    client.post("/keluar", data={"csrf_token": csrf_token(client)})
    assert login(client, "budi", "pertama-123").status_code == 200
    assert login(client, "budi", "kedua-456").status_code == 302
    missing = runner.invoke(args=["reset-password", "tidakada", "--password", "x"])
    assert missing.exit_code != 0 and "tidak ditemukan" in missing.output


def test_pages_declare_an_inline_icon_so_browsers_fetch_no_favicon(client):
    # A /favicon.ico 404 running beside the login POST could overwrite the new session.
    for path in ("/masuk", "/barito-selatan/2023/iku"):
        assert '<link rel="icon" href="data:,">' in client.get(path).text
