"""The roll-up rules as pure functions over a Snapshot (docs/rollup.md). Nothing here reads the
database or raises on bad data: a child with unusable data is shown with its status and counts
as not meeting, like one that has not reported."""
from __future__ import annotations

from decimal import Decimal
from functools import partial

from .. import capaian
from ..domain import GRADES, QUARTERS, SHARE_RULES
from ..measurement import Spec
from .figures import ChildFigure, Figure, Leaf, Node, Rollup, Snapshot, Subtree, UnitInfo

# The grade a child must reach when its linked indicator names none ("... minimal B").
LKE_MINIMUM = "B"
_HUNDRED = Decimal(100)


def compute(snapshot: Snapshot, indicator_id: int) -> tuple[Rollup, Rollup]:
    """The roll-up of one computed indicator for its four quarters: (verified, sementara).

    One pass over the tree gives both: a leaf's quarters are worked out once, and where it has
    no unverified entry its sementara lines are its verified lines (the same objects), so a
    subtree that is all verified is computed once for both."""
    node = snapshot.nodes[indicator_id]
    verified, provisional = figures(snapshot, indicator_id)
    progress = _progress(node.spec, [f.value for f in verified])
    other = progress if provisional is verified else \
        _progress(node.spec, [f.value for f in provisional])
    return (Rollup(indicator_id, node.rule, True, verified, progress),
            Rollup(indicator_id, node.rule, False, provisional, other))


Lines = tuple[ChildFigure, ...]  # a child in TW I..IV


def figures(snapshot: Snapshot, indicator_id: int) -> tuple[tuple[Figure, ...], tuple[Figure, ...]]:
    """One computed indicator in TW I..IV, from the leaves below it (any depth): (verified,
    sementara); the same tuple twice when nothing below it is waiting for verification."""
    node = snapshot.nodes[indicator_id]
    exempt = snapshot.exempt.get(indicator_id, {})
    linked = snapshot.linked.get(indicator_id, {})
    both: list[tuple[Lines, Lines, tuple, tuple]] = []  # per child: lines and leaves, per flag
    for unit_id in snapshot.children_of(node.unit_id, node.year):
        unit = snapshot.units[unit_id]
        child_id = linked.get(unit_id)
        child = snapshot.nodes.get(child_id) if child_id is not None else None
        if unit_id in exempt:
            line = ChildFigure(unit, child_id, "exempt", False, None, _target(child), None,
                               reason=exempt[unit_id])
            lines = (line,) * len(QUARTERS)
            both.append((lines, lines, ((),) * len(QUARTERS), ((),) * len(QUARTERS)))
            continue
        if unit.retired and child is None:
            continue  # a closed office that never had the indicator is not a child any more
        if child is not None and child.rule != "typed":
            sub = snapshot.stored.get(child.indicator_id) or subtree(snapshot, unit, child)
            both.append((sub.lines, sub.other, tuple(f.leaves for f in sub.verified),
                         tuple(f.leaves for f in sub.provisional)))
            continue
        verified, provisional = _lke_lines(snapshot, unit, child, node.year) \
            if node.rule == "persentase_huruf" else _leaf_lines(snapshot, node.rule, unit, child)
        leaves = tuple((_leaf_of(node.rule, unit, line),) for line in verified)
        both.append((verified, provisional, leaves, leaves if provisional is verified else
                     tuple((_leaf_of(node.rule, unit, line),) for line in provisional)))
    verified = _figures_of(node.rule, [(lines, leaves) for lines, _, leaves, _ in both])
    if all(v is p for v, p, _, _ in both):
        return verified, verified
    return verified, _figures_of(node.rule, [(lines, leaves) for _, lines, _, leaves in both])


def subtree(snapshot: Snapshot, unit: UnitInfo, child: Node) -> Subtree:
    """A computed child (its unit and its node) with everything its parent takes from it."""
    verified, provisional = figures(snapshot, child.indicator_id)
    lines = _computed_lines(unit, child, verified)
    other = lines if provisional is verified else _computed_lines(unit, child, provisional)
    return Subtree(verified, provisional, lines, other)


def _figures_of(rule: str, children: list[tuple[Lines, tuple]]) -> tuple[Figure, ...]:
    """The Figures of TW I..IV from each child's lines and the leaves it brings, per quarter."""
    out = []
    for n, q in enumerate(QUARTERS):
        leaves = [leaf for _, brought in children for leaf in brought[n]]
        numerator, value = _combine(rule, leaves)
        out.append(Figure(q, rule, value, numerator, sum(1 for leaf in leaves if leaf.counted),
                          tuple(lines[n] for lines, _ in children), tuple(leaves)))
    return tuple(out)


def _computed_lines(unit: UnitInfo, child: Node, sub: tuple[Figure, ...]) -> Lines:
    """A computed child in TW I..IV: its figure, and its capaian to date in each quarter."""
    lines = []
    for q in QUARTERS:
        values = [f.value if f.quarter <= q else None for f in sub]
        result = _progress(child.spec, values).to_date
        lines.append(ChildFigure(unit, child.indicator_id, "computed", True, sub[q - 1].value,
                                 child.spec.target, result, given_met=result.met,
                                 figure=sub[q - 1]))
    return tuple(lines)


def _leaf_of(rule: str, unit: UnitInfo, line: ChildFigure) -> Leaf:
    met = line.met if rule in SHARE_RULES else False  # a numeric rule does not ask
    return Leaf(unit.id, unit.kind, True, met, _used(rule, line), line.assessed)


def _progress(spec: Spec, values: list) -> capaian.Progress:
    return capaian.progress(spec.target, values, spec.quarter_targets, spec.polarity,
                            spec.aggregation, spec.quarter_mode)


def _target(node: Node | None) -> capaian.Target | None:
    return node.spec.target if node is not None else None


def _leaf_lines(snapshot: Snapshot, rule: str, unit: UnitInfo,
                node: Node | None) -> tuple[Lines, Lines]:
    """A child that types its realisasi, in TW I..IV: (verified, sementara). The same lines
    twice when every quarter it filled is approved: both count the same values."""
    if node is None:
        lines = (ChildFigure(unit, None, "not_reported", True, None, None, None),) * len(QUARTERS)
        return lines, lines
    stored = snapshot.values.get(node.indicator_id, {})
    states = snapshot.statuses.get(node.indicator_id, {})
    verified = tuple(_leaf(rule, unit, node, stored, states, q, True) for q in QUARTERS)
    if all(states.get(q) == "approved" for q, v in stored.items() if v is not None):
        return verified, verified
    return verified, tuple(_leaf(rule, unit, node, stored, states, q, False) for q in QUARTERS)


def _leaf(rule: str, unit: UnitInfo, node: Node, stored: dict, states: dict, quarter: int,
          verified: bool) -> ChildFigure:
    """A child that types its realisasi, in one quarter."""
    if stored.get(quarter) is None:
        status = "not_reported"
    else:
        status = "approved" if states.get(quarter) == "approved" else "unverified"
    # The quarters that count: approved ones only, or every filled one for "sementara"; the
    # quarters after this one do not count yet.
    values = [stored.get(q) if q <= quarter and (not verified or states.get(q) == "approved")
              else None for q in QUARTERS]
    usable = values[quarter - 1] is not None
    pending = stored.get(quarter) if status == "unverified" and not usable else None
    if rule in SHARE_RULES:
        # A quarter that does not count has no capaian: the rules are not even asked.
        progress = _progress(node.spec, values) if usable else None
        result = progress.to_date if usable else None
        met = usable and result.met
        shown = progress.realisasi if usable else None
        return ChildFigure(unit, node.indicator_id, status, True, shown, node.spec.target,
                           result, given_met=met, pending=pending)
    # A numeric rule takes the value as it is: its capaian waits until someone asks.
    later = partial(_progress, node.spec, values) if usable else None
    return ChildFigure(unit, node.indicator_id, status, True, values[quarter - 1],
                       node.spec.target, None, pending=pending, later=later)


def _lke_lines(snapshot: Snapshot, unit: UnitInfo, node: Node | None,
               year: int) -> tuple[Lines, Lines]:
    """persentase_huruf: a child by its LKE grade of the year, the same in every quarter (the
    LKE is yearly; the grade as it stands now): (verified, sementara)."""
    verified = _lke_leaf(snapshot, unit, node, year, True)
    provisional = _lke_leaf(snapshot, unit, node, year, False)
    lines = (verified,) * len(QUARTERS)
    return lines, lines if provisional == verified else (provisional,) * len(QUARTERS)


def _lke_leaf(snapshot: Snapshot, unit: UnitInfo, node: Node | None, year: int,
              verified: bool) -> ChildFigure:
    """Its target: the grade its linked indicator names, else LKE_MINIMUM. Only an official
    grade (lke.grades.FinalGrade.official) counts in the verified figure; any grade counts in
    the "sementara" one (docs/rollup.md)."""
    iid = node.indicator_id if node is not None else None
    goal = node.spec.target.grade if node is not None and node.spec.grade else None
    target = capaian.Target("grade", grade=goal or LKE_MINIMUM)
    grade = snapshot.grades.get((unit.id, year))
    if grade is None:
        return ChildFigure(unit, iid, "not_reported", True, None, target, None, from_lke=True)
    status = "approved" if grade.official else "unverified"
    if verified and not grade.official:
        return ChildFigure(unit, iid, status, True, None, target, None, pending=grade.letter,
                           from_lke=True, grade=grade)
    result = capaian.achievement(target, grade.letter)
    return ChildFigure(unit, iid, status, True, grade.letter, target, result,
                       given_met=result.met, from_lke=True, grade=grade)


def _used(rule: str, line: ChildFigure) -> Decimal | str | None:
    """The value a numeric rule takes from a leaf (None: it entered nothing)."""
    if rule in SHARE_RULES or not line.assessed:
        return None
    return line.value


def _combine(rule: str, leaves: list[Leaf]) -> tuple[int, Decimal | str | None]:
    """(numerator, value) of the counted leaves."""
    counted = [leaf for leaf in leaves if leaf.counted]
    if rule in SHARE_RULES:
        met = sum(1 for leaf in counted if leaf.met)
        # Nobody reported the quarter yet: it is not filled (a 0% would end the year at 0%
        # for a "nilai akhir" parent before TW IV is even due).
        if not any(leaf.reported for leaf in counted):
            return met, None
        return met, Decimal(met) * _HUNDRED / len(counted)
    values = [leaf.value for leaf in counted if leaf.value is not None]
    return len(values), _numeric(rule, values)


def _numeric(rule: str, values: list) -> Decimal | str | None:
    """jumlah / rata-rata / minimum / maksimum of the leaves' values. Grades have an order but
    no sum: minimum and maksimum take the lowest or highest grade; jumlah and rata-rata take
    numbers only."""
    grades = [g for g in (v.strip().upper() for v in values if isinstance(v, str))
              if g in GRADES]
    numbers = [v for v in values if isinstance(v, Decimal) and v.is_finite()]
    if rule in ("minimum", "maksimum") and grades and not numbers:
        pick = min if rule == "minimum" else max
        return pick(grades, key=GRADES.index)
    if not numbers:
        return None
    if rule == "jumlah":
        return sum(numbers, Decimal(0))
    if rule == "rata_rata":
        return sum(numbers, Decimal(0)) / len(numbers)
    if rule == "minimum":
        return min(numbers)
    if rule == "maksimum":
        return max(numbers)
    return None

