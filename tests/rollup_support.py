"""Small trees of units for the roll-up tests, built row by row on a migrated SQLite file:
a parent unit with a computed indicator and children with linked indicators, realisasi and
review states as each test says."""
import shutil
from contextlib import contextmanager
from decimal import Decimal

import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Indicator, Realisasi, Review, RollupExemption, Unit, Year
from tests.conftest import make_app

YEAR = 2024


def new_app(tmp_path, migrated_db):
    shutil.copy(migrated_db, tmp_path / "iku.sqlite3")
    return make_app(tmp_path)


def open_app(tmp_path, migrated_db):
    """For an `app` fixture: the app in its context, rolled back and closed after the test."""
    app = new_app(tmp_path, migrated_db)
    with app.app_context():
        yield app
        db.session.rollback()
        db.engine.dispose()


@contextmanager
def selects():
    """The SELECT statements sent to the database inside the block, in order."""
    statements = []

    def count(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append(statement)
    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)


def unit(code: str, kind: str = "kabupaten", parent: Unit | None = None) -> Unit:
    """A unit; the first one of a fresh database is the default unit, renamed."""
    if parent is None:
        top = db.session.scalar(sa.select(Unit).order_by(Unit.id).limit(1))
        top.code, top.kind, top.name, top.place = code, kind, f"KPU {code.title()}", "Tempat"
        return top
    made = Unit(code=code, kind=kind, name=f"KPU {code.title()}", place="Tempat", parent=parent)
    db.session.add(made)
    return made


def indicator(owner: Unit, name: str = "Persentase tahapan tepat waktu", rule: str = "typed",
              parent: Indicator | None = None, year_number: int = YEAR,
              **fields) -> Indicator:
    """An indicator of the unit's YEAR, or of `year_number` (made when missing); percent,
    target 100, nilai akhir unless `fields` say otherwise."""
    year = db.session.scalar(sa.select(Year).where(Year.unit_id == owner.id,
                                                   Year.year == year_number))
    if year is None:
        year = Year(unit=owner, year=year_number, institution_name=owner.name)
        db.session.add(year)
    values = {"target_kind": "percent", "target_value": Decimal(100), "target_unit": "%",
              "aggregation": "nilai_akhir"} | fields
    made = Indicator(name=name, rollup_rule=rule, parent_indicator=parent,
                     position=len(year.indicators) + 1, **values)
    year.indicators.append(made)
    db.session.flush()
    return made


def report(ind: Indicator, quarter: int, value, status: str | None = "approved") -> None:
    """A realisasi (a number, or a grade as a string) and its review state (None: draft)."""
    grade = value if isinstance(value, str) else None
    number = None if grade else Decimal(str(value))
    db.session.add(Realisasi(indicator_id=ind.id, quarter=quarter, value=number, grade=grade))
    if status is not None:
        db.session.add(Review(indicator_id=ind.id, quarter=quarter, status=status))
    db.session.flush()


def exempt(parent: Indicator, child: Unit, reason: str = "Tidak ada Pilkada tahun ini") -> None:
    db.session.add(RollupExemption(indicator_id=parent.id, unit_id=child.id, reason=reason))
    db.session.flush()


ROLES = ("admin", "verifier", "staff")


def accounts(*units: Unit) -> None:
    """One account per (unit, role), named role.code, password STAFF_PASSWORD."""
    from iku_web.models import User
    from tests.conftest import STAFF_PASSWORD
    for owner in units:
        for role in ROLES:
            user = User(username=f"{role}.{owner.code}", full_name=f"{role} {owner.code}")
            user.set_password(STAFF_PASSWORD)
            user.set_role(owner.id, role)
            db.session.add(user)
    db.session.flush()
