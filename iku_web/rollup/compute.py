"""The roll-up rules as pure functions over a Snapshot (docs/rollup.md). Nothing here reads the
database or raises on bad data: a child with unusable data is shown with its status and counts
as not meeting, like one that has not reported."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .. import capaian
from ..domain import GRADES, QUARTERS, SHARE_RULES
from ..measurement import Spec

STATUSES = {
    "approved": "Terverifikasi",
    "unverified": "Belum diverifikasi",
    "not_reported": "Belum melapor",
    "exempt": "Tidak berlaku",
    "computed": "Dihitung dari unit di bawahnya",
}
# persentase_huruf reads the children's LKE grades (lke/grades.py): its statuses say so.
LKE_STATUSES = {
    "approved": "Nilai final",
    "unverified": "Nilai belum final",
    "not_reported": "Belum melapor (LKE belum diisi)",
}
# The grade a child must reach when its linked indicator names none ("... minimal B").
LKE_MINIMUM = "B"
_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class UnitInfo:
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    retired: bool = False


@dataclass(frozen=True)
class Node:
    """One indicator of the tree: the parent's, or a linked one of a unit below."""
    indicator_id: int
    unit_id: int
    year: int
    parent_indicator_id: int | None
    rule: str
    spec: Spec


@dataclass
class Snapshot:
    """Everything the rules read, loaded at once (load.py) or built by hand in a test.

    children: child unit ids per unit id, in display order. linked: per indicator id, its
    linked indicator per child unit id. values: per indicator id, per quarter, the stored
    realisasi (a Decimal, or a grade for grade indicators). statuses: per indicator id, per
    quarter, the review status. exempt: per parent indicator id, per child unit id, the reason.
    """
    units: dict[int, UnitInfo]
    children: dict[int, list[int]]
    nodes: dict[int, Node]
    linked: dict[int, dict[int, int]] = field(default_factory=dict)
    values: dict[int, dict[int, Decimal | str]] = field(default_factory=dict)
    statuses: dict[int, dict[int, str]] = field(default_factory=dict)
    exempt: dict[int, dict[int, str]] = field(default_factory=dict)
    # (unit id, year) -> the unit's LKE grade (lke.grades.FinalGrade: letter, official, ...),
    # read for persentase_huruf only; a unit without one is not in it.
    grades: dict[tuple[int, int], object] = field(default_factory=dict)


@dataclass(frozen=True)
class Leaf:
    """A unit at the bottom of the computation (one that types its realisasi)."""
    unit_id: int
    kind: str  # its unit's kind (the figure's text names them: "KPU Kabupaten/Kota")
    counted: bool  # in the denominator (not "tidak berlaku")
    met: bool  # share rules: its target is met
    value: Decimal | str | None  # numeric rules: the value that entered the computation
    reported: bool  # it has a value for the quarter that may count (approved, or sementara)


@dataclass(frozen=True)
class ChildFigure:
    """One direct child of the parent in one quarter."""
    unit: UnitInfo
    indicator_id: int | None  # its linked indicator (None: not cascaded to it, or no year)
    status: str  # STATUSES
    counted: bool  # in the denominator
    value: Decimal | str | None  # share rules: its realisasi to date; else its quarter value
    target: capaian.Target | None
    result: capaian.Result | None  # its capaian (against its target due by the quarter)
    met: bool = False
    reason: str = ""  # why it is "tidak berlaku"
    figure: Figure | None = None  # a computed child: its own figure over its leaves
    pending: Decimal | str | None = None  # the quarter's typed value that is not verified yet
    from_lke: bool = False  # persentase_huruf: the value is the child's LKE grade
    grade: object | None = None  # that grade (lke.grades.FinalGrade), None: no LKE

    @property
    def status_label(self) -> str:
        if self.from_lke and self.status in LKE_STATUSES:
            label = LKE_STATUSES[self.status]
            return f"{label} ({self.grade.state_text})" if self.grade is not None else label
        return STATUSES[self.status]


@dataclass(frozen=True)
class Figure:
    """A computed indicator in one quarter (or the year, see Rollup.year): value, numerator,
    denominator, and its direct children.

    Share rules: numerator = leaves that met their target, denominator = leaves counted, value
    = numerator / denominator x 100. Numeric rules: numerator = leaves whose value entered the
    computation, denominator = leaves counted. value None: nothing to show for this quarter
    (no counted leaf reported it), so it is "not filled" for the parent's aggregation."""
    quarter: int
    rule: str
    value: Decimal | str | None
    numerator: int
    denominator: int
    children: tuple[ChildFigure, ...]
    leaves: tuple[Leaf, ...] = ()

    @property
    def exempt(self) -> int:
        return sum(1 for child in self.children if child.status == "exempt")


@dataclass(frozen=True)
class Rollup:
    """A computed indicator for its year, verified figures only (the default) or including
    unverified entries ("sementara")."""
    indicator_id: int
    rule: str
    verified: bool
    quarters: tuple[Figure, ...]  # TW I..IV
    progress: capaian.Progress  # the parent's own aggregation and capaian over the quarters

    @property
    def values(self) -> tuple[Decimal | str | None, ...]:
        return tuple(f.value for f in self.quarters)

    @property
    def year(self) -> Figure | None:
        """The figure the year's realisasi comes from: the last quarter with a value (the
        year's value itself is progress.realisasi, aggregated as the parent says)."""
        filled = [f for f in self.quarters if f.value is not None]
        return filled[-1] if filled else None


def compute(snapshot: Snapshot, indicator_id: int, verified: bool = True) -> Rollup:
    """The roll-up of one computed indicator for its four quarters."""
    node = snapshot.nodes[indicator_id]
    quarters = figures(snapshot, indicator_id, verified)
    progress = _progress(node.spec, [f.value for f in quarters])
    return Rollup(indicator_id, node.rule, verified, quarters, progress)


def figures(snapshot: Snapshot, indicator_id: int, verified: bool) -> tuple[Figure, ...]:
    """One computed indicator in TW I..IV, from the leaves below it (any depth)."""
    node = snapshot.nodes[indicator_id]
    exempt = snapshot.exempt.get(indicator_id, {})
    linked = snapshot.linked.get(indicator_id, {})
    children = {q: [] for q in QUARTERS}
    leaves = {q: [] for q in QUARTERS}
    for unit_id in snapshot.children.get(node.unit_id, []):
        unit = snapshot.units[unit_id]
        child_id = linked.get(unit_id)
        child = snapshot.nodes.get(child_id) if child_id is not None else None
        if unit_id in exempt:
            for q in QUARTERS:
                children[q].append(ChildFigure(unit, child_id, "exempt", False, None,
                                               _target(child), None, reason=exempt[unit_id]))
            continue
        if unit.retired and child is None:
            continue  # a closed office that never had the indicator is not a child any more
        if child is not None and child.rule != "typed":
            sub = figures(snapshot, child.indicator_id, verified)
            for q in QUARTERS:
                values = [f.value if f.quarter <= q else None for f in sub]
                result = _progress(child.spec, values).to_date
                children[q].append(ChildFigure(unit, child_id, "computed", True, sub[q - 1].value,
                                               child.spec.target, result, met=result.met,
                                               figure=sub[q - 1]))
                leaves[q].extend(sub[q - 1].leaves)
            continue
        if node.rule == "persentase_huruf":
            line = _lke_leaf(snapshot, unit, child, node.year, verified)
            for q in QUARTERS:
                children[q].append(line)
                leaves[q].append(Leaf(unit_id, unit.kind, True, line.met, None,
                                      line.result is not None))
            continue
        for q in QUARTERS:
            line = _leaf(snapshot, node.rule, unit, child, q, verified)
            children[q].append(line)
            leaves[q].append(Leaf(unit_id, unit.kind, True, line.met, _used(node.rule, line),
                                  line.result is not None))
    out = []
    for q in QUARTERS:
        numerator, value = _combine(node.rule, leaves[q])
        out.append(Figure(q, node.rule, value, numerator,
                          sum(1 for leaf in leaves[q] if leaf.counted),
                          tuple(children[q]), tuple(leaves[q])))
    return tuple(out)


def _progress(spec: Spec, values: list) -> capaian.Progress:
    return capaian.progress(spec.target, values, spec.quarter_targets, spec.polarity,
                            spec.aggregation, spec.quarter_mode)


def _target(node: Node | None) -> capaian.Target | None:
    return node.spec.target if node is not None else None


def _leaf(snapshot: Snapshot, rule: str, unit: UnitInfo, node: Node | None, quarter: int,
          verified: bool) -> ChildFigure:
    """A child that types its realisasi, in one quarter."""
    if node is None:
        return ChildFigure(unit, None, "not_reported", True, None, None, None)
    stored = snapshot.values.get(node.indicator_id, {})
    states = snapshot.statuses.get(node.indicator_id, {})
    if stored.get(quarter) is None:
        status = "not_reported"
    else:
        status = "approved" if states.get(quarter) == "approved" else "unverified"
    # The quarters that count: approved ones only, or every filled one for "sementara".
    values = [stored.get(q) if q <= quarter and (not verified or states.get(q) == "approved")
              else None for q in QUARTERS]
    usable = values[quarter - 1] is not None
    pending = stored.get(quarter) if status == "unverified" and not usable else None
    if rule in SHARE_RULES:
        result = _quarter_capaian(node.spec, values, quarter)
        met = usable and result.met
        shown = _progress(node.spec, values).realisasi if usable else None
        return ChildFigure(unit, node.indicator_id, status, True, shown, node.spec.target,
                           result if usable else None, met=met, pending=pending)
    value = values[quarter - 1]
    result = _quarter_capaian(node.spec, values, quarter) if usable else None
    return ChildFigure(unit, node.indicator_id, status, True, value, node.spec.target, result,
                       met=bool(result and result.met), pending=pending)


def _lke_leaf(snapshot: Snapshot, unit: UnitInfo, node: Node | None, year: int,
              verified: bool) -> ChildFigure:
    """persentase_huruf: a child by its LKE grade of the year, the same in every quarter (the
    LKE is yearly; the grade as it stands now). Its target: the grade its linked indicator
    names, else LKE_MINIMUM. Only an official grade (lke.grades.FinalGrade.official) counts in
    the verified figure; any grade counts in the "sementara" one (docs/rollup.md)."""
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
    return ChildFigure(unit, iid, status, True, grade.letter, target, result, met=result.met,
                       from_lke=True, grade=grade)


def _quarter_capaian(spec: Spec, values: list, quarter: int) -> capaian.Result:
    """Capaian to date at `quarter`: the quarters after it do not count yet."""
    values = [v if q <= quarter else None for q, v in zip(QUARTERS, values, strict=True)]
    return _progress(spec, values).to_date


def _used(rule: str, line: ChildFigure) -> Decimal | str | None:
    """The value a numeric rule takes from a leaf (None: it entered nothing)."""
    if rule in SHARE_RULES or line.result is None:
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

