"""A unit's data stamp (Unit.data_stamp) is replaced in the transaction of every change to the
data the roll-up reads of that unit, whoever writes it (a page, the API, a CLI command): its
indicators and targets, realisasi, review states, roll-up exemptions, LKE, and the unit itself
(name, parent, retired). The roll-up keeps a computed subtree for as long as the stamps of its
units are the ones it was computed under (docs/rollup.md, "No stale figure").

A random number rather than a counter: a rolled-back transaction or a restored backup can
bring a counter back to a value some other data had, never (in practice) a random one."""
import secrets

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from .lke import LkeCheck, LkeEvaluation, LkeLetter
from .realisasi import Realisasi
from .review import Review
from .rollup import RollupExemption
from .units import Unit, UnitMove
from .years import Indicator, Year

# Per class: how an object names its unit, as (kind of key, attribute). Everything the roll-up
# reads (rollup/load.py, lke/grades.py) is here; tests/test_rollup_stamps.py checks that.
OWNERS: dict[type, tuple[tuple[str, str], ...]] = {
    Unit: (("unit", "id"),),
    # A move changes the tree of the years before its from_year as well (rollup/load.py).
    UnitMove: (("unit", "unit_id"), ("unit", "old_parent_id"), ("unit", "new_parent_id")),
    Year: (("unit", "unit_id"),),
    Indicator: (("year", "year_id"),),
    Realisasi: (("indicator", "indicator_id"),),
    Review: (("indicator", "indicator_id"),),
    RollupExemption: (("indicator", "indicator_id"), ("unit", "unit_id")),
    LkeEvaluation: (("year", "year_id"),),
    LkeCheck: (("evaluation", "evaluation_id"),),
    LkeLetter: (("evaluation", "evaluation_id"),),
}
_PENDING = "data_stamp_units"  # session.info: units touched, looked up before the flush
_TOUCHED = "data_stamp_touched"  # session.info: units changed in this transaction
_OWNER_OF = "data_stamp_owner"  # session.info: (kind, id) -> unit id, as looked up


def _keys(objects) -> set[tuple[str, int]]:
    found = set()
    for obj in objects:
        for kind, attribute in OWNERS.get(type(obj), ()):
            value = getattr(obj, attribute, None)
            if value is not None:
                found.add((kind, value))
    return found


# How each kind of key reaches its unit. None of these links ever changes (an indicator stays
# in its year, a year with its unit), so what a transaction has looked up once it keeps; not
# longer, and not past a delete: SQLite may give a deleted row's id to the next one.
_KIND_OF = {Year: "year", Indicator: "indicator", LkeEvaluation: "evaluation"}
_ROUTES = {
    "year": lambda ids: sa.select(Year.id, Year.unit_id).where(Year.id.in_(ids)),
    "indicator": lambda ids: sa.select(Indicator.id, Year.unit_id)
    .join(Year, Indicator.year_id == Year.id).where(Indicator.id.in_(ids)),
    "evaluation": lambda ids: sa.select(LkeEvaluation.id, Year.unit_id)
    .join(Year, LkeEvaluation.year_id == Year.id).where(LkeEvaluation.id.in_(ids)),
}


def _units(session, keys: set[tuple[str, int]]) -> set[int]:
    """The units the keys belong to: one query per kind of key this session has not looked up
    yet, on the flush's own connection (no autoflush)."""
    known = session.info.setdefault(_OWNER_OF, {})
    units = {value for kind, value in keys if kind == "unit"}
    for kind, route in _ROUTES.items():
        wanted = {value for k, value in keys if k == kind}
        missing = sorted(wanted - {v for k, v in known if k == kind})
        if missing:
            for key_id, unit_id in session.connection().execute(route(missing)):
                known[(kind, key_id)] = unit_id
        units |= {known[(kind, v)] for v in wanted if (kind, v) in known}
    return units


def wrote(session) -> bool:
    """This session's transaction has changed data the roll-up reads: until it ends, what it
    computes is neither taken from nor kept in the stored subtrees (rollup/memo.py)."""
    return bool(session.info.get(_TOUCHED))


@event.listens_for(Session, "before_flush")
def _before(session, _context, _instances) -> None:
    """What is about to be deleted or changed is looked up while its rows are still there."""
    changed = [obj for obj in session.dirty if type(obj) in OWNERS
               and session.is_modified(obj, include_collections=False)]
    keys = _keys(list(session.deleted) + changed)
    if keys:
        session.info.setdefault(_PENDING, set()).update(_units(session, keys))
    known = session.info.get(_OWNER_OF, {})
    for obj in session.deleted:
        kind = _KIND_OF.get(type(obj))
        if kind is not None:
            known.pop((kind, obj.id), None)


@event.listens_for(Session, "after_flush")
def _after(session, _context) -> None:
    """New objects have their keys once flushed: the units touched are noted for the commit."""
    units = session.info.pop(_PENDING, set())
    keys = _keys(session.new)
    if keys:
        units |= _units(session, keys)
    if units:
        session.info.setdefault(_TOUCHED, set()).update(units)


@event.listens_for(Session, "before_commit")
def _stamp(session) -> None:
    """Every unit touched gets its new stamp last, just before the commit: other transactions
    see it with all of this one's data, and the row lock it takes is held for no longer than
    the commit (200 clients saving in one Kabupaten queue on that row)."""
    session.flush()
    units = session.info.pop(_TOUCHED, set())
    if units:
        table = Unit.__table__
        session.connection().execute(table.update().where(table.c.id.in_(sorted(units)))
                                     .values(data_stamp=secrets.randbits(62)))


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session, _previous) -> None:
    """Nothing touched is left to stamp once the changes are gone."""
    for key in (_TOUCHED, _PENDING, _OWNER_OF):
        session.info.pop(key, None)


@event.listens_for(Session, "after_commit")
def _committed(session) -> None:
    session.info.pop(_OWNER_OF, None)
