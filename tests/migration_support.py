"""Databases made by the version before a migration, for the tests that upgrade them.

The previous version is read from the script's down_revision, so the tests follow the chain
(docs/migrations.md) wherever a script sits in it."""
import sqlite3
from pathlib import Path

from alembic.script import ScriptDirectory
from flask_migrate import upgrade

from iku_web.extensions import db
from tests import pg_mode
from tests.conftest import make_app

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def previous_of(revision: str) -> str:
    return ScriptDirectory(str(MIGRATIONS)).get_revision(revision).down_revision


def app_before(instance: Path, revision: str):
    """An app whose database (instance/iku.sqlite3, or on PostgreSQL an empty database of its
    own) is at the revision before `revision`."""
    if pg_mode.ENABLED:  # template0: empty, where the test databases start at head
        pg_mode.database_for(instance, template="template0")
    app = make_app(instance)
    with app.app_context():
        upgrade(revision=previous_of(revision))
        db.engine.dispose()
    return app


def app_with_old_user(instance: Path, revision: str):
    """app_before, with one staff account "lama" stored in the columns every earlier version
    has; returns (app, path of the SQLite file)."""
    app = app_before(instance, revision)
    path = instance / "iku.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO user (username, full_name, unit, role, password_hash, active, "
                     "created_at) VALUES ('lama', 'Lama', '', 'staff', 'x', 1, "
                     "'2023-01-01 00:00:00')")
    conn.close()
    return app, path


def upgrade_to_head(app) -> None:
    with app.app_context():
        upgrade()
        db.engine.dispose()
