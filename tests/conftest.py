"""App with its own migrated SQLite file per test, a client, and login helpers."""
import re
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from iku_web import create_app
from iku_web.extensions import db
from iku_web.models import User
from iku_web.seed import load_demo
from tests import pg_mode

ADMIN_PASSWORD = "admin-rahasia-123"
STAFF_PASSWORD = "staf-rahasia-123"
TOKEN_RE = re.compile(r'"X-CSRFToken": "([^"]+)"')


def make_app(instance: Path, **extra):
    config = {
        "TESTING": True,
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'iku.sqlite3'}",
        "UPLOAD_DIR": str(instance / "uploads"),
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    }
    if pg_mode.ENABLED and "SQLALCHEMY_DATABASE_URI" not in extra:
        config["SQLALCHEMY_DATABASE_URI"] = pg_mode.database_for(instance)
    config.update(extra)
    return create_app(config)


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory) -> Path:
    """One database built by the real migrations, copied for each test (fast and faithful)."""
    from flask_migrate import upgrade

    instance = tmp_path_factory.mktemp("template")
    # Always SQLite (some tests serve this file with gunicorn); PostgreSQL: pg_mode.py.
    app = make_app(instance, SQLALCHEMY_DATABASE_URI=f"sqlite:///{instance / 'iku.sqlite3'}")
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return instance / "iku.sqlite3"


def demo_app(tmp_path, migrated_db, users):
    """An app on a copy of the migrated database with the demo data and these
    (username, role, password) accounts."""
    shutil.copy(migrated_db, tmp_path / "iku.sqlite3")  # unused on PostgreSQL (pg_mode.py)
    app = make_app(tmp_path)
    with app.app_context():
        load_demo()
        for username, role, password in users:
            user = User(username=username, role=role, full_name=username.title())
            user.set_password(password)
            db.session.add(user)
        db.session.commit()
    return app


@pytest.fixture
def app(tmp_path, migrated_db):
    app = demo_app(tmp_path, migrated_db, [("admin", "admin", ADMIN_PASSWORD),
                                           ("staf", "staff", STAFF_PASSWORD)])
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token(client, path: str = "/barito-selatan/2023/iku") -> str:
    """The CSRF token the page gives to htmx (the same one every form carries)."""
    html = client.get(path).get_data(as_text=True)
    return TOKEN_RE.search(html).group(1)


def login(client, username: str = "admin", password: str = ADMIN_PASSWORD):
    token = csrf_token(client, "/masuk")
    return client.post("/masuk", data={"username": username, "password": password,
                                       "csrf_token": token})


@pytest.fixture
def admin(client):
    """A client logged in as admin; `admin.token` is a valid CSRF token for its session."""
    assert login(client).status_code == 302
    client.token = csrf_token(client)
    return client


@pytest.fixture
def staff(client):
    assert login(client, "staf", STAFF_PASSWORD).status_code == 302
    client.token = csrf_token(client)
    return client


VERIFIER_PASSWORD = "verif-rahasia-123"


def make_user(app, username, role, password):
    with app.app_context():
        user = User(username=username, role=role, full_name=username.title())
        user.set_password(password)
        db.session.add(user)
        db.session.commit()
        return user.id


def client_for(app, username, password):
    """A separate logged-in client, for tests where two people take turns."""
    client = app.test_client()
    assert login(client, username, password).status_code == 302
    client.token = csrf_token(client)
    return client


@pytest.fixture
def pic(app, staff):
    """The staff client, in charge of indicator 1 (the review tests)."""
    from iku_web.models import Indicator
    with app.app_context():
        staff_id = db.session.scalar(sa.select(User.id).where(User.username == "staf"))
        db.session.get(Indicator, 1).pic_user_id = staff_id
        db.session.commit()
    return staff


@pytest.fixture
def verifier(app):
    """A verifier of the demo office, logged in (the review tests)."""
    make_user(app, "verif", "verifier", VERIFIER_PASSWORD)
    return client_for(app, "verif", VERIFIER_PASSWORD)


def htmx_post(client, url: str, data: dict | None = None, **kw):
    """A POST the way htmx sends it: HX-Request header and the CSRF token in a header."""
    headers = {"HX-Request": "true", "X-CSRFToken": client.token}
    return client.post(url, data=data or {}, headers=headers, **kw)
