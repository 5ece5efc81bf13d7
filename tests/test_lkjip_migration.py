"""The LKjIP migration on a database made by the previous version: existing rows stay, the
slot table works afterwards (one text per year and slot) and goes with its year."""
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade

from iku_web.extensions import db
from tests.conftest import make_app

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def _down_revision() -> str:
    return ScriptDirectory(str(MIGRATIONS)).get_revision("0008_lkjip").down_revision


def test_upgrade_keeps_years_and_adds_the_slot_table(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        upgrade(revision=_down_revision())
        with db.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO year (id, year, institution_name, function, "
                                 "duties, closing_place) VALUES (1, 2023, 'KPU', 'F', 'T', 'B')")
        upgrade()
        with db.engine.begin() as conn:
            run = conn.exec_driver_sql
            assert run("SELECT year, institution_name FROM year").all() == [(2023, "KPU")]
            run("INSERT INTO lkjip_text (year_id, slot, text, version) "
                "VALUES (1, 'penutup', 'Teks', 1)")
        with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO lkjip_text (year_id, slot, text, version) "
                                 "VALUES (1, 'penutup', 'Lagi', 1)")
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM year WHERE id = 1")
            assert conn.exec_driver_sql("SELECT count(*) FROM lkjip_text").scalar() == 0
        downgrade(revision=_down_revision())
        assert "lkjip_text" not in sa.inspect(db.engine).get_table_names()
        db.engine.dispose()
