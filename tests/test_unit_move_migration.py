"""0015_unit_move on a database made by the version before: the units and their rows are
kept, the new table starts empty (a move made before has no row, so every year reads the
current tree as before), and a move recorded afterwards is read back and gives its units new
stamps."""
import sqlite3

import sqlalchemy as sa

from tests.migration_support import app_before, upgrade_to_head
from tests.test_unit_data_stamp_migration import _counts, _insert

REVISION = "0015_unit_move"


def test_upgrade_keeps_units_and_adds_an_empty_move_table(tmp_path):
    app = app_before(tmp_path, REVISION)
    path = tmp_path / "iku.sqlite3"
    with sqlite3.connect(path) as conn:
        top = conn.execute("SELECT min(id) FROM unit").fetchone()[0]
        office = _insert(conn, "unit", name="KPU Kab", code="kab", kind="kabupaten",
                         parent_id=top, data_stamp=1)
        _insert(conn, "year", unit_id=office, year=2024)
        before = _counts(conn)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "unit_move" not in tables
    conn.close()
    upgrade_to_head(app)
    with sqlite3.connect(path) as conn:
        assert _counts(conn) == before
        assert conn.execute("SELECT count(*) FROM unit_move").fetchone()[0] == 0
    conn.close()
    with app.app_context():
        from iku_web.extensions import db
        from iku_web.models import Unit, UnitMove
        db.session.add(UnitMove(unit_id=office, old_parent_id=top, new_parent_id=top,
                                from_year=2025))
        db.session.commit()
        stamp = db.session.get(Unit, office).data_stamp
        assert db.session.scalars(sa.select(UnitMove.from_year)).all() == [2025]
        db.engine.dispose()
    assert stamp not in (None, 1)  # recording a move replaces its units' stamps
