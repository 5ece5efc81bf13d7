"""`flask copy-database`: every row of the office's database into a new one (SQLite, and
PostgreSQL when its server binaries are installed), ids and sequences included."""
import shutil

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from iku_web.extensions import db
from tests.conftest import csrf_token, htmx_post, login, make_app
from tests.pg import Cluster, pg_bin
from tests.test_realisasi import save

U = "/barito-selatan"
Y = f"{U}/2023"


def counts(app) -> dict[str, int]:
    with app.app_context():
        return {t.name: db.session.scalar(sa.select(sa.func.count()).select_from(t))
                for t in db.metadata.sorted_tables}


@pytest.fixture
def office(admin, app):
    """The office's database with history: a realisasi saved, submitted, approved; IKU issued."""
    assert save(admin, "95").status_code == 200
    htmx_post(admin, "/barito-selatan/2023/indikator/1/1/ajukan", {"without_evidence": "1"})
    assert "Disetujui" in htmx_post(admin, "/barito-selatan/2023/verifikasi/1/1/setujui").text
    assert "Diterbitkan" in htmx_post(admin, "/barito-selatan/2023/laporan/iku/terbitkan").text
    with app.app_context():
        db.engine.dispose()
    return app


def copy_into(target, source_app):
    url = source_app.config["SQLALCHEMY_DATABASE_URI"]
    return target.test_cli_runner().invoke(args=["copy-database", url])


def check_copy(target, office):
    result = copy_into(target, office)
    assert result.exit_code == 0, result.output
    assert counts(target) == counts(office)
    assert counts(target)["review"] == 1 and counts(target)["issued_document"] == 1
    # Log in with the copied account and write new rows: ids continue after the copied ones.
    client = target.test_client()
    assert login(client).status_code == 302
    client.token = csrf_token(client)
    assert save(client, "80", indicator=2).status_code == 200
    assert "Diterbitkan: versi 2" in htmx_post(client, f"{Y}/laporan/iku/terbitkan").text
    # A second copy is refused: the target now holds the office's data, and nothing changes.
    before = counts(target)
    again = copy_into(target, office)
    assert again.exit_code == 1 and "sudah berisi data kantor" in again.output
    assert counts(target) == before


def test_copy_into_a_new_sqlite_database(office, tmp_path, migrated_db):
    (tmp_path / "baru").mkdir()
    shutil.copy(migrated_db, tmp_path / "baru" / "iku.sqlite3")
    target = make_app(tmp_path / "baru", SQLALCHEMY_DATABASE_URI=(
        f"sqlite:///{tmp_path / 'baru' / 'iku.sqlite3'}"), UPLOAD_DIR=office.config["UPLOAD_DIR"])
    check_copy(target, office)


def test_a_source_at_another_migration_is_refused(office, tmp_path):
    (tmp_path / "kosong").mkdir()
    target = make_app(tmp_path / "kosong", SQLALCHEMY_DATABASE_URI=(
        f"sqlite:///{tmp_path / 'kosong' / 'iku.sqlite3'}"))
    result = copy_into(target, office)
    assert result.exit_code == 1 and "Versi skema berbeda" in result.output


@pytest.mark.skipif(pg_bin("initdb") is None, reason="PostgreSQL server binaries not installed")
def test_copy_from_sqlite_into_postgresql(office, tmp_path):
    cluster = Cluster()
    cluster.start()
    try:
        (tmp_path / "pg").mkdir()
        target = make_app(tmp_path / "pg", SQLALCHEMY_DATABASE_URI=cluster.create_database("iku"),
                          UPLOAD_DIR=office.config["UPLOAD_DIR"])
        with target.app_context():
            upgrade()
        check_copy(target, office)
        with target.app_context():
            db.engine.dispose()
    finally:
        cluster.stop()
