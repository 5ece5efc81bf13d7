"""0011_rollup on a database made by the previous head: the indicator table is copied (SQLite)
without losing a row of it or of its children; every indicator stays typed and unlinked."""
import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from tests import pg_mode
from tests.migration_support import app_before, upgrade_to_head

pytestmark = pytest.mark.skipif(
    pg_mode.ENABLED, reason="needs an empty database; PostgreSQL test databases start at head")

CHILDREN = ("realisasi", "review", "evidence", "past_realisasi", "change_log")


def _fill(conn) -> None:
    run = lambda sql: conn.execute(sa.text(sql))  # noqa: E731
    run("INSERT INTO \"user\" (username, full_name, unit, password_hash, active, created_at) "
        "VALUES ('staf', 'Staf', '', 'x', TRUE, '2024-01-01 00:00:00')")
    run("INSERT INTO year (unit_id, year, institution_name, function, duties, closing_place, "
        "iku_decree_number, pk_number) VALUES (1, 2024, 'KPU', '', '', 'Buntok', '', '')")
    run("INSERT INTO sasaran (year_id, position, name) VALUES (1, 1, 'Sasaran')")
    for n in (1, 2):
        run("INSERT INTO indicator (year_id, position, name, formula, target_kind, target_value, "
            "target_unit, polarity, aggregation, data_source, pic_unit, sasaran_id, "
            "national_standard_note, quarter_target_mode, source_indicator_id) VALUES "
            f"(1, {n}, 'Indikator {n}', 'f', 'percent', '100', '%', 'higher', 'nilai_akhir', "
            f"'s', '', 1, '', 'per_triwulan', {'NULL' if n == 1 else 1})")
        run("INSERT INTO realisasi (indicator_id, quarter, value, obstacles, solutions, "
            f"follow_up, version) VALUES ({n}, 1, '87.5', '', '', '', 2)")
        run(f"INSERT INTO review (indicator_id, quarter, status, comment) VALUES ({n}, 1, "
            "'approved', '')")
        run("INSERT INTO evidence (indicator_id, quarter, original_name, stored_name, "
            "content_type, size, sha256, uploaded_at) VALUES "
            f"({n}, 1, 'lap.pdf', 'x{n}', 'application/pdf', 3, '0', '2024-01-01 00:00:00')")
        run("INSERT INTO past_realisasi (indicator_id, year, value, source, created_at) VALUES "
            f"({n}, 2021, '90', 'LKjIP 2021', '2024-01-01 00:00:00')")
        run("INSERT INTO change_log (at, indicator_id, year_id, entity, field) VALUES "
            f"('2024-01-01 00:00:00', {n}, 1, 'realisasi', 'value')")


def _rows(conn, table: str) -> list[tuple]:
    return [tuple(r) for r in conn.execute(sa.text(f"SELECT * FROM {table} ORDER BY id"))]


def test_upgrade_keeps_the_indicators_and_their_children(tmp_path):
    app = app_before(tmp_path, "0011_rollup")
    with app.app_context(), db.engine.begin() as conn:
        _fill(conn)
        before = {table: _rows(conn, table) for table in ("indicator",) + CHILDREN}
    upgrade_to_head(app)
    with app.app_context(), db.engine.connect() as conn:
        for table in CHILDREN:  # value for value (a later migration may add columns)
            assert [row[:len(old)] for row, old in zip(_rows(conn, table), before[table],
                                                        strict=True)] == before[table], table
        after = _rows(conn, "indicator")
        # The old columns, value for value, then the two new ones.
        assert [row[:len(before["indicator"][0])] for row in after] == before["indicator"]
        assert conn.execute(sa.text("SELECT parent_indicator_id, rollup_rule FROM indicator"))\
            .all() == [(None, "typed"), (None, "typed")]
        assert conn.execute(sa.text("SELECT COUNT(*) FROM rollup_exemption")).scalar() == 0
        assert conn.execute(sa.text("PRAGMA foreign_key_check")).all() == []
        assert conn.execute(sa.text("SELECT sql FROM sqlite_master WHERE name = "
                                    "'uq_user_username_ci'")).scalar() is not None
