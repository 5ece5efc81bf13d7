"""0013_change_log_unit on a database made by the version before: the change log's entries
are kept (as entries of their year or of the install, no unit), and an entry can name a unit
and an account."""
import sqlite3

from tests.migration_support import app_before, upgrade_to_head

REVISION = "0013_change_log_unit"


def test_upgrade_keeps_the_log_and_adds_the_unit_and_account(tmp_path):
    app = app_before(tmp_path, REVISION)
    path = tmp_path / "iku.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO change_log (at, entity, field, old_value, new_value, source) "
                     "VALUES ('2024-01-01 00:00:00', 'setting', 'capaian_cap', '120', '110', "
                     "'layar')")
        columns = {r[1] for r in conn.execute("PRAGMA table_info(change_log)")}
        assert "unit_id" not in columns
    conn.close()
    upgrade_to_head(app)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT entity, field, old_value, new_value, source, unit_id, "
                            "account_id FROM change_log").fetchall() == [
            ("setting", "capaian_cap", "120", "110", "layar", None, None)]
        unit = conn.execute("SELECT min(id) FROM unit").fetchone()[0]
        conn.execute("INSERT INTO change_log (at, entity, field, unit_id) VALUES "
                     "('2024-01-02 00:00:00', 'membership', 'grant', ?)", (unit,))
        targets = {(r[3], r[2]) for r in conn.execute("PRAGMA foreign_key_list(change_log)")}
        assert {("unit_id", "unit"), ("account_id", "user")} <= targets
    conn.close()
