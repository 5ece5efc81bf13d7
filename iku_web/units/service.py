"""The tree of units a user may read, each with its reporting status for the current quarter."""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from ..access import can, is_install_admin
from ..extensions import db
from ..models import Indicator, Realisasi, Review, Unit, Year


@dataclass(frozen=True)
class Status:
    """One unit's quarter: indicators filled, verified (approved) and still missing."""
    year: int | None
    quarter: int
    indicators: int = 0
    filled: int = 0
    verified: int = 0

    @property
    def missing(self) -> int:
        return self.indicators - self.filled


@dataclass(frozen=True)
class Node:
    unit: Unit
    depth: int
    status: Status


def readable(user) -> list[Unit]:
    """Every unit the user may read, in tree order (parents before their children, siblings
    by code)."""
    units = db.session.scalars(sa.select(Unit).order_by(Unit.code)).all()
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    ordered: list[Unit] = []

    def visit(parent_id):
        for unit in children.get(parent_id, []):
            ordered.append(unit)
            visit(unit.id)

    visit(None)
    if is_install_admin(user):  # reads everything: no need to ask for each of 553 units
        return ordered
    return [u for u in ordered if can(user, "read", u)]


def _depths(units: list[Unit]) -> dict[int, int]:
    depth: dict[int, int] = {}
    for unit in units:  # parents come first
        depth[unit.id] = depth.get(unit.parent_id, -1) + 1 if unit.parent_id in depth else 0
    return depth


def tree(user, on: date) -> list[Node]:
    """The readable units with the status of the quarter `on` falls in, in that year (or the
    unit's latest year before it, whose Triwulan IV then counts). Four queries in all."""
    units = readable(user)
    if not units:
        return []
    years: dict[int, tuple[int, int]] = {}
    for unit_id, year_id, year in db.session.execute(
            sa.select(Year.unit_id, Year.id, Year.year)
            .where(Year.unit_id.in_([u.id for u in units]), Year.year <= on.year)
            .order_by(Year.year)):
        years[unit_id] = (year_id, year)  # the latest wins
    current = (on.month - 1) // 3 + 1
    quarter = {year_id: current if year == on.year else 4 for year_id, year in years.values()}
    rows = db.session.execute(sa.select(Indicator.year_id, Indicator.id).where(
        Indicator.year_id.in_(list(quarter)))).all()
    ids = [indicator_id for _y, indicator_id in rows]
    filled = set(db.session.execute(sa.select(Realisasi.indicator_id, Realisasi.quarter).where(
        Realisasi.indicator_id.in_(ids),
        sa.or_(Realisasi.value.is_not(None), Realisasi.grade.is_not(None)))).tuples())
    approved = set(db.session.execute(sa.select(Review.indicator_id, Review.quarter).where(
        Review.indicator_id.in_(ids), Review.status == "approved")).tuples())
    counts: dict[int, list[int]] = {}
    for year_id, indicator_id in rows:
        key = (indicator_id, quarter[year_id])
        total = counts.setdefault(year_id, [0, 0, 0])
        total[0] += 1
        total[1] += key in filled
        total[2] += key in approved
    depth = _depths(units)
    nodes = []
    for unit in units:
        year_id, year = years.get(unit.id, (None, None))
        status = Status(year, quarter.get(year_id, current), *counts.get(year_id, (0, 0, 0)))
        nodes.append(Node(unit, depth[unit.id], status))
    return nodes
