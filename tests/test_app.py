"""Configuration, the SQLite connection settings and the migrations."""
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from iku_web import create_app
from iku_web.config import from_environment
from iku_web.database import begin_write
from iku_web.extensions import db
from tests import pg_mode
from tests.conftest import make_app


@pytest.mark.skipif(pg_mode.ENABLED, reason="a test of SQLite itself")
def test_sqlite_connections_use_wal_busy_timeout_and_foreign_keys(app):
    with app.app_context():
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


@pytest.mark.skipif(pg_mode.ENABLED, reason="a test of SQLite itself")
def test_begin_write_takes_the_write_lock_at_once(app):
    with app.app_context():
        begin_write(db.session)
        other = sa.create_engine(app.config["SQLALCHEMY_DATABASE_URI"],
                                 connect_args={"timeout": 0})
        with other.connect() as conn:
            conn.exec_driver_sql("PRAGMA busy_timeout=0")
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                locked = False
            except sa.exc.OperationalError as exc:
                locked = "locked" in str(exc)
        other.dispose()
        db.session.rollback()
        assert locked


@pytest.mark.filterwarnings(
    "ignore:Skipped unsupported reflection of expression-based index:sqlalchemy.exc.SAWarning")
@pytest.mark.filterwarnings(  # SQLite cannot reflect lower(username); PostgreSQL compares it
    "ignore:autogenerate skipping metadata-specified expression-based index:UserWarning")
def test_migrations_match_the_models(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), db.metadata) == []
        db.engine.dispose()


def test_secret_key_is_generated_once_into_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = from_environment(tmp_path)["SECRET_KEY"]
    assert len(first) == 64 and (tmp_path / "secret_key").read_text() == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert from_environment(tmp_path)["SECRET_KEY"] == first
    monkeypatch.setenv("SECRET_KEY", "from-env")
    assert from_environment(tmp_path)["SECRET_KEY"] == "from-env"


def test_database_url_and_upload_dir_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example/iku")
    monkeypatch.setenv("UPLOAD_DIR", str(tmp_path / "files"))
    config = from_environment(tmp_path)
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql://u:p@db.example/iku"
    assert config["UPLOAD_DIR"] == str(tmp_path / "files")
    monkeypatch.delenv("DATABASE_URL")
    assert from_environment(tmp_path)["SQLALCHEMY_DATABASE_URI"] == (
        f"sqlite:///{tmp_path / 'iku.sqlite3'}")


def test_instance_config_py_overrides_defaults(tmp_path):
    (tmp_path / "config.py").write_text("WTF_CSRF_TIME_LIMIT = 123\n")
    app = create_app({"INSTANCE_PATH": str(tmp_path), "TESTING": True})
    assert app.config["WTF_CSRF_TIME_LIMIT"] == 123


def test_begin_write_inside_a_write_transaction_keeps_it(app):
    """A route takes the lock for its check, the service calls begin_write again: the second
    call must not commit the first part away (that would reopen the gap it closes)."""
    from iku_web.models import Year

    with app.app_context():
        begin_write(db.session)
        db.session.add(Year(year=2099))
        db.session.flush()
        begin_write(db.session)
        db.session.rollback()
        assert db.session.scalar(sa.select(Year.id).where(Year.year == 2099)) is None
