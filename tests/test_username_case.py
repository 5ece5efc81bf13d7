"""Usernames are unique and matched without regard to case or surrounding spaces."""
import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask_migrate import upgrade

from iku_web.extensions import db
from iku_web.models import User
from tests import pg_mode
from tests.conftest import ADMIN_PASSWORD, STAFF_PASSWORD, login, make_app

NEW = {"full_name": "Budi", "unit": "Subbagian Teknis", "role": "staff", "active": "y",
       "password": "rahasia-budi"}
MIGRATION = "0003_username_ci"


def usernames(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(User.username).order_by(User.id)))


def test_form_refuses_a_name_that_differs_only_by_case(admin, app):
    response = admin.post("/barito-selatan/pengguna/baru", data={**NEW, "username": "Staf",
                                                  "csrf_token": admin.token})
    assert "Nama pengguna sudah dipakai" in response.text
    response = admin.post("/barito-selatan/pengguna/baru", data={**NEW, "username": "  STAF ",
                                                  "csrf_token": admin.token})
    assert "Nama pengguna sudah dipakai" in response.text
    assert usernames(app) == ["admin", "staf"]


def test_form_stores_the_name_without_surrounding_spaces(admin, app):
    response = admin.post("/barito-selatan/pengguna/baru", data={**NEW, "username": " Budi ",
                                                  "csrf_token": admin.token})
    assert response.status_code == 302
    assert usernames(app)[-1] == "Budi"


def test_an_account_keeps_its_own_name_in_another_case(admin, app):
    with app.app_context():
        staff_id = db.session.scalar(sa.select(User.id).where(User.username == "staf"))
    response = admin.post(f"/barito-selatan/pengguna/{staff_id}", data={**NEW, "username": "Staf",
                                                         "password": "", "csrf_token": admin.token})
    assert response.status_code == 302
    assert usernames(app) == ["admin", "Staf"]


@pytest.mark.parametrize("typed", ["ADMIN", "Admin", " admin ", "aDmIn\t"])
def test_login_ignores_case_and_spaces(client, typed):
    response = login(client, typed, ADMIN_PASSWORD)
    assert response.status_code == 302


def test_cli_refuses_a_case_duplicate_and_finds_users_in_any_case(app):
    runner = app.test_cli_runner()
    duplicate = runner.invoke(args=["create-user", "STAF", "--password", "x-123456789"])
    assert duplicate.exit_code != 0 and "sudah ada" in duplicate.output
    created = runner.invoke(args=["create-user", " Budi ", "--password", "x-123456789"])
    assert created.exit_code == 0, created.output
    assert usernames(app)[-1] == "Budi"
    reset = runner.invoke(args=["reset-password", "BUDI", "--password", "baru-123456789"])
    assert reset.exit_code == 0, reset.output
    assert usernames(app) == ["admin", "staf", "Budi"]
    assert STAFF_PASSWORD  # the staff account was not touched


def test_database_refuses_a_case_duplicate(app):
    with app.app_context():
        db.session.add(User(username="ADMIN", password_hash="x"))
        with pytest.raises(sa.exc.IntegrityError):
            db.session.commit()
        db.session.rollback()


def _previous_revision(app) -> str:
    with app.app_context():
        script = ScriptDirectory.from_config(
            app.extensions["migrate"].migrate.get_config())
        return script.get_revision(MIGRATION).down_revision


# A database of the previous version is built by upgrading an empty one; the PostgreSQL test
# databases are copies of a template already at head (tests/pg_mode.py).
previous_version = pytest.mark.skipif(
    pg_mode.ENABLED, reason="needs an empty database; PostgreSQL test databases start at head")


def _old_database(tmp_path, names):
    app = make_app(tmp_path)
    with app.app_context():
        upgrade(revision=_previous_revision(app))
        for name in names:
            db.session.execute(sa.text(
                'INSERT INTO "user" (username, full_name, unit, role, password_hash, active, '
                "created_at) VALUES (:n, '', '', 'staff', 'x', TRUE, '2024-01-01')"), {"n": name})
        db.session.commit()
    return app


@previous_version
def test_migration_refuses_existing_case_duplicates_with_advice(tmp_path, capfd):
    app = _old_database(tmp_path, ["budi", "Budi", "sari"])
    with app.app_context():
        with pytest.raises(SystemExit):  # Flask-Migrate logs the error and exits
            upgrade()
        message = capfd.readouterr().err
        assert "'budi'" in message and "'Budi'" in message and "sari" not in message
        assert "rename-user" in message and "db upgrade" in message
        assert usernames(app) == ["budi", "Budi", "sari"]  # nothing changed
        db.engine.dispose()


@previous_version
def test_migration_passes_and_trims_when_names_are_distinct(tmp_path):
    app = _old_database(tmp_path, ["budi", " sari "])
    with app.app_context():
        upgrade()
        assert list(db.session.scalars(sa.select(User.username).order_by(User.id))) == [
            "budi", "sari"]
        db.session.add(User(username="BUDI", password_hash="x"))
        with pytest.raises(sa.exc.IntegrityError):
            db.session.commit()
        db.session.rollback()
        db.engine.dispose()


def test_rename_user_resolves_a_pair(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["rename-user", "STAF", "staf2"])
    assert result.exit_code == 0, result.output
    assert usernames(app) == ["admin", "staf2"]
    taken = runner.invoke(args=["rename-user", "staf2", "Admin"])
    assert taken.exit_code != 0 and "sudah dipakai" in taken.output
