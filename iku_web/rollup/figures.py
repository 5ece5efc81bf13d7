"""What the roll-up computes, as plain data: the tree it reads (Snapshot) and the figures it
gives per quarter (Figure, ChildFigure, Rollup). The rules are in compute.py (docs/rollup.md)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from .. import capaian
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

    children: child unit ids per unit id, in display order, in the current tree; a year's
    tree is children_of(unit, year), which applies the moves (docs/rollup.md, "Moving a
    unit"). linked: per indicator id, its linked indicator per child unit id (of that year).
    values: per indicator id, per quarter, the stored realisasi (a Decimal, or a grade for
    grade indicators). statuses: per indicator id, per quarter, the review status. exempt:
    per parent indicator id, per child unit id, the reason.
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
    # unit id -> its data stamp (Unit.data_stamp), the key of stored subtrees (memo.py).
    stamps: dict[int, int | None] = field(default_factory=dict)
    # computed indicator id -> its Subtree, taken from the store (memo.py) instead of the rows
    # below it, which a shallow snapshot does not hold (load.py).
    stored: dict[int, Subtree] = field(default_factory=dict)
    # unit id -> its moves as (from_year, old parent id), newest first (models.UnitMove).
    moves: dict[int, list[tuple[int, int | None]]] = field(default_factory=dict)
    _trees: dict[int, dict[int, list[int]]] = field(default_factory=dict, init=False,
                                                    repr=False, compare=False)

    def parent_of(self, unit_id: int, year: int) -> int | None:
        """The unit's parent in `year`: the current one, unless a move took effect after that
        year; then the parent it had before the earliest such move."""
        parent = self.units[unit_id].parent_id
        for from_year, old_parent in self.moves.get(unit_id, ()):
            if year < from_year:
                parent = old_parent
        return parent

    def children_of(self, unit_id: int, year: int) -> list[int]:
        """The unit's children in `year`, in display order (the year's tree, made once)."""
        tree = self._trees.get(year)
        if tree is None:
            tree = self._trees[year] = self._tree_of(year)
        return tree.get(unit_id, [])

    def _tree_of(self, year: int) -> dict[int, list[int]]:
        moved = {unit_id for unit_id, moves in self.moves.items()
                 if unit_id in self.units and any(year < f for f, _ in moves)}
        if not moved:
            return self.children
        tree = {parent: [c for c in kids if c not in moved]
                for parent, kids in self.children.items()}
        for unit_id in moved:
            parent = self.parent_of(unit_id, year)
            if parent is not None:
                tree.setdefault(parent, []).append(unit_id)
        for kids in tree.values():
            kids.sort(key=lambda u: (self.units[u].name, u))
        return tree


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


@dataclass(frozen=True)
class Subtree:
    """A computed child as its parent needs it, in TW I..IV: its own figures and the lines the
    parent shows for it, verified and sementara. Everything in it comes from the child's
    subtree, which is what lets the store keep it (memo.py)."""
    verified: tuple[Figure, ...]
    provisional: tuple[Figure, ...]
    lines: tuple[ChildFigure, ...]
    other: tuple[ChildFigure, ...]  # the sementara lines (the same object when no different)
