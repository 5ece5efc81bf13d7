"""Unit.data_stamp (models/stamps.py): every write to what the roll-up reads replaces the stamp
of the unit it belongs to, in the same transaction, and no other unit's; and nothing the
roll-up reads escapes that (docs/rollup.md, "No stale figure")."""
import re
from decimal import Decimal

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.lke import demo as lke_demo
from iku_web.models import LkeCheck, Realisasi, Review, RollupExemption, Unit, User
from iku_web.models.stamps import OWNERS
from iku_web.rollup.load import load
from tests.rollup_support import exempt, indicator, open_app, report, selects, unit

# Criteria sets are read by the LKE grades but never change once an evaluation uses one
# (docs/lke.md): no unit owns them.
CRITERIA = {"lke_criteria_set", "lke_component", "lke_subcomponent", "lke_criterion"}


@pytest.fixture
def app(tmp_path, migrated_db):
    yield from open_app(tmp_path, migrated_db)


def _tree():
    """prov over kab-a and kab-b: a persentase_memenuhi indicator and a persentase_huruf one,
    each office reporting TW I, kab-a with an LKE; kab-b exempt from the second."""
    prov = unit("prov", "provinsi")
    share = indicator(prov, "Persentase tepat waktu", "persentase_memenuhi")
    grade = indicator(prov, "Persentase nilai SAKIP minimal B", "persentase_huruf")
    leaves = {}
    for code in ("a", "b"):
        office = unit(f"kab-{code}", parent=prov)
        leaves[code] = indicator(office, parent=share)
        report(leaves[code], 1, 90)
        indicator(office, "Nilai SAKIP", parent=grade)
    lke_demo.fill(leaves["a"].year_ref, lke_demo.MET)
    exempt(grade, db.session.scalar(sa.select(Unit).where(Unit.code == "kab-b")))
    db.session.commit()
    return share, grade, leaves


def _stamps() -> dict[str, int | None]:
    return dict(db.session.execute(sa.select(Unit.code, Unit.data_stamp)).all())


def test_every_table_the_roll_up_reads_belongs_to_a_unit(app):
    share, grade, _ = _tree()
    ids = [share.id, grade.id]  # read before: the refresh of expired objects is not the roll-up
    with selects() as statements:
        snapshot = load(ids)
    assert snapshot.grades  # the LKE grades were read too
    tables = set(re.findall(r'(?:FROM|JOIN)\s+"?(\w+)"?', " ".join(statements)))
    assert {"unit", "indicator", "realisasi", "review", "rollup_exemption", "lke_check",
            "lke_evaluation"} <= tables
    owned = {model.__table__.name for model in OWNERS} | {"year"}
    assert tables - {"rollup_tree"} - CRITERIA <= owned


WRITES = {
    "a realisasi typed": lambda leaf: setattr(db.session.scalar(sa.select(Realisasi).where(
        Realisasi.indicator_id == leaf.id)), "value", Decimal(95)),
    "a new quarter": lambda leaf: db.session.add(Realisasi(indicator_id=leaf.id, quarter=2,
                                                           value=Decimal(80))),
    "a realisasi deleted": lambda leaf: db.session.delete(db.session.scalar(
        sa.select(Realisasi).where(Realisasi.indicator_id == leaf.id))),
    "an approval": lambda leaf: setattr(db.session.scalar(sa.select(Review).where(
        Review.indicator_id == leaf.id)), "status", "returned"),
    "a target": lambda leaf: setattr(leaf, "target_value", Decimal(50)),
    "an LKE criterion": lambda leaf: setattr(db.session.scalars(sa.select(LkeCheck)).first(),
                                             "met", False),
    "the office renamed": lambda leaf: setattr(leaf.year_ref.unit, "name", "KPU Kab Baru"),
}


@pytest.mark.parametrize("write", WRITES)
def test_a_write_replaces_the_stamp_of_its_unit_only(app, write):
    _, _, leaves = _tree()
    before = _stamps()
    WRITES[write](leaves["a"])
    db.session.commit()
    after = _stamps()
    assert after["kab-a"] != before["kab-a"]
    assert {code: after[code] for code in ("prov", "kab-b")} == \
        {code: before[code] for code in ("prov", "kab-b")}


def test_an_exemption_replaces_both_units_and_other_writes_none(app):
    _tree()
    db.session.add(User(username="lain", full_name="Nama", password_hash="-"))
    db.session.commit()
    before = _stamps()
    db.session.scalar(sa.select(User)).full_name = "Nama lain"  # nothing the roll-up reads
    db.session.commit()
    assert _stamps() == before
    db.session.delete(db.session.scalar(sa.select(RollupExemption)))
    db.session.commit()
    after = _stamps()
    assert sorted(code for code in before if after[code] != before[code]) == ["kab-b", "prov"]
