"""0012_lke_files on a database made by the version before: the LKE already there is kept and
the table of attached files is added, empty, with its one-file-per-answer rule."""
import sqlite3

import pytest

from tests.migration_support import app_before, upgrade_to_head

REVISION = "0012_lke_files"


def test_upgrade_adds_the_file_table_and_keeps_the_lke(tmp_path):
    app = app_before(tmp_path, REVISION)
    path = tmp_path / "iku.sqlite3"
    with sqlite3.connect(path) as conn:
        criteria = conn.execute("SELECT count(*) FROM lke_criterion").fetchone()[0]
        assert "lke_file" not in {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table'")}
        conn.execute("INSERT INTO lke_evaluation (year_id, set_id, status, comment) "
                     "VALUES (999, 1, 'draft', '')")
    conn.close()
    upgrade_to_head(app)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM lke_criterion").fetchone()[0] == criteria == 80
        assert conn.execute("SELECT count(*) FROM lke_evaluation").fetchone()[0] == 1
        columns = {r[1] for r in conn.execute("PRAGMA table_info(lke_file)")}
        assert {"evaluation_id", "criterion_id", "side", "original_name", "stored_name",
                "content_type", "size", "sha256", "uploaded_by_id", "uploaded_at"} <= columns
        row = ("1", "1", "mandiri", "a.pdf", "x.pdf", "application/pdf", "1", "ab",
               "2024-01-01 00:00:00")
        sql = ("INSERT INTO lke_file (evaluation_id, criterion_id, side, original_name, "
               "stored_name, content_type, size, sha256, uploaded_at) VALUES (?,?,?,?,?,?,?,?,?)")
        conn.execute(sql, row)
        with pytest.raises(sqlite3.IntegrityError):  # the same file twice on one answer
            conn.execute(sql, row[:4] + ("y.pdf",) + row[5:])
    conn.close()
