"""The roll-up rules as pure functions over a Snapshot (docs/rollup.md). Nothing here reads the
database or raises on bad data: a child with unusable data is shown with its status and counts
as not meeting, like one that has not reported."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, partial

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
    # for persentase_huruf; a unit without an LKE that year is absent.
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
    """One direct child of the parent in one quarter.

    Its capaian (`result`, `met`) is either given or worked out when first asked (`later`): a
    numeric rule's figure needs only whether a leaf's value counts, so a page that shows the
    figure alone does not pay for the capaian of every office below (the drill-down asks)."""
    unit: UnitInfo
    indicator_id: int | None  # its linked indicator (None: not cascaded to it, or no year)
    status: str  # STATUSES
    counted: bool  # in the denominator
    value: Decimal | str | None  # share rules: its realisasi to date; else its quarter value
    target: capaian.Target | None
    given_result: capaian.Result | None  # its capaian (against its target due by the quarter)
    given_met: bool = False
    reason: str = ""  # why it is "tidak berlaku"
    figure: Figure | None = None  # a computed child: its own figure over its leaves
    pending: Decimal | str | None = None  # the quarter's typed value that is not verified yet
    from_lke: bool = False  # persentase_huruf: the value is the child's LKE grade
    grade: object | None = None  # that grade (lke.grades.FinalGrade), None: no LKE
    later: Callable[[], capaian.Progress] | None = field(default=None, repr=False,
                                                           compare=False)

    @property
    def status_label(self) -> str:
        if self.from_lke and self.status in LKE_STATUSES:
            label = LKE_STATUSES[self.status]
            return f"{label} ({self.grade.state_text})" if self.grade is not None else label
        return STATUSES[self.status]

    @property
    def assessed(self) -> bool:
        """It has a capaian this quarter (without working it out)."""
        return self.later is not None or self.given_result is not None

    @cached_property
    def result(self) -> capaian.Result | None:
        return self.given_result if self.later is None else self.later().to_date

    @property
    def met(self) -> bool:
        return self.given_met if self.later is None else self.result.met


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
    for unit_id in snapshot.children.get(node.unit_id, []):
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
            verified, provisional = figures(snapshot, child.indicator_id)
            lines = _computed_lines(unit, child, verified)
            other = lines if provisional is verified else \
                _computed_lines(unit, child, provisional)
            both.append((lines, other, tuple(f.leaves for f in verified),
                         tuple(f.leaves for f in provisional)))
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

