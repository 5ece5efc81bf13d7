"""0014_unit_data_stamp on a database made by the version before: the units and everything
that points at them are kept (the column is added in place, not by copying the table), every
unit has a stamp, and a write then gives its unit a new one."""
import sqlite3

from tests.migration_support import app_before, upgrade_to_head

REVISION = "0014_unit_data_stamp"


def _counts(conn) -> dict[str, int]:
    return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("unit", "year", "indicator", "membership")}


def _insert(conn, table: str, **values) -> int:
    """A row of `table` with `values`; the other NOT NULL columns (their defaults live in the
    models, not in the schema) get 0 or an empty text."""
    for _cid, name, kind, notnull, default, pk in conn.execute(f"PRAGMA table_info({table})"):
        if notnull and not pk and default is None and name not in values:
            values[name] = 0 if kind.upper() in ("INTEGER", "BOOLEAN", "NUMERIC") else ""
    names = ", ".join(values)
    marks = ", ".join("?" * len(values))
    return conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})",
                        list(values.values())).lastrowid


def test_upgrade_keeps_units_and_their_rows(tmp_path):
    app = app_before(tmp_path, REVISION)
    path = tmp_path / "iku.sqlite3"
    with sqlite3.connect(path) as conn:
        unit = conn.execute("SELECT min(id) FROM unit").fetchone()[0]
        year = _insert(conn, "year", unit_id=unit, year=2024)
        indicator = _insert(conn, "indicator", year_id=year, name="Indikator")
        before = _counts(conn)
        assert "data_stamp" not in {r[1] for r in conn.execute("PRAGMA table_info(unit)")}
    conn.close()
    upgrade_to_head(app)
    with sqlite3.connect(path) as conn:
        assert _counts(conn) == before
        (first,) = conn.execute("SELECT data_stamp FROM unit").fetchone()
        assert first is not None  # a stamp from the start (docs/rollup.md)
    conn.close()
    with app.app_context():
        from iku_web.extensions import db
        from iku_web.models import Indicator
        db.session.get(Indicator, indicator).name = "Indikator baru"
        db.session.commit()
        db.engine.dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT data_stamp FROM unit").fetchone()[0] not in (None, first)
    conn.close()
