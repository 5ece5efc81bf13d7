"""Findings of the outside probe, each reproduced through HTTP: slow input holding the write
lock, a busy database answered with a 500, an open redirect, user enumeration by timing."""
import sqlite3

import pytest

from iku_web import database
from iku_web.extensions import db
from iku_web.formatting import ParseError, parse_number
from iku_web.realisasi.values import MAX_CELL_CHARS, split_fraction
from tests import pg_mode
from tests.conftest import ADMIN_PASSWORD, csrf_token, login
from tests.test_realisasi import save, state_of, stored

PROBE_VALUE = "1" + " " * 24_000 + "x"


def test_a_huge_cell_value_is_refused_as_too_long(admin, app):
    state, message = state_of(save(admin, PROBE_VALUE, indicator=6).get_data(as_text=True), 6)
    assert state == "invalid"
    assert message.startswith(f"Isian terlalu panjang (paling banyak {MAX_CELL_CHARS} karakter).")
    assert stored(app, 6) is None


@pytest.mark.parametrize(("typed", "parts"), [
    ("230/234", ("230", "234")), ("230 dari 234", ("230", "234")),
    ("230 DARI 234", ("230", "234")), ("1" + " " * 60 + "/2", ("1", "2")),
    ("230/", None), ("/234", None), ("230dari234", None), ("85,5", None),
])
def test_fraction_is_split_without_a_backtracking_pattern(typed, parts):
    assert split_fraction(typed) == parts


def test_number_parser_refuses_long_input_before_reading_it():
    with pytest.raises(ParseError, match="terlalu"):
        parse_number("1" * 10_000)


@pytest.fixture
def write_lock_held(app, monkeypatch):
    """Another connection holds SQLite's write lock; the app waits only 50 ms for it."""
    if pg_mode.ENABLED:
        pytest.skip("SQLite's write lock")
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    with app.app_context():
        db.engine.dispose()  # new connections get the short timeout
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None)
    yield lambda: other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK") if other.in_transaction else None
    other.close()


def test_invalid_value_is_answered_while_another_writer_holds_the_lock(admin, write_lock_held):
    write_lock_held()
    response = save(admin, PROBE_VALUE, indicator=6, version=0, base="")
    assert response.status_code == 200
    assert "Isian terlalu panjang" in response.text


def test_writer_that_cannot_get_the_lock_is_told_to_try_again(admin, app, write_lock_held):
    write_lock_held()
    response = save(admin, "90", indicator=6, version=0, base="")
    assert response.status_code == 503
    assert "coba lagi" in response.text
    assert response.headers["Retry-After"]


def test_busy_database_on_a_plain_form_shows_the_error_page(admin, app, write_lock_held):
    write_lock_held()
    response = admin.post("/pengaturan/bukti", data={
        "csrf_token": admin.token, "max_mb": "5"})
    assert response.status_code == 503
    assert "coba lagi" in response.text and "<html" in response.text


@pytest.mark.parametrize("target", [
    "////evil.example", "///evil.example", "//evil.example", "/\\evil.example",
    "https://evil.example/", "/%2F/evil.example", " //evil.example", "/\t/evil.example",
])
def test_login_never_redirects_to_another_site(client, target):
    token = csrf_token(client, "/masuk")
    response = client.post("/masuk?next=" + target, data={
        "username": "admin", "password": ADMIN_PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith("//")
    assert "evil" not in location


def test_login_keeps_a_local_next(client):
    token = csrf_token(client, "/masuk")
    response = client.post("/masuk?next=/barito-selatan/2023/realisasi?x=1", data={
        "username": "admin", "password": ADMIN_PASSWORD, "csrf_token": token})
    assert response.headers["Location"] == "/barito-selatan/2023/realisasi?x=1"


@pytest.mark.parametrize("username", ["admin", "nobody", "staf-nonaktif"])
def test_a_failed_login_costs_one_password_hash_whoever_the_user(client, app, monkeypatch,
                                                                username):
    """A wrong password for a real user and any password for an unknown or inactive user do
    the same work, so the answer time does not tell which usernames exist."""
    from iku_web.auth import passwords
    from iku_web.extensions import db
    from iku_web.models import User

    with app.app_context():
        user = User(username="staf-nonaktif", role="staff", active=False)
        user.set_password("x" * 12)
        db.session.add(user)
        db.session.commit()
    calls = []
    real = passwords.check_password_hash
    monkeypatch.setattr(passwords, "check_password_hash",
                        lambda *a: calls.append(a[0].split("$")[0]) or real(*a))
    response = login(client, username, "salah-sekali-123")
    assert response.status_code == 200
    assert len(calls) == 1
    assert calls[0] == "pbkdf2:sha256:1000"  # the same method as the real hashes
