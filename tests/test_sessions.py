"""Sessions end for good: logout, new password, deactivation, idle timeout; a new cookie at
login. And the login throttle, kept in the database, per username and address."""
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from iku_web.auth import throttle
from iku_web.extensions import db
from iku_web.models import LoginEvent, User, UserSession
from tests import pg_mode
from tests.conftest import ADMIN_PASSWORD, STAFF_PASSWORD, csrf_token, login

LOGGED_IN = "Keluar"  # the logout button is shown to logged-in users only


def session_cookie(client) -> str:
    return client.get_cookie("session").value


def client_with_cookie(app, value: str):
    other = app.test_client()
    other.set_cookie("session", value)
    return other


def user_id(app, username: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(User.id).where(User.username == username))


def test_login_gives_a_new_session_cookie(client):
    csrf_token(client, "/masuk")
    before = session_cookie(client)
    login(client)
    assert session_cookie(client) != before


def test_a_copied_cookie_stops_working_after_logout(app, admin):
    copied = session_cookie(admin)
    thief = client_with_cookie(app, copied)
    assert LOGGED_IN in thief.get("/barito-selatan/2023/iku").text
    admin.post("/keluar", data={"csrf_token": admin.token})
    thief = client_with_cookie(app, copied)
    assert LOGGED_IN not in thief.get("/barito-selatan/2023/iku").text
    assert thief.get("/barito-selatan/pengguna").status_code == 302


def test_a_new_password_ends_the_users_other_sessions(app, admin):
    staff = app.test_client()
    login(staff, "staf", STAFF_PASSWORD)
    assert LOGGED_IN in staff.get("/barito-selatan/2023/iku").text
    staff_id = user_id(app, "staf")
    response = admin.post(f"/barito-selatan/pengguna/{staff_id}", data={
        "username": "staf", "full_name": "Staf", "unit": "", "role": "staff", "active": "y",
        "password": "kata-sandi-baru-1", "csrf_token": admin.token})
    assert response.status_code == 302
    assert LOGGED_IN not in staff.get("/barito-selatan/2023/iku").text
    assert LOGGED_IN in admin.get("/barito-selatan/2023/iku").text  # the admin's own session stays


def test_deactivation_ends_every_session_and_a_new_password_by_cli_too(app):
    staff = app.test_client()
    login(staff, "staf", STAFF_PASSWORD)
    result = app.test_cli_runner().invoke(args=["reset-password", "staf"],
                                          input="baru-sekali-123\nbaru-sekali-123\n")
    assert result.exit_code == 0, result.output
    assert LOGGED_IN not in staff.get("/barito-selatan/2023/iku").text
    login(staff, "staf", "baru-sekali-123")
    assert LOGGED_IN in staff.get("/barito-selatan/2023/iku").text
    with app.app_context():
        user = db.session.get(User, user_id(app, "staf"))
        user.active = False
        db.session.commit()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(UserSession).where(
            UserSession.user_id == user.id, UserSession.ended_at.is_(None))) == 0
    assert LOGGED_IN not in staff.get("/barito-selatan/2023/iku").text


def test_an_idle_session_ends_after_the_configured_time(app, admin):
    assert app.config["SESSION_IDLE_MINUTES"] == 480  # the default: 8 hours
    with app.app_context():
        db.session.execute(sa.update(UserSession).values(
            last_seen=datetime.now() - timedelta(minutes=479)))
        db.session.commit()
    assert LOGGED_IN in admin.get("/barito-selatan/2023/iku").text  # and this use renews it
    with app.app_context():
        db.session.execute(sa.update(UserSession).values(
            last_seen=datetime.now() - timedelta(minutes=481)))
        db.session.commit()
    assert LOGGED_IN not in admin.get("/barito-selatan/2023/iku").text


def _attempt(client, password, address="10.0.0.1", username="admin"):
    token = csrf_token(client, "/masuk")
    return client.post("/masuk", data={"username": username, "password": password,
                                       "csrf_token": token},
                       environ_base={"REMOTE_ADDR": address})


def _age_events(app, seconds: int):
    """Move every logged attempt `seconds` into the past (instead of waiting)."""
    with app.app_context():
        for event in db.session.scalars(sa.select(LoginEvent)):
            event.at -= timedelta(seconds=seconds)
        db.session.commit()


def test_five_failures_make_the_next_attempt_wait_with_a_message(app, client):
    for _ in range(throttle.FREE_FAILURES):
        response = _attempt(client, "salah")
        assert response.status_code == 200
        assert "Nama pengguna atau kata sandi salah." in response.text
    response = _attempt(client, ADMIN_PASSWORD)  # even the right password must wait
    assert response.status_code == 429
    assert "Tunggu 30 detik, lalu coba lagi." in response.text
    _age_events(app, 31)
    response = _attempt(client, "salah lagi")  # the sixth failure: the wait doubles
    assert response.status_code == 200
    response = _attempt(client, ADMIN_PASSWORD)
    assert "Tunggu 1 menit" in response.text
    _age_events(app, 61)
    response = _attempt(client, ADMIN_PASSWORD)  # after the wait the right password works
    assert response.status_code == 302
    client.post("/keluar", data={"csrf_token": csrf_token(client)})
    assert _attempt(client, "salah").status_code == 200  # a success starts the count anew


def test_an_attacker_elsewhere_does_not_lock_the_admin_out(app, client):
    for _ in range(throttle.FREE_FAILURES + 3):
        _attempt(client, "tebakan", address="203.0.113.9")
    assert _attempt(client, ADMIN_PASSWORD, address="203.0.113.9").status_code == 429
    other = app.test_client()
    assert _attempt(other, ADMIN_PASSWORD, address="10.1.2.3").status_code == 302


def test_the_throttle_survives_a_restart(app, client, tmp_path):
    from tests.conftest import make_app

    for _ in range(throttle.FREE_FAILURES):
        _attempt(client, "salah")
    restarted = make_app(tmp_path)  # a new app (another worker) on the same database
    assert _attempt(restarted.test_client(), ADMIN_PASSWORD).status_code == 429


@pytest.mark.parametrize(("failures", "seconds"), [(4, 0), (5, 30), (6, 60), (7, 120),
                                                   (20, 1800)])
def test_delay_grows_and_is_capped(failures, seconds):
    assert throttle.delay_after(failures).total_seconds() == seconds


def test_wait_message_in_minutes():
    assert throttle.wait_message(61) == ("Terlalu banyak percobaan masuk yang gagal. "
                                         "Tunggu 2 menit, lalu coba lagi.")


def test_login_events_are_logged_and_shown_to_the_admin_only(app, client):
    _attempt(client, "salah", address="10.9.8.7")
    _attempt(client, "x", address="10.9.8.7", username="tidak-ada")
    _attempt(client, ADMIN_PASSWORD, address="10.9.8.7")
    with app.app_context():
        events = db.session.execute(sa.select(LoginEvent.username, LoginEvent.address,
                                              LoginEvent.outcome)
                                    .order_by(LoginEvent.id)).all()
    assert events == [("admin", "10.9.8.7", "failure"), ("tidak-ada", "10.9.8.7", "failure"),
                      ("admin", "10.9.8.7", "success")]
    page = client.get("/pengguna/log-masuk")
    assert page.status_code == 200
    assert "tidak-ada" in page.text and "10.9.8.7" in page.text and "Gagal" in page.text
    staff = app.test_client()
    login(staff, "staf", STAFF_PASSWORD)
    assert staff.get("/pengguna/log-masuk").status_code == 403


@pytest.mark.skipif(pg_mode.ENABLED, reason="a test of SQLite itself")
def test_migration_keeps_users_and_their_case_insensitive_index(tmp_path):
    """A database made by the version before 0006_security: upgraded, its users stay, the
    username index of 0003_username_ci survives, and the two new tables start empty."""
    import sqlite3

    from tests.migration_support import app_with_old_user, upgrade_to_head

    app, path = app_with_old_user(tmp_path, "0006_security")
    upgrade_to_head(app)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT username FROM user").fetchall() == [("lama",)]
        for table in ("user_session", "login_event"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO user (username, full_name, unit, password_hash, "
                         "active, created_at) VALUES ('LAMA', '', '', 'x', 1, "
                         "'2023-01-01 00:00:00')")
