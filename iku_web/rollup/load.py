"""The roll-up's one query layer: everything below some computed indicators, in six queries
whatever the number of units and levels, four more for the LKE grades of a "minimal B" share
(docs/rollup.md). The tree is walked once, by the statement that reads its indicators; the
others take the ids it found. The units' tree of each year is the current one with the moves
undone that took effect after that year (Snapshot.children_of)."""
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from ..extensions import db
from ..measurement import SPEC_COLUMNS, spec_of
from ..models import Indicator, Realisasi, Review, RollupExemption, Unit, UnitMove, Year
from .figures import Node, Snapshot, UnitInfo


def _tree(root_ids: list[int], deep: bool):
    """The indicators given and every indicator linked below them, as a recursive CTE; with
    deep False, only those linked to them directly."""
    if not deep:
        return (sa.select(Indicator.id).where(sa.or_(Indicator.id.in_(root_ids),
                                                     Indicator.parent_indicator_id.in_(root_ids)))
                .subquery("rollup_tree"))
    tree = (sa.select(Indicator.id).where(Indicator.id.in_(root_ids))
            .cte("rollup_tree", recursive=True))
    below = aliased(Indicator)
    return tree.union_all(sa.select(below.id).where(below.parent_indicator_id == tree.c.id))


def load(root_ids: Iterable[int], deep: bool = True) -> Snapshot:
    """A Snapshot of the computed indicators `root_ids` (of any units) and what lies below
    (deep), or only the indicators linked to them directly (the rest comes from stored
    subtrees, service.py)."""
    root_ids = sorted(set(root_ids))
    # Plain column reads on the session's connection: the ORM's result layer costs a tenth of
    # KPU RI's roll-up (70,000 rows) and adds nothing to rows that are not entities. The
    # connection does not autoflush as the session would, so that is done here.
    if db.session.autoflush:
        db.session.flush()
    run = db.session.connection().execute
    # The stamps are read first: data read after them is at least as new as they say, so a
    # subtree stored under them is never older than its key (memo.py).
    unit_rows = run(sa.select(Unit.id, Unit.code, Unit.name, Unit.kind, Unit.parent_id,
                              Unit.retired, Unit.data_stamp)).all()
    units = {u.id: UnitInfo(u.id, u.code, u.name, u.kind, u.parent_id, u.retired)
             for u in unit_rows}
    children: dict[int, list[int]] = {}
    for unit in sorted(units.values(), key=lambda u: (u.name, u.id)):
        if unit.parent_id is not None:
            children.setdefault(unit.parent_id, []).append(unit.id)
    snapshot = Snapshot(units, children, {}, stamps={u.id: u.data_stamp for u in unit_rows})
    # Every move of the install (a handful a year): read with the stamps, which its rows
    # replace (models/stamps.py), newest first as Snapshot.parent_of applies them.
    for unit_id, from_year, old_parent in run(
            sa.select(UnitMove.unit_id, UnitMove.from_year, UnitMove.old_parent_id)
            .order_by(UnitMove.moved_at.desc(), UnitMove.id.desc())):
        snapshot.moves.setdefault(unit_id, []).append((from_year, old_parent))
    if not root_ids:
        return snapshot
    tree = _tree(root_ids, deep)
    rows = run(
        sa.select(Indicator.id, Indicator.parent_indicator_id, Indicator.rollup_rule,
                  Year.unit_id, Year.year, *SPEC_COLUMNS)
        .join(Year, Year.id == Indicator.year_id).join(tree, tree.c.id == Indicator.id)).all()
    for row in rows:
        snapshot.nodes[row.id] = Node(row.id, row.unit_id, row.year, row.parent_indicator_id,
                                      row.rollup_rule, spec_of(row))
    for node in snapshot.nodes.values():
        parent = snapshot.nodes.get(node.parent_indicator_id)
        # A link counts only from a child unit's indicator of the same year, the unit being
        # that parent's child in that year.
        if parent is not None and parent.year == node.year \
                and snapshot.parent_of(node.unit_id, node.year) == parent.unit_id:
            snapshot.linked.setdefault(parent.indicator_id, {})[node.unit_id] = node.indicator_id
    # A list of the ids found rather than the recursion again: the recursion runs once, and
    # the planner knows how many rows there are (a province's few index probes, not a scan of
    # the national tables). SQLite takes up to 32,766 of them, the whole of a province.
    ids = list(snapshot.nodes)
    grade = {node.indicator_id for node in snapshot.nodes.values() if node.spec.grade}
    for iid, quarter, value, letter in run(
            sa.select(Realisasi.indicator_id, Realisasi.quarter, Realisasi.value,
                      Realisasi.grade).where(Realisasi.indicator_id.in_(ids))):
        stored = letter if iid in grade else value
        if stored is not None and not (isinstance(stored, str) and not stored.strip()):
            snapshot.values.setdefault(iid, {})[quarter] = stored
    for iid, quarter, status in run(
            sa.select(Review.indicator_id, Review.quarter, Review.status)
            .where(Review.indicator_id.in_(ids))):
        snapshot.statuses.setdefault(iid, {})[quarter] = status
    # An exemption belongs to a computed indicator (the parent's): the typed ones need no look.
    computed = [node.indicator_id for node in snapshot.nodes.values() if node.rule != "typed"]
    for iid, unit_id, reason in run(
            sa.select(RollupExemption.indicator_id, RollupExemption.unit_id,
                      RollupExemption.reason).where(RollupExemption.indicator_id.in_(computed))):
        snapshot.exempt.setdefault(iid, {})[unit_id] = reason
    # Shallow: only the roots are computed from these rows; the linked ones come from the store.
    _grades(snapshot, set(snapshot.nodes) if deep else set(root_ids))
    return snapshot


def _grades(snapshot: Snapshot, computed_here: set[int]) -> None:
    """The LKE grades persentase_huruf reads, for the indicators computed from this snapshot:
    of the children that count by their own LKE (not those computed from their own children,
    a province under KPU RI), for each year it is asked for; four queries per such year
    whatever the number of units (lke/grades.py), none without."""
    # Imported here: importing the lke package registers its views, which import this module.
    from ..lke.grades import grades_for

    wanted: dict[int, set[int]] = {}
    for node in snapshot.nodes.values():
        if node.rule != "persentase_huruf" or node.indicator_id not in computed_here:
            continue
        linked = snapshot.linked.get(node.indicator_id, {})
        for unit_id in snapshot.children_of(node.unit_id, node.year):
            child = snapshot.nodes.get(linked.get(unit_id))
            if child is None or child.rule == "typed":
                wanted.setdefault(node.year, set()).add(unit_id)
    for year, unit_ids in sorted(wanted.items()):
        for unit_id, grade in grades_for(year, unit_ids).items():
            snapshot.grades[(unit_id, year)] = grade
