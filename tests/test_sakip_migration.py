"""The sakip-chain migration on a database made by the previous version: nothing is lost and
every indicator gets its own sasaran named after it."""
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask_migrate import upgrade

from iku_web.extensions import db
from tests import pg_mode
from tests.conftest import make_app

# The database of the previous version is built by upgrading an empty one; the PostgreSQL test
# databases are copies of a template already at head (tests/pg_mode.py).
pytestmark = pytest.mark.skipif(
    pg_mode.ENABLED, reason="needs an empty database; PostgreSQL test databases start at head")

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def _down_revision() -> str:
    script = ScriptDirectory(str(MIGRATIONS))
    return script.get_revision("0004_sakip_chain").down_revision


def _fill_old_database(conn) -> None:
    run = conn.exec_driver_sql
    run('INSERT INTO "user" (id, username, full_name, unit, role, password_hash, active, '
        "created_at) VALUES (1, 'admin', 'Admin', '', 'admin', 'x', TRUE, "
        "'2024-01-01 00:00:00')")
    for yid, year in ((1, 2023), (2, 2024)):
        run("INSERT INTO year (id, year, institution_name, function, duties, closing_place) "
            f"VALUES ({yid}, {year}, 'KPU', 'Fungsi', 'Tugas', 'Buntok')")
    names = ["Sasaran satu", "Sasaran dua", "Sasaran tiga"]
    for iid, (yid, pos, name) in enumerate(
            [(1, 1, names[0]), (1, 2, names[1]), (2, 1, names[2])], start=1):
        run("INSERT INTO indicator (id, year_id, position, name, formula, target_kind, "
            "target_value, target_unit, polarity, aggregation, data_source, pic_unit) VALUES "
            f"({iid}, {yid}, {pos}, '{name}', 'Rumus {iid}', 'percent', '100', '%', 'higher', "
            "'nilai_akhir', 'Sumber', '')")
    run("INSERT INTO realisasi (id, indicator_id, quarter, value, obstacles, solutions, "
        "follow_up, version) VALUES (1, 1, 1, '87.5', 'kendala', 'solusi', '', 3)")
    run("INSERT INTO evidence (id, indicator_id, quarter, original_name, stored_name, "
        "content_type, size, sha256, uploaded_at) VALUES (1, 1, 1, 'lap.pdf', 'abc', "
        "'application/pdf', 10, 'f00', '2024-02-01 00:00:00')")
    run("INSERT INTO review (id, indicator_id, quarter, status, comment) "
        "VALUES (1, 1, 1, 'approved', 'ok')")
    run("INSERT INTO change_log (id, at, user_id, year_id, indicator_id, quarter, entity, "
        "field, old_value, new_value) VALUES (1, '2024-02-01 00:00:00', 1, 1, 1, 1, "
        "'realisasi', 'value', NULL, '87,5')")


def test_upgrade_keeps_everything_and_gives_each_indicator_a_sasaran(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        upgrade(revision=_down_revision())
        with db.engine.begin() as conn:
            _fill_old_database(conn)
        upgrade()
        with db.engine.connect() as conn:
            q = conn.exec_driver_sql
            assert q("SELECT indicator_id, quarter, value, obstacles, version FROM realisasi"
                     ).all() == [(1, 1, "87.5", "kendala", 3)]
            assert q("SELECT indicator_id, original_name FROM evidence").all() == [(1, "lap.pdf")]
            assert q("SELECT indicator_id, status, comment FROM review").all() == [
                (1, "approved", "ok")]
            assert q("SELECT indicator_id, new_value FROM change_log").all() == [(1, "87,5")]
            rows = q("SELECT i.id, i.name, i.formula, s.name, s.year_id, i.year_id, "
                     "s.position, i.position FROM indicator i JOIN sasaran s "
                     "ON s.id = i.sasaran_id ORDER BY i.id").all()
            assert [(r[0], r[1], r[2]) for r in rows] == [
                (1, "Sasaran satu", "Rumus 1"), (2, "Sasaran dua", "Rumus 2"),
                (3, "Sasaran tiga", "Rumus 3")]
            assert all(r[1] == r[3] and r[4] == r[5] and r[6] == r[7] for r in rows)
            assert q("SELECT count(*) FROM sasaran").scalar() == 3
            assert q("SELECT iku_decree_number, pk_number FROM year WHERE id = 1").one() == (
                "", "")
            assert q("SELECT national_standard_note FROM indicator WHERE id = 1").scalar() == ""
        db.engine.dispose()


def test_downgrade_and_upgrade_again(tmp_path):
    from flask_migrate import downgrade

    app = make_app(tmp_path)
    with app.app_context():
        upgrade(revision=_down_revision())
        with db.engine.begin() as conn:
            _fill_old_database(conn)
        upgrade(revision="0004_sakip_chain")
        downgrade(revision=_down_revision())
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM indicator").scalar() == 3
            for table in ("realisasi", "evidence", "review", "change_log"):
                assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 1
            assert "sasaran" not in sa.inspect(conn).get_table_names()
        upgrade()
        db.engine.dispose()
